import { z } from 'zod';
import { courseCategory } from './catalog.ts';
import { id, name, optionalText, text } from './common.ts';
import { gender } from './org.ts';
import { DEFAULT_MIN_CLASS_SIZE } from './selection-checks.ts';
import { weekList } from './timetable.ts';

/**
 * Course selection 选课 — the HTTP API the server, the web and the acceptance checks share
 * (issue 13, "API used by acceptance checks": the field names named there are kept exactly).
 * Instants are ISO 8601 strings with an offset ("2026-09-01T08:00:00+08:00"), to the second.
 */

/** 预选 lottery (choices ranked 志愿 1–3, drawn at close) · 正选 first come · 补退选 add/drop. */
export const SELECTION_MODES = ['lottery', 'first_come', 'add_drop'] as const;
export const selectionMode = z.enum(SELECTION_MODES);
export type SelectionMode = z.infer<typeof selectionMode>;

/**
 * Retake 重修 modes: `follow` sits in a regular class 跟班; `retake_class` takes a dedicated
 * retake class 重修班; `self_study` 自学 enrols for the exam only, so its lectures may clash.
 */
export const RETAKE_MODES = ['follow', 'retake_class', 'self_study'] as const;
export const retakeMode = z.enum(RETAKE_MODES);
export type RetakeMode = z.infer<typeof retakeMode>;

/**
 * What happens to a seat dropped from a full class with nobody waiting: released at once, or —
 * against seat trading 倒课 (a friend waiting to catch the seat) — at a random moment within
 * `windowMinutes` after the drop.
 */
export const seatRelease = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('immediate') }),
  z.object({
    mode: z.literal('random_window'),
    windowMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
  }),
]);
export type SeatRelease = z.infer<typeof seatRelease>;

/** Life of a round: set up (draft), window open, window closed, lottery drawn, results locked 选课确认. */
export const ROUND_STATUSES = ['draft', 'open', 'closed', 'drawn', 'locked'] as const;
export const roundStatus = z.enum(ROUND_STATUSES);

/**
 * Why a student may not take a class (or drop one). The rule checker returns them in this
 * order; `message` is always translated for the user, the code is for programs.
 */
export const SELECTION_REASON_CODES = [
  'window_closed', // the round's window (or the student's cohort's staggered opening) is not open now
  'not_in_round', // the student is outside the round's cohorts/majors/colleges (or its pilot colleges)
  'class_not_in_round', // the teaching class is not offered in this round
  'course_already_taken', // another class of the course this term, or the course already passed
  'time_conflict', // a lecture overlaps one of an enrolled class in a common week
  'class_full',
  'reserved_seats', // the seats left are reserved 预留 for other majors/cohorts/colleges until a date
  'credit_limit',
  'class_limit',
  'prerequisite_missing',
  'hold', // 选课限制 (unpaid fees …), with its reason
  'gender_restricted', // a men's/women's section (PE)
  'dropped_in_round', // dropped in this round, and the round forbids taking it again
  'retake_mode_not_allowed',
  'not_a_retake', // a retake class or retake mode for a course the student has not failed
  'drops_closed', // drops not allowed, past the drop deadline, or a fixed pre-enrolled course
] as const;
export const selectionReasonCode = z.enum(SELECTION_REASON_CODES);
export type SelectionReasonCode = z.infer<typeof selectionReasonCode>;

/** A refusal as the API shows it. */
export const selectionReason = z.object({ code: selectionReasonCode, message: z.string() });
export type SelectionReason = z.infer<typeof selectionReason>;

/** Credits with at most one decimal (limits are compared exactly, in tenths). */
const creditAmount = z
  .number()
  .min(0)
  .max(99)
  .refine((n) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-9, { message: 'credits_format' });

/** Instant with an offset, whole seconds (a window opens on a second, not a millisecond). */
const instant = z.iso.datetime({ offset: true }).refine((s) => new Date(s).getMilliseconds() === 0, { message: 'second_precision' });

const cohortNumber = z.number().int().min(1990).max(2100);

/**
 * Who takes part. Null: everybody. Otherwise a student must match every list that is not
 * empty (e.g. cohorts [2022] and colleges [3]: the 2022 students of college 3).
 */
export const roundScope = z.object({
  cohorts: z.array(cohortNumber).max(20).default([]),
  majorIds: z.array(id).max(500).default([]),
  collegeIds: z.array(id).max(200).default([]),
});
export type RoundScope = z.infer<typeof roundScope>;

/** A student group with its own limits; the first group a student matches applies (same matching as a scope). */
export const creditLimitGroup = roundScope.extend({
  label: text(100).min(1),
  minCredits: creditAmount.nullable(),
  maxCredits: creditAmount.nullable(),
});

/** Credits a student must / may take this term: defaults, then per-group overrides. */
export const creditLimits = z.object({
  minCredits: creditAmount.nullable(),
  maxCredits: creditAmount.nullable(),
  groups: z.array(creditLimitGroup).max(50).default([]),
});
export type CreditLimits = z.infer<typeof creditLimits>;

/** 分批开放: these cohorts' window opens at `opensAt` (seniors first spreads the rush). */
export const staggeredOpening = z.object({ cohorts: z.array(cohortNumber).min(1).max(20), opensAt: instant });

/** Every field of a round, none defaulted (an update names only what changes). */
const roundBase = z.object({
  termId: id,
  name,
  mode: selectionMode,
  opensAt: instant,
  closesAt: instant,
  staggered: z.array(staggeredOpening).max(20),
  scope: roundScope.nullable(),
  /** 试点: only the colleges of the scope take part (the scope must name colleges). */
  isPilot: z.boolean(),
  creditLimits,
  /** Most classes a student may hold this term; null: no limit. */
  maxClasses: z.number().int().min(1).max(100).nullable(),
  dropsAllowed: z.boolean(),
  /** Drops are refused from this instant on; null: until the window closes. */
  dropDeadline: instant.nullable(),
  /** A course dropped in this round cannot be taken again in it. */
  noReselectAfterDrop: z.boolean(),
  retakeModes: z.array(retakeMode).max(RETAKE_MODES.length),
  seatRelease,
  /** 选课通知: the rules in words, published before the window opens. */
  notice: optionalText,
  /** The notice is pushed to the students this many days before the window opens (0: only at the opening), and at the opening. */
  noticeDaysBefore: z.number().int().min(0).max(30),
  /** 选课审核: a class of the round with fewer students is a finding (停开 candidate); null: not checked. */
  minClassSize: z.number().int().min(1).max(1000).nullable(),
});

/** A new round: what is not given takes the usual defaults. */
const roundFields = roundBase.extend({
  staggered: roundBase.shape.staggered.default([]),
  scope: roundBase.shape.scope.default(null),
  isPilot: roundBase.shape.isPilot.default(false),
  creditLimits: creditLimits.default({ minCredits: null, maxCredits: null, groups: [] }),
  maxClasses: roundBase.shape.maxClasses.default(null),
  dropsAllowed: roundBase.shape.dropsAllowed.default(true),
  dropDeadline: roundBase.shape.dropDeadline.default(null),
  noReselectAfterDrop: roundBase.shape.noReselectAfterDrop.default(false),
  retakeModes: roundBase.shape.retakeModes.default(['follow', 'retake_class', 'self_study']),
  seatRelease: seatRelease.default({ mode: 'immediate' }),
  noticeDaysBefore: roundBase.shape.noticeDaysBefore.default(3),
  minClassSize: roundBase.shape.minClassSize.default(DEFAULT_MIN_CLASS_SIZE),
});

type RoundFieldsOut = z.output<typeof roundBase>;

/**
 * Cross-field problems of a round (also for the merged result of an update, which the service
 * checks again): [path, message code].
 */
export function roundProblems(r: Partial<RoundFieldsOut>): { path: string[]; message: string }[] {
  const out: { path: string[]; message: string }[] = [];
  const t = (s: string | null | undefined) => (s ? new Date(s).getTime() : null);
  const opens = t(r.opensAt);
  const closes = t(r.closesAt);
  if (opens !== null && closes !== null && closes <= opens) out.push({ path: ['closesAt'], message: 'closes_before_opens' });
  const seen = new Set<number>();
  r.staggered?.forEach((s, i) => {
    const at = t(s.opensAt);
    if (closes !== null && at !== null && at >= closes)
      out.push({ path: ['staggered', String(i), 'opensAt'], message: 'closes_before_opens' });
    for (const c of s.cohorts) {
      if (seen.has(c)) out.push({ path: ['staggered', String(i), 'cohorts'], message: 'duplicate' });
      seen.add(c);
    }
  });
  const dl = t(r.dropDeadline);
  if (dl !== null && opens !== null && dl <= opens) out.push({ path: ['dropDeadline'], message: 'deadline_before_opens' });
  const limits = [r.creditLimits, ...(r.creditLimits?.groups ?? [])];
  limits.forEach((l, i) => {
    if (l && l.minCredits !== null && l.maxCredits !== null && l.minCredits > l.maxCredits) {
      out.push({
        path: i === 0 ? ['creditLimits', 'minCredits'] : ['creditLimits', 'groups', String(i - 1), 'minCredits'],
        message: 'min_above_max',
      });
    }
  });
  if (r.isPilot && !(r.scope && r.scope.collegeIds.length > 0)) out.push({ path: ['scope', 'collegeIds'], message: 'required' });
  if (r.retakeModes && new Set(r.retakeModes).size !== r.retakeModes.length) out.push({ path: ['retakeModes'], message: 'duplicate' });
  return out;
}

const withProblems = (r: Partial<RoundFieldsOut>, ctx: z.RefinementCtx) => {
  for (const p of roundProblems(r)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
};

/** POST /api/selection/rounds. */
export const roundInput = roundFields.superRefine(withProblems);
export type RoundInput = z.input<typeof roundInput>;

/** PATCH /api/selection/rounds/:id: any field but the term; `version` guards concurrent edits. */
export const roundUpdate = roundBase
  .omit({ termId: true })
  .partial()
  .extend({ version: z.number().int().min(0) })
  .superRefine(withProblems);
export type RoundUpdate = z.input<typeof roundUpdate>;

/** A round as the API returns it. `isOpen`: the window is open now (for the default opening). */
export const round = roundBase.extend({
  id: z.number().int(),
  status: roundStatus,
  isOpen: z.boolean(),
  notice: z.string().nullable(),
  version: z.number().int(),
  /** The seed the lottery was drawn with (recorded for re-runs); null before a draw. */
  lotterySeed: z.number().int().nullable(),
});
export type Round = z.infer<typeof round>;

/** One lecture of a class as the selection pages show it. */
export const selectionLecture = z.object({
  day: z.number().int().min(1).max(7),
  startPeriod: z.number().int().min(1),
  length: z.number().int().min(1),
  weeks: weekList,
  roomName: z.string().nullable(),
});

/** GET /api/selection/rounds/:id/classes: a class for the signed-in student. */
export const roundClassItem = z.object({
  teachingClassId: z.number().int(),
  courseId: z.number().int(),
  /** The teaching class code, e.g. CS201-01. */
  code: z.string(),
  courseCode: z.string(),
  courseName: z.string(),
  courseNameEn: z.string().nullable(),
  /** "3.0", as the catalog writes credits. */
  credits: z.string(),
  category: courseCategory,
  lectures: z.array(selectionLecture),
  teachers: z.array(z.string()),
  capacity: z.number().int(),
  /** Seats this student could still take (seats reserved for others do not count). */
  seatsLeft: z.number().int(),
  /** Lottery rounds: how many students chose the class so far; null otherwise. */
  applicants: z.number().int().nullable(),
  isRetakeClass: z.boolean(),
  genderRestriction: gender.nullable(),
  /** The student failed this course: taking it is a retake 重修, in one of `retakeModes`. */
  isRetake: z.boolean(),
  /**
   * The retake modes in which this student may take the class now (the round's modes that suit it
   * — 跟班 a regular class, 重修班 a retake class, 自学 either — and pass every rule); empty unless `isRetake`.
   */
  retakeModes: z.array(retakeMode),
  eligible: z.boolean(),
  reasons: z.array(selectionReason),
});
export type RoundClassItem = z.infer<typeof roundClassItem>;

/** POST /api/selection/enrolments (header `Idempotency-Key` optional). */
export const enrolmentInput = z.object({ roundId: id, teachingClassId: id, retakeMode: retakeMode.optional() });
export type EnrolmentInput = z.infer<typeof enrolmentInput>;

/** POST /api/selection/swap: drop A and take B in one step (never neither). */
export const swapInput = z.object({ roundId: id, dropEnrolmentId: id, teachingClassId: id, retakeMode: retakeMode.optional() });
export type SwapInput = z.infer<typeof swapInput>;

/** POST /api/selection/waitlist 候补; with `dropEnrolmentId`: "drop that class if I get this one". */
export const waitlistInput = z.object({ roundId: id, teachingClassId: id, dropEnrolmentId: id.optional() });
export type WaitlistInput = z.infer<typeof waitlistInput>;

/** Lottery rounds: a choice with its preference rank 志愿. */
export const lotteryChoiceInput = z.object({ roundId: id, teachingClassId: id, rank: z.number().int().min(1).max(3) });
export type LotteryChoiceInput = z.infer<typeof lotteryChoiceInput>;

export const ENROLMENT_STATUSES = ['enrolled', 'waitlisted', 'dropped', 'lottery_pending', 'lottery_lost'] as const;
export const enrolmentStatus = z.enum(ENROLMENT_STATUSES);
export type EnrolmentStatus = z.infer<typeof enrolmentStatus>;

/** One line of GET /api/selection/me. */
export const myEnrolment = z.object({
  id: z.number().int(),
  roundId: z.number().int().nullable(),
  teachingClassId: z.number().int(),
  courseId: z.number().int(),
  code: z.string(),
  courseCode: z.string(),
  courseName: z.string(),
  courseNameEn: z.string().nullable(),
  credits: z.string(),
  status: enrolmentStatus,
  isRetake: z.boolean(),
  retakeMode: retakeMode.nullable(),
  /** Pre-enrolled required course 按行政班预置: shown as fixed. */
  fixed: z.boolean(),
  /** Waitlisted: 1 = next to get a seat. */
  waitlistPosition: z.number().int().nullable(),
  /** Lottery choices: the preference rank 志愿 1–3; null otherwise. */
  rank: z.number().int().nullable(),
  /** Lottery choices after the draw: why the student did or did not get the seat, in words. */
  explanation: z.string().nullable(),
  lectures: z.array(selectionLecture),
  teachers: z.array(z.string()),
});
export type MyEnrolment = z.infer<typeof myEnrolment>;

/** GET /api/selection/me?termId= */
export const myEnrolmentsQuery = z.object({ termId: id });
/**
 * `items`: enrolments (`id` the enrolment's), waitlist entries (status `waitlisted`, `id` the
 * entry's) and lottery choices (`lottery_pending` / `lottery_lost`, `id` the choice's).
 * `totalCredits`: of the enrolled items, exact ("18.5").
 */
export const myEnrolments = z.object({
  items: z.array(myEnrolment),
  totalCredits: z.string(),
  holds: z.array(z.object({ reason: z.string() })),
});
export type MyEnrolments = z.infer<typeof myEnrolments>;

/** Where a hold comes from: an administrator, or another system (finance) through the API. */
export const HOLD_SOURCES = ['admin', 'api'] as const;
export const holdSource = z.enum(HOLD_SOURCES);

/** POST /api/selection/holds 选课限制; the reason is shown to the student. */
export const holdInput = z.object({ studentId: id, reason: text(200).min(1), source: holdSource.default('admin') });
export type HoldInput = z.input<typeof holdInput>;

/** GET /api/selection/rounds?termId= — the rounds of a term, newest window first. */
export const roundsQuery = z.object({ termId: id });
export const roundList = z.object({ items: z.array(round) });

/** PUT /api/selection/rounds/:id/classes — the teaching classes open in the round. */
export const roundClassesInput = z.object({ teachingClassIds: z.array(id).max(5000) });

/** GET /api/selection/rounds/:id/classes — filters of the class list ("fits my timetable" = `fits`). */
export const roundClassesQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: text(100).optional(),
  category: courseCategory.optional(),
  credits: z.coerce.number().min(0).max(99).optional(),
  day: z.coerce.number().int().min(1).max(7).optional(),
  period: z.coerce.number().int().min(1).max(20).optional(),
  teacher: text(60).optional(),
  fits: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Only classes the student may take now. */
  eligibleOnly: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type RoundClassesQuery = z.input<typeof roundClassesQuery>;
export const roundClassPage = z.object({ items: z.array(roundClassItem), total: z.number().int() });

/** DELETE /api/selection/enrolments/:id — which round's drop rules apply (default: the student's open round of the term). */
export const dropQuery = z.object({ roundId: id.optional() });

/** Answer of enrol / swap: the enrolment as /me lists it. */
export const enrolmentResult = z.object({
  id: z.number().int(),
  teachingClassId: z.number().int(),
  courseId: z.number().int(),
  status: enrolmentStatus,
  replayed: z.boolean(),
});

/** Answer of POST /api/selection/waitlist: the entry and the student's place in the queue. */
export const waitlistEntry = z.object({ id: z.number().int(), teachingClassId: z.number().int(), position: z.number().int() });

/** POST /api/selection/rounds/:id/draw — the seed is recorded; re-running with it gives the same result. */
export const drawInput = z.object({ seed: z.number().int().min(0).max(2_147_483_647).optional() });
export const drawResult = z.object({
  roundId: z.number().int(),
  seed: z.number().int(),
  choices: z.number().int(),
  won: z.number().int(),
  lost: z.number().int(),
  /** True when this draw reproduced the recorded one exactly (a re-run). */
  sameAsRecorded: z.boolean().nullable(),
});

/** GET /api/selection/rosters/:teachingClassId?format=xlsx|pdf (no format: JSON). */
export const rosterQuery = z.object({ format: z.enum(['xlsx', 'pdf']).optional() });
export const rosterStudent = z.object({
  studentNo: z.string(),
  name: z.string(),
  adminClass: z.string().nullable(),
  major: z.string().nullable(),
  isRetake: z.boolean(),
});
export const roster = z.object({
  teachingClassId: z.number().int(),
  code: z.string(),
  courseName: z.string(),
  teachers: z.array(z.string()),
  students: z.array(rosterStudent),
  locked: z.boolean(),
});
export type Roster = z.infer<typeof roster>;

/** A hold as listed for the office. */
export const hold = z.object({
  id: z.number().int(),
  studentId: z.number().int(),
  studentNo: z.string(),
  studentName: z.string(),
  reason: z.string(),
  source: holdSource,
  createdAt: z.string(),
});
export const holdsQuery = z.object({ studentId: id.optional() });

/** Office enrol / drop for a student 代选/代退, with the reason recorded; `override` skips the rules. */
export const officeEnrolInput = z.object({
  roundId: id,
  studentId: id,
  teachingClassId: id,
  reason: text(200).min(1),
  override: z.boolean().default(false),
});
export const officeDropInput = z.object({ reason: text(200).min(1) });

/** Live dashboard 选课监控 of a round. */
export const roundDashboard = z.object({
  roundId: z.number().int(),
  enrolled: z.number().int(),
  students: z.number().int(),
  fullClasses: z.number().int(),
  classes: z.number().int(),
  waiting: z.number().int(),
  /** Requests per second over the last minute, refusals by rule code over the round. */
  requestsPerSecond: z.number(),
  errors: z.number().int(),
  refusals: z.record(z.string(), z.number().int()),
  topWaitlists: z.array(
    z.object({ teachingClassId: z.number().int(), code: z.string(), courseName: z.string(), waiting: z.number().int() }),
  ),
});
export type RoundDashboard = z.infer<typeof roundDashboard>;
