import { weekCount } from '@jiaowu/contracts';
import type { FieldIssue } from '../../platform/errors.ts';

/**
 * Hours may differ from the course's by this much before a request is
 * refused: a 48-hour course taught 3 h/week over 16 weeks is exact, 2+2 over
 * 13 weeks (52 h) is still fine; 2 h over 16 weeks (32 h) is not.
 */
export const HOURS_TOLERANCE = { absolute: 4, relative: 0.1 } as const;

export interface SubmitFacts {
  request: {
    collegeId: number;
    capacity: number;
    sessions: number[];
    weekMask: number;
    teachers: { teacherId: number; share: number }[];
    crossCollegeNote: string | null;
    adminClassIds: number[];
    targetMajors: { majorId: number; cohort: number }[];
  };
  course: { lectureHours: number; labHours: number; isActive: boolean };
  /** Teaching weeks of the term: no class meets after them. */
  termWeeks: number;
  /** The request's teachers as found (missing or deleted ones absent). */
  teachers: { id: number; name: string; collegeId: number }[];
  /** Largest active room of the requested type with the requested features; null: none. */
  maxRoomCapacity: number | null;
  /** Other requests/classes of the same course and term for overlapping admin classes, that the filer may see (named). */
  overlapping: string[];
  /** How many more such requests/classes the filer may not see (never named). */
  overlappingElsewhere?: number;
}

/** Weekly hours × weeks against the course's lecture + lab hours; null when within tolerance. */
export function hoursMismatch(sessions: number[], weekMask: number, course: { lectureHours: number; labHours: number }) {
  const expected = course.lectureHours + course.labHours;
  if (expected === 0) return null; // practice-only courses (实习, 课程设计) are not timetabled by hours
  const weekly = sessions.reduce((s, h) => s + h, 0);
  const weeks = weekCount(weekMask);
  const planned = weekly * weeks;
  const tolerance = Math.max(HOURS_TOLERANCE.absolute, Math.round(expected * HOURS_TOLERANCE.relative));
  return Math.abs(planned - expected) <= tolerance ? null : { weekly, weeks, planned, expected };
}

/**
 * The rules a request must pass to be submitted, each naming its field:
 * an active course; teachers given, existing, and of the college unless a
 * cross-college note explains; at least one target; a room big enough of the
 * wanted type and features; hours consistent with the course; no second
 * class of the course for the same admin classes in the term.
 */
export function checkSubmitRules(f: SubmitFacts): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const r = f.request;
  if (!f.course.isActive) issues.push({ field: 'courseId', code: 'course_retired' });
  if (r.teachers.length === 0) issues.push({ field: 'teachers', code: 'required' });
  const byId = new Map(f.teachers.map((t) => [t.id, t]));
  r.teachers.forEach((t, i) => {
    const found = byId.get(t.teacherId);
    const field = `teachers.${i}.teacherId`;
    if (!found) issues.push({ field, code: 'reference_not_found', params: { value: t.teacherId } });
    else if (found.collegeId !== r.collegeId && !r.crossCollegeNote?.trim())
      issues.push({ field, code: 'teacher_other_college', params: { teacher: found.name } });
  });
  if (r.adminClassIds.length === 0 && r.targetMajors.length === 0) issues.push({ field: 'adminClassIds', code: 'targets_required' });
  if (f.maxRoomCapacity === null) issues.push({ field: 'roomType', code: 'no_suitable_room' });
  else if (r.capacity > f.maxRoomCapacity)
    issues.push({ field: 'capacity', code: 'capacity_above_rooms', params: { capacity: r.capacity, maximum: f.maxRoomCapacity } });
  if (r.weekMask >>> f.termWeeks !== 0) issues.push({ field: 'weeks', code: 'too_big', params: { maximum: f.termWeeks } });
  const hours = hoursMismatch(r.sessions, r.weekMask, f.course);
  if (hours) issues.push({ field: 'sessions', code: 'hours_mismatch', params: hours });
  if (f.overlapping.length) issues.push({ field: 'adminClassIds', code: 'duplicate_class', params: { other: f.overlapping.join(', ') } });
  else if (f.overlappingElsewhere) issues.push({ field: 'adminClassIds', code: 'duplicate_class_elsewhere' });
  return issues;
}
