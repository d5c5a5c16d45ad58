import type { AttemptKind, AttemptPolicy, FiveLevelTotals, GradeEntry } from '../index.ts';
import { DEFAULT_FIVE_LEVEL_TOTALS, evaluateEntry, type Evaluated } from './evaluate.ts';

/** By default a make-up counts at most 60 on the transcript, and of retakes the best attempt counts. */
export const DEFAULT_ATTEMPT_POLICY: AttemptPolicy = { makeupCapTenths: 600, retakeCounts: 'best' };

export interface Attempt {
  kind: AttemptKind;
  entry: GradeEntry;
  /** Chronological order of the sittings (a term's ordinal, then normal < make-up). */
  seq: number;
}

export type TranscriptAttempt<A extends Attempt = Attempt> = A & TranscriptMarks;

interface TranscriptMarks {
  /** The grade the transcript shows and the GPA uses: a make-up's capped, others as entered. */
  shown: GradeEntry;
  isCapped: boolean;
  isCounting: boolean;
}

export interface AttemptsResult<A extends Attempt = Attempt> {
  /** Every attempt in chronological order, each with its transcript marks. */
  attempts: TranscriptAttempt<A>[];
  /** The attempt that counts, null while only a 缓考 is on record. */
  counting: TranscriptAttempt<A> | null;
}

/**
 * A make-up's grade as the transcript counts it: a score above the cap is the cap; a 五级制 level
 * above 及格 is 及格 (the level the cap stands for); 两级制 and marks are unchanged.
 */
function capMakeup(entry: GradeEntry, capTenths: number | null): { shown: GradeEntry; isCapped: boolean } {
  if (capTenths === null) return { shown: entry, isCapped: false };
  if (entry.kind === 'score' && entry.tenths > capTenths) return { shown: { kind: 'score', tenths: capTenths }, isCapped: true };
  if (entry.kind === 'five_level' && entry.level !== 'fail' && entry.level !== 'pass') {
    return { shown: { kind: 'five_level', level: 'pass' }, isCapped: true };
  }
  return { shown: entry, isCapped: false };
}

/** Higher is better: a pass (or 免修) over a failure, then the higher score equivalent. */
function rank(e: Evaluated): [number, number] {
  return [e.outcome === 'passed' || e.outcome === 'exempt' ? 1 : 0, e.scoreTenths ?? -1];
}

/**
 * Which of a student's attempts at one course counts, and how each is shown. All attempts stay
 * listed. A 缓考 (deferred) attempt never counts: its sitting is recorded as a later attempt.
 * `latest`: the last graded attempt counts; `best`: the best (after the make-up cap), the later on
 * a tie — so a make-up never counts above its cap.
 */
export function resolveAttempts<A extends Attempt>(
  attempts: readonly A[],
  policy: AttemptPolicy = DEFAULT_ATTEMPT_POLICY,
  levelTotals: FiveLevelTotals = DEFAULT_FIVE_LEVEL_TOTALS,
): AttemptsResult<A> {
  const ordered = [...attempts].sort((a, b) => a.seq - b.seq);
  const rows: TranscriptAttempt<A>[] = ordered.map((a) => {
    const capped = a.kind === 'makeup' ? capMakeup(a.entry, policy.makeupCapTenths) : { shown: a.entry, isCapped: false };
    return { ...a, ...capped, isCounting: false };
  });
  let counting: TranscriptAttempt<A> | null = null;
  let countingRank: [number, number] | null = null;
  for (const row of rows) {
    const evaluated = evaluateEntry(row.shown, levelTotals);
    if (evaluated.outcome === 'pending') continue;
    const r = rank(evaluated);
    const better =
      !countingRank || policy.retakeCounts === 'latest' || r[0] > countingRank[0] || (r[0] === countingRank[0] && r[1] >= countingRank[1]);
    if (better) [counting, countingRank] = [row, r];
  }
  if (counting) counting.isCounting = true;
  return { attempts: rows, counting };
}
