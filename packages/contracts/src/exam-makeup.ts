import { z } from 'zod';
import { id } from './common.ts';
import { bulkRowError } from './selection-checks.ts';

/**
 * 补考 — who sits a make-up plan's exams: students who failed a course's final exam (imported by
 * the office until grades exist, then from grades) and those whose exam was deferred 缓考.
 */

export const MAKEUP_SOURCES = ['deferral', 'failed', 'grades'] as const;
export type MakeupSource = (typeof MAKEUP_SOURCES)[number];

/** The columns of the candidates file: headers in Chinese or English, or the key. */
export const MAKEUP_COLUMNS = [
  { key: 'studentNo', zh: '学号', en: 'Student No.', required: true },
  { key: 'courseCode', zh: '课程代码', en: 'Course code', required: true },
  { key: 'note', zh: '备注', en: 'Note', required: false },
] as const;
export type MakeupColumnKey = (typeof MAKEUP_COLUMNS)[number]['key'];

/** Most rows one candidates file may hold. */
export const MAKEUP_MAX_ROWS = 10_000;

/** GET /api/exams/plans/:id/makeup-candidates */
export const makeupCandidatesQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  /** 学号, name, course code or name. */
  q: z.string().trim().max(50).optional(),
});
export type MakeupCandidatesQuery = z.infer<typeof makeupCandidatesQuery>;

/** POST …/makeup-candidates/import?dryRun=: dry run by default. */
export const makeupImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export const makeupTemplateQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') });

export const makeupCandidateParams = z.object({ id, candidateId: id });

export interface MakeupCandidate {
  id: number;
  studentId: number;
  studentCode: string;
  studentName: string;
  courseId: number;
  courseCode: string;
  courseName: string;
  source: MakeupSource;
  deferralId: number | null;
  note: string | null;
  createdAt: string;
}

/** The answer of an import: a bad row names its row number, column and why, in the reader's language. */
export const makeupImportResult = z.object({
  dryRun: z.boolean(),
  /** True only when every row passed and the commit wrote them all. */
  committed: z.boolean(),
  fileName: z.string().nullable(),
  rows: z.number().int(),
  /** Rows that are (dry run: would be) added. */
  added: z.number().int(),
  errors: z.array(bulkRowError),
  /** Detected text encoding of a CSV file (gb18030 for GBK files). */
  encoding: z.string().optional(),
});
export type MakeupImportResult = z.infer<typeof makeupImportResult>;

/** POST …/makeup-candidates/deferrals: how many approved deferrals were new to the list. */
export interface MakeupDeferralsResult {
  added: number;
  deferrals: number;
}
