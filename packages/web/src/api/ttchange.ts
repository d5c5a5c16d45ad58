import type {
  BookingItem,
  ChangeItem,
  ChangeOption,
  ChangeRulesView,
  ChangeStats,
  FreeRoomItem,
  LectureItem,
  Paged,
  WorkflowInstanceView,
} from '@jiaowu/contracts';
import { get, post, type Query } from './client.ts';

/** Free rooms, bookings and timetable change requests (server: modules/timetable/timetable-changes.routes.ts). */
export const ttchange = {
  freeRooms: (query: Query) => get<Paged<FreeRoomItem>>('/timetable/rooms/free', query),
  bookings: (query: Query) => get<Paged<BookingItem>>('/timetable/bookings', query),
  book: (body: unknown) => post<{ id: number }>('/timetable/bookings', body),
  cancelBooking: (id: number) => post<{ ok: true }>(`/timetable/bookings/${id}/cancel`),
  changes: (query: Query) => get<Paged<ChangeItem>>('/timetable/changes', query),
  change: (id: number) => get<ChangeItem & { flow: WorkflowInstanceView | null }>(`/timetable/changes/${id}`),
  file: (body: unknown) => post<ChangeItem>('/timetable/changes', body),
  withdraw: (id: number) => post<{ ok: true }>(`/timetable/changes/${id}/withdraw`),
  lectures: (termId: number) => get<LectureItem[]>('/timetable/changes/lectures', { termId }),
  options: (termId: number, lectureKey: string, weeks: number[]) =>
    get<ChangeOption[]>('/timetable/changes/options', { termId, lectureKey, weeks: weeks.join(',') }),
  rules: (termId: number) => get<ChangeRulesView>('/timetable/changes/rules', { termId }),
  stats: (termId: number) => get<ChangeStats>('/timetable/changes/stats', { termId }),
};
