import { weeksOfMask } from '@jiaowu/contracts';
import type {
  Assignment,
  ClassGroup,
  DistributionRule,
  Resource,
  Room,
  SolverEvent,
  TimeCandidate,
  TimePreference,
  TimetableModel,
  UnplacedEvent,
  Weights,
} from '@jiaowu/solver';
import type { BlockedSlot } from './core/hard-rules.ts';
import { blockedSlotsOf, lecturesOfClass, type ClassFacts, type LectureRowLike, type TermFacts } from './term-facts.ts';

/**
 * 排课模型 — the term in the database (TermFacts) as the solver's TimetableModel, and the
 * solver's answer back as lecture rows. Pure: no database, so it is tested on its own.
 *
 * Ids in the model carry a kind prefix so one namespace holds them all: teachers `t<id>`,
 * admin classes 行政班 `c<id>`, students `s<id>`, rooms `r<id>`, buildings `b<id>`,
 * campuses `p<id>`, teaching classes 教学班 (class groups) `g<id>`; an event's id is the
 * lecture key ("<teachingClassId>:<sessionIndex>"). The solver is 0-based (day 0 = Monday,
 * period 0), the app 1-based.
 */

/** A lecture as the model reads it: its row plus the locks of a draft. */
export interface ModelLecture extends LectureRowLike {
  lockTime?: boolean;
  lockRoom?: boolean;
}

export interface SolverModelOptions {
  /**
   * The lectures to solve (a draft's rows: their weeks, length and teachers as edited, their
   * locks and current places). Default: every session of every teaching class of the term.
   */
  lectures?: readonly ModelLecture[];
  /** Enrolled students per teaching class, once course selection exists (hook; none before). */
  studentsByClass?: ReadonlyMap<number, readonly number[]>;
  /** Start lectures only at the first period of a teaching block (1-2, 3-4 …). Default true. */
  alignStarts?: boolean;
}

/** Gap between two periods above which they are different blocks (lunch, dinner): no lecture spans it. */
const BREAK_MINUTES = 40;
/** Penalty of a special room (lab, computer room, gym) for a lecture that asks for no room type. */
const SPECIAL_ROOM_PENALTY = 5;
const GENERAL_ROOM_TYPES = new Set(['lecture', 'multimedia']);

export const teacherRes = (id: number) => `t${id}`;
export const adminClassRes = (id: number) => `c${id}`;
export const studentRes = (id: number) => `s${id}`;
export const roomRef = (id: number) => `r${id}`;
export const groupRef = (id: number) => `g${id}`;
/** The numeric id behind a prefixed model id (`r12` → 12), or null. */
export const idOfRef = (ref: string | undefined): number | null => {
  if (!ref) return null;
  const n = Number(ref.slice(1));
  return Number.isInteger(n) ? n : null;
};

/** A span of periods of a day (1-based, inclusive) as a solver TimeSpec. */
const spanSpec = (day: number, fromPeriod: number, toPeriod: number, weekMask?: number | null) => ({
  day: day - 1,
  start: fromPeriod - 1,
  length: toPeriod - fromPeriod + 1,
  ...(weekMask != null ? { weeks: weeksOfMask(weekMask) } : {}),
});

const overlaps = (aFrom: number, aTo: number, bFrom: number, bTo: number) => aFrom <= bTo && bFrom <= aTo;

/** Same semantics as the checker's blockApplies. */
function blockApplies(b: BlockedSlot, c: ClassFacts): boolean {
  if (b.exceptCategories?.includes(c.course.category)) return false;
  switch (b.appliesTo.kind) {
    case 'all':
      return true;
    case 'college':
      return b.appliesTo.ids.includes(c.collegeId);
    case 'cohort': {
      const ids = b.appliesTo.ids;
      return c.cohorts.some((x) => ids.includes(x));
    }
    case 'category':
      return b.appliesTo.categories.includes(c.course.category);
  }
}

/** Start periods (1-based) a lecture of this length may use: inside one teaching block, aligned to its pairs. */
export function allowedStarts(facts: TermFacts, length: number, align = true): number[] {
  const P = facts.grid.periodsPerDay;
  const { periodStart, periodEnd } = facts.grid;
  const breakAfter = (p: number) =>
    periodStart[p] !== undefined && periodEnd[p - 1] !== undefined && periodStart[p] - periodEnd[p - 1] > BREAK_MINUTES;
  // First period (1-based) of the block each period belongs to.
  const blockStart: number[] = [];
  for (let p = 1; p <= P; p++) blockStart[p] = p === 1 || breakAfter(p - 1) ? p : blockStart[p - 1];
  const out: number[] = [];
  for (let s = 1; s + length - 1 <= P; s++) {
    let spansBreak = false;
    for (let p = s; p < s + length - 1; p++) if (breakAfter(p)) spansBreak = true;
    if (spansBreak) continue;
    if (align && length > 1 && (s - blockStart[s]) % 2 !== 0) continue;
    out.push(s);
  }
  return out;
}

/** Penalty of a start for a class's own wishes (prefer/avoid) and the evening periods. */
function timePenalty(facts: TermFacts, c: ClassFacts, day: number, start: number, length: number): number {
  const w = facts.settings.weights;
  const end = start + length - 1;
  let pen = 0;
  const wishes = c.timeWishes ?? [];
  const prefers = wishes.filter((x) => x.kind === 'prefer');
  for (const x of wishes) if (x.kind === 'avoid' && x.day === day && overlaps(x.fromPeriod, x.toPeriod, start, end)) pen += w.teacherWishes;
  if (prefers.length > 0 && !prefers.some((x) => x.day === day && x.fromPeriod <= start && end <= x.toPeriod)) pen += w.teacherWishes;
  const evening = facts.settings.eveningFromPeriod;
  if (evening !== null && end >= evening) pen += w.eveningPeriods;
  return Math.round(pen);
}

/** The term as the solver's model. */
export function buildSolverModel(facts: TermFacts, opts: SolverModelOptions = {}): TimetableModel {
  const w = facts.settings.weights;
  const lectures: readonly ModelLecture[] = opts.lectures ?? [...facts.classes.values()].flatMap(lecturesOfClass);
  const blocked = blockedSlotsOf(facts.settings.blockedSlots);
  const weeks = facts.grid.weeks;

  // Rooms: active ones; their own unavailable times every week, bookings in their weeks.
  const rooms: Room[] = [];
  const bookingsByRoom = new Map<number, typeof facts.bookings>();
  for (const b of facts.bookings) (bookingsByRoom.get(b.roomId) ?? bookingsByRoom.set(b.roomId, []).get(b.roomId)!).push(b);
  for (const r of facts.rooms.values()) {
    if (!r.isActive) continue;
    rooms.push({
      id: roomRef(r.id),
      name: r.name,
      capacity: r.capacity,
      type: r.type,
      features: [...r.features],
      building: `b${r.buildingId}`,
      campus: `p${r.campusId}`,
      unavailable: [
        ...r.unavailable.map((s) => spanSpec(s.day, s.fromPeriod, s.toPeriod)),
        ...(bookingsByRoom.get(r.id) ?? []).map((b) => spanSpec(b.day, b.fromPeriod, b.toPeriod, b.weekMask)),
      ],
    });
  }

  // Resources: the teachers, admin classes and students the lectures use.
  const resources = new Map<string, Resource>();
  const teacherBlocks = new Map<number, TermFacts['teacherBlocks']>();
  for (const b of facts.teacherBlocks) (teacherBlocks.get(b.teacherId) ?? teacherBlocks.set(b.teacherId, []).get(b.teacherId)!).push(b);
  const teacherWish = Math.round(w.teacherWishes);
  const addTeacher = (id: number) => {
    const key = teacherRes(id);
    if (resources.has(key)) return key;
    const blocks = teacherBlocks.get(id) ?? [];
    const preferences: TimePreference[] = [];
    if (teacherWish > 0)
      for (const b of blocks)
        if (b.kind === 'avoid' || b.kind === 'prefer')
          preferences.push({
            time: spanSpec(b.day, b.fromPeriod, b.toPeriod),
            kind: b.kind === 'avoid' ? 'discouraged' : 'preferred',
            penalty: teacherWish,
          });
    // No `name`: the solver's explanations then carry the ids, which unplaced-words.ts puts in words.
    resources.set(key, {
      id: key,
      kind: 'teacher',
      unavailable: blocks.filter((b) => b.kind === 'never').map((b) => spanSpec(b.day, b.fromPeriod, b.toPeriod)),
      preferences,
      trackBuildings: true,
    });
    return key;
  };
  const addAdminClass = (id: number) => {
    const key = adminClassRes(id);
    if (!resources.has(key)) resources.set(key, { id: key, kind: 'class', compact: true, trackBuildings: true });
    return key;
  };
  const addStudent = (id: number) => {
    const key = studentRes(id);
    if (!resources.has(key)) resources.set(key, { id: key, kind: 'student' });
    return key;
  };

  const startsByLength = new Map<number, number[]>();
  const startsOf = (len: number) =>
    startsByLength.get(len) ?? startsByLength.set(len, allowedStarts(facts, len, opts.alignStarts ?? true)).get(len)!;
  const activeRooms = [...facts.rooms.values()].filter((r) => r.isActive);

  const events: SolverEvent[] = [];
  const groups = new Map<number, ClassGroup>();
  const lecturesByClass = new Map<number, ModelLecture[]>();
  for (const l of lectures) {
    const c = facts.classes.get(l.teachingClassId);
    if (!c) continue;
    (lecturesByClass.get(c.id) ?? lecturesByClass.set(c.id, []).get(c.id)!).push(l);
    const times: TimeCandidate[] = [];
    for (let day = 1; day <= facts.grid.daysPerWeek; day++)
      for (const start of startsOf(l.length)) {
        const end = start + l.length - 1;
        const isBlocked = blocked.some(
          (b) =>
            b.day === day &&
            overlaps(b.fromPeriod, b.toPeriod, start, end) &&
            (b.weekMask === null || (b.weekMask & l.weekMask) !== 0) &&
            blockApplies(b, c),
        );
        if (isBlocked) continue;
        const penalty = timePenalty(facts, c, day, start, l.length);
        times.push({ day: day - 1, start: start - 1, ...(penalty > 0 ? { penalty } : {}) });
      }
    const students = opts.studentsByClass?.get(c.id) ?? [];
    const ev: SolverEvent = {
      id: l.lectureKey,
      name: `${c.course.name} ${c.code}`,
      classId: groupRef(c.id),
      length: l.length,
      weeks: weeksOfMask(l.weekMask),
      size: c.capacity,
      resources: [...l.teacherIds.map(addTeacher), ...c.adminClassIds.map(addAdminClass), ...students.map(addStudent)],
      times,
      roomSizeHard: true,
    };
    if (c.roomType || c.roomFeatures.length > 0) {
      ev.roomRequirement = {
        ...(c.roomType ? { type: c.roomType } : {}),
        ...(c.roomFeatures.length ? { features: [...c.roomFeatures] } : {}),
        minCapacity: c.capacity,
      };
    } else {
      // Any room that seats the class; labs, computer rooms and gyms only when nothing else is free.
      ev.rooms = activeRooms
        .filter((r) => r.capacity >= c.capacity)
        .map((r) => ({ roomId: roomRef(r.id), ...(GENERAL_ROOM_TYPES.has(r.type) ? {} : { penalty: SPECIAL_ROOM_PENALTY }) }));
    }
    const placed = l.day !== null && l.startPeriod !== null;
    if (l.lockTime && placed) {
      ev.pinned = { day: l.day! - 1, start: l.startPeriod! - 1, ...(l.lockRoom && l.roomId !== null ? { roomId: roomRef(l.roomId) } : {}) };
    } else if (l.lockRoom && l.roomId !== null) {
      ev.rooms = [{ roomId: roomRef(l.roomId) }];
      delete ev.roomRequirement;
    }
    events.push(ev);
    if (!groups.has(c.id)) groups.set(c.id, { id: groupRef(c.id), name: `${c.course.name} ${c.code}`, minDays: 0, roomStability: true });
  }
  // 2+2 on two days: a class's sessions spread over as many days as it has sessions.
  for (const [id, ls] of lecturesByClass) groups.get(id)!.minDays = ls.length;

  const rules: DistributionRule[] = [];
  // Linked classes (体育分项): session i of every linked class at one time, hard.
  for (const link of facts.links) {
    const bySession = new Map<number, string[]>();
    for (const tcId of link.teachingClassIds)
      for (const l of lecturesByClass.get(tcId) ?? [])
        (bySession.get(l.sessionIndex) ?? bySession.set(l.sessionIndex, []).get(l.sessionIndex)!).push(l.lectureKey);
    for (const [i, evs] of bySession)
      if (evs.length > 1) rules.push({ id: `link${link.id}:${i}`, kind: 'sameTime', events: evs, hard: true });
  }
  // A teacher's day limit (soft). The solver counts lectures a day, so the period limit becomes
  // a lecture limit by the teacher's usual lecture length.
  const maxPeriods = facts.settings.teacherMaxPeriodsPerDay;
  if (maxPeriods !== null && w.teacherDayLimit > 0) {
    const byTeacher = new Map<number, ModelLecture[]>();
    for (const l of lectures) for (const t of l.teacherIds) (byTeacher.get(t) ?? byTeacher.set(t, []).get(t)!).push(l);
    for (const [t, ls] of byTeacher) {
      const avg = ls.reduce((s, l) => s + l.length, 0) / ls.length;
      const max = Math.max(1, Math.floor(maxPeriods / avg));
      if (ls.length > max)
        rules.push({
          id: `maxday:t${t}`,
          kind: 'maxPerDay',
          events: ls.map((l) => l.lectureKey),
          max,
          weight: Math.round(w.teacherDayLimit),
        });
    }
  }

  const weights: Partial<Weights> = {
    timePreference: 1, // the office's weights are in the penalties already
    roomPenalty: 1,
    roomSize: 0, // hard (roomSizeHard)
    minDays: w.spread,
    isolated: w.compactDays,
    gap: w.compactDays > 0 ? Math.max(1, Math.round(w.compactDays / 2)) : 0,
    roomStability: w.sameRoom,
    buildingChange: w.buildingChanges,
    rules: 1,
  };

  const travelPairs = facts.settings.campusTravel.filter((p) => p.minutes > 0 && p.campusA !== p.campusB);
  return {
    name: `term ${facts.termId}`,
    days: facts.grid.daysPerWeek,
    periodsPerDay: facts.grid.periodsPerDay,
    weeks,
    rooms,
    resources: [...resources.values()],
    classes: [...groups.values()],
    events,
    rules,
    weights,
    ...(travelPairs.length
      ? {
          travel: {
            periodStart: facts.grid.periodStart,
            periodEnd: facts.grid.periodEnd,
            minutes: travelPairs.map((p) => ({ a: `p${p.campusA}`, b: `p${p.campusB}`, minutes: p.minutes })),
          },
        }
      : {}),
  };
}

/** A lecture row of a draft after a solve. */
export interface SolvedLecture extends ModelLecture {
  /** The solver's explanation when it could not be placed (codes and params, rendered later). */
  unplaced: UnplacedEvent | null;
}

/**
 * The solver's answer on the lectures it was given: each placed lecture gets its day, start
 * (1-based) and room; every other one is unplaced with the solver's explanation (or a plain
 * SEARCH_LIMIT when the solver did not name it: a lecture is never dropped silently).
 */
export function lecturesFromAssignment(
  lectures: readonly ModelLecture[],
  assignment: Assignment,
  unplaced: readonly UnplacedEvent[] = [],
): SolvedLecture[] {
  const at = new Map(assignment.map((p) => [p.eventId, p]));
  const why = new Map(unplaced.map((u) => [u.eventId, u]));
  return lectures.map((l) => {
    const p = at.get(l.lectureKey);
    if (!p) {
      return {
        ...l,
        day: null,
        startPeriod: null,
        roomId: null,
        unplaced: why.get(l.lectureKey) ?? {
          eventId: l.lectureKey,
          eventName: l.lectureKey,
          reasons: [{ code: 'SEARCH_LIMIT', params: {}, message: { en: '', zh: '' } }],
          message: { en: '', zh: '' },
        },
      };
    }
    const day = Array.isArray(p.day) ? p.day[0] : p.day;
    return { ...l, day: day + 1, startPeriod: p.start + 1, roomId: idOfRef(p.roomId), unplaced: null };
  });
}

/** The placed lectures as a solver assignment (a starting point, or the published one for a re-solve). */
export function assignmentOfLectures(lectures: readonly LectureRowLike[]): Assignment {
  return lectures
    .filter((l) => l.day !== null && l.startPeriod !== null)
    .map((l) => ({
      eventId: l.lectureKey,
      day: l.day! - 1,
      start: l.startPeriod! - 1,
      ...(l.roomId !== null ? { roomId: roomRef(l.roomId) } : {}),
    }));
}
