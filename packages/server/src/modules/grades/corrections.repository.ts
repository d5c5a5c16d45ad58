import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import type { DataScope } from '../../platform/access.ts';
import { recordScopeSql } from './grades-review.read-model.ts';
import { gradeCorrections, gradeRecords, gradeRecordVersions } from './grades.tables.ts';
import { gradeRiskNotices } from './grades-review.tables.ts';

/** The SQL of grade corrections 成绩更正 and of the academic-risk notices sent. */

type H = Db | Tx;
export type CorrectionRow = typeof gradeCorrections.$inferSelect;

/** The record locked for the rest of the transaction (a correction request reads its version). */
export async function lockRecord(tx: Tx, recordId: number) {
  const [row] = await tx.select().from(gradeRecords).where(eq(gradeRecords.id, recordId)).for('update');
  return row ?? null;
}

export async function findRecord(h: H, recordId: number) {
  const [row] = await h.select().from(gradeRecords).where(eq(gradeRecords.id, recordId));
  return row ?? null;
}

/** A new pending request; null when the record already has one pending (the partial unique index). */
export async function insertCorrection(tx: Tx, values: typeof gradeCorrections.$inferInsert): Promise<CorrectionRow | null> {
  const [row] = await tx.insert(gradeCorrections).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function findCorrection(h: H, id: number): Promise<CorrectionRow | null> {
  const [row] = await h.select().from(gradeCorrections).where(eq(gradeCorrections.id, id));
  return row ?? null;
}

export async function lockCorrection(tx: Tx, id: number): Promise<CorrectionRow | null> {
  const [row] = await tx.select().from(gradeCorrections).where(eq(gradeCorrections.id, id)).for('update');
  return row ?? null;
}

export async function setCorrection(tx: Tx, id: number, values: Partial<typeof gradeCorrections.$inferInsert>) {
  const [row] = await tx.update(gradeCorrections).set(values).where(eq(gradeCorrections.id, id)).returning();
  return row ?? null;
}

/** Corrections whose record the scope reaches, newest first, with the total. */
export async function findCorrectionPage(
  h: H,
  scope: DataScope,
  q: { status?: string; termId?: number; ids?: number[]; page: number; pageSize: number },
): Promise<{ items: CorrectionRow[]; total: number }> {
  const where: SQL[] = [
    sql`exists (select 1 from grade_records r
      join students s on s.id = r.student_id
      join majors m on m.id = s.major_id
      join departments d on d.id = m.department_id
      left join teaching_classes tc on tc.id = r.teaching_class_id
      where r.id = ${gradeCorrections.recordId} and ${recordScopeSql(scope)}
      ${q.termId !== undefined ? sql`and r.term_id = ${q.termId}` : sql``})`,
  ];
  if (q.status) where.push(eq(gradeCorrections.status, q.status));
  if (q.ids) where.push(q.ids.length ? inArray(gradeCorrections.id, q.ids) : sql`false`);
  const [{ n }] = await h
    .select({ n: sql<number>`count(*)::int` })
    .from(gradeCorrections)
    .where(and(...where));
  const items = await h
    .select()
    .from(gradeCorrections)
    .where(and(...where))
    .orderBy(desc(gradeCorrections.createdAt), desc(gradeCorrections.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items, total: Number(n) };
}

/** The academic-risk warnings already sent for a term, by student. */
export async function findRiskNotices(h: H, termId: number, studentIds: readonly number[]) {
  if (!studentIds.length) return new Map<number, Date>();
  const rows = await h
    .select({ studentId: gradeRiskNotices.studentId, sentAt: gradeRiskNotices.sentAt })
    .from(gradeRiskNotices)
    .where(and(eq(gradeRiskNotices.termId, termId), inArray(gradeRiskNotices.studentId, [...studentIds])));
  return new Map(rows.map((r) => [r.studentId, r.sentAt]));
}

/** Records the warning; false when this student was already warned this term (nothing sent twice). */
export async function insertRiskNotice(tx: Tx, values: typeof gradeRiskNotices.$inferInsert): Promise<boolean> {
  const rows = await tx.insert(gradeRiskNotices).values(values).onConflictDoNothing().returning({ id: gradeRiskNotices.id });
  return rows.length > 0;
}

/** The version history of records, oldest first (readable outside a transaction). */
export async function findVersions(h: H, recordIds: readonly number[]) {
  if (!recordIds.length) return [];
  return h
    .select()
    .from(gradeRecordVersions)
    .where(inArray(gradeRecordVersions.recordId, [...recordIds]))
    .orderBy(gradeRecordVersions.recordId, gradeRecordVersions.version);
}
