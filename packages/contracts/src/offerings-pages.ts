import { z } from 'zod';
import { exportFormat, id } from './common.ts';
import { courseRequestListQuery } from './offerings.ts';

// Request lists as the office and the colleges work with them: batch actions,
// the prefill preview, the per-college summary and the export.

/** Batch actions on course requests; each item runs in its own transaction. */
export const REQUEST_BATCH_ACTIONS = ['submit', 'withdraw', 'delete'] as const;
export const requestBatchInput = z.object({
  action: z.enum(REQUEST_BATCH_ACTIONS),
  ids: z.array(id).min(1).max(200),
});
export type RequestBatchInput = z.infer<typeof requestBatchInput>;

/** One item's outcome: ok, or the translated reason it was refused (partial success is reported per row). */
export interface RequestBatchResult {
  results: { id: number; ok: boolean; code?: string; message?: string }[];
}

/** Sortable columns of the request list. */
export const REQUEST_SORTS = ['updatedAt', 'submittedAt', 'courseCode', 'collegeName'] as const;
export const requestListSort = z.object({ sort: z.enum(REQUEST_SORTS).optional(), order: z.enum(['asc', 'desc']).default('desc') });

/** Filters of the request export (the list's filters). */
export const requestExportQuery = courseRequestListQuery.extend({ format: exportFormat.default('xlsx') });

/** Prefill: preview the drafts (`dryRun`), then create the chosen ones (`keys`, from the preview). */
export const prefillPreviewInput = z.object({ termId: id, collegeId: id.optional() });
export const prefillCreateInput = prefillPreviewInput.extend({ keys: z.array(z.string().max(40)).max(2000).optional() });

/** A draft prefill would create: key `courseId:majorId:cohort`. */
export interface PrefillDraft {
  key: string;
  courseId: number;
  courseCode: string;
  courseName: string;
  collegeId: number;
  majorId: number;
  cohort: number;
  adminClassIds: number[];
  adminClassCodes: string[];
  capacity: number;
  sessions: number[];
  weeks: { pattern: 'all'; from: number; to: number };
}
export interface PrefillPreview {
  drafts: PrefillDraft[];
  skipped: number;
}

/** Per-college counts of a term's requests (the office's summary above the list). */
export const requestSummaryQuery = z.object({ termId: id.optional(), collegeId: id.optional() });
export interface RequestSummaryRow {
  collegeId: number;
  collegeName: string;
  total: number;
  approved: number;
  pending: number;
  returned: number;
  rejected: number;
  draft: number;
  withdrawn: number;
}
