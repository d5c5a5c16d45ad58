import {
  SELECTION_REASON_CODES,
  weeksOfMask,
  type PrerequisiteExpr,
  type RetakeMode,
  type SelectionMode,
  type SelectionReasonCode,
} from '@jiaowu/contracts';

/**
 * The selection rule checker 选课规则: decides whether a student may take a teaching class in a
 * round now, and why not. Pure — no database, no clock: the enrolment transaction reads a
 * snapshot (under the student's row lock) and passes it in, and the class list runs the same
 * function for every class, so "may I" on the page and the answer to the request never differ.
 *
 * Days are 1-based (1 = Monday), periods 1-based, a week set is a bitmask (bit w − 1 ⇔ week w).
 * Credits are compared in tenths, so 24.5 + 0.5 is exactly 25.
 */

export interface RuleLecture {
  day: number;
  startPeriod: number;
  length: number;
  weekMask: number;
}

export interface RuleStudent {
  id: number;
  cohort: number;
  majorId: number;
  collegeId: number;
  adminClassId: number;
  gender: 'male' | 'female' | null;
  /** Codes of the courses the student has passed (prerequisites; a passed course is not taken again). */
  passedCourseCodes: ReadonlySet<string>;
  /** Courses the student has failed and not passed since: these may be retaken 重修. */
  failedCourseIds: ReadonlySet<number>;
  /** Active holds 选课限制, each with the reason shown to the student. */
  holds: readonly { reason: string }[];
  /** An approved credit-limit raise 超学分申请 for this term; replaces the round's maximum. */
  approvedMaxCredits?: number | null;
}

/** Matching by cohort/major/college: every non-empty list must contain the student's value. */
export interface StudentMatch {
  cohorts: readonly number[];
  majorIds: readonly number[];
  collegeIds: readonly number[];
}

export interface RuleRound {
  name: string;
  mode: SelectionMode;
  opensAt: Date;
  closesAt: Date;
  /** 分批开放: a cohort listed here opens at its own time instead of `opensAt`. */
  staggered: readonly { cohorts: readonly number[]; opensAt: Date }[];
  /** Null: everybody. */
  scope: StudentMatch | null;
  /** A pilot round 试点 admits only the colleges of its scope (the scope check covers it). */
  isPilot: boolean;
  creditLimits: {
    minCredits: number | null;
    maxCredits: number | null;
    /** The first group a student matches replaces the defaults. */
    groups: readonly (StudentMatch & { label: string; minCredits: number | null; maxCredits: number | null })[];
  };
  maxClasses: number | null;
  dropsAllowed: boolean;
  dropDeadline: Date | null;
  noReselectAfterDrop: boolean;
  retakeModes: readonly RetakeMode[];
}

/** 预留名额: `seats` of the class held for students of one cohort/major/college until `until`. */
export interface ReservedBucket {
  seats: number;
  /** Seats of the bucket already taken by matching students. */
  taken: number;
  kind: 'cohort' | 'major' | 'college';
  /** The cohort (year), major id or college id. */
  value: number;
  /** A human name of the group ("2023级", "计算机科学与技术"), for the message. */
  label: string;
  until: Date;
}

/** A teaching class, by its code (CS201-01) and its course. */
export interface ClassName {
  teachingClassId: number;
  code: string;
  courseId: number;
  courseCode: string;
  courseName: string;
  courseNameEn?: string | null;
}

export interface RuleClass extends ClassName {
  credits: number;
  capacity: number;
  /** Students enrolled now (the seat counter). */
  enrolled: number;
  reserved: readonly ReservedBucket[];
  genderRestriction: 'male' | 'female' | null;
  lectures: readonly RuleLecture[];
  /** 重修班: only for students who failed the course. */
  isRetakeClass: boolean;
  prerequisites: PrerequisiteExpr | null;
  /** Names of the courses the prerequisites mention, by code, for the message. */
  prerequisiteNames?: Readonly<Record<string, { name: string; nameEn?: string | null } | undefined>>;
}

export interface RuleEnrolment extends ClassName {
  id: number;
  credits: number;
  lectures: readonly RuleLecture[];
  /** Only `enrolled` rows hold a seat, a time and credits; the others are listed for completeness. */
  status: 'enrolled' | 'waitlisted' | 'dropped' | 'lottery_pending' | 'lottery_lost';
  isRetake: boolean;
  retakeMode: RetakeMode | null;
  /** Pre-enrolled required course 按行政班预置. */
  fixed: boolean;
}

export interface EnrolmentContext {
  student: RuleStudent;
  round: RuleRound;
  now: Date;
  target: RuleClass;
  /** The class is open in this round (selection_round_classes). */
  classInRound: boolean;
  /** The student's enrolments of this term. */
  enrolments: readonly RuleEnrolment[];
  /** Courses the student dropped in this round. */
  droppedCourseIds: ReadonlySet<number>;
  /** The retake mode the student asks for; omitted: the one the class implies. */
  retakeMode?: RetakeMode | null;
  /** A swap: check the target as if this enrolment were dropped (its drop is checked too). */
  replacing?: number | null;
  /** The office acts (a fixed course may then be dropped in a swap). */
  byOffice?: boolean;
}

/** Where two lectures meet: the day, the periods both use, and the weeks both have. */
export interface Clash {
  day: number;
  fromPeriod: number;
  toPeriod: number;
  weeks: number[];
}

/** The parameters each reason carries; plain JSON, so refusals can be stored and sent as they are. */
export interface ReasonParams {
  window_closed: { opensAt: string; closesAt: string; isStaggered: boolean; hasClosed: boolean };
  not_in_round: { round: string };
  class_not_in_round: { class: ClassName; round: string };
  course_already_taken: { class: ClassName; other: ClassName | null; hasPassed: boolean };
  time_conflict: { class: ClassName; other: ClassName } & Clash;
  class_full: { class: ClassName; capacity: number };
  reserved_seats: { class: ClassName; groups: string[]; until: string };
  credit_limit: { current: number; credits: number; max: number };
  class_limit: { current: number; max: number };
  prerequisite_missing: { class: ClassName; missing: PrerequisiteExpr; names: Record<string, { name: string; nameEn?: string | null }> };
  hold: { reason: string };
  gender_restricted: { class: ClassName; gender: 'male' | 'female' };
  dropped_in_round: { class: ClassName };
  retake_mode_not_allowed: { class: ClassName; mode: RetakeMode; isClassMismatch: boolean };
  not_a_retake: { class: ClassName };
  drops_closed: { class: ClassName | null; cause: 'not_allowed' | 'deadline' | 'fixed'; deadline: string | null };
}

/** One refusal: a code and what its message names. */
export type Reason = { [C in SelectionReasonCode]: { code: C; params: ReasonParams[C] } }[SelectionReasonCode];

// ---------------------------------------------------------------- time

/** The two lectures meet: same day, overlapping periods, at least one common week. */
export function lectureClash(a: RuleLecture, b: RuleLecture): Clash | null {
  if (a.day !== b.day) return null;
  const common = a.weekMask & b.weekMask;
  if (common === 0) return null;
  const from = Math.max(a.startPeriod, b.startPeriod);
  const to = Math.min(a.startPeriod + a.length, b.startPeriod + b.length) - 1;
  if (to < from) return null;
  return { day: a.day, fromPeriod: from, toPeriod: to, weeks: weeksOfMask(common) };
}

/** The first clash between two sets of lectures (in the order of `a`, then `b`), or null. */
export function firstClash(a: readonly RuleLecture[], b: readonly RuleLecture[]): Clash | null {
  for (const x of a)
    for (const y of b) {
      const c = lectureClash(x, y);
      if (c) return c;
    }
  return null;
}

/** Whether any lecture of `a` meets any lecture of `b` in a common week (odd/even weeks may share a slot). */
export const lecturesConflict = (a: readonly RuleLecture[], b: readonly RuleLecture[]): boolean => firstClash(a, b) !== null;

// ---------------------------------------------------------------- pieces the service reuses

const matches = (m: StudentMatch, s: RuleStudent) =>
  (m.cohorts.length === 0 || m.cohorts.includes(s.cohort)) &&
  (m.majorIds.length === 0 || m.majorIds.includes(s.majorId)) &&
  (m.collegeIds.length === 0 || m.collegeIds.includes(s.collegeId));

/** The student takes part in the round (a pilot round without colleges admits nobody). */
export function isInRound(student: RuleStudent, round: RuleRound): boolean {
  if (round.isPilot && !(round.scope && round.scope.collegeIds.length > 0)) return false;
  return round.scope === null || matches(round.scope, student);
}

/** When the window opens for this student: their cohort's staggered opening, else the round's. */
export function opensAtFor(student: RuleStudent, round: RuleRound): { opensAt: Date; isStaggered: boolean } {
  const s = round.staggered.find((o) => o.cohorts.includes(student.cohort));
  return s ? { opensAt: s.opensAt, isStaggered: true } : { opensAt: round.opensAt, isStaggered: false };
}

/** The window [opensAt, closesAt) is open for the student at `now` (to the millisecond; openings are whole seconds). */
export function isWindowOpenFor(student: RuleStudent, round: RuleRound, now: Date): boolean {
  const t = now.getTime();
  return t >= opensAtFor(student, round).opensAt.getTime() && t < round.closesAt.getTime();
}

/** Credit limits for the student: an approved raise, else the first matching group, else the defaults. */
export function creditLimitsFor(student: RuleStudent, round: RuleRound): { min: number | null; max: number | null } {
  const g = round.creditLimits.groups.find((x) => matches(x, student));
  const min = g ? g.minCredits : round.creditLimits.minCredits;
  const max = g ? g.maxCredits : round.creditLimits.maxCredits;
  return { min, max: student.approvedMaxCredits ?? max };
}

const bucketMatches = (b: ReservedBucket, s: RuleStudent) =>
  b.kind === 'cohort' ? b.value === s.cohort : b.kind === 'major' ? b.value === s.majorId : b.value === s.collegeId;
const isActive = (b: ReservedBucket, now: Date) => now.getTime() < b.until.getTime();

/**
 * Seats this student could take now: capacity − enrolled − the seats still reserved (before
 * `until`) for groups the student is not in. Reserved seats of a group the student is in are
 * theirs to take. Never below 0.
 */
export function seatsLeftFor(student: RuleStudent, cls: RuleClass, now: Date): number {
  const heldForOthers = cls.reserved
    .filter((b) => isActive(b, now) && !bucketMatches(b, student))
    .reduce((n, b) => n + Math.max(0, b.seats - b.taken), 0);
  return Math.max(0, cls.capacity - cls.enrolled - heldForOthers);
}

/**
 * The reserved bucket an enrolment of this student should count against (its `taken` goes up):
 * the active matching bucket with seats left that expires first, so the general seats stay
 * for everybody; null when none applies.
 */
export function reservedBucketFor(student: RuleStudent, cls: RuleClass, now: Date): number | null {
  let best: number | null = null;
  cls.reserved.forEach((b, i) => {
    if (!isActive(b, now) || !bucketMatches(b, student) || b.taken >= b.seats) return;
    if (best === null || b.until.getTime() < cls.reserved[best].until.getTime()) best = i;
  });
  return best;
}

/** The retake mode a request ends up with: the one asked for, else the kind of class decides. Null: not a retake. */
export function retakeModeFor(ctx: Pick<EnrolmentContext, 'student' | 'target' | 'retakeMode'>): RetakeMode | null {
  if (!isRetakeFor(ctx.student, ctx.target)) return null;
  return ctx.retakeMode ?? (ctx.target.isRetakeClass ? 'retake_class' : 'follow');
}

/** The course was failed and not passed since: taking it is a retake 重修. */
export const isRetakeFor = (student: RuleStudent, cls: ClassName) =>
  student.failedCourseIds.has(cls.courseId) && !student.passedCourseCodes.has(cls.courseCode);

/** The part of a prerequisite expression the passed courses do not satisfy; null when satisfied. */
export function missingPrerequisites(expr: PrerequisiteExpr | null, passed: ReadonlySet<string>): PrerequisiteExpr | null {
  if (!expr) return null;
  if ('course' in expr) return passed.has(expr.course) ? null : expr;
  const missing = expr.items.map((i) => missingPrerequisites(i, passed));
  if (expr.op === 'any') return missing.some((m) => m === null) ? null : expr;
  const left = missing.filter((m): m is PrerequisiteExpr => m !== null);
  if (left.length === 0) return null;
  return left.length === 1 ? left[0] : { op: 'all', items: left };
}

const nameOf = (c: ClassName): ClassName => ({
  teachingClassId: c.teachingClassId,
  code: c.code,
  courseId: c.courseId,
  courseCode: c.courseCode,
  courseName: c.courseName,
  courseNameEn: c.courseNameEn ?? null,
});

const tenths = (n: number) => Math.round(n * 10);
const codeOrder = new Map(SELECTION_REASON_CODES.map((c, i) => [c, i]));
/** Reasons in the order of SELECTION_REASON_CODES; the same code keeps the order it was found in. */
const ordered = (rs: Reason[]) =>
  rs
    .map((r, i) => ({ r, i }))
    .sort((a, b) => codeOrder.get(a.r.code)! - codeOrder.get(b.r.code)! || a.i - b.i)
    .map((x) => x.r);

// ---------------------------------------------------------------- the checks

const iso = (d: Date) => d.toISOString();

function windowReason(student: RuleStudent, round: RuleRound, now: Date): Reason | null {
  if (isWindowOpenFor(student, round, now)) return null;
  const o = opensAtFor(student, round);
  return {
    code: 'window_closed',
    params: {
      opensAt: iso(o.opensAt),
      closesAt: iso(round.closesAt),
      isStaggered: o.isStaggered,
      hasClosed: now.getTime() >= round.closesAt.getTime(),
    },
  };
}

/**
 * Every rule a request to take `ctx.target` breaks, in the order of SELECTION_REASON_CODES
 * (time conflicts by the conflicting class's code); empty: the student may take it.
 *
 * - Only `enrolled` rows count (held seats, times, credits, classes). In a lottery round the
 *   choices are not seats yet: capacity is not checked (seats are drawn at close), and other
 *   pending choices may overlap (the draw keeps a student's winners apart).
 * - A self-study retake 自学 neither causes nor suffers a time conflict: the student attends
 *   no lectures, only the exam.
 * - A retake is of a course failed and not passed since; it skips the prerequisites (taken once
 *   already). A passed course is refused as already taken.
 * - With `replacing` (a swap A→B), A is left out of every count, and A's own drop rules apply.
 */
export function checkEnrolment(ctx: EnrolmentContext): Reason[] {
  const { student: s, round, now, target: t } = ctx;
  const cls = nameOf(t);
  const rs: Reason[] = [];
  const win = windowReason(s, round, now);
  if (win) rs.push(win);
  if (!isInRound(s, round)) rs.push({ code: 'not_in_round', params: { round: round.name } });
  if (!ctx.classInRound) rs.push({ code: 'class_not_in_round', params: { class: cls, round: round.name } });

  const replaced = ctx.replacing == null ? undefined : ctx.enrolments.find((e) => e.id === ctx.replacing && e.status === 'enrolled');
  if (replaced) {
    for (const r of dropProblems({ student: s, round, now, enrolment: replaced, byOffice: ctx.byOffice }))
      if (r.code === 'drops_closed') rs.push(r);
  }
  const held = ctx.enrolments
    .filter((e) => e.status === 'enrolled' && e.id !== ctx.replacing)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.id - b.id));

  const hasPassed = s.passedCourseCodes.has(t.courseCode);
  const sameCourse = held.find((e) => e.courseId === t.courseId);
  if (sameCourse || hasPassed) {
    rs.push({
      code: 'course_already_taken',
      params: { class: cls, other: sameCourse ? nameOf(sameCourse) : null, hasPassed: !sameCourse && hasPassed },
    });
  }

  const isRetake = isRetakeFor(s, t);
  const mode = retakeModeFor(ctx);
  if (!isRetake && !hasPassed && (t.isRetakeClass || ctx.retakeMode)) rs.push({ code: 'not_a_retake', params: { class: cls } });
  if (mode) {
    if (!round.retakeModes.includes(mode))
      rs.push({ code: 'retake_mode_not_allowed', params: { class: cls, mode, isClassMismatch: false } });
    // 跟班 needs a regular class, 重修班 a retake class; 自学 goes with either (exam only).
    else if (mode !== 'self_study' && (mode === 'retake_class') !== t.isRetakeClass) {
      rs.push({ code: 'retake_mode_not_allowed', params: { class: cls, mode, isClassMismatch: true } });
    }
  }

  if (mode !== 'self_study') {
    for (const e of held) {
      if (e.courseId === t.courseId || e.retakeMode === 'self_study') continue;
      const clash = firstClash(t.lectures, e.lectures);
      if (clash) rs.push({ code: 'time_conflict', params: { class: cls, other: nameOf(e), ...clash } });
    }
  }

  if (round.mode !== 'lottery') {
    // Swapping within the same class would free the student's own seat.
    const own = replaced?.teachingClassId === t.teachingClassId ? 1 : 0;
    const c = { ...t, enrolled: t.enrolled - own };
    if (c.capacity - c.enrolled <= 0) rs.push({ code: 'class_full', params: { class: cls, capacity: t.capacity } });
    else if (seatsLeftFor(s, c, now) <= 0) {
      const holding = t.reserved.filter((b) => isActive(b, now) && !bucketMatches(b, s) && b.taken < b.seats);
      const until = Math.min(...holding.map((b) => b.until.getTime()));
      rs.push({
        code: 'reserved_seats',
        params: { class: cls, groups: [...new Set(holding.map((b) => b.label))], until: new Date(until).toISOString() },
      });
    }
  }

  const { max } = creditLimitsFor(s, round);
  if (max !== null) {
    const current = held.reduce((n, e) => n + tenths(e.credits), 0);
    if (current + tenths(t.credits) > tenths(max))
      rs.push({ code: 'credit_limit', params: { current: current / 10, credits: t.credits, max } });
  }
  if (round.maxClasses !== null && held.length + 1 > round.maxClasses) {
    rs.push({ code: 'class_limit', params: { current: held.length, max: round.maxClasses } });
  }

  if (!isRetake) {
    const missing = missingPrerequisites(t.prerequisites, s.passedCourseCodes);
    if (missing) {
      const names: Record<string, { name: string; nameEn?: string | null }> = {};
      for (const code of codesOf(missing)) {
        const n = t.prerequisiteNames?.[code];
        if (n) names[code] = { name: n.name, nameEn: n.nameEn ?? null };
      }
      rs.push({ code: 'prerequisite_missing', params: { class: cls, missing, names } });
    }
  }
  for (const h of s.holds) rs.push({ code: 'hold', params: { reason: h.reason } });
  if (t.genderRestriction !== null && s.gender !== t.genderRestriction) {
    rs.push({ code: 'gender_restricted', params: { class: cls, gender: t.genderRestriction } });
  }
  if (round.noReselectAfterDrop && ctx.droppedCourseIds.has(t.courseId)) rs.push({ code: 'dropped_in_round', params: { class: cls } });
  return ordered(rs);
}

function codesOf(e: PrerequisiteExpr): string[] {
  return 'course' in e ? [e.course] : e.items.flatMap(codesOf);
}

export interface DropContext {
  student: RuleStudent;
  round: RuleRound;
  now: Date;
  enrolment: RuleEnrolment;
  /** The office may drop a fixed pre-enrolled course; a student may not. */
  byOffice?: boolean;
}

/**
 * Every rule a drop 退选 breaks: the window (the student's) must be open, the round must allow
 * drops and it must be before the drop deadline (a drop at the deadline's second is refused), and
 * a fixed pre-enrolled required course is dropped only by the office.
 */
export function dropProblems(ctx: DropContext): Reason[] {
  const { round, now, enrolment: e } = ctx;
  const rs: Reason[] = [];
  const win = windowReason(ctx.student, round, now);
  if (win) rs.push(win);
  const cls = nameOf(e);
  const deadline = round.dropDeadline ? iso(round.dropDeadline) : null;
  if (!round.dropsAllowed) rs.push({ code: 'drops_closed', params: { class: cls, cause: 'not_allowed', deadline } });
  else if (round.dropDeadline && now.getTime() >= round.dropDeadline.getTime()) {
    rs.push({ code: 'drops_closed', params: { class: cls, cause: 'deadline', deadline } });
  }
  if (e.fixed && !ctx.byOffice) rs.push({ code: 'drops_closed', params: { class: cls, cause: 'fixed', deadline } });
  return ordered(rs);
}
