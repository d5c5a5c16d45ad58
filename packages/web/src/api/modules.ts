import type {
  BatchApproveResult,
  CourseItem,
  CurriculumPlan,
  FlowDetail,
  FlowDiagram,
  FlowInput,
  FlowMetrics,
  FlowSummary,
  InboxCounts,
  InboxItem,
  MailSettingsInput,
  MailSettingsView,
  NotificationSettings,
  NotificationView,
  OutboxItem,
  Paged,
  CourseRequest,
  TeachingClass,
  WorkflowInstanceView,
} from '@jiaowu/contracts';
import { api, del, download, get, patch, post, put, type Query } from './client.ts';

/** Typed calls of the catalog, offerings, workflow and notification APIs. */

export type PlanSummary = Omit<
  CurriculumPlan,
  'groups' | 'creditRequirements' | 'creditsByCategory' | 'creditsByTerm' | 'plannedCredits' | 'warnings'
>;

export const courses = {
  list: (query: Query) => get<Paged<CourseItem>>('/courses', query),
  create: (body: unknown) => post<CourseItem>('/courses', body),
  /** `body.version` is the version the edit is based on; an older one is refused with `stale` (409). */
  update: (id: number, body: Record<string, unknown> & { version: number }) => patch<CourseItem>(`/courses/${id}`, body),
  remove: (id: number, version: number) => api<void>(`/courses/${id}`, { method: 'DELETE', query: { version } }),
  export: (format: 'xlsx' | 'csv', query: Query) => download('/courses/export', { ...query, format }, `courses.${format}`),
};

export const plans = {
  list: (query: Query) => get<Paged<PlanSummary>>('/curriculum-plans', query),
  get: (id: number) => get<CurriculumPlan>(`/curriculum-plans/${id}`),
  create: (body: unknown) => post<CurriculumPlan>('/curriculum-plans', body),
  update: (id: number, body: unknown) => patch<CurriculumPlan>(`/curriculum-plans/${id}`, body),
  remove: (id: number) => del(`/curriculum-plans/${id}`),
  copy: (id: number, cohort: number) => post<CurriculumPlan>(`/curriculum-plans/${id}/copy`, { cohort }),
  export: (format: 'xlsx' | 'csv', query: Query) =>
    download('/curriculum-plans/export', { ...query, format }, `curriculum-plans.${format}`),
};

export const requests = {
  list: (query: Query) => get<Paged<CourseRequest>>('/course-requests', query),
  get: (id: number) => get<CourseRequest>(`/course-requests/${id}`),
  create: (body: unknown) => post<CourseRequest>('/course-requests', body),
  update: (id: number, body: unknown) => patch<CourseRequest>(`/course-requests/${id}`, body),
  remove: (id: number) => del(`/course-requests/${id}`),
  submit: (id: number) => post<CourseRequest>(`/course-requests/${id}/submit`),
  withdraw: (id: number) => post<CourseRequest>(`/course-requests/${id}/withdraw`),
  prefill: (termId: number) => post<{ created: number[]; skipped: number }>('/course-requests/prefill', { termId }),
  copy: (fromTermId: number, toTermId: number) =>
    post<{ created: number[]; skipped: number }>('/course-requests/copy', { fromTermId, toTermId }),
};

export const teachingClasses = {
  list: (query: Query) => get<Paged<TeachingClass>>('/teaching-classes', query),
};

export const workflow = {
  inbox: (query: Query) => get<Paged<InboxItem>>('/workflow/inbox', query),
  counts: () => get<InboxCounts>('/workflow/inbox/counts'),
  instance: (id: number) => get<WorkflowInstanceView>(`/workflow/instances/${id}`),
  act: (taskId: number, action: 'approve' | 'return' | 'reject' | 'delegate' | 'comment', body: unknown) =>
    post<unknown>(`/workflow/tasks/${taskId}/${action}`, body),
  batchApprove: (taskIds: number[], comment?: string) => post<BatchApproveResult>('/workflow/tasks/batch-approve', { taskIds, comment }),
  flows: () => get<FlowSummary[]>('/workflow/flows'),
  flow: (key: string) => get<FlowDetail>(`/workflow/flows/${key}`),
  putFlow: (key: string, body: FlowInput) => put<FlowDetail>(`/workflow/flows/${key}`, body),
  diagram: (key: string) => get<FlowDiagram>(`/workflow/flows/${key}/diagram`),
  metrics: (key: string, query: Query) => get<FlowMetrics>(`/workflow/flows/${key}/metrics`, query),
};

export const notifications = {
  list: (query: Query) => get<Paged<NotificationView>>('/notifications', query),
  unreadCount: () => get<{ count: number }>('/notifications/unread-count'),
  read: (id: number) => post<unknown>(`/notifications/${id}/read`),
  readAll: () => post<{ count: number }>('/notifications/read-all'),
  settings: () => get<NotificationSettings>('/notifications/settings'),
  saveSettings: (body: NotificationSettings) => put<NotificationSettings>('/notifications/settings', body),
  mailSettings: () => get<MailSettingsView>('/admin/mail-settings'),
  saveMailSettings: (body: MailSettingsInput) => put<MailSettingsView>('/admin/mail-settings', body),
  outbox: (query: Query) => get<Paged<OutboxItem> & { counts?: Record<string, number> }>('/admin/outbox', query),
  retry: (id: number) => post<unknown>(`/admin/outbox/${id}/retry`),
};
