import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { students, terms } from '../../org/org.tables.ts';
import { teachingClasses } from '../../offerings/offerings.tables.ts';
import { findCurrentVersion, findVersionLectures } from '../../timetable/versions.repository.ts';
import type { EnrolmentSnapshot, SelectionCheck, SelectionRefusal } from '../enrol.ts';
import * as repo from '../selection.repository.ts';
import { enrolments, selectionClassSeats } from '../selection.tables.ts';

/**
 * A stand-in for the rule checker (core/rules.ts is written separately): only the time-conflict
 * rule, which is the one the per-student lock must protect under concurrency.
 */
export const conflictCheck: SelectionCheck = (s: EnrolmentSnapshot) => {
  const out: SelectionRefusal[] = [];
  for (const other of s.enrolled) {
    const clash = s.target.lectures.some((a) =>
      other.lectures.some(
        (b) =>
          a.day === b.day &&
          (a.weekMask & b.weekMask) !== 0 &&
          a.startPeriod < b.startPeriod + b.length &&
          b.startPeriod < a.startPeriod + a.length,
      ),
    );
    if (clash) out.push({ code: 'time_conflict', params: { classCode: s.target.classCode, otherClassCode: other.classCode } });
  }
  return out;
};

export const noCheck: SelectionCheck = () => [];

export interface SelectionFixture {
  termId: number;
  roundId: number;
  /** Students of the demo school, in id order. */
  studentIds: number[];
  /** Classes with lectures in the published timetable, one per course, by id. */
  classIds: number[];
  /** Two classes of one course (a swap between sections), if the term has them. */
  sameCourse: [number, number] | null;
  /** Classes of distinct courses whose lectures all share one slot in a common week. */
  overlapping: number[];
}

/** An open first-come round of the demo's current term over every class, seat rows synced. */
export async function buildSelectionFixture(db: Db, at: Date): Promise<SelectionFixture> {
  const [term] = await db.select().from(terms).where(eq(terms.isCurrent, true));
  const round = await repo.insertRound(db, {
    termId: term.id,
    name: '2026 秋季正选',
    mode: 'first_come',
    opensAt: new Date(at.getTime() - 3600_000),
    closesAt: new Date(at.getTime() + 86400_000),
    status: 'open',
  });
  const classes = await db
    .select({ id: teachingClasses.id, courseId: teachingClasses.courseId, capacity: teachingClasses.capacity })
    .from(teachingClasses)
    .where(eq(teachingClasses.termId, term.id));
  await repo.addRoundClasses(
    db,
    round.id,
    classes.map((c) => c.id),
  );
  await db.transaction((tx) => repo.syncTermSeats(tx, term.id, classes, at));
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
    if (l.day == null || l.startPeriod == null) continue;
    const key = `${l.day}:${l.startPeriod}:${l.weekMask & 1}`;
    if (!(l.weekMask & 1)) continue;
    const m = bySlot.get(key) ?? new Map<number, number>();
    m.set(courseOf.get(l.teachingClassId)!, l.teachingClassId);
    bySlot.set(key, m);
  }
  const busiest = [...bySlot.values()].sort((a, b) => b.size - a.size)[0];
  const studentIds = (await db.select({ id: students.id }).from(students).orderBy(students.id)).map((s) => s.id);
  return {
    termId: term.id,
    roundId: round.id,
    studentIds,
    classIds,
    sameCourse: pair ? [pair[0], pair[1]] : null,
    overlapping: [...busiest.values()],
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
