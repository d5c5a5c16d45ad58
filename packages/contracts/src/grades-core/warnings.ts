import { PASS_LINE_TENTHS, type GradeEntry } from '../index.ts';
import type { Issue } from './issue.ts';
import { formatTenths } from './parse-entry.ts';

/** When a class's grades look unusual enough to ask the teacher to check before submitting. */
export interface WarningThresholds {
  /** Share of the class at exactly 59 (0–1) from which to warn. */
  clusterBelowPass: number;
  /** Everybody at or above this (tenths) is suspicious. */
  allHighTenths: number;
  /** A pass rate below this (0–1) is suspicious. */
  lowPassRate: number;
  /** Distribution warnings need at least this many scores: three students all above 90 is no news. */
  minClassSize: number;
}

export const DEFAULT_WARNING_THRESHOLDS: WarningThresholds = {
  clusterBelowPass: 0.3,
  allHighTenths: 900,
  lowPassRate: 0.5,
  minClassSize: 5,
};

const percent = (part: number, whole: number): number => Math.round((part * 100) / whole);

/**
 * Warnings before a class's grades are submitted: grades still missing, then (on 百分制 scores
 * only, with enough students) 59 clusters, everybody high, a low pass rate, or one score for all.
 * `null` entries are students without a grade.
 */
export function submissionWarnings(
  entries: readonly (GradeEntry | null)[],
  thresholds: WarningThresholds = DEFAULT_WARNING_THRESHOLDS,
): Issue[] {
  const warnings: Issue[] = [];
  const missing = entries.filter((e) => e === null).length;
  if (missing > 0) warnings.push({ code: 'grade_missing', params: { count: missing } });
  const scores = entries.flatMap((e) => (e?.kind === 'score' ? [e.tenths] : []));
  const n = scores.length;
  if (n < thresholds.minClassSize) return warnings;
  const at59 = scores.filter((s) => s === 590).length;
  if (at59 / n >= thresholds.clusterBelowPass) {
    warnings.push({ code: 'grade_cluster_below_pass', params: { count: at59, percent: percent(at59, n) } });
  }
  if (scores.every((s) => s === scores[0])) {
    warnings.push({ code: 'grade_all_same', params: { score: formatTenths(scores[0]) } });
  } else if (scores.every((s) => s >= thresholds.allHighTenths)) {
    warnings.push({ code: 'grade_all_high', params: { min: formatTenths(thresholds.allHighTenths) } });
  }
  const passed = scores.filter((s) => s >= PASS_LINE_TENTHS).length;
  if (passed / n < thresholds.lowPassRate) {
    warnings.push({ code: 'grade_low_pass_rate', params: { percent: percent(passed, n) } });
  }
  return warnings;
}
