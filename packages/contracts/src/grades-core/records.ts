import type { AttemptPolicy, FiveLevelTotals, GpaConfig } from '../index.ts';
import { DEFAULT_ATTEMPT_POLICY, resolveAttempts, type Attempt, type AttemptsResult } from './attempts.ts';
import { DEFAULT_FIVE_LEVEL_TOTALS, earnsCredits, evaluateEntry } from './evaluate.ts';
import { computeGpa, type GpaItem, type GpaResult } from './gpa.ts';

/** One course in a student's record, with every attempt at it. */
export interface CourseRecord {
  courseId: number;
  /** Credits in tenths. */
  creditsTenths: number;
  /** The category credits are counted under (e.g. required, elective, PE). */
  category: string;
  /** Further codes the GPA may exclude (course kind: general_elective, …). */
  kinds: readonly string[];
  attempts: readonly (Attempt & { termId: number })[];
}

export interface CourseResult extends AttemptsResult<Attempt & { termId: number }> {
  courseId: number;
  /** The term of the counting attempt, null while none counts. */
  termId: number | null;
  isEarned: boolean;
}

export interface RecordSummary {
  courses: CourseResult[];
  /** Credits earned per category, in tenths. */
  creditsByCategory: Record<string, number>;
  creditsEarnedTenths: number;
  overallGpa: GpaResult | null;
  /** Per term: the GPA of the courses whose counting attempt was taken that term. */
  termGpa: Map<number, GpaResult | null>;
}

export interface RecordRules {
  gpa: GpaConfig;
  attempts?: AttemptPolicy;
  levelTotals?: FiveLevelTotals;
}

/**
 * A student's whole record: the counting attempt of each course (by the attempt rules), credits
 * earned per category, the overall GPA and each term's. A course counts once, in the term of the
 * attempt that counts (a retake passed later moves it there).
 */
export function summarizeRecord(records: readonly CourseRecord[], rules: RecordRules): RecordSummary {
  const levelTotals = rules.levelTotals ?? DEFAULT_FIVE_LEVEL_TOTALS;
  const creditsByCategory: Record<string, number> = {};
  let creditsEarnedTenths = 0;
  const courses: CourseResult[] = [];
  const items: (GpaItem & { termId: number })[] = [];
  for (const record of records) {
    const resolved = resolveAttempts(record.attempts, rules.attempts ?? DEFAULT_ATTEMPT_POLICY, levelTotals);
    const counting = resolved.counting;
    const isEarned = counting !== null && earnsCredits(evaluateEntry(counting.shown, levelTotals));
    if (isEarned) {
      creditsByCategory[record.category] = (creditsByCategory[record.category] ?? 0) + record.creditsTenths;
      creditsEarnedTenths += record.creditsTenths;
    }
    courses.push({ ...resolved, courseId: record.courseId, termId: counting?.termId ?? null, isEarned });
    if (counting) {
      items.push({
        entry: counting.shown,
        creditsTenths: record.creditsTenths,
        categories: [record.category, ...record.kinds],
        termId: counting.termId,
      });
    }
  }
  const termGpa = new Map<number, GpaResult | null>();
  for (const termId of new Set(items.map((i) => i.termId))) {
    termGpa.set(
      termId,
      computeGpa(
        items.filter((i) => i.termId === termId),
        rules.gpa,
      ),
    );
  }
  return { courses, creditsByCategory, creditsEarnedTenths, overallGpa: computeGpa(items, rules.gpa), termGpa };
}
