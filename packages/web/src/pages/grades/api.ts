import type { GradeRules, GradeSheetKind, GradeSheetSave, GradeSheetStatus, GradeSheetView, Paged, StudentGrades } from '@jiaowu/contracts';
import { get, post, put, type Query } from '../../api/client.ts';

/**
 * One class's grade sheet in a list (GET /api/grades/sheets). Not in the contracts yet: the
 * server's list (helper A) decides; this is what the pages read from it.
 */
export interface GradeSheetListItem {
  /** null while no grade was saved (the class has no sheet yet). */
  id: number | null;
  termId: number;
  teachingClassId: number;
  classCode: string;
  courseCode: string;
  courseName: string;
  kind: GradeSheetKind;
  status: GradeSheetStatus;
  collegeName?: string | null;
  teacherNames?: string | null;
  studentCount?: number;
  gradedCount?: number;
  submittedAt?: string | null;
  publishAt?: string | null;
  publishedAt?: string | null;
}

/** What a save answers: the sheet as it now stands (totals, warnings), or cell errors in words. */
export type GradeSaveResult = GradeSheetView & {
  errors?: { studentId: number; column: string; issue: { code: string; params: Record<string, string | number> } }[];
};

/** `/api/grades/…` — 成绩: sheets, entry, publication, a student's own grades, the school's rules. */
export const gradesApi = {
  sheets: (query: Query) => get<Paged<GradeSheetListItem>>('/grades/sheets', query),
  sheet: (teachingClassId: number, kind: GradeSheetKind = 'normal') =>
    get<GradeSheetView>(`/grades/classes/${teachingClassId}`, kind === 'normal' ? {} : { kind }),
  save: (teachingClassId: number, body: GradeSheetSave) => put<GradeSaveResult>(`/grades/classes/${teachingClassId}`, body),
  submit: (teachingClassId: number, body: { version: number; kind: GradeSheetKind; acknowledgeWarnings: boolean }) =>
    post<GradeSheetView>(`/grades/classes/${teachingClassId}/submit`, body),
  publish: (teachingClassId: number, body: { kind: GradeSheetKind; publishAt?: string }) =>
    post<unknown>(`/grades/classes/${teachingClassId}/publish`, body),
  bulkPublish: (body: { sheetIds: number[]; publishAt?: string }) => post<unknown>('/grades/publish', body),
  mine: (termId?: number) => get<StudentGrades>('/grades/me', termId === undefined ? {} : { termId }),
  settings: () => get<GradeRules>('/grades/settings'),
  saveSettings: (body: GradeRules) => put<GradeRules>('/grades/settings', body),
};

/** The transcript PDF of a student (their own for a student), in Chinese or English. */
export const transcriptPath = (studentId: number) => `/grades/transcripts/${studentId}`;
