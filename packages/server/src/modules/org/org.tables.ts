import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { constraintFieldsOf } from '../../db/constraint-fields.ts';

/** 学期 — a term with its teaching weeks and the shape of its weekly grid. */
export const terms = pgTable('terms', {
  id: serial('id').primaryKey(),
  /** Bumped by a trigger on every update; an edit names the version it read (optimistic concurrency). */
  version: integer('version').notNull().default(1),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  academicYear: text('academic_year').notNull(),
  semester: integer('semester').notNull(),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  weeks: integer('weeks').notNull(),
  daysPerWeek: integer('days_per_week').notNull().default(5),
  periodsPerDay: integer('periods_per_day').notNull().default(12),
  isCurrent: boolean('is_current').notNull().default(false),
});

/** Clock times of each period (节次); campus-specific rows override the term default (campus null). */
export const timePeriods = pgTable(
  'time_periods',
  {
    id: serial('id').primaryKey(),
    termId: integer('term_id')
      .notNull()
      .references(() => terms.id, { onDelete: 'cascade' }),
    campusId: integer('campus_id').references(() => campuses.id),
    period: integer('period').notNull(),
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
  },
  (t) => [uniqueIndex('time_periods_unique').on(t.termId, t.campusId, t.period)],
);

export const campuses = pgTable('campuses', {
  id: serial('id').primaryKey(),
  /** Bumped by a trigger on every update; an edit names the version it read (optimistic concurrency). */
  version: integer('version').notNull().default(1),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  address: text('address'),
});

export const buildings = pgTable('buildings', {
  id: serial('id').primaryKey(),
  /** Bumped by a trigger on every update; an edit names the version it read (optimistic concurrency). */
  version: integer('version').notNull().default(1),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  campusId: integer('campus_id')
    .notNull()
    .references(() => campuses.id),
});

export const rooms = pgTable(
  'rooms',
  {
    id: serial('id').primaryKey(),
    /** Bumped by a trigger on every update; an edit names the version it read (optimistic concurrency). */
    version: integer('version').notNull().default(1),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    buildingId: integer('building_id')
      .notNull()
      .references(() => buildings.id),
    type: text('type').notNull(),
    capacity: integer('capacity').notNull(),
    examCapacity: integer('exam_capacity').notNull(),
    features: text('features').array().notNull().default([]),
    /** [{ day, fromPeriod, toPeriod }] — when the room cannot be used. */
    unavailable: jsonb('unavailable').notNull().default([]),
    isActive: boolean('is_active').notNull().default(true),
  },
  (t) => [index('rooms_building_idx').on(t.buildingId)],
);

export const colleges = pgTable('colleges', {
  id: serial('id').primaryKey(),
  /** Bumped by a trigger on every update; an edit names the version it read (optimistic concurrency). */
  version: integer('version').notNull().default(1),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
});

export const departments = pgTable('departments', {
  id: serial('id').primaryKey(),
  /** Bumped by a trigger on every update; an edit names the version it read (optimistic concurrency). */
  version: integer('version').notNull().default(1),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  collegeId: integer('college_id')
    .notNull()
    .references(() => colleges.id),
});

export const majors = pgTable('majors', {
  id: serial('id').primaryKey(),
  /** Bumped by a trigger on every update; an edit names the version it read (optimistic concurrency). */
  version: integer('version').notNull().default(1),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  departmentId: integer('department_id')
    .notNull()
    .references(() => departments.id),
  durationYears: integer('duration_years').notNull().default(4),
});

/** 行政班 */
export const adminClasses = pgTable(
  'admin_classes',
  {
    id: serial('id').primaryKey(),
    /** Bumped by a trigger on every update; an edit names the version it read (optimistic concurrency). */
    version: integer('version').notNull().default(1),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    majorId: integer('major_id')
      .notNull()
      .references(() => majors.id),
    cohort: integer('cohort').notNull(),
  },
  (t) => [index('admin_classes_major_idx').on(t.majorId)],
);

export const teachers = pgTable(
  'teachers',
  {
    id: serial('id').primaryKey(),
    /** Bumped by a trigger on every update; an edit names the version it read (optimistic concurrency). */
    version: integer('version').notNull().default(1),
    code: text('code').notNull().unique(), // 工号
    name: text('name').notNull(),
    gender: text('gender'),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    title: text('title'),
    email: text('email'),
    phone: text('phone'),
    /** 证件号码, upper-case (see contracts id-number.ts); personal data, masked wherever shown. */
    idNumber: text('id_number'),
    status: text('status').notNull().default('active'),
    /** People are soft-deleted: history (timetables, grades) keeps pointing at them. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    index('teachers_department_idx').on(t.departmentId),
    index('teachers_name_idx').on(t.name, t.id),
    // One living person per document: a deleted record keeps its number for history without blocking a new one.
    uniqueIndex('teachers_id_number_key')
      .on(t.idNumber)
      .where(sql`${t.idNumber} is not null and ${t.deletedAt} is null`),
  ],
);

export const students = pgTable(
  'students',
  {
    id: serial('id').primaryKey(),
    /** Bumped by a trigger on every update; an edit names the version it read (optimistic concurrency). */
    version: integer('version').notNull().default(1),
    code: text('code').notNull().unique(), // 学号
    name: text('name').notNull(),
    gender: text('gender'),
    adminClassId: integer('admin_class_id')
      .notNull()
      .references(() => adminClasses.id),
    /** Follows the admin class; kept here because transfers of major (转专业) change both. */
    majorId: integer('major_id')
      .notNull()
      .references(() => majors.id),
    cohort: integer('cohort').notNull(),
    status: text('status').notNull().default('enrolled'),
    email: text('email'),
    phone: text('phone'),
    /** 证件号码, upper-case (see contracts id-number.ts); personal data, masked wherever shown. */
    idNumber: text('id_number'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    // One living person per document: a deleted record keeps its number for history without blocking a new one.
    uniqueIndex('students_id_number_key')
      .on(t.idNumber)
      .where(sql`${t.idNumber} is not null and ${t.deletedAt} is null`),
    index('students_class_idx').on(t.adminClassId),
    index('students_major_idx').on(t.majorId),
    // Lists sort by (column, id) and show 20 rows: these let a sorted page read 20 index entries
    // instead of sorting every student.
    index('students_name_idx').on(t.name, t.id),
    index('students_cohort_idx').on(t.cohort, t.id),
  ],
);

/** Constraint → API field of this module's tables, for translateDbError (collected in db/constraint-registry.ts). */
export const orgConstraintFields = constraintFieldsOf([
  terms,
  timePeriods,
  campuses,
  buildings,
  rooms,
  colleges,
  departments,
  majors,
  adminClasses,
  teachers,
  students,
]);
