import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GRADE_COMPONENTS, type ComponentWeight, type GradeComponent } from '../index.ts';
import { computeTotal, DEFAULT_COMPONENT_RULES, roundThousandths, validateComponentWeights } from './components.ts';

const INT = { rounding: 'integer', missingComponentAsZero: false } as const;

describe('validateComponentWeights', () => {
  it('accepts 30/20/50 under the default rules', () => {
    const w: ComponentWeight[] = [
      { component: 'regular', weight: 30 },
      { component: 'midterm', weight: 20 },
      { component: 'final', weight: 50 },
    ];
    expect(validateComponentWeights(w, DEFAULT_COMPONENT_RULES)).toEqual([]);
  });

  it('names the component that breaks the office’s rules', () => {
    expect(
      validateComponentWeights(
        [
          { component: 'regular', weight: 60 },
          { component: 'final', weight: 40 },
        ],
        DEFAULT_COMPONENT_RULES,
      ),
    ).toEqual([{ code: 'grade_weight_out_of_range', params: { component: 'final', weight: 40, min: 50, max: 100 } }]);
    expect(validateComponentWeights([{ component: 'regular', weight: 100 }], DEFAULT_COMPONENT_RULES)).toEqual([
      { code: 'grade_weight_out_of_range', params: { component: 'final', weight: 0, min: 50, max: 100 } },
    ]);
    expect(
      validateComponentWeights(
        [
          { component: 'lab', weight: -10 },
          { component: 'regular', weight: 12.5 },
          { component: 'final', weight: 60 },
          { component: 'final', weight: 50 },
        ],
        DEFAULT_COMPONENT_RULES,
      ).map((i) => [i.code, i.params.component ?? i.params.sum]),
    ).toEqual([
      ['grade_weight_out_of_range', 'lab'],
      ['grade_weight_not_integer', 'regular'],
      ['grade_component_duplicate', 'final'],
    ]);
    expect(
      validateComponentWeights(
        [
          { component: 'regular', weight: 30 },
          { component: 'final', weight: 60 },
        ],
        DEFAULT_COMPONENT_RULES,
      ),
    ).toEqual([{ code: 'grade_weights_sum', params: { sum: 90 } }]);
  });
});

describe('computeTotal', () => {
  const w: ComponentWeight[] = [
    { component: 'regular', weight: 30 },
    { component: 'final', weight: 70 },
  ];

  it('rounds half up to an integer by default, or to one decimal', () => {
    // 80.5 × 30 % + 85.5 × 70 % = 24.15 + 59.85 = 84.0
    expect(computeTotal(w, { regular: 805, final: 855 }, INT)).toMatchObject({ ok: true, tenths: 840 });
    // 85 × 30 % + 84.5 × 70 % = 25.5 + 59.15 = 84.65 → 85 (integer), 84.7 (tenth)
    expect(computeTotal(w, { regular: 850, final: 845 }, INT)).toEqual({ ok: true, tenths: 850, exactThousandths: 84650 });
    expect(computeTotal(w, { regular: 850, final: 845 }, { ...INT, rounding: 'tenth' })).toMatchObject({ tenths: 847 });
    // 85 × 50 % + 84 × 50 % = 84.5 exactly: half goes up → 85
    const half: ComponentWeight[] = [
      { component: 'regular', weight: 50 },
      { component: 'final', weight: 50 },
    ];
    expect(computeTotal(half, { regular: 850, final: 840 }, INT)).toMatchObject({ tenths: 850 });
    // 84.45 → 84.5 with one decimal (a float would say 84.44999…)
    expect(computeTotal(half, { regular: 845, final: 844 }, { ...INT, rounding: 'tenth' })).toMatchObject({ tenths: 845 });
  });

  it('gives no total while a component is missing, unless missing counts as 0', () => {
    expect(computeTotal(w, { regular: 900 }, INT)).toEqual({
      ok: false,
      warning: { code: 'grade_component_missing', params: { component: 'final' } },
    });
    // 90 × 30 % + 0 = 27
    expect(computeTotal(w, { regular: 900, final: null }, { ...INT, missingComponentAsZero: true })).toMatchObject({ tenths: 270 });
  });

  // Random weights summing to 100 over random components, random one-decimal scores.
  const scheme = fc
    .uniqueArray(fc.constantFrom(...GRADE_COMPONENTS), { minLength: 1, maxLength: 4 })
    .chain((components) =>
      fc.tuple(
        fc.constant(components),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: components.length - 1, maxLength: components.length - 1 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: components.length, maxLength: components.length }),
      ),
    )
    .map(([components, cuts, scores]) => {
      const sorted = [0, ...[...cuts].sort((a, b) => a - b), 100];
      const weights = components.map((component, i) => ({ component, weight: sorted[i + 1] - sorted[i] }));
      const byComponent = Object.fromEntries(components.map((c, i) => [c, scores[i]])) as Record<GradeComponent, number>;
      return { weights, scores: byComponent };
    });

  it('a total lies between the lowest and the highest component (property)', () => {
    fc.assert(
      fc.property(scheme, fc.constantFrom('integer' as const, 'tenth' as const), ({ weights, scores }, rounding) => {
        const r = computeTotal(weights, scores, { rounding, missingComponentAsZero: false });
        if (!r.ok) return false;
        const lo = Math.min(...weights.filter((x) => x.weight > 0).map((x) => scores[x.component]));
        const hi = Math.max(...weights.filter((x) => x.weight > 0).map((x) => scores[x.component]));
        expect(r.exactThousandths).toBeGreaterThanOrEqual(lo * 100);
        expect(r.exactThousandths).toBeLessThanOrEqual(hi * 100);
        expect(r.tenths).toBeGreaterThanOrEqual(roundThousandths(lo * 100, rounding));
        expect(r.tenths).toBeLessThanOrEqual(roundThousandths(hi * 100, rounding));
        return true;
      }),
    );
  });

  it('rounds exactly as a BigInt reference does (property)', () => {
    // Reference: total = Σ(t·w)/1000 points; half up = floor(2·x·10^d + 1)/2 computed on BigInt.
    const reference = (weights: ComponentWeight[], scores: Record<GradeComponent, number>, decimals: 0n | 1n) => {
      const thousandths = weights.reduce((s, x) => s + BigInt(scores[x.component]) * BigInt(x.weight), 0n);
      const den = 1000n / 10n ** decimals;
      const units = (2n * thousandths + den) / (2n * den);
      return Number(decimals === 0n ? units * 10n : units);
    };
    fc.assert(
      fc.property(scheme, ({ weights, scores }) => {
        const int = computeTotal(weights, scores, INT);
        const tenth = computeTotal(weights, scores, { ...INT, rounding: 'tenth' });
        expect(int.ok && int.tenths).toBe(reference(weights, scores, 0n));
        expect(tenth.ok && tenth.tenths).toBe(reference(weights, scores, 1n));
      }),
      { numRuns: 500 },
    );
  });
});
