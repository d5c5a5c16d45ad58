import { and, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { HomeSelectionRound } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { findStudentSelectionFacts } from '../org/org.read-model.ts';
import { isInRound, opensAtFor } from './core/rules.ts';
import { roundOf } from './snapshot.ts';
import { enrolments, selectionRounds } from './selection.tables.ts';

// What other modules may read of course selection 选课 without naming its tables.

/**
 * Whether a student sits an exam: enrolled (status 'enrolled') in the exam's teaching class, or —
 * class null, a course's unified exam 统考 — in any class of the course in the exam plan's term.
 * A predicate over the caller's exam columns, so an exam's roster is one query.
 */
export function enrolledForExam(
  studentId: AnyPgColumn | number,
  exam: { teachingClassId: AnyPgColumn; courseId: AnyPgColumn; termId: AnyPgColumn },
): SQL {
  return sql`exists (select 1 from ${enrolments} where ${enrolments.studentId} = ${studentId} and ${enrolments.status} = 'enrolled'
    and ((${exam.teachingClassId} is not null and ${enrolments.teachingClassId} = ${exam.teachingClassId})
      or (${exam.teachingClassId} is null and ${enrolments.courseId} = ${exam.courseId} and ${enrolments.termId} = ${exam.termId})))`;
}

/** The teaching classes a student is enrolled in for a term (the timetable shows them beside the admin class's). */
export async function findStudentEnrolledClassIds(db: Db | Tx, studentId: number, termId: number): Promise<number[]> {
  const rows = await db
    .select({ id: enrolments.teachingClassId })
    .from(enrolments)
    .where(and(eq(enrolments.studentId, studentId), eq(enrolments.termId, termId), eq(enrolments.status, 'enrolled')));
  return rows.map((r) => r.id);
}

/**
 * The rounds of a term a student takes part in that have not closed yet, with the moment the
 * window opens for them (home page countdown). Through the rule checker's own scope and
 * staggered-opening rules, so the home page and a request agree.
 */
export async function findStudentOpenRounds(db: Db | Tx, studentId: number, termId: number, now: Date): Promise<HomeSelectionRound[]> {
  const student = await findStudentSelectionFacts(db, studentId);
  if (!student) return [];
  const rows = await db
    .select()
    .from(selectionRounds)
    .where(and(eq(selectionRounds.termId, termId), gt(selectionRounds.closesAt, now)));
  const who = { ...student, gender: null, passedCourseCodes: new Set<string>(), failedCourseIds: new Set<number>(), holds: [] };
  return rows
    .filter((r) => r.status !== 'locked' && isInRound(who, roundOf(r)))
    .map((r) => {
      const opensAt = opensAtFor(who, roundOf(r)).opensAt;
      return {
        id: r.id,
        name: r.name,
        mode: r.mode as HomeSelectionRound['mode'],
        opensAt: opensAt.toISOString(),
        closesAt: r.closesAt.toISOString(),
        isOpen: opensAt.getTime() <= now.getTime(),
      };
    })
    .sort((a, b) => a.opensAt.localeCompare(b.opensAt));
}
