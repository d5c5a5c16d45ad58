import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { courses } from '../catalog/catalog.tables.ts';
import { users } from '../iam/iam.tables.ts';
import { attachments } from '../../platform/files/attachments.tables.ts';
import { teachingClasses } from '../offerings/offerings.tables.ts';
import { students, terms } from '../org/org.tables.ts';

/**
 * 成绩设置 — the school's grade rules (one row, id 1; none means the defaults of the grade core):
 * GPA formula (contracts `GpaConfig`), which attempt counts (`AttemptPolicy`), after which marks a
 * make-up is open (`MarkPolicy`), the office's limits on component weights (`ComponentRules`),
 * 五级制 totals, whether students see components and class ranks, and the 学业预警 threshold.
 */
export const gradeSettings = pgTable(
  'grade_settings',
  {
    id: integer('id').primaryKey(),
    gpa: jsonb('gpa').notNull(),
    attempts: jsonb('attempts').notNull(),
    marks: jsonb('marks').notNull(),
    componentRules: jsonb('component_rules').notNull(),
    levelTotals: jsonb('level_totals').notNull(),
    showComponents: boolean('show_components').notNull().default(true),
    showRanks: boolean('show_ranks').notNull().default(false),
    /** 学业预警: a student whose failed credits (tenths) reach this is on the academic-risk list. */
    riskFailedCreditsTenths: integer('risk_failed_credits_tenths').notNull().default(100),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('grade_settings_single_row', sql`${t.id} = 1`)],
);

/**
 * 成绩登记表 — the grade sheet of one teaching class for one sitting: the normal grades
 * (`kind` normal) or the make-up grades 补考 of its failed and deferred students (`kind` makeup).
 * The scheme (contracts `GradingScheme`) is the teacher's within the office's rules and is locked
 * once entry starts (`entry_started_at`). `status`: draft → submitted (成绩审核, college) →
 * approved (成绩公布, office) → published; a return sends it back to draft with `return_comment`.
 * `version` is bumped on every write: an autosave names the version it read.
 */
export const gradeSheets = pgTable(
  'grade_sheets',
  {
    id: serial('id').primaryKey(),
    termId: integer('term_id')
      .notNull()
      .references(() => terms.id, { onDelete: 'cascade' }),
    teachingClassId: integer('teaching_class_id')
      .notNull()
      .references(() => teachingClasses.id, { onDelete: 'cascade' }),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id),
    /** normal | makeup */
    kind: text('kind').notNull().default('normal'),
    scheme: jsonb('scheme').notNull(),
    /** draft | submitted | approved | published */
    status: text('status').notNull().default('draft'),
    version: integer('version').notNull().default(1),
    entryStartedAt: timestamp('entry_started_at', { withTimezone: true }),
    /** The reviewer's words when the sheet was returned (shown to the teacher until resubmitted). */
    returnComment: text('return_comment'),
    workflowInstanceId: integer('workflow_instance_id'),
    submittedBy: integer('submitted_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    /** 定时公布: the office may publish on a date; null publishes at approval of 成绩公布. */
    publishAt: timestamp('publish_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: integer('published_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('grade_sheets_class_kind').on(t.teachingClassId, t.kind),
    index('grade_sheets_term_status_idx').on(t.termId, t.status),
    check('grade_sheets_kind', sql`${t.kind} in ('normal', 'makeup')`),
    check('grade_sheets_status', sql`${t.status} in ('draft', 'submitted', 'approved', 'published')`),
  ],
);

/**
 * 成绩 — one attempt of one student at one course in one term, as it stands now. `entry` is the
 * grade (contracts `GradeEntry`: a score in tenths, a level or a special mark), null while a draft
 * is empty; `components` the component scores in tenths (`{ final: 785, regular: 900 }`).
 * A record is visible to its student once `published_at` is set; from then on it changes only by a
 * correction 成绩更正, which bumps `version` and appends to `grade_record_versions` (a trigger
 * refuses any other change). Migrated records (`source` migrated) keep the old system's text in
 * `raw_grade`.
 */
export const gradeRecords = pgTable(
  'grade_records',
  {
    id: serial('id').primaryKey(),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id),
    termId: integer('term_id')
      .notNull()
      .references(() => terms.id),
    /** normal | makeup | retake */
    attempt: text('attempt').notNull().default('normal'),
    sheetId: integer('sheet_id').references(() => gradeSheets.id, { onDelete: 'set null' }),
    teachingClassId: integer('teaching_class_id').references(() => teachingClasses.id, { onDelete: 'set null' }),
    entry: jsonb('entry'),
    components: jsonb('components').notNull().default({}),
    /** Credits in tenths, as the course had them when the grade was recorded. */
    creditsTenths: integer('credits_tenths').notNull(),
    /** entry | migrated | demo */
    source: text('source').notNull().default('entry'),
    rawGrade: text('raw_grade'),
    /** 0 while a draft; 1 when published; +1 per approved correction. */
    version: integer('version').notNull().default(0),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    updatedBy: integer('updated_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('grade_records_attempt').on(t.studentId, t.courseId, t.termId, t.attempt),
    index('grade_records_sheet_idx').on(t.sheetId),
    index('grade_records_student_idx').on(t.studentId, t.termId),
    index('grade_records_course_term_idx').on(t.courseId, t.termId),
    check('grade_records_attempt_kind', sql`${t.attempt} in ('normal', 'makeup', 'retake')`),
    check('grade_records_source', sql`${t.source} in ('entry', 'migrated', 'demo')`),
  ],
);

/**
 * 成绩版本 — every published version of a grade, append-only: publication writes version 1, each
 * approved correction the next, with who, when and why. The old grade is never lost.
 */
export const gradeRecordVersions = pgTable(
  'grade_record_versions',
  {
    id: serial('id').primaryKey(),
    recordId: integer('record_id')
      .notNull()
      .references(() => gradeRecords.id),
    version: integer('version').notNull(),
    entry: jsonb('entry').notNull(),
    components: jsonb('components').notNull().default({}),
    /** published | correction | migrated */
    reason: text('reason').notNull(),
    correctionId: integer('correction_id'),
    note: text('note'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('grade_record_versions_seq').on(t.recordId, t.version)],
);

/**
 * 成绩更正 — a teacher's request to change a published grade, with a reason and evidence, through
 * the `grade_correction` flow (college, then office). Approval writes the new version.
 */
export const gradeCorrections = pgTable(
  'grade_corrections',
  {
    id: serial('id').primaryKey(),
    recordId: integer('record_id')
      .notNull()
      .references(() => gradeRecords.id),
    /** The version the request was made against: approval refuses if the grade moved since. */
    baseVersion: integer('base_version').notNull(),
    entry: jsonb('entry').notNull(),
    components: jsonb('components').notNull().default({}),
    reason: text('reason').notNull(),
    attachmentId: integer('attachment_id').references(() => attachments.id),
    /** pending | approved | rejected | returned | withdrawn */
    status: text('status').notNull().default('pending'),
    workflowInstanceId: integer('workflow_instance_id'),
    requestedBy: integer('requested_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('grade_corrections_one_live')
      .on(t.recordId)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * 成绩单 — each issued transcript or certificate: its public verification code, the checksum of
 * what it showed (sha256 over the canonical content) and a snapshot for the verification page.
 * Issuing a newer one of the same kind and language supersedes the older; the office may revoke.
 */
export const transcripts = pgTable(
  'transcripts',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id),
    /** transcript 成绩单 | certificate 英文成绩证明 */
    kind: text('kind').notNull().default('transcript'),
    lang: text('lang').notNull(),
    checksum: text('checksum').notNull(),
    content: jsonb('content').notNull(),
    issuedBy: integer('issued_by').references(() => users.id),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
  },
  (t) => [index('transcripts_student_idx').on(t.studentId, t.kind, t.lang)],
);
