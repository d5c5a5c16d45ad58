import { z } from 'zod';
import { bulkRowError } from './selection-checks.ts';

/**
 * 历史成绩导入 — a school's grades from its old system (学号, 学期, 课程代码, 成绩 as the old system
 * wrote it, 考试性质, 学分), imported by the office with a dry run and an all-or-nothing commit.
 * The records are published at once and marked `migrated`.
 */

/** The columns of the historical grades file: headers in Chinese or English, or the key. */
export const GRADE_IMPORT_COLUMNS = [
  { key: 'studentNo', zh: '学号', en: 'Student No.', required: true },
  { key: 'termCode', zh: '学期', en: 'Term', required: true },
  { key: 'courseCode', zh: '课程代码', en: 'Course code', required: true },
  { key: 'grade', zh: '成绩', en: 'Grade', required: true },
  { key: 'attempt', zh: '考试性质', en: 'Attempt', required: false },
  { key: 'credits', zh: '学分', en: 'Credits', required: true },
  { key: 'courseName', zh: '课程名称', en: 'Course name', required: false },
] as const;
export type GradeImportColumnKey = (typeof GRADE_IMPORT_COLUMNS)[number]['key'];

/** Most rows one historical grades file may hold (a school's years of grades come in a few files). */
export const GRADE_IMPORT_MAX_ROWS = 100_000;

const flag = (dflt: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(dflt)
    .transform((v) => v === 'true');

/** POST /api/grades/imports/historical?dryRun=&createMissingCourses=&createMissingTerms= */
export const gradeImportQuery = z.object({
  /** Dry run by default: every bad row reported, nothing written. */
  dryRun: flag('true'),
  /** Courses missing from the catalog are created as archived courses (is_active false) instead of errors. */
  createMissingCourses: flag('false'),
  /** Unknown term codes (e.g. 2019-2020-1) are created as past terms instead of errors. */
  createMissingTerms: flag('false'),
});
export type GradeImportQuery = z.infer<typeof gradeImportQuery>;

export const gradeImportTemplateQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') });

/** The answer of a historical import: a bad row names its row number, column and why, in the reader's language. */
export const gradeImportResult = z.object({
  dryRun: z.boolean(),
  /** True only when every row passed and the commit wrote them all. */
  committed: z.boolean(),
  fileName: z.string().nullable(),
  rows: z.number().int(),
  /** Grade records (dry run: that would be) written. */
  added: z.number().int(),
  /** Archived courses (that would be) created for codes missing from the catalog. */
  coursesCreated: z.array(z.string()),
  /** Past terms (that would be) created for unknown term codes. */
  termsCreated: z.array(z.string()),
  errors: z.array(bulkRowError),
  /** More errors than listed (the list stops at GRADE_IMPORT_MAX_ERRORS). */
  errorCount: z.number().int(),
  /** Detected text encoding of a CSV file (gb18030 for GBK files). */
  encoding: z.string().optional(),
});
export type GradeImportResult = z.infer<typeof gradeImportResult>;

/** Errors listed in one answer; the count says how many there were. */
export const GRADE_IMPORT_MAX_ERRORS = 1000;
