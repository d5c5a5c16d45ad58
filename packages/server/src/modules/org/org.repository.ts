import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { adminClasses, departments, students, teachers, terms, timePeriods } from './org.tables.ts';

/** The major an admin class belongs to, or null if the class does not exist. */
export async function classMajor(db: Db | Tx, adminClassId: number): Promise<number | null> {
  const [row] = await db.select({ majorId: adminClasses.majorId }).from(adminClasses).where(eq(adminClasses.id, adminClassId));
  return row?.majorId ?? null;
}

/** College and department of a teacher, for resolving "own college" scopes. */
export async function teacherAnchors(db: Db | Tx, teacherId: number) {
  const [row] = await db
    .select({ departmentId: teachers.departmentId, collegeId: departments.collegeId })
    .from(teachers)
    .innerJoin(departments, eq(departments.id, teachers.departmentId))
    .where(and(eq(teachers.id, teacherId), isNull(teachers.deletedAt)));
  return row ?? null;
}

export async function findTerm(db: Db | Tx, termId: number) {
  const [row] = await db.select().from(terms).where(eq(terms.id, termId));
  return row ?? null;
}

/** The term, share-locked until the transaction ends (its grid shape cannot change meanwhile). */
export async function findTermForShare(tx: Tx, termId: number) {
  const [row] = await tx.select().from(terms).where(eq(terms.id, termId)).for('share');
  return row ?? null;
}

export async function findTimeGrid(db: Db | Tx, termId: number, campusId: number | null) {
  return db
    .select({ period: timePeriods.period, startsAt: timePeriods.startsAt, endsAt: timePeriods.endsAt })
    .from(timePeriods)
    .where(and(eq(timePeriods.termId, termId), campusId === null ? isNull(timePeriods.campusId) : eq(timePeriods.campusId, campusId)))
    .orderBy(asc(timePeriods.period));
}

export async function replaceTimeGrid(
  tx: Tx,
  termId: number,
  campusId: number | null,
  periods: { period: number; startsAt: string; endsAt: string }[],
) {
  await tx
    .delete(timePeriods)
    .where(and(eq(timePeriods.termId, termId), campusId === null ? isNull(timePeriods.campusId) : eq(timePeriods.campusId, campusId)));
  if (periods.length) await tx.insert(timePeriods).values(periods.map((p) => ({ ...p, termId, campusId })));
}

/** The number of (not deleted) students of each admin class, as a column of the admin class list. */
export const adminClassStudentCount =
  sql<number>`(select count(*)::int from ${students} s where s.admin_class_id = ${adminClasses.id} and s.deleted_at is null)`.as(
    'student_count',
  );

/**
 * Clears the current flag of every term but `keepId` (only one term is
 * current) and returns the terms it changed, for their audit records. The
 * lock makes two concurrent "make current" writes take turns; otherwise each
 * clears the old current term and both new ones stay current.
 */
export async function clearCurrentTerms(tx: Tx, keepId: number | null) {
  await tx.execute(sql`lock table ${terms} in share row exclusive mode`);
  const others = keepId === null ? eq(terms.isCurrent, true) : and(eq(terms.isCurrent, true), ne(terms.id, keepId));
  return tx.update(terms).set({ isCurrent: false }).where(others).returning({ id: terms.id, code: terms.code, version: terms.version });
}

/** Inserts past terms (a historical grades import's unknown term codes); returns code → id. */
export async function insertPastTerms(tx: Tx, values: (typeof terms.$inferInsert)[]) {
  if (!values.length) return new Map<string, number>();
  const rows = await tx.insert(terms).values(values).returning({ id: terms.id, code: terms.code });
  return new Map(rows.map((r) => [r.code, r.id]));
}
