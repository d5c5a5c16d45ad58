import { PASS_LINE_TENTHS, type GpaBand, type GpaConfig, type GradeEntry } from '../index.ts';
import type { Issue } from './issue.ts';
import { add, div, mul, rational, toFixedHalfUp, type Rational } from './rational.ts';

/** The common 4.0 table: 90–100 4.0, 85–89 3.7, 82–84 3.3, 78–81 3.0, 75–77 2.7, 72–74 2.3, 68–71 2.0, 64–67 1.5, 60–63 1.0. */
export const BANDS4: readonly GpaBand[] = [
  { minTenths: 900, pointsHundredths: 400 },
  { minTenths: 850, pointsHundredths: 370 },
  { minTenths: 820, pointsHundredths: 330 },
  { minTenths: 780, pointsHundredths: 300 },
  { minTenths: 750, pointsHundredths: 270 },
  { minTenths: 720, pointsHundredths: 230 },
  { minTenths: 680, pointsHundredths: 200 },
  { minTenths: 640, pointsHundredths: 150 },
  { minTenths: 600, pointsHundredths: 100 },
];

/** The defaults: bands4, 五级制 4/3/2/1/0, 两级制 and 免修 left out, nothing excluded by category. */
export const DEFAULT_GPA_CONFIG: GpaConfig = {
  formula: 'bands4',
  bands: [],
  fiveLevelPoints: { excellent: 400, good: 300, fair: 200, pass: 100, fail: 0 },
  twoLevelPoints: null,
  exemptPoints: null,
  excludedCategories: [],
};

/** A school's band table: not empty, no lower bound twice. */
export function validateGpaConfig(config: GpaConfig): Issue[] {
  if (config.formula !== 'custom') return [];
  if (config.bands.length === 0) return [{ code: 'gpa_bands_empty', params: {} }];
  const seen = new Set<number>();
  const issues: Issue[] = [];
  for (const b of config.bands) {
    if (seen.has(b.minTenths)) issues.push({ code: 'gpa_bands_duplicate', params: { min: b.minTenths / 10 } });
    seen.add(b.minTenths);
  }
  return issues;
}

function bandPoints(bands: readonly GpaBand[], tenths: number): Rational {
  // The highest lower bound the score reaches; below every row, 0.
  let best: GpaBand | null = null;
  for (const b of bands) if (tenths >= b.minTenths && (!best || b.minTenths > best.minTenths)) best = b;
  return rational(best?.pointsHundredths ?? 0, 100);
}

/** Grade points of a score (tenths) by the school's formula, exactly. */
export function scorePoints(tenths: number, config: GpaConfig): Rational {
  switch (config.formula) {
    case 'bands4':
      return bandPoints(BANDS4, tenths);
    case 'custom':
      return bandPoints(config.bands, tenths);
    case 'linear':
      // x/10 − 5 with x = tenths/10: (tenths − 500)/100.
      return tenths >= PASS_LINE_TENTHS ? rational(tenths - 500, 100) : rational(0);
    case 'quadratic': {
      // 4 − 3(100 − x)²/1600 with x = t/10: (100 − x)² = (1000 − t)²/100, so (640000 − 3(1000 − t)²)/160000.
      if (tenths < PASS_LINE_TENTHS) return rational(0);
      const gap = BigInt(1000 - tenths);
      return rational(640000n - 3n * gap * gap, 160000n);
    }
  }
}

/**
 * Grade points of one grade, or null when it stays out of the GPA: 两级制 and 免修 unless the school
 * gives them points, 缓考 (no grade yet). Absent and barred count as failed, 0 points; cheating and
 * misconduct are a 0 score.
 */
export function gradePoints(entry: GradeEntry, config: GpaConfig): Rational | null {
  switch (entry.kind) {
    case 'score':
      return scorePoints(entry.tenths, config);
    case 'five_level':
      return rational(config.fiveLevelPoints[entry.level], 100);
    case 'two_level':
      return config.twoLevelPoints ? rational(config.twoLevelPoints[entry.level], 100) : null;
    case 'mark':
      switch (entry.mark) {
        case 'exempt':
          return config.exemptPoints === null ? null : rational(config.exemptPoints, 100);
        case 'deferred':
          return null;
        case 'cheating':
        case 'misconduct':
          return scorePoints(0, config);
        case 'absent':
        case 'barred':
          return rational(0);
      }
  }
}

/** One counted course result as the GPA sees it. */
export interface GpaItem {
  entry: GradeEntry;
  /** Credits in tenths (2.5 → 25). */
  creditsTenths: number;
  /** The course's category and kind codes (e.g. PE, general_elective): any excluded one leaves it out. */
  categories: readonly string[];
}

export interface GpaResult {
  value: Rational;
  /** Two decimals, half up on the exact value (3.675 → "3.68"). */
  display: string;
  /** The credits that went into it, in tenths. */
  creditsTenths: number;
}

/** Credit-weighted GPA Σ points × credits / Σ credits, exact; null when no credit counts. */
export function computeGpa(items: readonly GpaItem[], config: GpaConfig): GpaResult | null {
  const excluded = new Set(config.excludedCategories);
  let weighted = rational(0);
  let credits = 0;
  for (const item of items) {
    if (item.creditsTenths <= 0 || item.categories.some((c) => excluded.has(c))) continue;
    const points = gradePoints(item.entry, config);
    if (!points) continue;
    weighted = add(weighted, mul(points, rational(item.creditsTenths)));
    credits += item.creditsTenths;
  }
  if (credits === 0) return null;
  const value = div(weighted, rational(credits));
  return { value, display: toFixedHalfUp(value, 2), creditsTenths: credits };
}
