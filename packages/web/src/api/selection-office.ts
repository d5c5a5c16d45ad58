import type { z } from 'zod';
import type {
  Paged,
  Round,
  RoundDashboard,
  RoundInput,
  RoundUpdate,
  drawResult,
  enrolmentResult,
  hold,
  roundClassPage,
} from '@jiaowu/contracts';
import { del, download, get, patch, post, put, type Query } from './client.ts';

export type RoundClassPage = z.infer<typeof roundClassPage>;
export type DrawResult = z.infer<typeof drawResult>;
export type EnrolmentResult = z.infer<typeof enrolmentResult>;
export type Hold = z.infer<typeof hold>;
/** 按行政班预置: enrolments made, already there, and refused by rule code (time_conflict, class_full). */
export interface PrefillResult {
  created: number;
  existing: number;
  refused: Record<string, number>;
}
export type RosterFormat = 'xlsx' | 'pdf';

/** The office's calls of the selection API 选课管理 (server: modules/selection/selection.routes.ts). */
export const selectionOffice = {
  rounds: (termId: number) => get<{ items: Round[] }>('/selection/rounds', { termId }),
  round: (id: number) => get<Round>(`/selection/rounds/${id}`),
  createRound: (body: RoundInput) => post<Round>('/selection/rounds', body),
  updateRound: (id: number, body: RoundUpdate) => patch<Round>(`/selection/rounds/${id}`, body),
  deleteRound: (id: number) => del(`/selection/rounds/${id}`),
  /** The round's classes with seats; `eligible` is about the caller, so the office reads only seats. */
  roundClasses: (id: number, query: Query) => get<RoundClassPage>(`/selection/rounds/${id}/classes`, query),
  setRoundClasses: (id: number, teachingClassIds: number[]) => put<unknown>(`/selection/rounds/${id}/classes`, { teachingClassIds }),
  draw: (id: number, seed?: number) => post<DrawResult>(`/selection/rounds/${id}/draw`, seed === undefined ? {} : { seed }),
  prefill: (id: number) => post<PrefillResult>(`/selection/rounds/${id}/prefill`),
  lock: (id: number) => post<{ roundId: number; status: 'locked'; closedWaitlistEntries: number }>(`/selection/rounds/${id}/lock`),
  dashboard: (id: number) => get<RoundDashboard>(`/selection/rounds/${id}/dashboard`),
  roster: (teachingClassId: number, format: RosterFormat, code: string) =>
    download(`/selection/rosters/${teachingClassId}`, { format }, `${code}.${format}`),
  officeEnrol: (body: { roundId: number; studentId: number; teachingClassId: number; reason: string; override: boolean }) =>
    post<EnrolmentResult>('/selection/office/enrolments', body),
  officeDrop: (enrolmentId: number, reason: string) => post<unknown>(`/selection/office/enrolments/${enrolmentId}/drop`, { reason }),
  holds: (query: Query) => get<Paged<Hold> | { items: Hold[]; total?: number }>('/selection/holds', query),
  addHold: (studentId: number, reason: string) => post<Hold>('/selection/holds', { studentId, reason, source: 'admin' }),
  liftHold: (id: number) => post<unknown>(`/selection/holds/${id}/lift`),
};
