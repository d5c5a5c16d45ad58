import { and, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { transcripts } from './grades.tables.ts';

/** The SQL of issued transcripts 成绩单 (transcripts.service.ts). */

type H = Db | Tx;
export type TranscriptRow = typeof transcripts.$inferSelect;

/** One transcript by its public code (null for an unknown one). */
export async function findTranscriptByCode(db: H, code: string): Promise<TranscriptRow | null> {
  const [row] = await db.select().from(transcripts).where(eq(transcripts.code, code));
  return row ?? null;
}

/**
 * Writes newly issued transcripts, each superseding the live one of its student, kind and
 * language. The students' rows are locked first (in id order), so two issues for one student at
 * once leave exactly one genuine transcript.
 */
export async function insertTranscripts(tx: Tx, rows: (typeof transcripts.$inferInsert & { issuedAt: Date })[]): Promise<TranscriptRow[]> {
  if (rows.length === 0) return [];
  const studentIds = [...new Set(rows.map((r) => r.studentId))].sort((a, b) => a - b);
  await tx.execute(
    sql`select id from students where id in (${sql.join(
      studentIds.map((n) => sql`${n}`),
      sql`, `,
    )}) order by id for update`,
  );
  for (const r of rows) {
    await tx
      .update(transcripts)
      .set({ supersededAt: r.issuedAt })
      .where(
        and(
          eq(transcripts.studentId, r.studentId),
          eq(transcripts.kind, r.kind ?? 'transcript'),
          eq(transcripts.lang, r.lang),
          isNull(transcripts.supersededAt),
          isNull(transcripts.revokedAt),
        ),
      );
  }
  return tx.insert(transcripts).values(rows).returning();
}

/** Marks a transcript revoked unless it already is (null then), returning the row as it was. */
export async function revokeTranscript(tx: Tx, code: string, reason: string, at: Date): Promise<TranscriptRow | null> {
  const [row] = await tx
    .update(transcripts)
    .set({ revokedAt: at, revokedReason: reason })
    .where(and(eq(transcripts.code, code), isNull(transcripts.revokedAt)))
    .returning();
  return row ?? null;
}

export interface TranscriptListRow {
  id: number;
  code: string;
  studentId: number;
  studentCode: string;
  studentName: string;
  kind: string;
  lang: string;
  checksum: string;
  issuedAt: Date;
  issuedByName: string | null;
  supersededAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
}

/**
 * Issued transcripts, newest first: of one student, or of the students of these colleges
 * (null: every college).
 */
export async function findTranscripts(
  db: H,
  filter: { studentId?: number; collegeIds: number[] | null },
  page: { offset: number; limit: number },
): Promise<{ rows: TranscriptListRow[]; total: number }> {
  const where: SQL[] = [];
  if (filter.studentId !== undefined) where.push(eq(transcripts.studentId, filter.studentId));
  if (filter.collegeIds !== null) {
    if (filter.collegeIds.length === 0) return { rows: [], total: 0 };
    where.push(
      inArray(
        transcripts.studentId,
        sql`(select s.id from students s join majors m on m.id = s.major_id join departments d on d.id = m.department_id
              where d.college_id in (${sql.join(
                filter.collegeIds.map((n) => sql`${n}`),
                sql`, `,
              )}))`,
      ),
    );
  }
  const cond = where.length ? and(...where) : undefined;
  const [{ n }] = await db.select({ n: count() }).from(transcripts).where(cond);
  const rows = await db
    .select({
      id: transcripts.id,
      code: transcripts.code,
      studentId: transcripts.studentId,
      studentCode: sql<string>`(select code from students where id = ${transcripts.studentId})`,
      studentName: sql<string>`(select name from students where id = ${transcripts.studentId})`,
      kind: transcripts.kind,
      lang: transcripts.lang,
      checksum: transcripts.checksum,
      issuedAt: transcripts.issuedAt,
      issuedByName: sql<string | null>`(select display_name from users where id = ${transcripts.issuedBy})`,
      supersededAt: transcripts.supersededAt,
      revokedAt: transcripts.revokedAt,
      revokedReason: transcripts.revokedReason,
    })
    .from(transcripts)
    .where(cond)
    .orderBy(desc(transcripts.issuedAt), desc(transcripts.id))
    .offset(page.offset)
    .limit(page.limit);
  return { rows, total: Number(n) };
}
