import type { Db, Tx } from '../../db/client.ts';
import { findRoomsWithCampus, findTermGrid } from '../org/org.read-model.ts';
import { findPublishedLectureTimes, findTermNeverBlocks, type LectureTime } from '../timetable/published-lectures.read-model.ts';
import * as avail from './availability.repository.ts';
import { homeBuildings } from './home-building.ts';
import { blockedDuring, lecturesDuring, teachingSlotOf, type SessionTime } from './teaching-time.ts';

/**
 * Teaching around a plan's exams, read once for the solve and the allocation: lectures held in an
 * exam session (a plan inside the teaching weeks), who cannot invigilate when, and where each
 * exam's students are taught.
 */

type H = Db | Tx;

export interface LectureClashes {
  lectures: LectureTime[];
  /** Per session: teachers lecturing then. */
  teachers: Map<number, Set<number>>;
  /** Per session: students with a lecture then. */
  students: Map<number, Set<number>>;
}

/** Lectures of the published timetable that meet in the plan's sessions, with their teachers and students. */
export async function loadLectureClashes(db: H, termId: number, sessions: SessionTime[]): Promise<LectureClashes & { grid: Grid }> {
  const grid = await findTermGrid(db, termId);
  const lectures = grid ? await findPublishedLectureTimes(db, termId) : [];
  const teachers = new Map<number, Set<number>>();
  const students = new Map<number, Set<number>>();
  if (!grid || !sessions.some((s) => teachingSlotOf(grid, s.date))) return { grid, lectures, teachers, students };
  const during = lecturesDuring(sessions, grid, lectures);
  const classIds = [...new Set([...during.values()].flat().map((l) => l.teachingClassId))];
  const enrolled = new Map<number, number[]>();
  for (const r of await avail.findEnrolledInClasses(db, termId, classIds))
    enrolled.set(r.classId, [...(enrolled.get(r.classId) ?? []), r.studentId]);
  for (const [sessionId, here] of during) {
    teachers.set(sessionId, new Set(here.flatMap((l) => l.teacherIds)));
    students.set(sessionId, new Set(here.flatMap((l) => enrolled.get(l.teachingClassId) ?? [])));
  }
  return { grid, lectures, teachers, students };
}

type Grid = Awaited<ReturnType<typeof findTermGrid>>;

/**
 * Per session, the teachers who get no duty: lecturing then, blocked every week at that time
 * (timetable settings), or declared unavailable for the plan.
 */
export async function loadUnavailableInvigilators(
  db: H,
  plan: { id: number; termId: number },
  sessions: SessionTime[],
  clashes: LectureClashes & { grid: Grid },
): Promise<Map<number, Set<number>>> {
  const [blocks, declared] = await Promise.all([
    clashes.grid ? findTermNeverBlocks(db, plan.termId) : Promise.resolve([]),
    avail.findUnavailability(db, plan.id),
  ]);
  const out = new Map<number, Set<number>>();
  const add = (sessionId: number, ids: Iterable<number>) => {
    const set = out.get(sessionId) ?? new Set<number>();
    for (const t of ids) set.add(t);
    out.set(sessionId, set);
  };
  for (const [s, ids] of clashes.teachers) add(s, ids);
  if (clashes.grid) for (const [s, ids] of blockedDuring(sessions, clashes.grid, blocks)) add(s, ids);
  for (const d of declared) add(d.sessionId, [d.teacherId]);
  return out;
}

/** Each exam's home building and its campus (exams whose classes have no lecture room: none). */
export async function loadHomeBuildings(
  db: H,
  plan: { id: number; termId: number },
  lectures: LectureTime[],
  collegeOf: Map<number, number>,
): Promise<Map<number, { buildingId: number; campusId: number }>> {
  const [rooms, examClasses, classColleges] = await Promise.all([
    findRoomsWithCampus(db),
    avail.findExamClasses(db, plan.id),
    avail.findTermClassColleges(db, plan.termId),
  ]);
  const classesOf = new Map<number, number[]>();
  for (const r of examClasses) classesOf.set(r.examId, [...(classesOf.get(r.examId) ?? []), r.classId]);
  const campusOf = new Map(rooms.map((r) => [r.buildingId, r.campusId]));
  const homes = homeBuildings(
    [...collegeOf].map(([examId, collegeId]) => ({ examId, collegeId, classIds: classesOf.get(examId) ?? [] })),
    lectures,
    new Map(rooms.map((r) => [r.id, r.buildingId])),
    new Map(classColleges.map((c) => [c.classId, c.collegeId])),
  );
  return new Map([...homes].map(([examId, buildingId]) => [examId, { buildingId, campusId: campusOf.get(buildingId)! }]));
}
