import { integer, pgTable, serial, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../iam/iam.tables.ts';
import { students, terms } from '../org/org.tables.ts';

/**
 * 学业预警通知 — each academic-risk warning sent: a student is warned once per term (the unique
 * index makes a second sending of the same term a no-op, even from two offices at once), with the
 * failed credits it named.
 */
export const gradeRiskNotices = pgTable(
  'grade_risk_notices',
  {
    id: serial('id').primaryKey(),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id),
    termId: integer('term_id')
      .notNull()
      .references(() => terms.id),
    failedCreditsTenths: integer('failed_credits_tenths').notNull(),
    sentBy: integer('sent_by').references(() => users.id),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('grade_risk_notices_once').on(t.studentId, t.termId)],
);
