import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { courses } from '../catalog/catalog.tables.ts';
import { colleges, terms } from '../org/org.tables.ts';
import { users } from '../iam/iam.tables.ts';
import { constraintFieldsOf } from '../../db/constraint-fields.ts';

/**
 * Columns shared by a course request and the teaching class it becomes.
 * Teachers are [{ teacherId, share }] with teacher_ids mirroring them for the
 * "own teaching" scope; targets are admin class ids plus whole major cohorts.
 */
const offeringColumns = () => ({
  termId: integer('term_id')
    .notNull()
    .references(() => terms.id),
  courseId: integer('course_id')
    .notNull()
    .references(() => courses.id),
  collegeId: integer('college_id')
    .notNull()
    .references(() => colleges.id),
  teachers: jsonb('teachers').notNull().default([]),
  teacherIds: integer('teacher_ids').array().notNull().default([]),
  capacity: integer('capacity').notNull(),
  adminClassIds: integer('admin_class_ids').array().notNull().default([]),
  targetMajors: jsonb('target_majors').notNull().default([]),
  /** Hours of each weekly session: [2, 2] for 2+2. */
  sessions: integer('sessions').array().notNull(),
  weekPattern: text('week_pattern').notNull(),
  weekFrom: integer('week_from').notNull(),
  weekTo: integer('week_to').notNull(),
  /** Bit (w − 1) set ⇔ the class meets in week w. */
  weekMask: integer('week_mask').notNull(),
  roomType: text('room_type'),
  roomFeatures: text('room_features').array().notNull().default([]),
  /** [{ kind: prefer|avoid, day, fromPeriod, toPeriod }] */
  timeWishes: jsonb('time_wishes').notNull().default([]),
});

/** 开课申请 — what a college asks to teach in a term; approved, it becomes a teaching class. */
export const courseRequests = pgTable(
  'course_requests',
  {
    id: serial('id').primaryKey(),
    ...offeringColumns(),
    status: text('status').notNull().default('draft'),
    crossCollegeNote: text('cross_college_note'),
    note: text('note'),
    /** { field: comment } from the reviewer's last return. */
    reviewComments: jsonb('review_comments'),
    workflowInstanceId: integer('workflow_instance_id'),
    createdBy: integer('created_by').references(() => users.id),
    /** When it was last handed to the approval flow (提交时间); null while never submitted. */
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('course_requests_term_college_idx').on(t.termId, t.collegeId), index('course_requests_course_idx').on(t.courseId)],
);

/** 教学班 — a class of a course in a term: the input of timetabling and course selection. */
export const teachingClasses = pgTable(
  'teaching_classes',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(), // CS201-01
    ...offeringColumns(),
    sourceRequestId: integer('source_request_id').references(() => courseRequests.id),
    /** A PE section for one gender only (male | female); null: open to both. Course selection refuses the other. */
    genderRestriction: text('gender_restriction'),
    /** 重修班 — a class only for students retaking a failed course. */
    isRetakeClass: boolean('is_retake_class').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('teaching_classes_term_code').on(t.termId, t.code),
    uniqueIndex('teaching_classes_source_request').on(t.sourceRequestId),
    index('teaching_classes_course_idx').on(t.courseId),
    check('teaching_classes_gender_restriction', sql`${t.genderRestriction} is null or ${t.genderRestriction} in ('male', 'female')`),
  ],
);

/** Constraint → API field of this module's tables, for translateDbError (collected in db/constraint-registry.ts). */
export const offeringsConstraintFields = constraintFieldsOf([courseRequests, teachingClasses]);
