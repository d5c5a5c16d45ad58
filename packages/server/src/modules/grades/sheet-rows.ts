import type { ComponentScores, GradeEntry, GradeSheetRow, GradingScheme, GradeRules, SpecialMark } from '@jiaowu/contracts';
import { gradeEntry } from '@jiaowu/contracts';
import { computeTotal, describeScores, evaluateEntry, submissionWarnings } from '@jiaowu/contracts/grades-core';
import type { RosterStudent } from './sheets.repository.ts';

/**
 * The rows of a grade sheet as pure data: what each student's grade is from their record, the
 * scheme and the exams module's facts. A record's stored `entry` is always the grade as it stands
 * (a fixed mark, a typed mark or level or score, or the total of the components), so publication
 * and every reader take it as is; the row shows the typed part apart from the computed total.
 */

/** The default scheme of a course: 考试 → 百分制 平时 30 / 期末 70; 考查 → 五级制 without components. */
export function defaultScheme(assessment: string): GradingScheme {
  return assessment === 'assessment'
    ? { scale: 'five_level', components: [], rounding: 'integer', missingComponentAsZero: false }
    : {
        scale: 'percent',
        components: [
          { component: 'regular', weight: 30 },
          { component: 'final', weight: 70 },
        ],
        rounding: 'integer',
        missingComponentAsZero: false,
      };
}

/** Whether the scheme computes totals from components (only 百分制 has components). */
export const hasComponents = (scheme: GradingScheme) => scheme.scale === 'percent' && scheme.components.length > 0;

export const asEntry = (v: unknown): GradeEntry | null => {
  const parsed = gradeEntry.safeParse(v);
  return parsed.success ? parsed.data : null;
};

export const asComponents = (v: unknown): Record<string, number> => {
  const out: Record<string, number> = {};
  if (v && typeof v === 'object') for (const [k, n] of Object.entries(v as Record<string, unknown>)) if (typeof n === 'number') out[k] = n;
  return out;
};

/** The computed total of a component scheme (null while a component is missing). */
export function totalOf(scheme: GradingScheme, components: Record<string, number>): GradeEntry | null {
  if (!hasComponents(scheme)) return null;
  const r = computeTotal(scheme.components, components, {
    rounding: scheme.rounding,
    missingComponentAsZero: scheme.missingComponentAsZero,
  });
  return r.ok ? { kind: 'score', tenths: r.tenths } : null;
}

/** The typed part of a stored grade: with components only a mark is typed; without, the whole entry. */
export function typedOf(scheme: GradingScheme, stored: GradeEntry | null): GradeEntry | null {
  if (!stored) return null;
  return hasComponents(scheme) ? (stored.kind === 'mark' ? stored : null) : stored;
}

/** The grade that stands: a fixed mark, else a typed mark (or the typed grade), else the total. */
export function effectiveOf(
  scheme: GradingScheme,
  fixed: SpecialMark | null,
  typed: GradeEntry | null,
  components: Record<string, number>,
) {
  if (fixed) return { kind: 'mark', mark: fixed } as GradeEntry;
  if (typed) return typed;
  return totalOf(scheme, components);
}

export interface RowInput {
  student: RosterStudent;
  record: { id: number; entry: unknown; components: unknown; version: number } | null;
  fixedMark: SpecialMark | null;
}

export function buildRows(scheme: GradingScheme, inputs: RowInput[]): { rows: GradeSheetRow[]; effective: (GradeEntry | null)[] } {
  const effective: (GradeEntry | null)[] = [];
  const rows = inputs.map(({ student, record, fixedMark }) => {
    const components = asComponents(record?.components);
    const typed = fixedMark ? ({ kind: 'mark', mark: fixedMark } as GradeEntry) : typedOf(scheme, asEntry(record?.entry));
    effective.push(effectiveOf(scheme, fixedMark, typed, components));
    return {
      studentId: student.studentId,
      studentCode: student.studentCode,
      studentName: student.studentName,
      adminClassName: student.adminClassName,
      entry: typed,
      components: components as ComponentScores,
      total: totalOf(scheme, components),
      fixedMark,
      isRetake: Boolean(student.isRetake),
      recordVersion: record?.version ?? 0,
      recordId: record?.id ?? null,
    };
  });
  return { rows, effective };
}

/** The distribution beside the grid: scores and levels (as their totals); marks are left out. */
export function distributionOf(effective: (GradeEntry | null)[], rules: GradeRules) {
  const scores = effective.flatMap((e) =>
    e && (e.kind === 'score' || e.kind === 'five_level') ? [evaluateEntry(e, rules.levelTotals).scoreTenths ?? 0] : [],
  );
  return describeScores(scores);
}

export const warningsOf = (effective: (GradeEntry | null)[]) => submissionWarnings(effective);
