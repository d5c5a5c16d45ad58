import { PASS_LINE_TENTHS, type FiveLevelTotals, type GradeEntry, type MarkPolicy, type SpecialMark } from '../index.ts';

/** 五级制 levels as totals by default: 优 95, 良 85, 中 75, 及格 65, 不及格 50. */
export const DEFAULT_FIVE_LEVEL_TOTALS: FiveLevelTotals = { excellent: 950, good: 850, fair: 750, pass: 650, fail: 500 };

/**
 * By default a make-up 补考 is open after a plain failure and after misconduct 违纪, not after
 * cheating 作弊, an unexcused absence 缺考 or being barred 取消考试资格 (those retake 重修).
 * A deferred 缓考 student always sits the make-up session: it is their first sitting.
 */
export const DEFAULT_MARK_POLICY: MarkPolicy = { makeupAllowedAfter: ['misconduct'] };

/** passed | failed | exempt (免修: credits, no grade) | pending (缓考: no grade yet) */
export type Outcome = 'passed' | 'failed' | 'exempt' | 'pending';

export interface Evaluated {
  outcome: Outcome;
  /**
   * The grade as a score in tenths, to compare attempts and to feed the GPA formulas: the score
   * itself, a 五级制 level's total, 0 for cheating and misconduct; null when there is none
   * (两级制, absent, barred, exempt, deferred).
   */
  scoreTenths: number | null;
  mark: SpecialMark | null;
}

/** What a mark means: cheating and misconduct are 0 and failed; absent and barred failed without a score. */
const MARK_EVALUATION: Record<SpecialMark, Omit<Evaluated, 'mark'>> = {
  absent: { outcome: 'failed', scoreTenths: null },
  deferred: { outcome: 'pending', scoreTenths: null },
  cheating: { outcome: 'failed', scoreTenths: 0 },
  misconduct: { outcome: 'failed', scoreTenths: 0 },
  exempt: { outcome: 'exempt', scoreTenths: null },
  barred: { outcome: 'failed', scoreTenths: null },
};

/** One entry's meaning: passed or not, and its score equivalent. */
export function evaluateEntry(entry: GradeEntry, levelTotals: FiveLevelTotals = DEFAULT_FIVE_LEVEL_TOTALS): Evaluated {
  switch (entry.kind) {
    case 'score':
      return { outcome: entry.tenths >= PASS_LINE_TENTHS ? 'passed' : 'failed', scoreTenths: entry.tenths, mark: null };
    case 'five_level':
      return { outcome: entry.level === 'fail' ? 'failed' : 'passed', scoreTenths: levelTotals[entry.level], mark: null };
    case 'two_level':
      return { outcome: entry.level === 'pass' ? 'passed' : 'failed', scoreTenths: null, mark: null };
    case 'mark':
      return { ...MARK_EVALUATION[entry.mark], mark: entry.mark };
  }
}

/** Credits are earned by a pass and by 免修. */
export function earnsCredits(e: Evaluated): boolean {
  return e.outcome === 'passed' || e.outcome === 'exempt';
}

/** Whether the student goes on the make-up list 补考名单 after this grade. */
export function isMakeupEligible(e: Evaluated, policy: MarkPolicy = DEFAULT_MARK_POLICY): boolean {
  if (e.outcome === 'pending') return true;
  if (e.outcome !== 'failed') return false;
  return e.mark === null || policy.makeupAllowedAfter.includes(e.mark);
}
