import type { CourseRequest } from '@jiaowu/contracts';
import { ApiError } from '../api/client.ts';
import { toNamePath, type FieldErrorEntry } from './form-errors.ts';

/** The values of the course request form (sessions as text, e.g. "2+2"). */
export interface RequestFormValues {
  termId?: number;
  courseId?: number;
  teachers?: { teacherId?: number; share?: number }[];
  crossCollegeNote?: string | null;
  capacity?: number;
  adminClassIds?: number[];
  targetMajors?: { majorId?: number; cohort?: number }[];
  sessions?: string;
  weeks?: { pattern: 'all' | 'odd' | 'even' | 'custom'; from?: number; to?: number; list?: number[] };
  roomType?: string | null;
  roomFeatures?: string[];
  timeWishes?: { kind: 'prefer' | 'avoid'; day: number; fromPeriod: number; toPeriod: number }[];
  note?: string | null;
}

export function parseSessions(text: string | undefined): number[] {
  return (text ?? '')
    .split(/[+,，\s]+/)
    .filter(Boolean)
    .map(Number);
}

export function toFormValues(r: CourseRequest): RequestFormValues {
  const custom = r.weekPattern === 'custom';
  return {
    termId: r.termId,
    courseId: r.courseId,
    teachers: r.teachers.map((t) => ({ teacherId: t.teacherId, share: t.share })),
    crossCollegeNote: r.crossCollegeNote,
    capacity: r.capacity,
    adminClassIds: r.adminClassIds,
    targetMajors: r.targetMajors,
    sessions: r.sessions.join('+'),
    weeks: {
      pattern: r.weekPattern,
      from: custom ? 1 : Math.min(...r.weeks),
      to: custom ? 16 : Math.max(...r.weeks),
      list: custom ? r.weeks : undefined,
    },
    roomType: r.roomType,
    roomFeatures: r.roomFeatures,
    timeWishes: r.timeWishes as RequestFormValues['timeWishes'],
    note: r.note,
  };
}

/** The body the API takes (validated afterwards with the contracts schema). */
export function toBody(v: RequestFormValues) {
  return {
    ...v,
    teachers: (v.teachers ?? []).filter((t) => t.teacherId != null || t.share != null),
    targetMajors: (v.targetMajors ?? []).filter((t) => t.majorId != null || t.cohort != null),
    sessions: parseSessions(v.sessions),
    crossCollegeNote: v.crossCollegeNote || null,
    note: v.note || null,
    roomType: v.roomType ?? null,
    weeks:
      v.weeks?.pattern === 'custom'
        ? { pattern: 'custom', list: v.weeks.list ?? [] }
        : { pattern: v.weeks?.pattern ?? 'all', from: v.weeks?.from, to: v.weeks?.to },
  };
}

/** List-level errors (`teachers`, `weeks`, `targetMajors`) go to the placeholder items next to those lists. */
const LIST_FIELDS = new Set(['teachers', 'targetMajors', 'weeks']);
export function placeErrors(entries: FieldErrorEntry[]): FieldErrorEntry[] {
  return entries.map((e) => (e.name.length === 1 && LIST_FIELDS.has(String(e.name[0])) ? { ...e, name: [`_${String(e.name[0])}`] } : e));
}
export function requestApiErrors(error: unknown): FieldErrorEntry[] {
  if (!(error instanceof ApiError)) return [];
  return placeErrors(error.fields.map((f) => ({ name: toNamePath(f.field), errors: [f.message] })));
}
