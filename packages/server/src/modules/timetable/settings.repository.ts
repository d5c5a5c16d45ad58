import { and, eq, sql } from 'drizzle-orm';
import type { TimetableSettingsInput } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { teacherTimeBlocks, timetableLinks, timetableSettings } from './timetable.tables.ts';

type H = Db | Tx;

const values = (s: TimetableSettingsInput) => ({
  weights: s.weights,
  blockedSlots: s.blockedSlots,
  campusTravel: s.campusTravel,
  teacherMaxPeriodsPerDay: s.teacherMaxPeriodsPerDay,
  eveningFromPeriod: s.eveningFromPeriod,
  changeRules: s.changeRules,
});

/**
 * Saves a term's settings if they are still at `version` (0: never saved), bumping it.
 * Null when someone else saved meanwhile: the conditional write is the concurrency guard.
 */
export async function saveSettingsAt(tx: Tx, termId: number, version: number, s: TimetableSettingsInput, now: Date) {
  if (version === 0) {
    const [row] = await tx
      .insert(timetableSettings)
      .values({ termId, version: 1, ...values(s), updatedAt: now })
      .onConflictDoNothing()
      .returning();
    return row ?? null;
  }
  const [row] = await tx
    .update(timetableSettings)
    .set({ ...values(s), version: sql`${timetableSettings.version} + 1`, updatedAt: now })
    .where(and(eq(timetableSettings.termId, termId), eq(timetableSettings.version, version)))
    .returning();
  return row ?? null;
}

// ---------------------------------------------------------------- teacher time blocks

export async function findTeacherTermBlocks(db: H, termId: number, teacherId: number) {
  return db
    .select()
    .from(teacherTimeBlocks)
    .where(and(eq(teacherTimeBlocks.termId, termId), eq(teacherTimeBlocks.teacherId, teacherId)))
    .orderBy(teacherTimeBlocks.day, teacherTimeBlocks.fromPeriod);
}

/**
 * Serialises writers of one teacher's blocks in a term (a transaction-scoped advisory lock),
 * so two saves at once cannot both delete-then-insert and leave the union.
 */
export async function lockTeacherBlocks(tx: Tx, termId: number, teacherId: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(${termId}::int, ${teacherId}::int)`);
}

export async function replaceTeacherBlocks(
  tx: Tx,
  termId: number,
  teacherId: number,
  blocks: { kind: string; day: number; fromPeriod: number; toPeriod: number; note?: string | null }[],
) {
  await tx.delete(teacherTimeBlocks).where(and(eq(teacherTimeBlocks.termId, termId), eq(teacherTimeBlocks.teacherId, teacherId)));
  if (blocks.length)
    await tx.insert(teacherTimeBlocks).values(
      blocks.map((b) => ({
        termId,
        teacherId,
        kind: b.kind,
        day: b.day,
        fromPeriod: b.fromPeriod,
        toPeriod: b.toPeriod,
        note: b.note ?? null,
      })),
    );
}

// ---------------------------------------------------------------- links

/** Serialises link writers of a term (a class may be in one group only). */
export async function lockTermLinks(tx: Tx, termId: number) {
  // A different key space from teacher blocks: (−1, termId).
  await tx.execute(sql`select pg_advisory_xact_lock(-1::int, ${termId}::int)`);
}

export async function insertLink(tx: Tx, termId: number, name: string, teachingClassIds: number[]) {
  const [row] = await tx.insert(timetableLinks).values({ termId, name, teachingClassIds }).returning();
  return row;
}

export async function findLink(db: H, id: number) {
  const [row] = await db.select().from(timetableLinks).where(eq(timetableLinks.id, id));
  return row ?? null;
}

export async function deleteLink(tx: Tx, id: number) {
  const rows = await tx.delete(timetableLinks).where(eq(timetableLinks.id, id)).returning({ id: timetableLinks.id });
  return rows.length > 0;
}
