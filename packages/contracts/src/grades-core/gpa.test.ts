import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GpaConfig, GradeEntry } from '../index.ts';
import { computeGpa, DEFAULT_GPA_CONFIG, gradePoints, scorePoints, validateGpaConfig, type GpaItem } from './gpa.ts';
import { compare, rational, toFixedHalfUp } from './rational.ts';

const score = (tenths: number): GradeEntry => ({ kind: 'score', tenths });
const item = (tenths: number, credits: number, categories: string[] = ['required']): GpaItem => ({
  entry: score(tenths),
  creditsTenths: credits * 10,
  categories,
});
/** The same four courses for every formula: 92 (3 cr), 86.5 (2 cr), 59 (1 cr), 83 (4 cr); 10 credits. */
const COURSES = [item(920, 3), item(865, 2), item(590, 1), item(830, 4)];
const config = (c: Partial<GpaConfig>): GpaConfig => ({ ...DEFAULT_GPA_CONFIG, ...c });

describe('GPA formulas, hand-worked', () => {
  it('bands4', () => {
    // 92 → 4.0, 86.5 → 3.7, 59 → 0, 83 → 3.3
    // (4.0·3 + 3.7·2 + 0·1 + 3.3·4) / 10 = (12 + 7.4 + 0 + 13.2) / 10 = 32.6 / 10 = 3.26
    const gpa = computeGpa(COURSES, config({ formula: 'bands4' }));
    expect(gpa?.display).toBe('3.26');
    expect(gpa?.value).toEqual(rational(326, 100));
    expect(gpa?.creditsTenths).toBe(100);
    // The edges of the bands: 89.9 is still 3.7, 60 is 1.0, 59.9 is 0.
    expect(
      [1000, 900, 899, 850, 849, 820, 780, 750, 720, 680, 640, 600, 599].map((t) => toFixedHalfUp(scorePoints(t, DEFAULT_GPA_CONFIG), 1)),
    ).toEqual(['4.0', '4.0', '3.7', '3.7', '3.3', '3.3', '3.0', '2.7', '2.3', '2.0', '1.5', '1.0', '0.0']);
  });

  it('linear: score / 10 − 5', () => {
    // 92 → 4.2, 86.5 → 3.65, 59 → 0 (below 60), 83 → 3.3
    // (4.2·3 + 3.65·2 + 0 + 3.3·4) / 10 = (12.6 + 7.3 + 13.2) / 10 = 33.1 / 10 = 3.31
    expect(computeGpa(COURSES, config({ formula: 'linear' }))?.display).toBe('3.31');
    expect(scorePoints(600, config({ formula: 'linear' }))).toEqual(rational(1));
  });

  it('quadratic: 4 − 3(100 − x)² / 1600', () => {
    // 92 → 4 − 3·64/1600 = 3.88; 86.5 → 4 − 3·182.25/1600 = 3.65828125; 59 → 0; 83 → 4 − 3·289/1600 = 3.458125
    // (3.88·3 + 3.65828125·2 + 3.458125·4) / 10 = (11.64 + 7.3165625 + 13.8325) / 10 = 3.27890625 → 3.28
    const gpa = computeGpa(COURSES, config({ formula: 'quadratic' }));
    expect(gpa?.value).toEqual(rational(327890625, 100000000));
    expect(gpa?.display).toBe('3.28');
    // 60 → 4 − 3·1600/1600 = 1; 100 → 4
    expect(scorePoints(600, config({ formula: 'quadratic' }))).toEqual(rational(1));
    expect(scorePoints(1000, config({ formula: 'quadratic' }))).toEqual(rational(4));
  });

  it('a school’s own band table', () => {
    const custom = config({
      formula: 'custom',
      bands: [
        { minTenths: 600, pointsHundredths: 100 },
        { minTenths: 900, pointsHundredths: 400 },
        { minTenths: 800, pointsHundredths: 300 },
        { minTenths: 700, pointsHundredths: 200 },
      ],
    });
    // 92 → 4, 86.5 → 3, 59 → 0, 83 → 3: (12 + 6 + 0 + 12) / 10 = 3.00
    expect(computeGpa(COURSES, custom)?.display).toBe('3.00');
    expect(validateGpaConfig(custom)).toEqual([]);
    expect(validateGpaConfig(config({ formula: 'custom' }))).toEqual([{ code: 'gpa_bands_empty', params: {} }]);
    expect(
      validateGpaConfig(
        config({
          formula: 'custom',
          bands: [
            { minTenths: 600, pointsHundredths: 100 },
            { minTenths: 600, pointsHundredths: 200 },
          ],
        }),
      ),
    ).toEqual([{ code: 'gpa_bands_duplicate', params: { min: 60 } }]);
  });

  it('five-level points, pass/fail left out or given points, 免修 left out', () => {
    const items: GpaItem[] = [
      { entry: { kind: 'five_level', level: 'excellent' }, creditsTenths: 20, categories: [] },
      { entry: { kind: 'five_level', level: 'fair' }, creditsTenths: 30, categories: [] },
      { entry: { kind: 'five_level', level: 'pass' }, creditsTenths: 10, categories: [] },
      { entry: { kind: 'two_level', level: 'fail' }, creditsTenths: 20, categories: [] },
      { entry: { kind: 'mark', mark: 'exempt' }, creditsTenths: 40, categories: [] },
    ];
    // 优 4.0·2 + 中 2.0·3 + 及格 1.0·1 = 15 over 6 credits = 2.50 (两级制 and 免修 left out)
    expect(computeGpa(items, DEFAULT_GPA_CONFIG)?.display).toBe('2.50');
    // 不合格 given 0 points: 15 / 8 = 1.875 → 1.88
    expect(computeGpa(items, config({ twoLevelPoints: { pass: 300, fail: 0 } }))?.display).toBe('1.88');
  });

  it('marks: cheating is a 0 score, absence counts as failed, 缓考 stays out', () => {
    expect(gradePoints({ kind: 'mark', mark: 'cheating' }, DEFAULT_GPA_CONFIG)).toEqual(rational(0));
    expect(gradePoints({ kind: 'mark', mark: 'absent' }, DEFAULT_GPA_CONFIG)).toEqual(rational(0));
    expect(gradePoints({ kind: 'mark', mark: 'deferred' }, DEFAULT_GPA_CONFIG)).toBeNull();
    // 92 (3 cr) and 缺考 (1 cr): 12 / 4 = 3.00; with 缓考 instead: 12 / 3 = 4.00
    expect(
      computeGpa([item(920, 3), { entry: { kind: 'mark', mark: 'absent' }, creditsTenths: 10, categories: [] }], DEFAULT_GPA_CONFIG)
        ?.display,
    ).toBe('3.00');
    expect(
      computeGpa([item(920, 3), { entry: { kind: 'mark', mark: 'deferred' }, creditsTenths: 10, categories: [] }], DEFAULT_GPA_CONFIG)
        ?.display,
    ).toBe('4.00');
  });

  it('leaves out excluded categories (PE) and says null when nothing counts', () => {
    // 92 (3 cr) counts; 60 in PE (2 cr) does not: 4.00
    const items = [item(920, 3), item(600, 2, ['PE'])];
    expect(computeGpa(items, config({ excludedCategories: ['PE'] }))?.display).toBe('4.00');
    expect(computeGpa(items, DEFAULT_GPA_CONFIG)?.display).toBe('2.80');
    expect(computeGpa([item(600, 2, ['PE'])], config({ excludedCategories: ['PE'] }))).toBeNull();
  });

  it('rounds the exact value: 3.675 is 3.68, where floats say 3.67', () => {
    // 86.5 → 3.65 and 87 → 3.7 by the linear formula, one credit each: (3.65 + 3.7) / 2 = 3.675
    expect(((3.65 + 3.7) / 2).toFixed(2)).toBe('3.67');
    expect(computeGpa([item(865, 1), item(870, 1)], config({ formula: 'linear' }))?.display).toBe('3.68');
    // 1.5 credits at 3.3 (83) and 0.5 at 4.0 (95): (4.95 + 2) / 2 = 3.475 → 3.48
    const half = (tenths: number, creditsTenths: number): GpaItem => ({ entry: score(tenths), creditsTenths, categories: [] });
    expect(computeGpa([half(830, 15), half(950, 5)], DEFAULT_GPA_CONFIG)?.display).toBe('3.48');
  });
});

describe('GPA properties', () => {
  const items = fc.array(
    fc.record({
      entry: fc.integer({ min: 0, max: 1000 }).map(score),
      creditsTenths: fc.integer({ min: 1, max: 80 }),
      categories: fc.constantFrom(['required'], ['PE'], ['general_elective']),
    }),
    { minLength: 1, maxLength: 30 },
  );
  const formulas = fc.constantFrom('bands4' as const, 'linear' as const, 'quadratic' as const);

  it('does not depend on the order of the records', () => {
    fc.assert(
      fc.property(items, formulas, fc.array(fc.nat()), (list, formula, keys) => {
        const c = config({ formula, excludedCategories: ['PE'] });
        const shuffled = list
          .map((x, i) => ({ x, k: keys[i] ?? i }))
          .sort((a, b) => a.k - b.k)
          .map((p) => p.x);
        expect(computeGpa(shuffled, c)).toEqual(computeGpa(list, c));
      }),
    );
  });

  it('lies between the lowest and the highest points that count', () => {
    fc.assert(
      fc.property(items, formulas, (list, formula) => {
        const c = config({ formula });
        const points = list.map((i) => gradePoints(i.entry, c)!);
        const gpa = computeGpa(list, c)!;
        const lo = points.reduce((a, b) => (compare(a, b) <= 0 ? a : b));
        const hi = points.reduce((a, b) => (compare(a, b) >= 0 ? a : b));
        expect(compare(gpa.value, lo)).toBeGreaterThanOrEqual(0);
        expect(compare(gpa.value, hi)).toBeLessThanOrEqual(0);
      }),
    );
  });
});
