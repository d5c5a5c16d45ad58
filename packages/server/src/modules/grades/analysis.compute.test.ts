import { describe, expect, it } from 'vitest';
import type { GradeEntry } from '@jiaowu/contracts';
import { DEFAULT_FIVE_LEVEL_TOTALS, DEFAULT_GPA_CONFIG } from '@jiaowu/contracts/grades-core';
import { analyse, type AnalysedRecord } from './analysis.compute.ts';

const rules = { gpa: DEFAULT_GPA_CONFIG, levelTotals: DEFAULT_FIVE_LEVEL_TOTALS };
let nextStudent = 1;

function klass(id: number, entries: (number | GradeEntry)[], courseId = 7): AnalysedRecord[] {
  return entries.map((e) => ({
    studentId: nextStudent++,
    courseId,
    courseCode: 'C7',
    courseName: '数据结构',
    termId: 1,
    teachingClassId: id,
    classCode: `C7-0${id}`,
    entry: typeof e === 'number' ? { kind: 'score', tenths: e * 10 } : e,
    components: {},
    creditsTenths: 40,
    category: 'required',
    isPublished: true,
  }));
}

describe('grade analysis figures', () => {
  it('a class worked by hand: mean, median, pass rate over decided grades, buckets, GPA by bands', () => {
    const records = klass(1, [90, 85, 60, 59, { kind: 'mark', mark: 'absent' }, { kind: 'mark', mark: 'exempt' }]);
    const a = analyse(records, records, rules);
    const c = a.classes[0];
    // Scores 90 85 60 59 (absent and exempt have none): mean 73.5, median (60 + 85) / 2 = 72.5.
    expect(c.distribution).toMatchObject({ count: 4, mean: 73.5, median: 72.5 });
    // Passed 3 of the 5 decided (absent fails, exempt is neither).
    expect(c.distribution.passRate).toBeCloseTo(3 / 5, 12);
    expect(a.grades).toEqual({ excellent: 1, good: 1, pass: 1, fail: 1, absent: 1, exempt: 1 });
    // bands4: 90 → 4.0, 85 → 3.7, 60 → 1.0, 59 → 0, absent → 0; exempt out of the GPA.
    expect(a.gpa.count).toBe(5);
    expect(a.gpa.mean).toBeCloseTo((4 + 3.7 + 1 + 0 + 0) / 5, 12);
  });

  it('flags only the class far from the others (mean beyond 1.5 SD of their means; pass rate 20 points off their median)', () => {
    const all = [
      ...klass(1, [50, 60, 70, 80, 90]),
      ...klass(2, [55, 62, 68, 75]),
      ...klass(3, [20, 30, 40, 45]),
      ...klass(4, [55, 65, 85, 95]),
    ];
    const a = analyse(all, all, rules);
    const flags = Object.fromEntries(a.classes.map((c) => [c.teachingClassId, c.comparison.flags]));
    expect(flags).toEqual({ 1: [], 2: [], 3: ['mean', 'pass_rate'], 4: [] });
    const c3 = a.classes.find((c) => c.teachingClassId === 3)!.comparison;
    // The others' means 70, 65, 75: mean 70, SD √(50/3) ≈ 4.08; 33.75 is 36.25 away (> 6.12).
    expect(c3.meanOfMeans).toBeCloseTo(70, 12);
    expect(c3.sdOfMeans).toBeCloseTo(Math.sqrt(50 / 3), 12);
    expect(c3.passRateGap).toBeCloseTo(-75, 12);
  });

  it('a lone class is compared with nothing', () => {
    const only = klass(9, [40, 80], 8);
    expect(analyse(only, only, rules).classes[0].comparison).toEqual({
      classCount: 1,
      meanOfMeans: null,
      sdOfMeans: null,
      passRateGap: null,
      flags: [],
    });
  });
});
