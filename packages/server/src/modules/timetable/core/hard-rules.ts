import type { HardViolation } from '@jiaowu/contracts';

/**
 * The hard-rule checker: the one function that decides whether a timetable (a draft, a
 * published version, a manual move, a change request) breaks a rule that must never be
 * broken. It knows nothing of the database or of the solver: the module loads a
 * CheckContext once (core/check-context.ts) and passes lectures in. The solver's result is
 * verified with it before it is stored, so the two can never silently disagree.
 *
 * Days and periods are 1-based; a week set is a bitmask (bit w − 1 ⇔ week w).
 */

/** A time span of one day: periods fromPeriod..toPeriod inclusive. */
export interface DaySpan {
  day: number;
  fromPeriod: number;
  toPeriod: number;
}

export interface CheckRoom {
  id: number;
  capacity: number;
  type: string;
  features: readonly string[];
  campusId: number;
  isActive: boolean;
  /** Every week. */
  unavailable: readonly DaySpan[];
}

export interface CheckLecture {
  key: string;
  teachingClassId: number;
  sessionIndex: number;
  day: number | null;
  startPeriod: number | null;
  length: number;
  weekMask: number;
  roomId: number | null;
  teacherIds: readonly number[];
  adminClassIds: readonly number[];
  /** Enrolled students (after course selection); empty before. */
  studentIds?: readonly number[];
  /** Seats needed. */
  size: number;
  roomType: string | null;
  roomFeatures: readonly string[];
  /** For blocked slots that apply to a college, cohort or course category. */
  collegeId: number;
  cohorts: readonly number[];
  courseCategory: string;
  /** Needs no room (an internship, a field trip). */
  noRoom?: boolean;
}

/** 禁排时间: a slot no lecture of the lectures it applies to may use. */
export interface BlockedSlot extends DaySpan {
  /** Position in the term's settings (names it in a violation). */
  id: number;
  /** Weeks it holds; null: every week. */
  weekMask: number | null;
  appliesTo: { kind: 'all' } | { kind: 'college' | 'cohort'; ids: readonly number[] } | { kind: 'category'; categories: readonly string[] };
  /** Course categories exempt from it (e.g. Thursday afternoon is blocked for all but 公共选修课). */
  exceptCategories?: readonly string[];
}

export interface RoomBooking extends DaySpan {
  id: number;
  roomId: number;
  weekMask: number;
}

export interface CheckContext {
  days: number;
  periodsPerDay: number;
  weeks: number;
  rooms: ReadonlyMap<number, CheckRoom>;
  /** A teacher's "never" slots (every week). */
  teacherNever: ReadonlyMap<number, readonly DaySpan[]>;
  blocked: readonly BlockedSlot[];
  bookings: readonly RoomBooking[];
  /** Clock of each period in minutes after midnight, index period − 1. */
  periodStart: readonly number[];
  periodEnd: readonly number[];
  /** Minutes needed between lectures on two campuses (0 or less: no rule). */
  travelMinutes(campusA: number, campusB: number): number;
  /** Teaching classes that must share their times (same session index, same day and start). */
  links: ReadonlyArray<{ id: number; teachingClassIds: readonly number[] }>;
}

export interface CheckOptions {
  /** Only report violations that involve one of these lectures (a manual move, a change). */
  focus?: ReadonlySet<string>;
}

const placed = (l: CheckLecture): l is CheckLecture & { day: number; startPeriod: number } => l.day !== null && l.startPeriod !== null;
const endOf = (l: { startPeriod: number; length: number }) => l.startPeriod + l.length - 1;
const spansOverlap = (a: DaySpan, from: number, to: number) => a.fromPeriod <= to && from <= a.toPeriod;

function weeksOfMask(mask: number): number[] {
  const out: number[] = [];
  for (let w = 1; w <= 32; w++) if ((mask >>> (w - 1)) & 1) out.push(w);
  return out;
}

type Placed = CheckLecture & { day: number; startPeriod: number };
type SubjectKind = NonNullable<HardViolation['subject']>['kind'];

/** Lectures of one resource (teacher, room, admin class, student), grouped by day. */
function indexBy(lectures: readonly Placed[], idsOf: (l: Placed) => readonly number[]) {
  const byId = new Map<number, Placed[]>();
  for (const l of lectures)
    for (const id of idsOf(l)) {
      const list = byId.get(id);
      if (list) list.push(l);
      else byId.set(id, [l]);
    }
  return byId;
}

/** Every hard rule the lectures break, in a stable order (rule, then day and period). */
export function checkHard(lectures: readonly CheckLecture[], ctx: CheckContext, options: CheckOptions = {}): HardViolation[] {
  const focus = options.focus;
  const involves = (...keys: string[]) => !focus || keys.some((k) => focus.has(k));
  const out: HardViolation[] = [];
  const push = (v: Omit<HardViolation, 'params'> & { params?: HardViolation['params'] }) => out.push({ params: {}, ...v });
  const termMask = ctx.weeks >= 32 ? -1 : (1 << ctx.weeks) - 1;
  const live: Placed[] = [];

  for (const l of lectures) {
    if ((l.weekMask & termMask) === 0) continue; // meets in no week of the term
    if (!placed(l) || (!l.noRoom && l.roomId === null)) {
      if (involves(l.key))
        push({ rule: 'unplaced', lectureKeys: [l.key], subject: null, day: l.day, period: l.startPeriod, weeks: weeksOfMask(l.weekMask) });
      if (!placed(l)) continue;
    }
    live.push(l);
    if (!involves(l.key)) continue;
    const weeks = weeksOfMask(l.weekMask & termMask);
    const at = { day: l.day, period: l.startPeriod, weeks };
    if (l.day < 1 || l.day > ctx.days || l.startPeriod < 1 || endOf(l) > ctx.periodsPerDay || (l.weekMask & ~termMask) !== 0)
      push({ rule: 'outside_grid', lectureKeys: [l.key], subject: null, ...at });
    for (const b of ctx.blocked) {
      if (b.day !== l.day || !spansOverlap(b, l.startPeriod, endOf(l))) continue;
      if (b.weekMask !== null && (b.weekMask & l.weekMask) === 0) continue;
      if (!blockApplies(b, l)) continue;
      push({ rule: 'blocked_slot', lectureKeys: [l.key], subject: { kind: 'blocked_slot', id: b.id }, ...at });
    }
    for (const t of l.teacherIds)
      for (const s of ctx.teacherNever.get(t) ?? [])
        if (s.day === l.day && spansOverlap(s, l.startPeriod, endOf(l)))
          push({ rule: 'teacher_unavailable', lectureKeys: [l.key], subject: { kind: 'teacher', id: t }, ...at });
    if (l.noRoom || l.roomId === null) continue;
    const room = ctx.rooms.get(l.roomId);
    const roomSubject = { kind: 'room' as const, id: l.roomId };
    if (!room || !room.isActive) {
      push({ rule: 'room_unavailable', lectureKeys: [l.key], subject: roomSubject, ...at });
      continue;
    }
    if (room.capacity < l.size)
      push({ rule: 'room_capacity', lectureKeys: [l.key], subject: roomSubject, ...at, params: { size: l.size, capacity: room.capacity } });
    if (l.roomType && room.type !== l.roomType)
      push({ rule: 'room_type', lectureKeys: [l.key], subject: roomSubject, ...at, params: { need: l.roomType, has: room.type } });
    const missing = l.roomFeatures.filter((f) => !room.features.includes(f));
    if (missing.length > 0)
      push({ rule: 'room_features', lectureKeys: [l.key], subject: roomSubject, ...at, params: { missing: missing.join(',') } });
    if (room.unavailable.some((s) => s.day === l.day && spansOverlap(s, l.startPeriod, endOf(l))))
      push({ rule: 'room_unavailable', lectureKeys: [l.key], subject: roomSubject, ...at });
    for (const b of ctx.bookings)
      if (b.roomId === l.roomId && b.day === l.day && spansOverlap(b, l.startPeriod, endOf(l)) && (b.weekMask & l.weekMask) !== 0)
        push({
          rule: 'room_booked',
          lectureKeys: [l.key],
          subject: roomSubject,
          ...at,
          weeks: weeksOfMask(b.weekMask & l.weekMask),
          params: { bookingId: b.id },
        });
  }

  // Double bookings: pairs of lectures of one resource that meet at once in a common week.
  const clashes = (rule: HardViolation['rule'], kind: SubjectKind, byId: Map<number, Placed[]>) => {
    for (const [id, list] of byId) {
      if (list.length < 2) continue;
      list.sort((a, b) => a.day - b.day || a.startPeriod - b.startPeriod);
      for (let i = 0; i < list.length; i++) {
        const a = list[i];
        for (let j = i + 1; j < list.length && list[j].day === a.day; j++) {
          const b = list[j];
          if (b.startPeriod > endOf(a)) break;
          const common = a.weekMask & b.weekMask;
          if (common === 0 || !involves(a.key, b.key)) continue;
          push({
            rule,
            lectureKeys: [a.key, b.key],
            subject: { kind, id },
            day: a.day,
            period: Math.max(a.startPeriod, b.startPeriod),
            weeks: weeksOfMask(common),
          });
        }
      }
    }
  };
  const teachers = indexBy(live, (l) => l.teacherIds);
  const classes = indexBy(live, (l) => l.adminClassIds);
  clashes('teacher_clash', 'teacher', teachers);
  clashes(
    'room_clash',
    'room',
    indexBy(
      live.filter((l) => !l.noRoom),
      (l) => (l.roomId === null ? [] : [l.roomId]),
    ),
  );
  clashes('class_clash', 'admin_class', classes);
  const students = indexBy(live, (l) => l.studentIds ?? []);
  clashes('student_clash', 'student', students);

  // Travel: two lectures of one teacher, admin class or student on two campuses, too close.
  const travel = (kind: SubjectKind, byId: Map<number, Placed[]>) => {
    for (const [id, list] of byId) {
      for (let i = 0; i < list.length; i++) {
        const a = list[i];
        for (let j = i + 1; j < list.length && list[j].day === a.day; j++) {
          const b = list[j];
          if (b.startPeriod <= endOf(a) || (a.weekMask & b.weekMask) === 0 || !involves(a.key, b.key)) continue;
          const ca = campusOf(a, ctx);
          const cb = campusOf(b, ctx);
          if (ca === null || cb === null || ca === cb) continue;
          const need = ctx.travelMinutes(ca, cb);
          const gap = (ctx.periodStart[b.startPeriod - 1] ?? 0) - (ctx.periodEnd[endOf(a) - 1] ?? 0);
          if (need > 0 && gap < need)
            push({
              rule: 'campus_travel',
              lectureKeys: [a.key, b.key],
              subject: { kind, id },
              day: a.day,
              period: b.startPeriod,
              weeks: weeksOfMask(a.weekMask & b.weekMask),
              params: { need, gap, fromCampus: ca, toCampus: cb },
            });
        }
      }
    }
  };
  // indexBy lists are already sorted by the clash pass.
  travel('teacher', teachers);
  travel('admin_class', classes);
  travel('student', students);

  // Linked classes: the same session of each must start at the same time.
  if (ctx.links.length > 0) {
    const byClass = new Map<number, Placed[]>();
    for (const l of live) (byClass.get(l.teachingClassId) ?? byClass.set(l.teachingClassId, []).get(l.teachingClassId)!).push(l);
    for (const link of ctx.links) {
      const [first, ...rest] = link.teachingClassIds;
      const ref = new Map((byClass.get(first) ?? []).map((l) => [l.sessionIndex, l]));
      for (const other of rest)
        for (const l of byClass.get(other) ?? []) {
          const r = ref.get(l.sessionIndex);
          if (!r || (r.day === l.day && r.startPeriod === l.startPeriod) || !involves(r.key, l.key)) continue;
          push({
            rule: 'linked_time',
            lectureKeys: [r.key, l.key],
            subject: { kind: 'link', id: link.id },
            day: l.day,
            period: l.startPeriod,
            weeks: weeksOfMask(l.weekMask),
          });
        }
    }
  }
  return out;
}

function campusOf(l: Placed, ctx: CheckContext): number | null {
  if (l.noRoom || l.roomId === null) return null;
  return ctx.rooms.get(l.roomId)?.campusId ?? null;
}

function blockApplies(b: BlockedSlot, l: CheckLecture): boolean {
  if (b.exceptCategories?.includes(l.courseCategory)) return false;
  switch (b.appliesTo.kind) {
    case 'all':
      return true;
    case 'college':
      return b.appliesTo.ids.includes(l.collegeId);
    case 'cohort': {
      const ids = b.appliesTo.ids;
      return l.cohorts.some((c) => ids.includes(c));
    }
    case 'category':
      return b.appliesTo.categories.includes(l.courseCategory);
  }
}
