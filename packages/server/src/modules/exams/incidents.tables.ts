import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { constraintFieldsOf } from '../../db/constraint-fields.ts';
import { users } from '../iam/iam.tables.ts';
import { students } from '../org/org.tables.ts';
import { exams } from './exams.tables.ts';

/**
 * 考场违纪 — what an invigilator saw of one student in one exam: cheating 作弊, disruption
 * 扰乱考场, absent 缺考 or other 其他. Recorded by the invigilator (or the office), then
 * confirmed or dismissed by the office; the grades module reads the confirmed ones.
 */
export const examIncidents = pgTable(
  'exam_incidents',
  {
    id: serial('id').primaryKey(),
    examId: integer('exam_id')
      .notNull()
      .references(() => exams.id, { onDelete: 'cascade' }),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id),
    /** cheating | disruption | absent | other */
    kind: text('kind').notNull(),
    note: text('note').notNull().default(''),
    recordedBy: integer('recorded_by').references(() => users.id),
    /** recorded | confirmed | dismissed */
    status: text('status').notNull().default('recorded'),
    reviewNote: text('review_note'),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('exam_incidents_exam_idx').on(t.examId),
    index('exam_incidents_student_idx').on(t.studentId),
    check('exam_incidents_kind', sql`${t.kind} in ('cheating', 'disruption', 'absent', 'other')`),
    check('exam_incidents_status', sql`${t.status} in ('recorded', 'confirmed', 'dismissed')`),
  ],
);

export const incidentsConstraintFields = constraintFieldsOf([examIncidents]);
