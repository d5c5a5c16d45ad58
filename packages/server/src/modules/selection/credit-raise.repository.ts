import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { selectionCreditRaises } from './selection.tables.ts';

/** The SQL of credit-limit raises 超学分申请 (credit-raise.service.ts). */

type H = Db | Tx;
export type CreditRaiseRow = typeof selectionCreditRaises.$inferSelect;

/** Inserts an application; null when one is already pending for the student and round (the partial unique index). */
export async function insertCreditRaise(tx: Tx, values: typeof selectionCreditRaises.$inferInsert): Promise<CreditRaiseRow | null> {
  const [row] = await tx.insert(selectionCreditRaises).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function findCreditRaise(db: H, id: number): Promise<CreditRaiseRow | null> {
  const [row] = await db.select().from(selectionCreditRaises).where(eq(selectionCreditRaises.id, id));
  return row ?? null;
}

/** A student's applications in a round, newest first. */
export async function findStudentCreditRaises(db: H, studentId: number, roundId: number): Promise<CreditRaiseRow[]> {
  return db
    .select()
    .from(selectionCreditRaises)
    .where(and(eq(selectionCreditRaises.studentId, studentId), eq(selectionCreditRaises.roundId, roundId)))
    .orderBy(desc(selectionCreditRaises.id));
}

export async function setCreditRaise(tx: Tx, id: number, values: Partial<typeof selectionCreditRaises.$inferInsert>) {
  const [row] = await tx.update(selectionCreditRaises).set(values).where(eq(selectionCreditRaises.id, id)).returning();
  return row ?? null;
}

/** The highest approved limit of the student in the round (credits as a number), or null. */
export async function findApprovedMaxCredits(db: H, studentId: number, roundId: number): Promise<number | null> {
  const [row] = await db
    .select({ max: sql<string | null>`max(${selectionCreditRaises.maxCredits})` })
    .from(selectionCreditRaises)
    .where(
      and(
        eq(selectionCreditRaises.studentId, studentId),
        eq(selectionCreditRaises.roundId, roundId),
        eq(selectionCreditRaises.status, 'approved'),
      ),
    );
  return row?.max == null ? null : Number(row.max);
}
