import { boolean, index, integer, jsonb, numeric, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { departments, majors } from '../org/org.tables.ts';
import { constraintFieldsOf } from '../../db/constraint-fields.ts';

/** 课程 — one course of the catalog. Retired (is_active false) rather than deleted once used. */
export const courses = pgTable(
  'courses',
  {
    id: serial('id').primaryKey(),
    /** Bumped by a trigger on every update; an edit names the version it read (optimistic concurrency). */
    version: integer('version').notNull().default(1),
    code: text('code').notNull().unique(), // 课程代码
    name: text('name').notNull(),
    nameEn: text('name_en'),
    /** Exact decimal, e.g. 2.5 (never a float). */
    credits: numeric('credits', { precision: 4, scale: 1 }).notNull(),
    lectureHours: integer('lecture_hours').notNull().default(0),
    labHours: integer('lab_hours').notNull().default(0),
    practiceHours: integer('practice_hours').notNull().default(0),
    assessment: text('assessment').notNull().default('exam'), // exam 考试 / assessment 考查
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    category: text('category').notNull(),
    /** Prerequisite expression over course codes (see contracts PrerequisiteExpr); edges mirror it. */
    prerequisites: jsonb('prerequisites'),
    description: text('description'),
    isActive: boolean('is_active').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('courses_department_idx').on(t.departmentId)],
);

/**
 * Every course a course's prerequisite expression names: keeps referenced
 * courses from being deleted (FK restrict) and makes cycle checks a graph walk.
 */
export const coursePrerequisiteEdges = pgTable(
  'course_prerequisite_edges',
  {
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    requiresCourseId: integer('requires_course_id')
      .notNull()
      .references(() => courses.id),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.requiresCourseId] }), index('course_prereq_requires_idx').on(t.requiresCourseId)],
);

/** 培养方案 — the curriculum of one major for one cohort (年级). */
export const curriculumPlans = pgTable(
  'curriculum_plans',
  {
    id: serial('id').primaryKey(),
    majorId: integer('major_id')
      .notNull()
      .references(() => majors.id),
    cohort: integer('cohort').notNull(),
    name: text('name'),
    totalCredits: numeric('total_credits', { precision: 5, scale: 1 }),
    /** [{ category, credits }] — credits required per course category. */
    creditRequirements: jsonb('credit_requirements').notNull().default([]),
    note: text('note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('curriculum_plans_major_cohort').on(t.majorId, t.cohort)],
);

/** 课程组 — required (every course) or elective (at least min_credits). */
export const planGroups = pgTable(
  'plan_groups',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => curriculumPlans.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    minCredits: numeric('min_credits', { precision: 5, scale: 1 }),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('plan_groups_plan_idx').on(t.planId)],
);

/** A course placed in a plan's group, in its recommended term (1–8). */
export const planCourses = pgTable(
  'plan_courses',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => curriculumPlans.id, { onDelete: 'cascade' }),
    groupId: integer('group_id')
      .notNull()
      .references(() => planGroups.id, { onDelete: 'cascade' }),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id),
    term: integer('term').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [uniqueIndex('plan_courses_plan_course').on(t.planId, t.courseId), index('plan_courses_course_idx').on(t.courseId)],
);

/** Constraint → API field of this module's tables, for translateDbError (collected in db/constraint-registry.ts). */
export const catalogConstraintFields = constraintFieldsOf([courses, coursePrerequisiteEdges, curriculumPlans, planGroups, planCourses]);
