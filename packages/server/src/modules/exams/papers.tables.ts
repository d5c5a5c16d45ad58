import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { constraintFieldsOf } from '../../db/constraint-fields.ts';
import { users } from '../iam/iam.tables.ts';
import { exams } from './exams.tables.ts';

/**
 * 试卷 — one paper of an exam (version A or B 试卷 A/B 卷). `status` is the last step of its chain of
 * custody 试卷流转 (a cache of the chain's last step record, written in the same transaction);
 * `last_seq` is the chain's length, bumped under the paper's row lock so records are numbered
 * without gaps whatever two people record at once.
 */
export const examPapers = pgTable(
  'exam_papers',
  {
    id: serial('id').primaryKey(),
    examId: integer('exam_id')
      .notNull()
      .references(() => exams.id, { onDelete: 'cascade' }),
    /** A | B */
    version: text('version').notNull(),
    /** Copies the author declares are needed (the roster size when the exam has no seats yet). */
    copies: integer('copies').notNull(),
    /** contracts EXAM_PAPER_STEPS: drafted … archived. */
    status: text('status').notNull().default('drafted'),
    lastSeq: integer('last_seq').notNull().default(0),
    /** 命题人 — the author; the review must be by somebody else. */
    authorUserId: integer('author_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('exam_papers_exam_version').on(t.examId, t.version),
    check('exam_papers_version', sql`${t.version} in ('A', 'B')`),
    check('exam_papers_copies', sql`${t.copies} between 1 and 100000`),
  ],
);

/**
 * One step of a paper's chain of custody, or a correction of an earlier step. Append-only (a
 * trigger refuses UPDATE and DELETE): a mistake is corrected by a new record of kind `correction`
 * naming the record it corrects. `hash` is sha256 over the record's fields and `prev_hash` (the
 * hash of the record before it), so an edit of a past record made outside the app is found by
 * recomputing the chain (papers.chain.ts).
 */
export const examPaperRecords = pgTable(
  'exam_paper_records',
  {
    id: serial('id').primaryKey(),
    paperId: integer('paper_id')
      .notNull()
      .references(() => examPapers.id, { onDelete: 'cascade' }),
    /** 1, 2, … without gaps within a paper. */
    seq: integer('seq').notNull(),
    /** A step of EXAM_PAPER_STEPS, or `correction`. */
    kind: text('kind').notNull(),
    /** For a correction: the record it corrects. */
    correctsId: integer('corrects_id'),
    /** 交出方 — who hands the paper over (and records the step). */
    giverUserId: integer('giver_user_id')
      .notNull()
      .references(() => users.id),
    /** 接收方 — who takes it; null for steps without a handover (drafted, corrections). */
    receiverUserId: integer('receiver_user_id').references(() => users.id),
    /** When the handover happened (as stated by the giver). */
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    place: text('place').notNull().default(''),
    /** Copies handed over (sealed, stored, handed out, collected …). */
    copies: integer('copies'),
    /** At collection: copies returned unused and copies used (answer sheets) — returned + used = handed out. */
    returned: integer('returned'),
    used: integer('used'),
    note: text('note').notNull().default(''),
    recordedAt: timestamp('recorded_at', { withTimezone: true, precision: 3 }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('exam_paper_records_seq').on(t.paperId, t.seq),
    index('exam_paper_records_receiver_idx').on(t.receiverUserId),
    index('exam_paper_records_giver_idx').on(t.giverUserId),
  ],
);

/**
 * The receiver's confirmation of a handover 确认接收: in the app by the receiver, or with the
 * one-time code shown on the giver's screen. One per record (the primary key), so two confirmations
 * at once leave one. Append-only like the records.
 */
export const examPaperConfirmations = pgTable('exam_paper_confirmations', {
  recordId: integer('record_id')
    .primaryKey()
    .references(() => examPaperRecords.id, { onDelete: 'cascade' }),
  userId: integer('user_id').references(() => users.id),
  /** app | code */
  method: text('method').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull(),
});

/**
 * The one-time code of a handover, as a sha256 hash only. It expires, and `attempts` counts wrong
 * tries (raised by a conditional UPDATE, so parallel guesses cannot pass the limit).
 */
export const examPaperCodes = pgTable('exam_paper_codes', {
  recordId: integer('record_id')
    .primaryKey()
    .references(() => examPaperRecords.id, { onDelete: 'cascade' }),
  codeHash: text('code_hash').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  attempts: integer('attempts').notNull().default(0),
});

/**
 * Flags already notified: one row per paper and flag (`flag_key`, e.g. `unconfirmed:42`). The
 * periodic task notifies only when its insert wins, so a flag is told once across processes.
 */
export const examPaperFlagNotices = pgTable(
  'exam_paper_flag_notices',
  {
    paperId: integer('paper_id')
      .notNull()
      .references(() => examPapers.id, { onDelete: 'cascade' }),
    flagKey: text('flag_key').notNull(),
    userId: integer('user_id').references(() => users.id),
    notifiedAt: timestamp('notified_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.paperId, t.flagKey] })],
);

export const papersConstraintFields = constraintFieldsOf([examPapers, examPaperRecords]);
