import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { constraintFieldsOf } from '../../db/constraint-fields.ts';
import { users } from '../iam/iam.tables.ts';
import { teachingClasses } from '../offerings/offerings.tables.ts';
import { students } from '../org/org.tables.ts';
import { selectionRounds } from './selection.tables.ts';

/**
 * 选课审核 — the findings of a round's after-round checks, a queue the office works through.
 * `subject_key` names what a finding is about (kind, student, class or course), unique per
 * round, so a re-run upserts the same finding instead of adding a second one; that unique index
 * is also what keeps two runs at once from doubling the queue.
 */
export const selectionCheckFindings = pgTable(
  'selection_check_findings',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => selectionRounds.id, { onDelete: 'cascade' }),
    /** contracts CHECK_KINDS: below_min_credits | missing_required | time_changed | class_too_small */
    kind: text('kind').notNull(),
    /** e.g. `missing_required:s12:course7`: what the finding is about, stable across runs. */
    subjectKey: text('subject_key').notNull(),
    studentId: integer('student_id').references(() => students.id),
    teachingClassId: integer('teaching_class_id').references(() => teachingClasses.id, { onDelete: 'cascade' }),
    /** contracts `checkParams`: the figures (credits and minimum, course, versions, enrolled and minimum size). */
    params: jsonb('params').notNull().default({}),
    /** open | resolved | dismissed */
    status: text('status').notNull().default('open'),
    /** Resolved by a run that no longer found it (a later run that finds it again reopens it). */
    autoResolved: boolean('auto_resolved').notNull().default(false),
    note: text('note'),
    resolvedBy: integer('resolved_by').references(() => users.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('selection_check_findings_subject').on(t.roundId, t.subjectKey),
    index('selection_check_findings_list_idx').on(t.roundId, t.status, t.kind, t.id),
    index('selection_check_findings_open_idx')
      .on(t.roundId)
      .where(sql`${t.status} = 'open'`),
  ],
);

export const checksConstraintFields = constraintFieldsOf([selectionCheckFindings]);
