import type { ConflictReport, DraftEditInput, DraftEditResult, DraftGrid, RoomUse, SlotOptions, TeacherLoad } from '@jiaowu/contracts';
import { get, post, type Query } from './client.ts';

/** The owner of a draft grid, as the API's query names it. */
export type OwnerParam = 'adminClassId' | 'teacherId' | 'roomId' | 'teachingClassId';

/** Calls of the manual editing of a draft 排课方案 (/api/timetable/drafts/:id/…). */
export const draftEdit = {
  grid: (id: number, owner: Partial<Record<OwnerParam, number>>) => get<DraftGrid>(`/timetable/drafts/${id}/grid`, owner),
  options: (id: number, key: string, query: Query = {}) =>
    get<SlotOptions>(`/timetable/drafts/${id}/lectures/${encodeURIComponent(key)}/options`, query),
  edit: (id: number, body: DraftEditInput) => post<DraftEditResult>(`/timetable/drafts/${id}/edits`, body),
  undo: (id: number, version: number) => post<DraftEditResult>(`/timetable/drafts/${id}/undo`, { version }),
  conflicts: (id: number) => get<ConflictReport>(`/timetable/drafts/${id}/conflicts`),
  roomUse: (id: number, page: number, pageSize: number) => get<RoomUse>(`/timetable/drafts/${id}/room-use`, { page, pageSize }),
  teacherLoad: (id: number, page: number, pageSize: number) => get<TeacherLoad>(`/timetable/drafts/${id}/teacher-load`, { page, pageSize }),
};
