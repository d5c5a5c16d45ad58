import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { adminClasses, departments, teachers, terms, timePeriods } from './org.tables.ts';

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

