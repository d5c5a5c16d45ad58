import type {
  ExamPaper,
  ExamPaperChain,
  ExamPaperFlag,
  ExamPaperHandoverInput,
  ExamPaperHandoverResult,
  ExamPaperInput,
  ExamPaperRecord,
  Paged,
} from '@jiaowu/contracts';
import { get, post, type Query } from './client.ts';

/** 试卷流转: exam papers and their chain of custody (server: modules/exams/papers.routes.ts). */
export const examPapers = {
  list: (query: Query) => get<Paged<ExamPaper>>('/exams/papers', query),
  create: (body: ExamPaperInput) => post<ExamPaper>('/exams/papers', body),
  get: (id: number) => get<ExamPaper>(`/exams/papers/${id}`),
  chain: (id: number) => get<ExamPaperChain>(`/exams/papers/${id}/chain`),
  receivers: (id: number) => get<{ items: { id: number; name: string }[] }>(`/exams/papers/${id}/receivers`),
  handover: (id: number, body: ExamPaperHandoverInput) => post<ExamPaperHandoverResult>(`/exams/papers/${id}/handovers`, body),
  confirm: (id: number, recordId: number, code?: string) =>
    post<ExamPaperRecord>(`/exams/papers/${id}/handovers/${recordId}/confirm`, code ? { code } : {}),
  flags: () => get<{ items: ExamPaperFlag[] }>('/exams/papers/flags'),
};
