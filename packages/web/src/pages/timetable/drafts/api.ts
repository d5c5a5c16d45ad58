import type {
  CompareView,
  DraftCreateInput,
  DraftDetail,
  DraftItem,
  JobView,
  MovesView,
  SolveInput,
  SolveStarted,
} from '@jiaowu/contracts';
import { del, get, patch, post } from '../../../api/client.ts';

/** `/api/timetable/drafts…` — 排课方案. */
export const draftsApi = {
  list: (termId: number) => get<{ items: DraftItem[] }>('/timetable/drafts', { termId }),
  get: (id: number) => get<DraftDetail>(`/timetable/drafts/${id}`),
  create: (body: DraftCreateInput) => post<DraftItem>('/timetable/drafts', body),
  rename: (id: number, name: string) => patch<DraftItem>(`/timetable/drafts/${id}`, { name }),
  remove: (id: number) => del(`/timetable/drafts/${id}`),
  solve: (id: number, body: SolveInput) => post<SolveStarted>(`/timetable/drafts/${id}/solve`, body),
  resolve: (termId: number) => post<SolveStarted>('/timetable/drafts/resolve', { termId }),
  moves: (id: number) => get<MovesView>(`/timetable/drafts/${id}/moves`),
  compare: (ids: number[]) => get<CompareView>('/timetable/drafts/compare', { ids: ids.join(',') }),
  job: (id: number) => get<JobView>(`/jobs/${id}`),
  cancelJob: (id: number) => post<JobView>(`/jobs/${id}/cancel`),
};
