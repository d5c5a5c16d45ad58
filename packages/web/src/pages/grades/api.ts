import type {
  SheetImportResult,
  GradePublishResult,
  GradeRules,
  GradeSheetKind,
  GradeSheetList,
  GradeSheetSave,
  GradeSheetView,
  StudentGrades,
} from '@jiaowu/contracts';
import { api, download, get, post, put, type Query } from '../../api/client.ts';

/** `/api/grades/…` — 成绩: sheets, entry, publication, a student's own grades, the school's rules. */
export const gradesApi = {
  sheets: (query: Query) => get<GradeSheetList>('/grades/sheets', query),
  /** A sheet by its id (the approval inbox's link). */
  sheetById: (sheetId: number) => get<GradeSheetView>(`/grades/sheets/${sheetId}`),
  sheet: (teachingClassId: number, kind: GradeSheetKind = 'normal') =>
    get<GradeSheetView>(`/grades/classes/${teachingClassId}`, kind === 'normal' ? {} : { kind }),
  save: (teachingClassId: number, body: GradeSheetSave) => put<GradeSheetView>(`/grades/classes/${teachingClassId}`, body),
  submit: (teachingClassId: number, body: { version: number; kind: GradeSheetKind; acknowledgeWarnings: boolean }) =>
    post<GradeSheetView>(`/grades/classes/${teachingClassId}/submit`, body),
  publish: (teachingClassId: number, body: { kind: GradeSheetKind; publishAt?: string }) =>
    post<GradeSheetView>(`/grades/classes/${teachingClassId}/publish`, body),
  bulkPublish: (body: { sheetIds: number[]; publishAt?: string }) => post<GradePublishResult>('/grades/publish', body),
  /** The class's roster with its grades so far as an XLSX to fill in (headers in the page's language). */
  template: (teachingClassId: number, kind: GradeSheetKind, fallbackName: string) =>
    download(`/grades/classes/${teachingClassId}/template`, { kind }, fallbackName),
  /** A filled template: a dry run (every bad row and the changes) or the commit (all or none). */
  importFile: (teachingClassId: number, file: File, q: { kind: GradeSheetKind; version: number; dryRun: boolean }) => {
    const formData = new FormData();
    formData.append('file', file);
    return api<SheetImportResult>(`/grades/classes/${teachingClassId}/import`, { method: 'POST', formData, query: q });
  },
  mine: (termId?: number) => get<StudentGrades>('/grades/me', termId === undefined ? {} : { termId }),
  settings: () => get<GradeRules>('/grades/settings'),
  saveSettings: (body: GradeRules) => put<GradeRules>('/grades/settings', body),
};

/** The transcript PDF of a student (their own for a student), in Chinese or English. */
export const transcriptPath = (studentId: number) => `/grades/transcripts/${studentId}`;
