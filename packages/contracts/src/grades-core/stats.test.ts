import { describe, expect, it } from 'vitest';
import type { GradeEntry } from '../index.ts';
import { describeScores, pearson } from './stats.ts';
import { submissionWarnings } from './warnings.ts';

const score = (tenths: number): GradeEntry => ({ kind: 'score', tenths });

describe('describeScores', () => {
  it('mean, median, standard deviation, pass rate and 10-point bands', () => {
    // 55, 65, 75, 85, 100: mean 76, median 75, pass 4/5; deviations −21 −11 −1 9 24 → Σ² = 1220 → σ = √244
    const d = describeScores([550, 650, 750, 850, 1000]);
    expect(d.mean).toBe(76);
    expect(d.median).toBe(75);
    expect(d.stdDev).toBeCloseTo(Math.sqrt(244), 10);
    expect(d.passRate).toBe(0.8);
    expect(d.histogram).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(describeScores([600, 615]).median).toBe(60.75);
    expect(describeScores([]).mean).toBeNull();
  });

  it('correlates components, null when one does not vary', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [6, 4, 2])).toBeCloseTo(-1, 12);
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeNull();
  });
});

describe('submissionWarnings', () => {
  it('counts missing grades', () => {
    expect(submissionWarnings([score(800), null, null])).toEqual([{ code: 'grade_missing', params: { count: 2 } }]);
  });

  it('flags a cluster at 59 and a low pass rate', () => {
    // 3 of 8 at exactly 59 = 38 %; 4 of 8 passed = 50 % (not below the 50 % line)
    const entries = [590, 590, 590, 700, 800, 650, 620, 400].map(score);
    expect(submissionWarnings(entries)).toEqual([{ code: 'grade_cluster_below_pass', params: { count: 3, percent: 38 } }]);
    const failing = [590, 590, 300, 450, 700].map(score);
    expect(submissionWarnings(failing).map((w) => w.code)).toEqual(['grade_cluster_below_pass', 'grade_low_pass_rate']);
  });

  it('flags everybody above 90 or one score for all, but not in a tiny class', () => {
    expect(submissionWarnings([900, 950, 990, 1000, 930].map(score))).toEqual([{ code: 'grade_all_high', params: { min: '90' } }]);
    expect(submissionWarnings([800, 800, 800, 800, 800].map(score))).toEqual([{ code: 'grade_all_same', params: { score: '80' } }]);
    expect(submissionWarnings([950, 990].map(score))).toEqual([]);
    expect(submissionWarnings([850, 720, 640, 910, 580, 770].map(score))).toEqual([]);
  });
});
