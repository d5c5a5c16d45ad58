import type { Paged, PrefillPreview, RequestBatchInput, RequestBatchResult, RequestSummaryRow, TeachingClass } from '@jiaowu/contracts';
import { download, get, post, type Query } from './client.ts';

/** Roster row of a teaching class (教学班名单). */
export interface RosterStudent {
  id: number;
  code: string;
  name: string;
  gender: string | null;
  cohort: number;
  status: string;
  adminClassCode: string;
  adminClassName: string;
  majorName: string;
}

/** Calls of the request-list tools, the teaching-class detail and the approver check. */
export const requestTools = {
  preview: (termId: number) => post<PrefillPreview>('/course-requests/prefill/preview', { termId }),
  prefill: (termId: number, keys: string[]) => post<{ created: number[]; skipped: number }>('/course-requests/prefill', { termId, keys }),
  batch: (body: RequestBatchInput) => post<RequestBatchResult>('/course-requests/batch', body),
  summary: (query: Query) => get<RequestSummaryRow[]>('/course-requests/summary', query),
  export: (query: Query & { format: 'xlsx' | 'csv' }) => download('/course-requests/export', query, `course-requests.${query.format}`),
};

export const teachingClassDetail = {
  get: (id: number) => get<TeachingClass>(`/teaching-classes/${id}`),
  roster: (id: number, query: Query) => get<Paged<RosterStudent>>(`/teaching-classes/${id}/students`, query),
};

export const approver = {
  check: () => get<{ isApprover: boolean }>('/workflow/approver'),
};
