import {
  GRADE_SHEET_STATUS_WORDS,
  gradeIssueText,
  type GradeCellError,
  type GradeEntry,
  type GradeRules,
  type GradeSheetSave,
  type GradingScheme,
  type Locale,
} from '@jiaowu/contracts';
import { parseGradeInput, validateComponentWeights } from '@jiaowu/contracts/grades-core';
import type { Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { asComponents, effectiveOf, hasComponents, typedOf, asEntry } from './sheet-rows.ts';
import type { SheetState } from './sheet-context.ts';
import * as repo from './sheets.repository.ts';
import type { ClassContext, SheetRow } from './sheets.repository.ts';

/** A sheet that moved since the caller read it: 409 naming both versions. */
export const versionConflict = (current: number, read: number) =>
  new AppError('grade_sheet_version_conflict', { params: { current, read } });

/** Only a draft is edited or submitted; the message says what it is instead. */
export function assertDraft(sheet: SheetRow, locale: Locale) {
  if (sheet.status !== 'draft')
    throw new AppError('grade_sheet_not_draft', {
      params: { status: GRADE_SHEET_STATUS_WORDS[sheet.status as keyof typeof GRADE_SHEET_STATUS_WORDS]?.[locale] ?? sheet.status },
    });
}

/** The sheet locked for a write at the version the caller read; created (version 1) when it had none (version 0). */
export async function lockSheetAt(tx: Tx, c: ClassContext, kind: 'normal' | 'makeup', version: number, scheme: GradingScheme, now: Date) {
  const sheet = await repo.findSheet(tx, c.id, kind, true);
  if (sheet) {
    if (sheet.version !== version) throw versionConflict(sheet.version, version);
    return sheet;
  }
  if (version !== 0) throw versionConflict(0, version);
  const created = await repo.insertSheet(tx, {
    termId: c.termId,
    teachingClassId: c.id,
    courseId: c.courseId,
    kind,
    scheme,
    status: 'draft',
    version: 0,
    createdAt: now,
    updatedAt: now,
  });
  if (!created) throw versionConflict(1, version);
  return created;
}

const sameScheme = (a: GradingScheme, b: GradingScheme) => JSON.stringify(a) === JSON.stringify(b);

/** A scheme change: refused once entry started, checked against the office's rules. */
export function checkScheme(current: GradingScheme, next: GradingScheme | undefined, locked: boolean, rules: GradeRules, locale: Locale) {
  if (!next || sameScheme(current, next)) return current;
  if (locked) throw new AppError('grade_sheet_scheme_locked');
  const issues =
    next.scale === 'percent'
      ? next.components.length
        ? validateComponentWeights(next.components, rules.componentRules)
        : []
      : next.components.length
        ? [{ code: 'grade_not_in_scale' as const, params: { input: next.components.map((w) => w.component).join(','), scale: next.scale } }]
        : [];
  if (issues.length)
    throw new AppError('grade_sheet_scheme_invalid', {
      params: { problems: issues.map((i) => gradeIssueText(i, locale)).join('; ') },
      details: { issues },
    });
  return next;
}

export interface RowChange {
  studentId: number;
  before: { entry: GradeEntry | null; components: Record<string, number> } | null;
  after: { entry: GradeEntry | null; components: Record<string, number> };
}

/**
 * Parses every cell of the save against the scheme and merges it into the students' records.
 * Throws (nothing written) with every bad cell, naming student and column, or with the students
 * not on the roster. Returns the records to write and the changes for the audit.
 */
export function planCells(state: SheetState, input: GradeSheetSave, scheme: GradingScheme, locale: Locale) {
  const onRoster = new Map(state.roster.map((s) => [s.studentId, s]));
  const unknown = [...new Set(input.rows.map((r) => r.studentId).filter((id) => !onRoster.has(id)))];
  if (unknown.length)
    throw new AppError('grade_sheet_not_on_roster', { params: { students: unknown.join(', ') }, details: { studentIds: unknown } });
  const errors: GradeCellError[] = [];
  const changes: RowChange[] = [];
  const withComponents = hasComponents(scheme);
  const allowed = new Set<string>(scheme.components.map((w) => w.component));
  for (const row of input.rows) {
    const record = state.records.get(row.studentId) ?? null;
    const fixed = state.fixed.get(row.studentId) ?? null;
    const oldComponents = asComponents(record?.components);
    const components = { ...oldComponents };
    let typed = typedOf(scheme, asEntry(record?.entry));
    const sentSomething =
      (row.entry !== undefined && row.entry !== null && row.entry.trim() !== '') ||
      Object.values(row.components ?? {}).some((v) => v !== null && v.trim() !== '');
    if (fixed && sentSomething) {
      errors.push({ studentId: row.studentId, column: 'entry', issue: { code: 'grade_fixed_mark', params: { mark: fixed } } });
      continue;
    }
    if (row.entry !== undefined) {
      const parsed = parseGradeInput(row.entry ?? '', scheme.scale);
      if (!parsed.ok) errors.push({ studentId: row.studentId, column: 'entry', issue: parsed.issue });
      else if (withComponents && parsed.entry && parsed.entry.kind !== 'mark')
        errors.push({
          studentId: row.studentId,
          column: 'entry',
          issue: { code: 'grade_entry_needs_components', params: { input: row.entry ?? '' } },
        });
      else typed = parsed.entry;
    }
    for (const [component, raw] of Object.entries(row.components ?? {})) {
      if (!allowed.has(component)) {
        if (raw !== null && raw.trim() !== '')
          errors.push({
            studentId: row.studentId,
            column: component,
            issue: { code: 'grade_not_in_scale', params: { input: raw, scale: scheme.scale } },
          });
        continue;
      }
      const parsed = parseGradeInput(raw ?? '', 'percent');
      if (!parsed.ok) errors.push({ studentId: row.studentId, column: component, issue: parsed.issue });
      else if (parsed.entry === null) delete components[component];
      else if (parsed.entry.kind !== 'score')
        errors.push({
          studentId: row.studentId,
          column: component,
          issue: { code: 'grade_not_in_scale', params: { input: raw ?? '', scale: 'percent' } },
        });
      else components[component] = parsed.entry.tenths;
    }
    const entry = effectiveOf(scheme, fixed, typed, components);
    const before = record ? { entry: asEntry(record.entry), components: oldComponents } : null;
    if (before && JSON.stringify(before) === JSON.stringify({ entry, components })) continue;
    if (!before && entry === null && Object.keys(components).length === 0) continue;
    changes.push({ studentId: row.studentId, before, after: { entry, components } });
  }
  if (errors.length) {
    const first = errors[0];
    const who = onRoster.get(first.studentId);
    throw new AppError('grade_sheet_cells_invalid', {
      params: {
        count: errors.length,
        first: `${who?.studentName ?? first.studentId}（${first.column}）${gradeIssueText(first.issue, locale)}`,
      },
      details: { cells: errors },
    });
  }
  return changes;
}

/** The records of the changes (and of every row when submitting) as drafts of this sheet. */
export function draftsOf(
  state: SheetState,
  sheetId: number,
  rows: { studentId: number; entry: GradeEntry | null; components: Record<string, number> }[],
  actor: Actor,
  now: Date,
): repo.RecordDraft[] {
  const retake = new Map(state.roster.map((s) => [s.studentId, Boolean(s.isRetake)]));
  return rows.map((r) => ({
    studentId: r.studentId,
    courseId: state.c.courseId,
    termId: state.c.termId,
    attempt: state.kind === 'makeup' ? 'makeup' : retake.get(r.studentId) ? 'retake' : 'normal',
    sheetId,
    teachingClassId: state.c.id,
    entry: r.entry,
    components: r.components,
    creditsTenths: state.c.creditsTenths,
    updatedBy: actor.userId,
    updatedAt: now,
  }));
}
