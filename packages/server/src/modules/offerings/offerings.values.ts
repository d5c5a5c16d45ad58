import { maskToWeeks, weekMaskOf, type CourseRequestPatch, type WeekSpec } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import type { Actor, DataScope } from '../../platform/access.ts';
import { checkAccess } from '../../platform/access.repository.ts';
import { AppError, type FieldIssue } from '../../platform/errors.ts';
import {
  ADMIN_CLASS_TARGET,
  findAdminClasses,
  findMajorIds,
  findOrgNames,
  findTeachersByIds,
  MAJOR_TARGET,
} from '../org/org.read-model.ts';
import { findUserNames } from '../iam/iam.read-model.ts';
import type { RequestValues } from './offerings.repository.ts';

export type { RequestValues };

// Turning request input into stored columns and stored rows into API shape.

/** Columns of a request from (validated) input fields; only the fields given. */
export function toValues(input: Partial<CourseRequestPatch> & { weeks?: WeekSpec }): RequestValues {
  const v: RequestValues = {};
  if (input.teachers !== undefined) {
    v.teachers = input.teachers;
    v.teacherIds = input.teachers.map((t) => t.teacherId);
  }
  if (input.weeks !== undefined) {
    v.weekPattern = input.weeks.pattern;
    const weeks = maskToWeeks(weekMaskOf(input.weeks));
    v.weekFrom = input.weeks.pattern === 'custom' ? weeks[0] : input.weeks.from;
    v.weekTo = input.weeks.pattern === 'custom' ? weeks[weeks.length - 1] : input.weeks.to;
    v.weekMask = weekMaskOf(input.weeks);
  }
  for (const k of [
    'crossCollegeNote',
    'capacity',
    'adminClassIds',
    'targetMajors',
    'sessions',
    'roomType',
    'roomFeatures',
    'timeWishes',
    'note',
  ] as const) {
    if (input[k] !== undefined) (v as Record<string, unknown>)[k] = input[k] ?? null;
  }
  return v;
}

/** Teachers, admin classes and majors named by the values must exist. */
export async function checkRefs(db: Db | Tx, v: RequestValues) {
  const issues: FieldIssue[] = [];
  const tIds = (v.teachers as { teacherId: number }[] | undefined)?.map((t) => t.teacherId) ?? [];
  const teachers = new Set((await findTeachersByIds(db, tIds)).map((t) => t.id));
  tIds.forEach(
    (id, i) => !teachers.has(id) && issues.push({ field: `teachers.${i}.teacherId`, code: 'reference_not_found', params: { value: id } }),
  );
  const cIds = v.adminClassIds ?? [];
  const classes = new Set((await findAdminClasses(db, { ids: cIds })).map((c) => c.id));
  cIds.forEach(
    (id, i) => !classes.has(id) && issues.push({ field: `adminClassIds.${i}`, code: 'reference_not_found', params: { value: id } }),
  );
  const mIds = ((v.targetMajors as { majorId: number }[] | undefined) ?? []).map((m) => m.majorId);
  const majors = new Set(await findMajorIds(db, mIds));
  mIds.forEach(
    (id, i) => !majors.has(id) && issues.push({ field: `targetMajors.${i}.majorId`, code: 'reference_not_found', params: { value: id } }),
  );
  if (issues.length) throw new AppError('validation_failed', { fields: issues });
}

/** Whether the actor may file for this college (a department scope files for its courses' college). */
export function mayFileFor(scope: DataScope, collegeId: number): boolean {
  return scope.kind === 'all' || scope.collegeIds.includes(collegeId);
}

/**
 * Whether an existing request keeps prefill/copy from filing another for the
 * same classes: the filer's own open requests do, another college's only
 * once submitted or approved (their drafts must not block anyone).
 */
export function blocksFiling(r: { status: string; collegeId: number }, filingCollegeIds: number[]): boolean {
  if (r.status === 'submitted' || r.status === 'approved') return true;
  return filingCollegeIds.includes(r.collegeId) && r.status !== 'rejected' && r.status !== 'withdrawn';
}

/**
 * Targets outside the filer's colleges, as field issues: a secretary aims
 * requests at the admin classes and majors of their own college only (a
 * draft aimed at another college's class would block that college's own
 * request for it).
 */
export async function checkTargetsInScope(db: Db | Tx, actor: Actor, v: RequestValues): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const cIds = v.adminClassIds ?? [];
  const classes = await checkAccess(db, actor, 'offerings.file', ADMIN_CLASS_TARGET, cIds);
  cIds.forEach((id, i) => !classes.has(id) && issues.push({ field: `adminClassIds.${i}`, code: 'out_of_scope' }));
  const mIds = ((v.targetMajors as { majorId: number }[] | undefined) ?? []).map((m) => m.majorId);
  const majors = await checkAccess(db, actor, 'offerings.file', MAJOR_TARGET, mIds);
  mIds.forEach((id, i) => !majors.has(id) && issues.push({ field: `targetMajors.${i}.majorId`, code: 'out_of_scope' }));
  return issues;
}

/** The API shape of a request or class row: week list, teacher names, admin class codes, a request's applicant (申请人) by name (never bare ids on a page). */
export async function present<T extends Record<string, unknown>>(db: Db | Tx, rows: T[]) {
  const ids = [...new Set(rows.flatMap((r) => (r.teachers as { teacherId: number }[]).map((t) => t.teacherId)))];
  const byId = new Map((await findTeachersByIds(db, ids)).map((t) => [t.id, t]));
  const classIds = [...new Set(rows.flatMap((r) => r.adminClassIds as number[]))];
  const classCodes = new Map((await findAdminClasses(db, { ids: classIds })).map((c) => [c.id, c.code]));
  const majorIds = rows.flatMap((r) => ((r.targetMajors as { majorId: number }[] | undefined) ?? []).map((m) => m.majorId));
  const majorNames = new Map((await findOrgNames(db, 'majors', majorIds)).map((m) => [m.id, m.name]));
  const filers = await findUserNames(
    db,
    rows.flatMap((r) => (typeof r.createdBy === 'number' ? [r.createdBy] : [])),
  );
  return rows.map((r) => ({
    ...r,
    adminClassCodes: (r.adminClassIds as number[]).map((id) => classCodes.get(id) ?? ''),
    ...(Array.isArray(r.targetMajors)
      ? { targetMajors: (r.targetMajors as { majorId: number }[]).map((m) => ({ ...m, majorName: majorNames.get(m.majorId) })) }
      : {}),
    ...('createdBy' in r ? { applicantName: typeof r.createdBy === 'number' ? (filers.get(r.createdBy) ?? null) : null } : {}),
    teachers: (r.teachers as { teacherId: number; share: number }[]).map((t) => ({
      ...t,
      name: byId.get(t.teacherId)?.name,
      code: byId.get(t.teacherId)?.code,
    })),
    weeks: maskToWeeks(r.weekMask as number),
  }));
}

/** Sessions that cover a course's lecture + lab hours over a 16-week term: 48 h → [3], 64 h → [2, 2]. */
export function proposeSchedule(hours: number, termWeeks: number): { sessions: number[]; weeks: WeekSpec } {
  const total = hours > 0 ? hours : 32;
  const weekly = Math.max(1, Math.min(12, Math.round(total / 16)));
  const weeksNeeded = Math.max(1, Math.min(termWeeks, Math.round(total / weekly)));
  const sessions: number[] = [];
  let left = weekly;
  if (left <= 3) sessions.push(left);
  else {
    if (left % 2 === 1) {
      sessions.push(3);
      left -= 3;
    }
    while (left > 0) {
      sessions.push(2);
      left -= 2;
    }
  }
  return { sessions, weeks: { pattern: 'all', from: 1, to: weeksNeeded } };
}
