import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { constraintFieldsOf } from '../../db/constraint-fields.ts';
import { courses } from '../catalog/catalog.tables.ts';
import { users } from '../iam/iam.tables.ts';
import { teachingClasses } from '../offerings/offerings.tables.ts';
import { students, terms } from '../org/org.tables.ts';

/**
 * 选课 — the tables of course selection. The invariants the opening rush must not break live
 * here, not in application code: `selection_class_seats` is the seat authority (a CHECK keeps
 * `enrolled` within `capacity`, and seats are taken by one conditional UPDATE), a partial unique
 * index keeps a student from holding the same course twice in a term, and the
 * `selection_student_terms` row is locked at the start of every write of one student, which
 * serialises that student's own concurrent requests (two overlapping classes cannot both pass).
 */

/**
 * 选课轮次 — a round of a term: lottery 预选 (choices ranked, seats drawn after close),
 * first-come 正选, add/drop 补退选.
 */
export const selectionRounds = pgTable(
  'selection_rounds',
  {
    id: serial('id').primaryKey(),
    termId: integer('term_id')
      .notNull()
      .references(() => terms.id, { onDelete: 'cascade' }),
    /** Bumped on every update (optimistic concurrency of the office's edits). */
    version: integer('version').notNull().default(1),
    name: text('name').notNull(),
    /** lottery | first_come | add_drop */
    mode: text('mode').notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    /**
     * The jsonb columns below hold the API's own shapes (contracts/selection.ts), parsed with its
     * schemas when read, so the rule checker, the API and the table mean the same thing.
     * Staggered opening 分批开放: contracts `staggeredOpening[]` — [{ cohorts, opensAt }], a cohort
     * listed opens at its own time (seniors first).
     */
    staggered: jsonb('staggered').notNull().default([]),
    /** Who takes part: contracts `RoundScope` (every non-empty list must match); null = everybody. */
    scope: jsonb('scope'),
    /** Pilot round 试点: only the colleges of the scope take part. */
    isPilot: boolean('is_pilot').notNull().default(false),
    /** Contracts `CreditLimits`: { minCredits, maxCredits, groups: [{ label, cohorts, majorIds, collegeIds, minCredits, maxCredits }] }. */
    creditLimits: jsonb('credit_limits').notNull().default({ minCredits: null, maxCredits: null, groups: [] }),
    /** At most this many classes a student holds in the term; null = no limit. */
    maxClasses: integer('max_classes'),
    dropsAllowed: boolean('drops_allowed').notNull().default(true),
    /** Drops are refused after this moment; null = until the round closes. */
    dropDeadline: timestamp('drop_deadline', { withTimezone: true }),
    /** A course dropped in this round cannot be selected again in it (against seat trading 倒课). */
    noReselectAfterDrop: boolean('no_reselect_after_drop').notNull().default(false),
    /** Retake 重修 modes the round allows (contracts RETAKE_MODES): follow 跟班, retake_class 重修班, self_study 自学. */
    retakeModes: text('retake_modes')
      .array()
      .notNull()
      .default(sql`ARRAY['follow', 'retake_class', 'self_study']::text[]`),
    /** immediate | random_window: a dropped seat without waitlist is released at once or at a random moment. */
    seatRelease: text('seat_release').notNull().default('immediate'),
    /** Upper bound of the random release delay, in seconds (seat_release = random_window). */
    seatReleaseWindowSeconds: integer('seat_release_window_seconds'),
    /** Seed of the lottery draw, recorded so the office can re-run it and get the same result. */
    lotterySeed: integer('lottery_seed'),
    /** draft | open | closed | drawn | locked */
    status: text('status').notNull().default('draft'),
    /** 选课通知 — the notice shown and pushed before the round opens. */
    notice: text('notice'),
    /** The notice is pushed (in the app and by email) this many days before the window opens, and again when it opens. */
    noticeDaysBefore: integer('notice_days_before').notNull().default(3),
    /** When the notice went out before the opening / at the opening; null: not yet (the periodic task sends it once). */
    noticedBeforeAt: timestamp('noticed_before_at', { withTimezone: true }),
    noticedOpenAt: timestamp('noticed_open_at', { withTimezone: true }),
    /**
     * The same marks for each staggered opening 分批开放 (its own notice N days before its own
     * opening, and at it): { "<index in staggered>": { "before": iso, "open": iso } }. The two
     * columns above are then the marks of the students not in any staggered cohort.
     */
    noticedStaggered: jsonb('noticed_staggered').notNull().default({}),
    /** 选课审核: a class of the round with fewer enrolled students is a finding; null: not checked. */
    minClassSize: integer('min_class_size').default(10),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('selection_rounds_term_idx').on(t.termId, t.opensAt), check('selection_rounds_window', sql`${t.closesAt} > ${t.opensAt}`)],
);

/** Which teaching classes are open in a round. */
export const selectionRoundClasses = pgTable(
  'selection_round_classes',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => selectionRounds.id, { onDelete: 'cascade' }),
    teachingClassId: integer('teaching_class_id')
      .notNull()
      .references(() => teachingClasses.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.teachingClassId] }), index('selection_round_classes_class_idx').on(t.teachingClassId)],
);

/**
 * The seat authority: one row per teaching class in selection. `enrolled` always equals the
 * class's enrolled rows (same transaction); the CHECK makes overselling impossible even for a
 * buggy caller, and taking a seat is `UPDATE … SET enrolled = enrolled + 1 WHERE enrolled < capacity`.
 */
export const selectionClassSeats = pgTable(
  'selection_class_seats',
  {
    teachingClassId: integer('teaching_class_id')
      .primaryKey()
      .references(() => teachingClasses.id, { onDelete: 'cascade' }),
    termId: integer('term_id')
      .notNull()
      .references(() => terms.id, { onDelete: 'cascade' }),
    capacity: integer('capacity').notNull(),
    enrolled: integer('enrolled').notNull().default(0),
    /**
     * Dropped seats not yet released (a random-window round, against seat trading 倒课): they are
     * nobody's but cannot be taken until their `selection_seat_releases` moment. Inside the CHECK,
     * so the database itself keeps them from being taken.
     */
    held: integer('held').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('selection_class_seats_term_idx').on(t.termId),
    check('selection_class_seats_within_capacity', sql`${t.enrolled} >= 0 AND ${t.enrolled} <= ${t.capacity}`),
    check('selection_class_seats_held', sql`${t.held} >= 0 AND ${t.enrolled} + ${t.held} <= ${t.capacity}`),
  ],
);

/**
 * 预留名额 — seats of a class kept for one cohort, major or college until a moment, then open to
 * everybody. They are part of the class's capacity: a student outside the group may only take
 * a seat while `enrolled + (reserved seats still free) < capacity`.
 */
export const selectionReservedSeats = pgTable(
  'selection_reserved_seats',
  {
    id: serial('id').primaryKey(),
    teachingClassId: integer('teaching_class_id')
      .notNull()
      .references(() => teachingClasses.id, { onDelete: 'cascade' }),
    seats: integer('seats').notNull(),
    /** cohort | major | college */
    forKind: text('for_kind').notNull(),
    /** The cohort year, major id or college id. */
    forValue: integer('for_value').notNull(),
    /** After this moment the seats not taken are open to everybody. */
    until: timestamp('until', { withTimezone: true }).notNull(),
    taken: integer('taken').notNull().default(0),
  },
  (t) => [
    index('selection_reserved_seats_class_idx').on(t.teachingClassId),
    check('selection_reserved_seats_within', sql`${t.taken} >= 0 AND ${t.taken} <= ${t.seats}`),
  ],
);

/** 选课记录 — a student's enrolment in a teaching class; dropped ones stay (history, no-reselect rule). */
export const enrolments = pgTable(
  'enrolments',
  {
    id: serial('id').primaryKey(),
    termId: integer('term_id')
      .notNull()
      .references(() => terms.id, { onDelete: 'cascade' }),
    /** The round it was made in; null for the office's own enrolments outside any round. */
    roundId: integer('round_id').references(() => selectionRounds.id, { onDelete: 'set null' }),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id),
    teachingClassId: integer('teaching_class_id')
      .notNull()
      .references(() => teachingClasses.id),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id),
    /** enrolled | dropped */
    status: text('status').notNull().default('enrolled'),
    /** 重修 — a retake of a failed course; `retake_mode` says which (follow | retake_class | self_study). */
    isRetake: boolean('is_retake').notNull().default(false),
    retakeMode: text('retake_mode'),
    /** Pre-enrolled required course 按行政班预置: shown as fixed, not dropped by the student. */
    isFixed: boolean('is_fixed').notNull().default(false),
    /** self | office | prefill | lottery | waitlist */
    source: text('source').notNull().default('self'),
    /** The reserved-seat row whose seat it holds, released with it. */
    reservedSeatId: integer('reserved_seat_id').references(() => selectionReservedSeats.id, { onDelete: 'set null' }),
    /** The client's Idempotency-Key: a retried request returns this row instead of enrolling twice. */
    idempotencyKey: text('idempotency_key'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    droppedAt: timestamp('dropped_at', { withTimezone: true }),
    /** self | swap | waitlist_swap | office | class_cancelled, or the office's words. */
    dropReason: text('drop_reason'),
  },
  (t) => [
    // Never the same course twice in a term, whichever class: the database decides under the rush.
    uniqueIndex('enrolments_one_course')
      .on(t.studentId, t.termId, t.courseId)
      .where(sql`${t.status} = 'enrolled'`),
    uniqueIndex('enrolments_idempotency').on(t.studentId, t.idempotencyKey),
    index('enrolments_class_idx').on(t.teachingClassId, t.status),
    index('enrolments_student_term_idx').on(t.studentId, t.termId),
    index('enrolments_round_idx').on(t.roundId),
  ],
);

/** 候补 — a student waiting for a seat of a full class, ordered by priority group then time. */
export const selectionWaitlist = pgTable(
  'selection_waitlist',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => selectionRounds.id, { onDelete: 'cascade' }),
    teachingClassId: integer('teaching_class_id')
      .notNull()
      .references(() => teachingClasses.id, { onDelete: 'cascade' }),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id),
    /** Lower first: e.g. 1 plan-required, 2 graduating, 3 everybody else. */
    priorityGroup: integer('priority_group').notNull().default(3),
    /** Conditional entry: drop this enrolment when promoted ("drop A if I get B"), atomically. */
    dropEnrolmentId: integer('drop_enrolment_id').references(() => enrolments.id, { onDelete: 'set null' }),
    /** waiting | promoted | left | closed */
    status: text('status').notNull().default('waiting'),
    /** The enrolment a promotion made. */
    enrolmentId: integer('enrolment_id').references(() => enrolments.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('selection_waitlist_one_entry')
      .on(t.studentId, t.teachingClassId)
      .where(sql`${t.status} = 'waiting'`),
    index('selection_waitlist_queue_idx')
      .on(t.teachingClassId, t.priorityGroup, t.createdAt, t.id)
      .where(sql`${t.status} = 'waiting'`),
  ],
);

/** 志愿 — a student's ranked choice in a lottery round, and after the draw its result and why. */
export const selectionLotteryChoices = pgTable(
  'selection_lottery_choices',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => selectionRounds.id, { onDelete: 'cascade' }),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id),
    teachingClassId: integer('teaching_class_id')
      .notNull()
      .references(() => teachingClasses.id, { onDelete: 'cascade' }),
    /** Preference 志愿 1–3. */
    rank: integer('rank').notNull(),
    /** null before the draw; won | lost | conflict | credit_limit after it. */
    result: text('result'),
    drawNumber: integer('draw_number'),
    /** { applicants, seats, priorityGroup, drawNumber, … }: what the student is shown. */
    explanation: jsonb('explanation'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('selection_lottery_choices_rank').on(t.roundId, t.studentId, t.rank),
    uniqueIndex('selection_lottery_choices_class').on(t.roundId, t.studentId, t.teachingClassId),
    index('selection_lottery_choices_class_idx').on(t.roundId, t.teachingClassId),
    check('selection_lottery_choices_rank_range', sql`${t.rank} BETWEEN 1 AND 3`),
  ],
);

/** 选课限制 — a hold blocking a student's selection (unpaid fees…), with the reason shown to them. */
export const selectionHolds = pgTable(
  'selection_holds',
  {
    id: serial('id').primaryKey(),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id),
    reason: text('reason').notNull(),
    /** admin | api (e.g. the finance system with a bearer token) */
    source: text('source').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    liftedBy: integer('lifted_by').references(() => users.id),
  },
  (t) => [
    index('selection_holds_active_idx')
      .on(t.studentId)
      .where(sql`${t.liftedAt} is null`),
  ],
);

/**
 * Courses a student has passed: what prerequisites are checked against. Filled by the demo and
 * imports now, by the grades module later (source 'grades'), one row per student and course.
 */
export const passedCourses = pgTable(
  'passed_courses',
  {
    id: serial('id').primaryKey(),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id),
    termId: integer('term_id').references(() => terms.id),
    /** As recorded (85, 优秀, 合格): the grades module owns its meaning. */
    score: text('score'),
    /** demo | import | grades */
    source: text('source').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('passed_courses_student_course').on(t.studentId, t.courseId)],
);

/**
 * Courses a student failed and has not passed since: a retake 重修 of them is allowed. Mirrors
 * `passed_courses` — filled by the demo and imports now, by the grades module later.
 */
export const failedCourses = pgTable(
  'failed_courses',
  {
    id: serial('id').primaryKey(),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id),
    termId: integer('term_id').references(() => terms.id),
    /** As recorded (45, 不及格): the grades module owns its meaning. */
    score: text('score'),
    /** demo | import | grades */
    source: text('source').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('failed_courses_student_course').on(t.studentId, t.courseId)],
);

/**
 * A dropped seat held back in a random-window round (against seat trading 倒课: the one who drops
 * cannot hand the seat to a friend waiting to click). `releaseAt` = drop moment + a delay drawn
 * from `seed` (recorded, so the delay can be recomputed and audited); the periodic task releases
 * due rows, each exactly once (`released_at` set by a conditional UPDATE).
 */
export const selectionSeatReleases = pgTable(
  'selection_seat_releases',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id').references(() => selectionRounds.id, { onDelete: 'set null' }),
    teachingClassId: integer('teaching_class_id')
      .notNull()
      .references(() => teachingClasses.id, { onDelete: 'cascade' }),
    /** The drop that gave the seat up. */
    enrolmentId: integer('enrolment_id').references(() => enrolments.id, { onDelete: 'set null' }),
    seed: integer('seed').notNull(),
    droppedAt: timestamp('dropped_at', { withTimezone: true }).notNull(),
    releaseAt: timestamp('release_at', { withTimezone: true }).notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
  },
  (t) => [
    index('selection_seat_releases_due_idx')
      .on(t.releaseAt)
      .where(sql`${t.releasedAt} is null`),
    index('selection_seat_releases_class_idx').on(t.teachingClassId),
  ],
);

/**
 * 超学分申请 — a student's application for a higher credit limit in a round, approved through the
 * workflow flow `credit_raise` (college secretary, then the office). An approved row's
 * `max_credits` replaces the round's maximum for that student in that round.
 */
export const selectionCreditRaises = pgTable(
  'selection_credit_raises',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => selectionRounds.id, { onDelete: 'cascade' }),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id),
    /** The round's maximum for the student when they applied (what the approvers compare with). */
    currentMax: numeric('current_max', { precision: 5, scale: 1 }),
    maxCredits: numeric('max_credits', { precision: 5, scale: 1 }).notNull(),
    reason: text('reason').notNull(),
    /** pending | approved | rejected | returned | withdrawn */
    status: text('status').notNull().default('pending'),
    workflowInstanceId: integer('workflow_instance_id'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    // One application under review per student and round: the database refuses a second.
    uniqueIndex('selection_credit_raises_one_pending')
      .on(t.studentId, t.roundId)
      .where(sql`${t.status} = 'pending'`),
    index('selection_credit_raises_round_idx').on(t.roundId, t.studentId),
  ],
);

/**
 * One row per student and term, locked FOR UPDATE at the start of every selection write of that
 * student: the lock serialises one student's concurrent requests, and the row keeps their totals.
 */
export const selectionStudentTerms = pgTable(
  'selection_student_terms',
  {
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id),
    termId: integer('term_id')
      .notNull()
      .references(() => terms.id, { onDelete: 'cascade' }),
    /** Credits of the enrolled classes (exact decimal, as courses.credits). */
    credits: numeric('credits', { precision: 5, scale: 1 }).notNull().default('0'),
    classes: integer('classes').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.studentId, t.termId] }),
    check('selection_student_terms_nonnegative', sql`${t.credits} >= 0 AND ${t.classes} >= 0`),
  ],
);

/**
 * The live dashboard's request counters, one row per API process and round: each process adds its
 * own every few seconds (stats.ts), so the dashboard, whichever process serves it, shows the
 * whole school's rush. `process_id` is new at every start, so totals survive restarts.
 */
export const selectionLiveStats = pgTable(
  'selection_live_stats',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => selectionRounds.id, { onDelete: 'cascade' }),
    processId: text('process_id').notNull(),
    /** Requests of the last 60 seconds at `updated_at`. */
    lastMinute: integer('last_minute').notNull().default(0),
    errors: integer('errors').notNull().default(0),
    /** { rule code: refusals } since the process started. */
    refusals: jsonb('refusals').notNull().default({}),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.processId] })],
);

/** Constraint → API field of this module's tables, for translateDbError (collected in db/constraint-registry.ts). */
export const selectionConstraintFields = constraintFieldsOf([
  selectionRounds,
  selectionRoundClasses,
  selectionClassSeats,
  selectionReservedSeats,
  enrolments,
  selectionWaitlist,
  selectionLotteryChoices,
  selectionHolds,
  passedCourses,
  failedCourses,
  selectionSeatReleases,
  selectionCreditRaises,
  selectionStudentTerms,
  selectionLiveStats,
]);
