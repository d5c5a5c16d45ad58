import { GRADE_COMPONENTS, type ComponentRules, type ComponentWeight, type GradeComponent, type TotalRounding } from '../index.ts';
import type { Issue } from './issue.ts';

/** The office's default: each component 0–100 %, 期末 at least 50 %. */
export const DEFAULT_COMPONENT_RULES: ComponentRules = { limits: { final: { min: 50, max: 100 } } };

/**
 * Every problem with a teacher's weights, each naming its component: a weight that is not a
 * whole percent or lies outside the office's limits, a component listed twice, a component the
 * office requires (a minimum above 0) left out, a sum other than 100.
 */
export function validateComponentWeights(weights: readonly ComponentWeight[], rules: ComponentRules): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<GradeComponent>();
  for (const { component, weight } of weights) {
    if (seen.has(component)) issues.push({ code: 'grade_component_duplicate', params: { component } });
    seen.add(component);
    if (!Number.isInteger(weight)) {
      issues.push({ code: 'grade_weight_not_integer', params: { component } });
      continue;
    }
    const { min, max } = { min: 0, max: 100, ...rules.limits[component] };
    if (weight < min || weight > max) {
      issues.push({ code: 'grade_weight_out_of_range', params: { component, weight, min, max } });
    }
  }
  for (const component of GRADE_COMPONENTS) {
    const min = rules.limits[component]?.min ?? 0;
    if (min > 0 && !seen.has(component)) {
      issues.push({ code: 'grade_weight_out_of_range', params: { component, weight: 0, min, max: rules.limits[component]?.max ?? 100 } });
    }
  }
  const sum = weights.reduce((s, w) => s + w.weight, 0);
  if (weights.every((w) => Number.isInteger(w.weight)) && sum !== 100) {
    issues.push({ code: 'grade_weights_sum', params: { sum } });
  }
  return issues;
}

export type TotalResult =
  | {
      ok: true;
      /** The total rounded by the school's rule, in tenths. */
      tenths: number;
      /** The exact total before rounding, in thousandths of a point (Σ tenths × percent). */
      exactThousandths: number;
    }
  | { ok: false; warning: Issue };

/**
 * 总评 = Σ score × weight / 100, exactly. Scores are integer tenths and weights integer percents,
 * so Σ tenths × percent is an integer count of thousandths of a point (at most 1000 × 100 per
 * component: far inside a double's exact integers), and nothing is ever a binary fraction.
 *
 * Rounding rule (document for the office): half up, i.e. a total exactly halfway goes up —
 * `integer` (the default) to a whole point (84.5 → 85, 84.49 → 84), `tenth` to one decimal
 * (84.45 → 84.5). Totals are never negative, so "half up" and "half away from zero" agree.
 *
 * A component without a score gives no total (and the warning naming it) unless the school counts
 * a missing component as 0.
 */
export function computeTotal(
  weights: readonly ComponentWeight[],
  scores: Partial<Record<GradeComponent, number | null>>,
  options: { rounding: TotalRounding; missingComponentAsZero: boolean },
): TotalResult {
  let thousandths = 0;
  for (const { component, weight } of weights) {
    const score = scores[component];
    if (score === null || score === undefined) {
      if (weight === 0 || options.missingComponentAsZero) continue;
      return { ok: false, warning: { code: 'grade_component_missing', params: { component } } };
    }
    thousandths += score * weight;
  }
  return { ok: true, tenths: roundThousandths(thousandths, options.rounding), exactThousandths: thousandths };
}

/** Thousandths of a point rounded half up, returned in tenths (whole points are multiples of 10). */
export function roundThousandths(thousandths: number, rounding: TotalRounding): number {
  // Integer division by subtracting the remainder first: no quotient is ever a fraction.
  const step = rounding === 'integer' ? 1000 : 100;
  const shifted = thousandths + step / 2;
  const units = (shifted - (shifted % step)) / step;
  return rounding === 'integer' ? units * 10 : units;
}
