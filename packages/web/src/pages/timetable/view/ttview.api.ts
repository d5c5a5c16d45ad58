import type { CalendarFeedView, DraftPublication, PublishedTimetable, TimetableVersionView } from '@jiaowu/contracts';
import { del, download, get, post, type Query } from '../../../api/client.ts';

/** Typed calls of publication, published timetables, exports and calendar feeds. */
export const timetableView = {
  published: (query: Query) => get<PublishedTimetable>('/timetable/published', query),
  versions: (termId: number) => get<{ items: TimetableVersionView[] }>('/timetable/versions', { termId }),
  export: (format: 'xlsx' | 'pdf', query: Query) => download('/timetable/export', { ...query, format }, `timetable.${format}`),
  feeds: () => get<{ items: CalendarFeedView[] }>('/timetable/feeds'),
  createFeed: (body: { ownerKind?: 'teacher' | 'student' | 'room'; ownerId?: number } = {}) =>
    post<CalendarFeedView>('/timetable/feeds', body),
  revokeFeed: (id: number) => del<{ ok: true }>(`/timetable/feeds/${id}`),
  publication: (draftId: number) => get<DraftPublication>(`/timetable/drafts/${draftId}/publication`),
  submit: (draftId: number) => post<DraftPublication>(`/timetable/drafts/${draftId}/submit`),
};
