import { and, eq, gt } from 'drizzle-orm';
import type { HomeSelectionRound } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { findStudentSelectionFacts } from '../org/org.read-model.ts';
import { isInRound, opensAtFor } from './core/rules.ts';
import { roundOf } from './snapshot.ts';
import { enrolments, selectionRounds } from './selection.tables.ts';

// What other modules may read of course selection 选课 without naming its tables.

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
