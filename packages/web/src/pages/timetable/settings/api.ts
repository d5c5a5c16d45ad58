import type {
  AvailabilityPut,
  AvailabilityView,
  LinkClassItem,
  LinkInput,
  LinkItem,
  Paged,
  ReadinessReport,
  TimetableSettingsPut,
  TimetableSettingsView,
} from '@jiaowu/contracts';
import { del, get, post, put } from '../../../api/client.ts';

/** The timetabling settings area's calls (server: modules/timetable/settings.routes.ts). */
export const ttSettingsApi = {
  settings: (termId: number) => get<TimetableSettingsView>('/timetable/settings', { termId }),
  saveSettings: (body: TimetableSettingsPut) => put<TimetableSettingsView>('/timetable/settings', body),
  availability: (termId: number, teacherId: number) => get<AvailabilityView>('/timetable/availability', { termId, teacherId }),
  saveAvailability: (body: AvailabilityPut) => put<AvailabilityView>('/timetable/availability', body),
  links: (termId: number) => get<LinkItem[]>('/timetable/links', { termId }),
  linkClasses: (termId: number, q: string) =>
    get<Paged<LinkClassItem & { linkName: string | null }>>('/timetable/links/classes', { termId, q, pageSize: 20 }),
  createLink: (body: LinkInput) => post<LinkItem>('/timetable/links', body),
  removeLink: (id: number) => del(`/timetable/links/${id}`),
  readiness: (termId: number) => get<ReadinessReport>('/timetable/readiness', { termId }),
};

/** Colleges and campuses by name, for pickers. */
export const orgNames = {
  colleges: () => get<Paged<{ id: number; name: string }>>('/colleges', { pageSize: 200 }),
  campuses: () => get<Paged<{ id: number; name: string }>>('/campuses', { pageSize: 200 }),
  teachers: (q: string, collegeId?: number) =>
    get<Paged<{ id: number; code: string; name: string }>>('/teachers', { q, collegeId, pageSize: 20 }),
};
