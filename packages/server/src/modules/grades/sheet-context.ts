import type { GradeEntry, GradeRules, GradeSheetKind, GradeSheetView, GradingScheme, SpecialMark } from '@jiaowu/contracts';
import { gradingScheme } from '@jiaowu/contracts';
import { evaluateEntry, isMakeupEligible } from '@jiaowu/contracts/grades-core';
import type { Db, Tx } from '../../db/client.ts';
import { hasPermission, scopeOf, type Actor } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { findConfirmedIncidents } from '../exams/incidents.read-model.ts';
import { asEntry, buildRows, defaultScheme, distributionOf, warningsOf } from './sheet-rows.ts';
import * as repo from './sheets.repository.ts';
import type { ClassContext, RosterStudent, SheetRow } from './sheets.repository.ts';

/**
 * What every grade sheet route shares: who may read or write a class's sheet, who is on it, which
 * marks the exams module fixed, and the view the grid shows.
 */

/** 考场违纪 kinds as grade marks: cheating 作弊, disruption 违纪, absent 缺考 (other is not a grade fact). */
const INCIDENT_MARKS: Record<string, SpecialMark | undefined> = { cheating: 'cheating', disruption: 'misconduct', absent: 'absent' };

const notFound = () => new AppError('not_found', { params: { what: 'teaching class' } });

/** Whether the actor's grant of `permission` reaches the class: all, its college, or a class they teach. */
export function reaches(actor: Actor, permission: 'grades.read' | 'grades.enter' | 'grades.manage', c: ClassContext): boolean {
  if (!hasPermission(actor, permission)) return false;
  const scope = scopeOf(actor, permission);
  if (scope.kind === 'all') return true;
  if (scope.teachingTeacherId !== null && c.teacherIds.includes(scope.teachingTeacherId)) return true;
  return scope.collegeIds.includes(c.collegeId);
}

/** The class, or 404 when it does not exist or lies outside the actor's grant (never a hint that it exists). */
export async function classFor(db: Db | Tx, actor: Actor, classId: number, permission: 'grades.read' | 'grades.enter' | 'grades.manage') {
  const c = await repo.findClassContext(db, classId);
  if (!c || !reaches(actor, permission, c)) throw notFound();
  return c;
}

export const schemeOf = (sheet: SheetRow | null, c: ClassContext): GradingScheme => {
  if (!sheet) return defaultScheme(c.assessment);
  const parsed = gradingScheme.safeParse(sheet.scheme);
  return parsed.success ? parsed.data : defaultScheme(c.assessment);
};

/** Marks the exams module decided: 缓考 from an approved deferral, 作弊/违纪/缺考 from a confirmed incident. */
export async function fixedMarksOf(db: Db | Tx, c: ClassContext, kind: GradeSheetKind): Promise<Map<number, SpecialMark>> {
  const marks = new Map<number, SpecialMark>();
  if (kind !== 'normal') return marks;
  for (const id of await repo.findDeferredStudents(db, c)) marks.set(id, 'deferred');
  for (const i of await findConfirmedIncidents(db, c.termId)) {
    const mine = i.teachingClassId === c.id || (i.teachingClassId === null && i.courseId === c.courseId);
    const mark = INCIDENT_MARKS[i.kind];
    if (mine && mark) marks.set(i.studentId, mark);
  }
  return marks;
}

/**
 * Who is on the sheet. A draft follows the class: the enrolled students (normal) or those whose
 * published grade opens a make-up 补考 (make-up eligible, or deferred). Once submitted the sheet
 * is what it was submitted with: the students of its records.
 */
export async function rosterOf(db: Db | Tx, c: ClassContext, kind: GradeSheetKind, sheet: SheetRow | null, rules: GradeRules) {
  if (sheet && sheet.status !== 'draft') {
    const records = await repo.findSheetRecords(db, sheet.id);
    return repo.findStudentsForClass(
      db,
      c.id,
      records.map((r) => r.studentId),
    );
  }
  if (kind === 'normal') return repo.findClassRoster(db, c.id);
  const published = await repo.findPublishedClassRecords(db, c);
  const eligible = published.filter((r) => {
    const e = asEntry(r.entry);
    return e !== null && isMakeupEligible(evaluateEntry(e, rules.levelTotals), rules.marks);
  });
  return repo.findStudentsForClass(
    db,
    c.id,
    eligible.map((r) => r.studentId),
  );
}

export interface SheetState {
  c: ClassContext;
  kind: GradeSheetKind;
  sheet: SheetRow | null;
  scheme: GradingScheme;
  roster: RosterStudent[];
  fixed: Map<number, SpecialMark>;
  records: Map<number, repo.RecordRow>;
}

export async function loadState(
  db: Db | Tx,
  c: ClassContext,
  kind: GradeSheetKind,
  sheet: SheetRow | null,
  rules: GradeRules,
): Promise<SheetState> {
  const [roster, fixed, records] = [
    await rosterOf(db, c, kind, sheet, rules),
    await fixedMarksOf(db, c, kind),
    sheet ? await repo.findSheetRecords(db, sheet.id) : [],
  ];
  return { c, kind, sheet, scheme: schemeOf(sheet, c), roster, fixed, records: new Map(records.map((r) => [r.studentId, r])) };
}

export function rowsOf(s: SheetState) {
  return buildRows(
    s.scheme,
    s.roster.map((student) => ({
      student,
      record: s.records.get(student.studentId) ?? null,
      fixedMark: s.fixed.get(student.studentId) ?? null,
    })),
  );
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The grid's view of a sheet (a virtual draft, version 0, before the first save), with what the caller may do. */
export function presentView(actor: Actor, s: SheetState, rules: GradeRules): GradeSheetView {
  const { rows, effective } = rowsOf(s);
  const status = (s.sheet?.status ?? 'draft') as GradeSheetView['sheet']['status'];
  const canEdit = status === 'draft' && reaches(actor, 'grades.enter', s.c);
  return {
    sheet: {
      id: s.sheet?.id ?? null,
      termId: s.c.termId,
      teachingClassId: s.c.id,
      classCode: s.c.code,
      courseId: s.c.courseId,
      courseCode: s.c.courseCode,
      courseName: s.c.courseName,
      courseNameEn: s.c.courseNameEn,
      kind: s.kind,
      status,
      version: s.sheet?.version ?? 0,
      scheme: s.scheme,
      schemeLocked: Boolean(s.sheet?.entryStartedAt) || status !== 'draft',
      canEdit,
      canSubmit: canEdit && rows.length > 0,
      canPublish: status === 'approved' && !s.sheet?.publishAt && reaches(actor, 'grades.manage', s.c),
      returnComment: s.sheet?.returnComment ?? null,
      workflowInstanceId: s.sheet?.workflowInstanceId ?? null,
      submittedAt: iso(s.sheet?.submittedAt),
      publishAt: iso(s.sheet?.publishAt),
      publishedAt: iso(s.sheet?.publishedAt),
    },
    rows,
    distribution: distributionOf(effective, rules),
    warnings: warningsOf(effective),
  };
}

/** What a record holds for each row once the sheet is submitted: the grade that stands. */
export function finalEntries(s: SheetState): { student: RosterStudent; entry: GradeEntry | null }[] {
  const { effective } = rowsOf(s);
  return s.roster.map((student, i) => ({ student, entry: effective[i] }));
}
