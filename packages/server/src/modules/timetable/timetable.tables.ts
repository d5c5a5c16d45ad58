import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { constraintFieldsOf } from '../../db/constraint-fields.ts';
import { users } from '../iam/iam.tables.ts';
import { rooms, teachers, terms } from '../org/org.tables.ts';
import { teachingClasses } from '../offerings/offerings.tables.ts';

/**
 * 排课 — the tables of the timetable module. Week sets are bitmasks (bit w − 1 ⇔ week w),
 * days and periods 1-based as everywhere in the app. A lecture is one weekly session of a
 * teaching class; its `lecture_key` ("<teachingClassId>:<sessionIndex>", plus a suffix when a
 * change splits it) stays the same across drafts and published versions.
 */

/**
 * What the office controls per term beyond the time grid (see contracts timetable-settings):
 * soft-constraint weights, blocked slots 禁排时间 (whole school, per college/cohort/category),
 * travel minutes between campuses, teacher day limits, evening periods, change rules.
 */
export const timetableSettings = pgTable('timetable_settings', {
  termId: integer('term_id')
    .primaryKey()
    .references(() => terms.id, { onDelete: 'cascade' }),
  /** Bumped on every update (optimistic concurrency). */
  version: integer('version').notNull().default(1),
  weights: jsonb('weights').notNull().default({}),
  /** [{ id, day, fromPeriod, toPeriod, weeks?, appliesTo: { kind, ids } , exceptCategories?, reasonZh, reasonEn }] */
  blockedSlots: jsonb('blocked_slots').notNull().default([]),
  /** [{ campusA, campusB, minutes }]: minutes needed between two lectures on these campuses. */
  campusTravel: jsonb('campus_travel').notNull().default([]),
  /** At most this many periods a day for a teacher (soft); null: no limit. */
  teacherMaxPeriodsPerDay: integer('teacher_max_periods_per_day'),
  /** Periods from this one on are evening periods (avoided, soft); null: none. */
  eveningFromPeriod: integer('evening_from_period'),
  /** Rules of change requests: { noChangeWeeks: [1], maxPersonalPerTeacher: 3, collegeOnlyUpToPeriods: 4 } */
  changeRules: jsonb('change_rules').notNull().default({}),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A teacher's time wishes for a term beyond their course requests: never (hard), avoid, prefer. */
export const teacherTimeBlocks = pgTable(
  'teacher_time_blocks',
  {
    id: serial('id').primaryKey(),
    termId: integer('term_id')
      .notNull()
      .references(() => terms.id, { onDelete: 'cascade' }),
    teacherId: integer('teacher_id')
      .notNull()
      .references(() => teachers.id),
    kind: text('kind').notNull(), // never | avoid | prefer
    day: integer('day').notNull(),
    fromPeriod: integer('from_period').notNull(),
    toPeriod: integer('to_period').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('teacher_time_blocks_term_teacher_idx').on(t.termId, t.teacherId)],
);

/** Teaching classes that must share a time: parallel PE sections 体育分项, all sections of a course. */
export const timetableLinks = pgTable(
  'timetable_links',
  {
    id: serial('id').primaryKey(),
    termId: integer('term_id')
      .notNull()
      .references(() => terms.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull().default('same_time'),
    name: text('name').notNull(),
    teachingClassIds: integer('teaching_class_ids').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('timetable_links_term_idx').on(t.termId)],
);

/** 排课方案 — a draft timetable of a term: solved, edited by hand, submitted, published. */
export const timetableDrafts = pgTable(
  'timetable_drafts',
  {
    id: serial('id').primaryKey(),
    termId: integer('term_id')
      .notNull()
      .references(() => terms.id, { onDelete: 'cascade' }),
    /** Bumped on every change of the draft or its lectures (optimistic concurrency, stale grids). */
    version: integer('version').notNull().default(1),
    name: text('name').notNull(),
    status: text('status').notNull().default('draft'), // DraftStatus
    /** The published version it started from (a re-solve with minimal perturbation), if any. */
    basedOnVersionId: integer('based_on_version_id'),
    /** Last solve: { feasible, hard, soft, byConstraint, byCollege, placed, total, elapsedMs, seed, firstFeasibleMs } */
    solveSummary: jsonb('solve_summary'),
    /** The job of the running or last solve. */
    lastJobId: integer('last_job_id'),
    workflowInstanceId: integer('workflow_instance_id'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('timetable_drafts_term_idx').on(t.termId)],
);

/** The lecture columns a draft and a published version share. */
const lectureColumns = () => ({
  lectureKey: text('lecture_key').notNull(),
  teachingClassId: integer('teaching_class_id')
    .notNull()
    .references(() => teachingClasses.id, { onDelete: 'cascade' }),
  sessionIndex: integer('session_index').notNull(),
  /** Null while unplaced (drafts only). */
  day: integer('day'),
  startPeriod: integer('start_period'),
  length: integer('length').notNull(),
  weekMask: integer('week_mask').notNull(),
  roomId: integer('room_id').references(() => rooms.id),
  teacherIds: integer('teacher_ids').array().notNull().default([]),
  /** regular | makeup 补课 | substitute 代课 */
  kind: text('kind').notNull().default('regular'),
});

export const timetableDraftLectures = pgTable(
  'timetable_draft_lectures',
  {
    id: serial('id').primaryKey(),
    draftId: integer('draft_id')
      .notNull()
      .references(() => timetableDrafts.id, { onDelete: 'cascade' }),
    ...lectureColumns(),
    lockTime: boolean('lock_time').notNull().default(false),
    lockRoom: boolean('lock_room').notNull().default(false),
    /** Why the solver left it unplaced: [{ code, params, message: { en, zh } }]. */
    unplacedReasons: jsonb('unplaced_reasons'),
  },
  (t) => [
    uniqueIndex('timetable_draft_lectures_key').on(t.draftId, t.lectureKey),
    index('timetable_draft_lectures_class_idx').on(t.teachingClassId),
  ],
);

/** Manual edits of a draft, in order, for the undo button: each holds the lectures before and after. */
export const timetableDraftEdits = pgTable(
  'timetable_draft_edits',
  {
    id: serial('id').primaryKey(),
    draftId: integer('draft_id')
      .notNull()
      .references(() => timetableDrafts.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(), // move | swap | weeks | lock | unlock
    /** [{ lectureKey, day, startPeriod, length, weekMask, roomId, lockTime, lockRoom }] before and after. */
    before: jsonb('before').notNull(),
    after: jsonb('after').notNull(),
    actorUserId: integer('actor_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [index('timetable_draft_edits_draft_idx').on(t.draftId, t.id)],
);

/**
 * 已发布课表 — versions of a term's published timetable. Every change (a published draft,
 * an approved change request, an applied re-solve) writes a new version with all its lectures;
 * the highest version_no of a term is the timetable in force, older ones stay readable.
 */
export const timetableVersions = pgTable(
  'timetable_versions',
  {
    id: serial('id').primaryKey(),
    termId: integer('term_id')
      .notNull()
      .references(() => terms.id, { onDelete: 'cascade' }),
    versionNo: integer('version_no').notNull(),
    source: text('source').notNull(), // publish | change | resolve
    draftId: integer('draft_id').references(() => timetableDrafts.id),
    changeRequestId: integer('change_request_id'),
    note: text('note'),
    publishedBy: integer('published_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('timetable_versions_term_no').on(t.termId, t.versionNo)],
);

export const timetableVersionLectures = pgTable(
  'timetable_version_lectures',
  {
    id: serial('id').primaryKey(),
    versionId: integer('version_id')
      .notNull()
      .references(() => timetableVersions.id, { onDelete: 'cascade' }),
    ...lectureColumns(),
  },
  (t) => [
    index('timetable_version_lectures_version_idx').on(t.versionId, t.day, t.startPeriod),
    index('timetable_version_lectures_room_idx').on(t.versionId, t.roomId),
    index('timetable_version_lectures_class_idx').on(t.teachingClassId),
  ],
);

/** 教室借用 — a free room booked for an event; blocks the slot for the solver and for changes. */
export const roomBookings = pgTable(
  'room_bookings',
  {
    id: serial('id').primaryKey(),
    termId: integer('term_id')
      .notNull()
      .references(() => terms.id, { onDelete: 'cascade' }),
    roomId: integer('room_id')
      .notNull()
      .references(() => rooms.id),
    weekMask: integer('week_mask').notNull(),
    day: integer('day').notNull(),
    fromPeriod: integer('from_period').notNull(),
    toPeriod: integer('to_period').notNull(),
    purpose: text('purpose').notNull(),
    bookedBy: integer('booked_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: integer('cancelled_by').references(() => users.id),
  },
  (t) => [index('room_bookings_term_room_idx').on(t.termId, t.roomId)],
);

/** A private, revocable calendar feed address (ICS) of a teacher, a student or a room. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: serial('id').primaryKey(),
    /** Random, URL-safe; the address is /api/timetable/ics/<token>. */
    token: text('token').notNull().unique(),
    ownerKind: text('owner_kind').notNull(), // teacher | student | room
    ownerId: integer('owner_id').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('calendar_feeds_owner_idx').on(t.ownerKind, t.ownerId)],
);

/**
 * 调课 / 停课 / 补课 / 代课 — a change of the published timetable, filed by a teacher or a college
 * secretary, decided on the approval engine, applied as a new version on approval.
 */
export const timetableChanges = pgTable(
  'timetable_changes',
  {
    id: serial('id').primaryKey(),
    termId: integer('term_id')
      .notNull()
      .references(() => terms.id, { onDelete: 'cascade' }),
    /** move 调课 | cancel 停课 (with optional make-ups 补课) | substitute 代课 | permanent 永久调整 */
    kind: text('kind').notNull(),
    lectureKey: text('lecture_key').notNull(),
    teachingClassId: integer('teaching_class_id')
      .notNull()
      .references(() => teachingClasses.id),
    collegeId: integer('college_id').notNull(),
    /** The teacher the change is for (the applicant, or the one a secretary files for). */
    teacherId: integer('teacher_id').references(() => teachers.id),
    /** Weeks of the lecture concerned. */
    weekMask: integer('week_mask').notNull(),
    /** New places: [{ day, startPeriod, length, roomId, weekMask }] (move: one; cancel: the make-ups). */
    targets: jsonb('targets').notNull().default([]),
    /** The lecture's place when the request was filed: { day, startPeriod, length, roomId, weekMask } (it may be gone after). */
    origin: jsonb('origin'),
    substituteTeacherId: integer('substitute_teacher_id').references(() => teachers.id),
    reasonKind: text('reason_kind').notNull(), // personal | official | illness | holiday | other
    reason: text('reason').notNull(),
    /** Periods affected (lecture length × weeks): a condition of the approval flow. */
    periods: integer('periods').notNull(),
    status: text('status').notNull().default('submitted'), // submitted | returned | approved | rejected | withdrawn | failed
    /** Why applying it failed at approval (a conflict arose meanwhile). */
    failure: jsonb('failure'),
    workflowInstanceId: integer('workflow_instance_id'),
    appliedVersionId: integer('applied_version_id').references(() => timetableVersions.id),
    requestedBy: integer('requested_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('timetable_changes_term_idx').on(t.termId, t.status), index('timetable_changes_teacher_idx').on(t.teacherId)],
);

/** Constraint → API field of this module's tables, for translateDbError (collected in db/constraint-registry.ts). */
export const timetableConstraintFields = constraintFieldsOf([
  timetableSettings,
  teacherTimeBlocks,
  timetableLinks,
  timetableDrafts,
  timetableDraftLectures,
  timetableDraftEdits,
  timetableVersions,
  timetableVersionLectures,
  roomBookings,
  calendarFeeds,
  timetableChanges,
]);
