import type {
  ExamExportOwner,
  ExamInput,
  ExamItem,
  ExamMoveCheck,
  ExamPlanInput,
  ExamPlanView,
  ExamRule,
  ExamRuleInput,
  ExamSitting,
  ExamUnavailabilityInput,
  ExamUnavailabilityItem,
  InvigilationItem,
  InvigilationLoad,
  JobView,
  MakeupCandidate,
  MakeupDeferralsResult,
  MakeupImportResult,
  Paged,
} from '@jiaowu/contracts';
import { api, del, download, get, patch, post, put, type Query } from '../../../api/client.ts';

/** One exam session of a plan (date YYYY-MM-DD, start/end HH:MM, the school's local time). */
export interface ExamSession {
  id: number;
  date: string;
  start: string;
  end: string;
}

/** `/api/exams/…` — 考务: plans, their exam lists, scheduling, sittings and invigilation duties. */
export const examsApi = {
  plans: (termId?: number) => get<{ items: ExamPlanView[] }>('/exams/plans', termId === undefined ? {} : { termId }),
  plan: (id: number) => get<ExamPlanView>(`/exams/plans/${id}`),
  createPlan: (body: ExamPlanInput) => post<ExamPlanView>('/exams/plans', body),
  sessions: (id: number) => get<{ items: ExamSession[] }>(`/exams/plans/${id}/sessions`),
  exams: (id: number, query: Query) => get<Paged<ExamItem>>(`/exams/plans/${id}/exams`, query),
  addExam: (id: number, body: Partial<ExamInput> & { courseId: number }) => post<ExamItem>(`/exams/plans/${id}/exams`, body),
  patchExam: (id: number, examId: number, body: { durationMin?: number; roomType?: string | null }) =>
    patch<ExamItem>(`/exams/plans/${id}/exams/${examId}`, body),
  removeExam: (id: number, examId: number) => del(`/exams/plans/${id}/exams/${examId}`),
  rules: (id: number) => get<{ items: ExamRule[] }>(`/exams/plans/${id}/rules`),
  addRule: (id: number, body: ExamRuleInput) => post<{ id: number }>(`/exams/plans/${id}/rules`, body),
  removeRule: (id: number, ruleId: number) => del(`/exams/plans/${id}/rules/${ruleId}`),
  submit: (id: number) => post<ExamPlanView>(`/exams/plans/${id}/submit`),
  solve: (id: number, timeLimitSec: number) => post<{ jobId: number }>(`/exams/plans/${id}/solve`, { timeLimitSec }),
  checkMove: (id: number, examId: number, sessionId: number) =>
    post<ExamMoveCheck>(`/exams/plans/${id}/exams/${examId}/check-move`, { sessionId }),
  move: (id: number, examId: number, sessionId: number) => post<unknown>(`/exams/plans/${id}/exams/${examId}/move`, { sessionId }),
  publish: (id: number) => post<{ instanceId: number; scheduleStatus: string }>(`/exams/plans/${id}/publish`),
  load: (id: number) => get<{ items: InvigilationLoad[] }>(`/exams/plans/${id}/invigilation-load`),
  unavailability: (id: number) => get<{ items: ExamUnavailabilityItem[] }>(`/exams/plans/${id}/unavailability`),
  setUnavailability: (id: number, body: ExamUnavailabilityInput) =>
    put<{ items: ExamUnavailabilityItem[] }>(`/exams/plans/${id}/unavailability`, body),
  duties: (query: Query) => get<{ items: InvigilationItem[] }>('/exams/invigilations', query),
  swap: (dutyId: number, teacherId: number) => post<unknown>(`/exams/invigilations/${dutyId}/swap`, { teacherId }),
  sittings: (query: Query) => get<{ items: ExamSitting[] }>('/exams/sittings', query),
  job: (id: number) => get<JobView>(`/jobs/${id}`),
  /** 补考名单 of a make-up plan. */
  candidates: (id: number, query: Query) => get<Paged<MakeupCandidate>>(`/exams/plans/${id}/makeup-candidates`, query),
  addDeferrals: (id: number) => post<MakeupDeferralsResult>(`/exams/plans/${id}/makeup-candidates/deferrals`),
  importCandidates: (id: number, file: File, dryRun: boolean) => {
    const formData = new FormData();
    formData.append('file', file);
    return api<MakeupImportResult>(`/exams/plans/${id}/makeup-candidates/import`, { method: 'POST', formData, query: { dryRun } });
  },
  candidatesTemplate: (id: number, format: 'xlsx' | 'csv', fallbackName: string) =>
    download(`/exams/plans/${id}/makeup-candidates/template`, { format }, fallbackName),
  removeCandidate: (id: number, candidateId: number) => del(`/exams/plans/${id}/makeup-candidates/${candidateId}`),
  cancelJob: (id: number) => post<JobView>(`/jobs/${id}/cancel`),
  /** 考试安排表 as XLSX or PDF; without an owner, the caller's own. */
  exportSchedule: (format: 'xlsx' | 'pdf', query: { termId: number; ownerKind?: ExamExportOwner; ownerId?: number }) =>
    download('/exams/schedules/export', { ...query, format }, `exam-schedule.${format}`),
};
