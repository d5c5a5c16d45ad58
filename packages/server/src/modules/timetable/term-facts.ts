import {
  blockedSlot,
  campusTravel,
  changeRules,
  maskOfWeeks,
  timetableWeights,
  type BlockedSlotInput,
  type CampusTravel,
  type TimetableSettingsInput,
} from '@jiaowu/contracts';
import { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { findCourseFacts } from '../catalog/catalog.read-model.ts';
import { findTermTeachingClasses } from '../offerings/offerings.read-model.ts';
import { findAdminClassFacts, findRoomsWithCampus, findAllTeacherNames, findTermGrid } from '../org/org.read-model.ts';
import type { BlockedSlot, CheckContext, CheckLecture, CheckRoom, DaySpan } from './core/hard-rules.ts';
import { findActiveBookings, findLinks, findSettingsRow, findTeacherBlocks } from './term-facts.repository.ts';

/**
 * Everything about a term that timetabling decides on, read once: the grid and its clock,
 * rooms with their campus, teaching classes with their course, admin classes and teachers,
 * the office's settings, teachers' time blocks, linked classes and room bookings. The solver
 * model (solver-model.ts), the hard-rule checker and the pages all start from it.
 */
export type TermFacts = Awaited<ReturnType<typeof loadTermFacts>>;
export type ClassFacts = TermFacts['classes'] extends Map<number, infer C> ? C : never;

const toMinutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** The settings of a term, defaults filled in (a term the office never configured has none). */
export function settingsOf(row: Awaited<ReturnType<typeof findSettingsRow>>): TimetableSettingsInput & { version: number } {
  return {
    version: row?.version ?? 0,
    weights: timetableWeights.parse(row?.weights ?? {}),
    blockedSlots: z.array(blockedSlot).parse(row?.blockedSlots ?? []),
    campusTravel: z.array(campusTravel).parse(row?.campusTravel ?? []),
    teacherMaxPeriodsPerDay: row?.teacherMaxPeriodsPerDay ?? null,
    eveningFromPeriod: row?.eveningFromPeriod ?? null,
    changeRules: changeRules.parse(row?.changeRules ?? {}),
  };
}

export async function loadTermFacts(db: Db | Tx, termId: number) {
  const grid = await findTermGrid(db, termId);
  if (!grid) throw new AppError('not_found', { details: { termId: 'not_found' } });
  const [roomRows, adminRows, classRows, settingsRow, blocks, links, bookings] = await Promise.all([
    findRoomsWithCampus(db),
    findAdminClassFacts(db),
    findTermTeachingClasses(db, termId),
    findSettingsRow(db, termId),
    findTeacherBlocks(db, termId),
    findLinks(db, termId),
    findActiveBookings(db, termId),
  ]);
  const [courseRows, teacherRows] = await Promise.all([
    findCourseFacts(
      db,
      classRows.map((c) => c.courseId),
    ),
    findAllTeacherNames(db),
  ]);
  const courses = new Map(courseRows.map((c) => [c.id, c]));
  const adminClasses = new Map(adminRows.map((a) => [a.id, a]));
  const byMajorCohort = new Map<string, number[]>();
  for (const a of adminRows) {
    const k = `${a.majorId}:${a.cohort}`;
    (byMajorCohort.get(k) ?? byMajorCohort.set(k, []).get(k)!).push(a.id);
  }
  const classes = new Map(
    classRows.map((c) => {
      const course = courses.get(c.courseId)!;
      // A whole major cohort targeted is its admin classes: they must not be double-booked either.
      const adminClassIds = [
        ...new Set([...c.adminClassIds, ...c.targetMajors.flatMap((m) => byMajorCohort.get(`${m.majorId}:${m.cohort}`) ?? [])]),
      ];
      const cohorts = [...new Set(adminClassIds.map((id) => adminClasses.get(id)?.cohort).filter((x): x is number => x !== undefined))];
      return [c.id, { ...c, adminClassIds, cohorts, course }] as const;
    }),
  );
  return {
    termId,
    grid: {
      ...grid,
      periodStart: grid.periods.map((p) => toMinutes(p.startsAt)),
      periodEnd: grid.periods.map((p) => toMinutes(p.endsAt)),
    },
    rooms: new Map(roomRows.map((r) => [r.id, { ...r, unavailable: r.unavailable as DaySpan[] }])),
    adminClasses,
    teachers: new Map(teacherRows.map((t) => [t.id, t])),
    classes,
    settings: settingsOf(settingsRow),
    teacherBlocks: blocks,
    links,
    bookings,
  };
}

/** The blocked slots of the settings in the checker's shape (their position is their id). */
export function blockedSlotsOf(slots: readonly BlockedSlotInput[]): BlockedSlot[] {
  return slots.map((s, id) => ({
    id,
    day: s.day,
    fromPeriod: s.fromPeriod,
    toPeriod: s.toPeriod,
    weekMask: s.weeks ? maskOfWeeks(s.weeks) : null,
    appliesTo: s.appliesTo,
    exceptCategories: s.exceptCategories,
  }));
}

/** Minutes needed between two campuses (symmetric; unset pairs need none). */
export function travelLookup(pairs: readonly CampusTravel[]) {
  const m = new Map<string, number>();
  for (const p of pairs) {
    m.set(`${p.campusA}:${p.campusB}`, p.minutes);
    m.set(`${p.campusB}:${p.campusA}`, p.minutes);
  }
  return (a: number, b: number) => (a === b ? 0 : (m.get(`${a}:${b}`) ?? 0));
}

/** The checker's context of a term. */
export function checkContextOf(facts: TermFacts): CheckContext {
  const rooms = new Map<number, CheckRoom>(
    [...facts.rooms.values()].map((r) => [
      r.id,
      {
        id: r.id,
        capacity: r.capacity,
        type: r.type,
        features: r.features,
        campusId: r.campusId,
        isActive: r.isActive,
        unavailable: r.unavailable,
      },
    ]),
  );
  const teacherNever = new Map<number, DaySpan[]>();
  for (const b of facts.teacherBlocks)
    if (b.kind === 'never')
      (teacherNever.get(b.teacherId) ?? teacherNever.set(b.teacherId, []).get(b.teacherId)!).push({
        day: b.day,
        fromPeriod: b.fromPeriod,
        toPeriod: b.toPeriod,
      });
  return {
    days: facts.grid.daysPerWeek,
    periodsPerDay: facts.grid.periodsPerDay,
    weeks: facts.grid.weeks,
    rooms,
    teacherNever,
    blocked: blockedSlotsOf(facts.settings.blockedSlots),
    bookings: facts.bookings.map((b) => ({
      id: b.id,
      roomId: b.roomId,
      day: b.day,
      fromPeriod: b.fromPeriod,
      toPeriod: b.toPeriod,
      weekMask: b.weekMask,
    })),
    periodStart: facts.grid.periodStart,
    periodEnd: facts.grid.periodEnd,
    travelMinutes: travelLookup(facts.settings.campusTravel),
    links: facts.links.map((l) => ({ id: l.id, teachingClassIds: l.teachingClassIds })),
  };
}

/** A stored lecture (draft or published) as the checker sees it. */
export interface LectureRowLike {
  lectureKey: string;
  teachingClassId: number;
  sessionIndex: number;
  day: number | null;
  startPeriod: number | null;
  length: number;
  weekMask: number;
  roomId: number | null;
  teacherIds: number[];
}

/** Just the stored columns of a lecture (a row read with more, or a solver result, written elsewhere). */
export function lectureFields(l: LectureRowLike): LectureRowLike {
  return {
    lectureKey: l.lectureKey,
    teachingClassId: l.teachingClassId,
    sessionIndex: l.sessionIndex,
    day: l.day,
    startPeriod: l.startPeriod,
    length: l.length,
    weekMask: l.weekMask,
    roomId: l.roomId,
    teacherIds: l.teacherIds,
  };
}

export function toCheckLecture(row: LectureRowLike, facts: TermFacts, studentIds?: readonly number[]): CheckLecture {
  const c = facts.classes.get(row.teachingClassId);
  if (!c) throw new Error(`teaching class ${row.teachingClassId} is not of term ${facts.termId}`);
  return {
    key: row.lectureKey,
    teachingClassId: row.teachingClassId,
    sessionIndex: row.sessionIndex,
    day: row.day,
    startPeriod: row.startPeriod,
    length: row.length,
    weekMask: row.weekMask,
    roomId: row.roomId,
    teacherIds: row.teacherIds,
    adminClassIds: c.adminClassIds,
    studentIds,
    size: c.capacity,
    roomType: c.roomType,
    roomFeatures: c.roomFeatures,
    collegeId: c.collegeId,
    cohorts: c.cohorts,
    courseCategory: c.course.category,
  };
}

/** The lectures a teaching class asks for before any timetable: one per weekly session. */
export function lecturesOfClass(c: ClassFacts): LectureRowLike[] {
  return c.sessions.map((length, sessionIndex) => ({
    lectureKey: `${c.id}:${sessionIndex}`,
    teachingClassId: c.id,
    sessionIndex,
    day: null,
    startPeriod: null,
    length,
    weekMask: c.weekMask,
    roomId: null,
    teacherIds: c.teacherIds,
  }));
}
