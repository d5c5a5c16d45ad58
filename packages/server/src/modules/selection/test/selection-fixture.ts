import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { students, terms } from '../../org/org.tables.ts';
import { findCourseSelectionFacts } from '../../catalog/catalog.read-model.ts';
import { teachingClasses } from '../../offerings/offerings.tables.ts';
import { findCurrentVersion, findVersionLectures } from '../../timetable/versions.repository.ts';
import { lecturesConflict, type RuleLecture } from '../core/rules.ts';
import type { SelectionCheck } from '../enrol.ts';
import * as repo from '../selection.repository.ts';
import {
  enrolments,
  failedCourses,
  passedCourses,
  selectionClassSeats,
  selectionHolds,
  selectionRounds,
  selectionSeatReleases,
  selectionStudentTerms,
} from '../selection.tables.ts';

/**
 * A checker that lets everything through: reaches the database's own guards (the unique index
 * on one course per term, the seat CHECK) the real checker would otherwise stop first.
 */
export const noCheck: SelectionCheck = () => [];

export interface SelectionFixture {
  termId: number;
  roundId: number;
  /** Students of the demo school, in id order. */
  studentIds: number[];
  /** Classes with lectures in the published timetable, one per course without prerequisites, by id. */
  classIds: number[];
  /** Two classes of one course (a swap between sections), if the term has them. */
  sameCourse: [number, number] | null;
  /** Classes of distinct courses whose lectures all share one slot in a common week. */
  overlapping: number[];
  /** A class whose course has prerequisites (no demo student has passed any), if the term has one. */
  withPrerequisites: number | null;
}

/**
 * An open first-come round of the demo's current term over every class, seat rows synced. It
 * starts from an empty selection: the demo's own rounds, enrolments (the fixed required classes
 * too), passed courses and holds are cleared, so each scenario sets up exactly what it tests.
 */
export async function buildSelectionFixture(db: Db, at: Date): Promise<SelectionFixture> {
  const [term] = await db.select().from(terms).where(eq(terms.isCurrent, true));
  await db.transaction(async (tx) => {
    await tx.delete(selectionRounds).where(eq(selectionRounds.termId, term.id));
    await tx.delete(enrolments).where(eq(enrolments.termId, term.id));
    await tx.delete(selectionStudentTerms).where(eq(selectionStudentTerms.termId, term.id));
    await tx.delete(passedCourses);
    await tx.delete(failedCourses);
    await tx.delete(selectionHolds);
    await tx.delete(selectionSeatReleases);
    await tx.update(selectionClassSeats).set({ held: 0 });
    // The demo's PE sections by gender and its retake class: each scenario sets the flags it tests.
    await tx.update(teachingClasses).set({ genderRestriction: null, isRetakeClass: false }).where(eq(teachingClasses.termId, term.id));
  });
  const round = await repo.insertRound(db, {
    termId: term.id,
    name: '2026 秋季正选',
    mode: 'first_come',
    opensAt: new Date(at.getTime() - 3600_000),
    closesAt: new Date(at.getTime() + 86400_000),
    status: 'open',
  });
  const allClasses = await db
    .select({ id: teachingClasses.id, courseId: teachingClasses.courseId, capacity: teachingClasses.capacity })
    .from(teachingClasses)
    .where(eq(teachingClasses.termId, term.id));
  // The demo's students have passed nothing yet: classes of courses with prerequisites would be
  // refused for that alone, so the scenarios use entry-level courses (and one with prerequisites).
  const facts = await findCourseSelectionFacts(db, [...new Set(allClasses.map((c) => c.courseId))]);
  const hasPrerequisites = new Set(facts.filter((c) => c.prerequisites != null).map((c) => c.id));
  const classes = allClasses.filter((c) => !hasPrerequisites.has(c.courseId));
  const withPrerequisites = allClasses.find((c) => hasPrerequisites.has(c.courseId))?.id ?? null;
  await repo.addRoundClasses(
    db,
    round.id,
    allClasses.map((c) => c.id),
  );
  await db.transaction((tx) => repo.syncTermSeats(tx, term.id, allClasses, at));
  const version = (await findCurrentVersion(db, term.id))!;
  const lectures = await findVersionLectures(db, version.id);
  const withLectures = new Set(lectures.map((l) => l.teachingClassId));
  const courseOf = new Map(classes.map((c) => [c.id, c.courseId]));
  const seenCourse = new Set<number>();
  const classIds: number[] = [];
  const byCourse = new Map<number, number[]>();
  for (const c of classes) {
    if (!withLectures.has(c.id)) continue;
    byCourse.set(c.courseId, [...(byCourse.get(c.courseId) ?? []), c.id]);
    if (seenCourse.has(c.courseId)) continue;
    seenCourse.add(c.courseId);
    classIds.push(c.id);
  }
  const pair = [...byCourse.values()].find((ids) => ids.length >= 2);
  // The busiest slot (day, start period, week 1 or any common week): classes of distinct courses.
  const bySlot = new Map<string, Map<number, number>>();
  for (const l of lectures) {
    if (l.day == null || l.startPeriod == null || !courseOf.has(l.teachingClassId)) continue;
    const key = `${l.day}:${l.startPeriod}:${l.weekMask & 1}`;
    if (!(l.weekMask & 1)) continue;
    const m = bySlot.get(key) ?? new Map<number, number>();
    m.set(courseOf.get(l.teachingClassId)!, l.teachingClassId);
    bySlot.set(key, m);
  }
  const busiest = [...bySlot.values()].sort((a, b) => b.size - a.size)[0];
  // Keep only classes that clash with every other one kept, by the checker's own overlap rule.
  const lecturesOf = (id: number): RuleLecture[] =>
    lectures.filter((l) => l.teachingClassId === id && l.day != null && l.startPeriod != null) as RuleLecture[];
  const overlapping: number[] = [];
  for (const id of busiest.values()) if (overlapping.every((o) => lecturesConflict(lecturesOf(o), lecturesOf(id)))) overlapping.push(id);
  const studentIds = (await db.select({ id: students.id }).from(students).orderBy(students.id)).map((s) => s.id);
  return {
    termId: term.id,
    roundId: round.id,
    studentIds,
    classIds,
    sameCourse: pair ? [pair[0], pair[1]] : null,
    overlapping,
    withPrerequisites,
  };
}

/** Sets a class's capacity (a test's "last N seats"); the counter stays what the rows say. */
export async function setSeats(db: Db, teachingClassId: number, capacity: number) {
  await db.update(selectionClassSeats).set({ capacity }).where(eq(selectionClassSeats.teachingClassId, teachingClassId));
}

export async function enrolledRows(db: Db, teachingClassId: number) {
  return db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.teachingClassId, teachingClassId), eq(enrolments.status, 'enrolled')));
}

export async function seatOf(db: Db, teachingClassId: number) {
  return (await repo.findSeat(db, teachingClassId))!;
}
