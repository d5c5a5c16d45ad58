import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { constraintFieldsOf } from '../../db/constraint-fields.ts';
import { courses } from '../catalog/catalog.tables.ts';
import { users } from '../iam/iam.tables.ts';
import { attachments } from '../../platform/files/attachments.tables.ts';
import { teachingClasses } from '../offerings/offerings.tables.ts';
import { colleges, rooms, students, teachers, terms } from '../org/org.tables.ts';

/**
 * 考试安排 — one exam plan of a term: the final exams, or the make-up exams 补考 held at the
 * start of the next term. The plan's list of exams goes through the `exam_plan` flow (college
 * confirms, office approves) before it is scheduled; a later edit of the list sends it back to
 * draft and needs approval again. `schedule_status` follows the timetable: none → draft (solved or
 * edited, visible to the office only) → published (students, teachers and rooms see it).
 */
export const examPlans = pgTable(
  'exam_plans',
  {
    id: serial('id').primaryKey(),
    termId: integer('term_id')
      .notNull()
      .references(() => terms.id, { onDelete: 'cascade' }),
    /** final | makeup */
    kind: text('kind').notNull().default('final'),
    /** 补考: the term whose failed and deferred exams this plan makes up (null for a final plan). */
    sourceTermId: integer('source_term_id').references(() => terms.id),
    name: text('name').notNull(),
    /** draft | pending | approved: approved when every college's list is (exam_plan_colleges). */
    status: text('status').notNull().default('draft'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    /** Sessions of each exam day, [{ start: 'HH:MM', end: 'HH:MM' }], in day order. */
    dailySessions: jsonb('daily_sessions').notNull(),
    /** Weekends hold no exams unless the office says so. */
    includeWeekends: boolean('include_weekends').notNull().default(false),
    /** Days without exams inside the period: public holidays (元旦), a school event. */
    excludedDates: text('excluded_dates').array().notNull().default([]),
    /** Several small exams may share a room only when the office allows it. */
    allowRoomSharing: boolean('allow_room_sharing').notNull().default(false),
    /** At most this many exams for a student on one day (a soft rule in the solver). */
    maxExamsPerDay: integer('max_exams_per_day').notNull().default(2),
    /** none | draft | published */
    scheduleStatus: text('schedule_status').notNull().default('none'),
    /** The job of the latest solve run; a second solve of the same plan waits for it. */
    lastJobId: integer('last_job_id'),
    /** Seeds of the latest run and of the seat draw, recorded so both can be reproduced. */
    solveSeed: integer('solve_seed'),
    seatSeed: integer('seat_seed'),
    /** The solver's last report: hard, soft, unplaced exams with their reasons. */
    solveSummary: jsonb('solve_summary'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('exam_plans_term_name').on(t.termId, t.name),
    check('exam_plans_dates', sql`${t.endDate} >= ${t.startDate}`),
    check('exam_plans_kind', sql`${t.kind} in ('final', 'makeup')`),
    check('exam_plans_makeup_source', sql`(${t.kind} = 'makeup') = (${t.sourceTermId} is not null)`),
  ],
);

/**
 * A college's part of a plan's exam list (the exams of its courses). Each is confirmed by the
 * college and approved by the office (flow `exam_list`); the plan is approved when every
 * college's list is, and an edit of a college's exams sends that list back to draft.
 */
export const examPlanColleges = pgTable(
  'exam_plan_colleges',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => examPlans.id, { onDelete: 'cascade' }),
    collegeId: integer('college_id')
      .notNull()
      .references(() => colleges.id),
    /** draft | pending | approved | returned | rejected */
    status: text('status').notNull().default('draft'),
    workflowInstanceId: integer('workflow_instance_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('exam_plan_colleges_one').on(t.planId, t.collegeId)],
);

/** One exam session 场次 of a plan (a date and clock times): what the solver calls a period. */
export const examSessions = pgTable(
  'exam_sessions',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => examPlans.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    /** Minutes from midnight in the school's time zone. */
    startMin: integer('start_min').notNull(),
    endMin: integer('end_min').notNull(),
  },
  (t) => [uniqueIndex('exam_sessions_plan_slot').on(t.planId, t.date, t.startMin)],
);

/**
 * One exam of a plan: a course's paper sat by all its classes at once 统考 (teaching_class_id
 * null), or one class's own exam. `session_id` is where the schedule put it.
 */
export const exams = pgTable(
  'exams',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => examPlans.id, { onDelete: 'cascade' }),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id),
    teachingClassId: integer('teaching_class_id').references(() => teachingClasses.id, { onDelete: 'cascade' }),
    durationMin: integer('duration_min').notNull().default(120),
    /** A room type the exam needs (computer rooms for 上机考试); null: ordinary rooms. */
    roomType: text('room_type'),
    sessionId: integer('session_id').references(() => examSessions.id, { onDelete: 'set null' }),
    /** Placed by hand: a re-solve keeps it where it is. */
    pinned: boolean('pinned').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('exams_plan_course')
      .on(t.planId, t.courseId)
      .where(sql`${t.teachingClassId} is null`),
    uniqueIndex('exams_plan_class')
      .on(t.planId, t.teachingClassId)
      .where(sql`${t.teachingClassId} is not null`),
    index('exams_session_idx').on(t.sessionId),
    check('exams_duration', sql`${t.durationMin} between 15 and 480`),
  ],
);

/**
 * Rules between exams: `after` (exam after other), `same_session`, `exclusion` (never at once),
 * `avoid_session` (not in that session, e.g. a day the teacher is away).
 */
export const examConstraints = pgTable(
  'exam_constraints',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => examPlans.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    examId: integer('exam_id')
      .notNull()
      .references(() => exams.id, { onDelete: 'cascade' }),
    otherExamId: integer('other_exam_id').references(() => exams.id, { onDelete: 'cascade' }),
    sessionId: integer('session_id').references(() => examSessions.id, { onDelete: 'cascade' }),
  },
  (t) => [
    index('exam_constraints_plan_idx').on(t.planId),
    check('exam_constraints_kind', sql`${t.kind} in ('after', 'same_session', 'exclusion', 'avoid_session')`),
  ],
);

/** The rooms of a scheduled exam and how many of its students sit in each. */
export const examRooms = pgTable(
  'exam_rooms',
  {
    id: serial('id').primaryKey(),
    examId: integer('exam_id')
      .notNull()
      .references(() => exams.id, { onDelete: 'cascade' }),
    roomId: integer('room_id')
      .notNull()
      .references(() => rooms.id),
    seats: integer('seats').notNull(),
  },
  (t) => [uniqueIndex('exam_rooms_exam_room').on(t.examId, t.roomId), index('exam_rooms_room_idx').on(t.roomId)],
);

/** 座位号 — each student's room and seat in an exam, drawn at random from the plan's seat seed. */
export const examSeats = pgTable(
  'exam_seats',
  {
    id: serial('id').primaryKey(),
    examId: integer('exam_id')
      .notNull()
      .references(() => exams.id, { onDelete: 'cascade' }),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id),
    roomId: integer('room_id')
      .notNull()
      .references(() => rooms.id),
    seatNo: integer('seat_no').notNull(),
  },
  (t) => [
    uniqueIndex('exam_seats_exam_student').on(t.examId, t.studentId),
    uniqueIndex('exam_seats_exam_room_seat').on(t.examId, t.roomId, t.seatNo),
    index('exam_seats_student_idx').on(t.studentId),
  ],
);

/**
 * 监考 — a teacher invigilating one room in one session. The unique index on (session, teacher)
 * is what keeps a teacher in one place at a time, whatever two offices click at once.
 */
export const examInvigilations = pgTable(
  'exam_invigilations',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => examPlans.id, { onDelete: 'cascade' }),
    sessionId: integer('session_id')
      .notNull()
      .references(() => examSessions.id, { onDelete: 'cascade' }),
    roomId: integer('room_id')
      .notNull()
      .references(() => rooms.id),
    teacherId: integer('teacher_id')
      .notNull()
      .references(() => teachers.id),
    /** 主监考 — the chief invigilator of the room, who receives the papers. */
    chief: boolean('chief').notNull().default(false),
  },
  (t) => [
    uniqueIndex('exam_invigilations_one_place').on(t.sessionId, t.teacherId),
    uniqueIndex('exam_invigilations_one_chief')
      .on(t.sessionId, t.roomId)
      .where(sql`${t.chief}`),
    index('exam_invigilations_teacher_idx').on(t.teacherId),
  ],
);

/**
 * 缓考 — a student's application to sit an exam later; on approval (college, then office) the
 * exam's roster leaves them out and the make-up plan takes them.
 */
export const examDeferrals = pgTable(
  'exam_deferrals',
  {
    id: serial('id').primaryKey(),
    examId: integer('exam_id')
      .notNull()
      .references(() => exams.id, { onDelete: 'cascade' }),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id),
    reason: text('reason').notNull(),
    /** The proof the student attached (a medical certificate), claimed by this application. */
    attachmentId: integer('attachment_id').references(() => attachments.id),
    /** pending | approved | rejected | returned | withdrawn */
    status: text('status').notNull().default('pending'),
    workflowInstanceId: integer('workflow_instance_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('exam_deferrals_one_live')
      .on(t.examId, t.studentId)
      .where(sql`${t.status} in ('pending', 'approved')`),
    index('exam_deferrals_student_idx').on(t.studentId),
  ],
);

/**
 * 补考名单 — who sits a make-up plan's exams: one row per student and course, from an approved
 * deferral 缓考, the office's list of failures (until grades exist) or grades. The plan's exams are
 * one 统考 per course with candidates, and their rosters are these rows (rosterSql).
 */
export const examMakeupCandidates = pgTable(
  'exam_makeup_candidates',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => examPlans.id, { onDelete: 'cascade' }),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id),
    /** deferral | failed (the office's list) | grades */
    source: text('source').notNull(),
    deferralId: integer('deferral_id').references(() => examDeferrals.id, { onDelete: 'set null' }),
    /** 备注 from the office's file. */
    note: text('note'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('exam_makeup_candidates_one').on(t.planId, t.studentId, t.courseId),
    index('exam_makeup_candidates_plan_course_idx').on(t.planId, t.courseId),
    check('exam_makeup_candidates_source', sql`${t.source} in ('deferral', 'failed', 'grades')`),
  ],
);

export const examsConstraintFields = constraintFieldsOf([
  examPlans,
  examSessions,
  exams,
  examConstraints,
  examRooms,
  examSeats,
  examInvigilations,
  examDeferrals,
  examMakeupCandidates,
]);

/**
 * A teacher's own "not available" for one session of a plan (a conference, a defence): the
 * allocation never gives them a duty then. Declared by the teacher or entered by the office,
 * until the plan is published.
 */
export const examTeacherUnavailability = pgTable(
  'exam_teacher_unavailability',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => examPlans.id, { onDelete: 'cascade' }),
    teacherId: integer('teacher_id')
      .notNull()
      .references(() => teachers.id),
    sessionId: integer('session_id')
      .notNull()
      .references(() => examSessions.id, { onDelete: 'cascade' }),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('exam_teacher_unavailability_one').on(t.sessionId, t.teacherId),
    index('exam_teacher_unavailability_plan_idx').on(t.planId, t.teacherId),
  ],
);
