import { z } from 'zod';
import { id, LIMITS, text } from './common.ts';

/**
 * 选课审核 — the after-round checks the office works through, and 批量选课/退课, the office's
 * enrolments and drops from a spreadsheet. Shared by the server routes and the web tabs.
 */

/**
 * What a finding is about: a student below the round's minimum credits, a student missing a
 * required course of their plan this term, an enrolment in a class whose time changed after it
 * was made, a class below the round's minimum size.
 */
export const CHECK_KINDS = ['below_min_credits', 'missing_required', 'time_changed', 'class_too_small'] as const;
export const checkKind = z.enum(CHECK_KINDS);
export type CheckKind = z.infer<typeof checkKind>;

/** open: to be handled; resolved: handled (by the office, or by itself when a re-run no longer finds it); dismissed: not a problem. */
export const CHECK_STATUSES = ['open', 'resolved', 'dismissed'] as const;
export const checkStatus = z.enum(CHECK_STATUSES);
export type CheckStatus = z.infer<typeof checkStatus>;

/** The figures of a finding, by kind (only the ones of its kind are set). */
export const checkParams = z.object({
  /** below_min_credits: credits held and the minimum of the student's group. */
  credits: z.number().optional(),
  minCredits: z.number().optional(),
  /** missing_required: the required course and the class of the term meant for the student's admin class / cohort. */
  courseCode: z.string().optional(),
  courseName: z.string().optional(),
  courseNameEn: z.string().nullable().optional(),
  classCode: z.string().optional(),
  /** time_changed: the timetable version in force when the student enrolled and the one now. */
  fromVersionNo: z.number().int().optional(),
  toVersionNo: z.number().int().optional(),
  enrolledAt: z.string().optional(),
  /** class_too_small: enrolled students and the round's minimum class size. */
  enrolled: z.number().int().optional(),
  minSize: z.number().int().optional(),
});
export type CheckParams = z.infer<typeof checkParams>;

/** One finding as the office's list shows it: who or what, in words, with its figures. */
export const checkFinding = z.object({
  id: z.number().int(),
  roundId: z.number().int(),
  kind: checkKind,
  status: checkStatus,
  studentId: z.number().int().nullable(),
  studentNo: z.string().nullable(),
  studentName: z.string().nullable(),
  teachingClassId: z.number().int().nullable(),
  classCode: z.string().nullable(),
  courseName: z.string().nullable(),
  params: checkParams,
  note: z.string().nullable(),
  /** Resolved without anybody: a re-run no longer found it. */
  autoResolved: z.boolean(),
  resolvedByName: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CheckFinding = z.infer<typeof checkFinding>;

/** GET /api/selection/rounds/:id/checks. */
export const checksQuery = z.object({
  kind: checkKind.optional(),
  status: checkStatus.optional(),
  /** One student's or one class's findings. */
  studentId: id.optional(),
  teachingClassId: id.optional(),
  page: z.coerce.number().int().min(1).max(LIMITS.pageMax).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});
export type ChecksQuery = z.input<typeof checksQuery>;

/** Counts of the round's findings per kind and status (the tab's header). */
export const checkCounts = z.record(checkKind, z.record(checkStatus, z.number().int()));
export type CheckCounts = z.infer<typeof checkCounts>;

export const checksPage = z.object({ items: z.array(checkFinding), total: z.number().int(), counts: checkCounts });
export type ChecksPage = z.infer<typeof checksPage>;

/** POST /api/selection/rounds/:id/checks: what the run did. */
export const checksRunResult = z.object({
  added: z.number().int(),
  /** Open findings found again (their figures refreshed). */
  updated: z.number().int(),
  /** Open findings that no longer apply, resolved by the run. */
  autoResolved: z.number().int(),
  open: z.number().int(),
});
export type ChecksRunResult = z.infer<typeof checksRunResult>;

/** POST /api/selection/checks/:id/resolve: handled or dismissed, with the office's note. */
export const checkResolveInput = z.object({
  status: z.enum(['resolved', 'dismissed']),
  note: text(500).min(1),
});
export type CheckResolveInput = z.input<typeof checkResolveInput>;

/** The round's minimum class size when the office did not set one (a class below it is a finding). */
export const DEFAULT_MIN_CLASS_SIZE = 10;

// ---------------------------------------------------------------- 批量选课/退课

/** The columns of the bulk file: headers in Chinese or English, or the key. */
export const BULK_COLUMNS = [
  { key: 'studentNo', zh: '学号', en: 'Student No.', required: true },
  { key: 'classCode', zh: '教学班代码', en: 'Class code', required: true },
  { key: 'action', zh: '操作', en: 'Action', required: true },
  { key: 'reason', zh: '原因', en: 'Reason', required: true },
  { key: 'override', zh: '忽略规则', en: 'Override rules', required: false },
] as const;
export type BulkColumnKey = (typeof BULK_COLUMNS)[number]['key'];

/** Most rows one bulk file may hold. */
export const BULK_MAX_ROWS = 5000;

/** POST /api/selection/rounds/:id/bulk?dryRun=: dry run by default. */
export const bulkQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

/** GET /api/selection/bulk-template?format=. */
export const bulkTemplateQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') });

/** A refused row: its spreadsheet row number, the column, and why (translated, the rule's own words for a refusal). */
export const bulkRowError = z.object({
  row: z.number().int(),
  field: z.string(),
  /** The column as the file names it. */
  column: z.string(),
  code: z.string(),
  message: z.string(),
  /** The cell as the file holds it (a formula-looking cell is shown quoted, never run). */
  value: z.string(),
});
export type BulkRowError = z.infer<typeof bulkRowError>;

export const bulkResult = z.object({
  dryRun: z.boolean(),
  /** True only when every row passed and the commit wrote them all. */
  committed: z.boolean(),
  fileName: z.string().nullable(),
  rows: z.number().int(),
  enrol: z.number().int(),
  drop: z.number().int(),
  errors: z.array(bulkRowError),
});
export type BulkResult = z.infer<typeof bulkResult>;
