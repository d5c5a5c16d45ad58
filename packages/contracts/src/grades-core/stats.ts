import { PASS_LINE_TENTHS } from '../index.ts';

/**
 * Statistics of a class's scores (tenths) for the analysis pages. Sums and the median are exact
 * (integers); the mean, the standard deviation and the correlation are plain floats, which is
 * precise enough for a chart and never written into a transcript.
 */
export interface Distribution {
  count: number;
  /** Points (not tenths), null for an empty class. */
  mean: number | null;
  median: number | null;
  /** Population standard deviation (the class is the whole population), in points. */
  stdDev: number | null;
  /** Share of scores at or above 60, 0–1. */
  passRate: number | null;
  /** Counts per 10-point band: [0–9.9, 10–19.9, …, 80–89.9, 90–100]. */
  histogram: number[];
}

export function describeScores(scoresTenths: readonly number[]): Distribution {
  const n = scoresTenths.length;
  const histogram = Array.from({ length: 10 }, () => 0);
  for (const s of scoresTenths) histogram[Math.min(9, Math.floor(s / 100))]++;
  if (n === 0) return { count: 0, mean: null, median: null, stdDev: null, passRate: null, histogram };
  const sum = scoresTenths.reduce((a, b) => a + b, 0);
  const sorted = [...scoresTenths].sort((a, b) => a - b);
  const mid = n >> 1;
  // Twice the median in tenths is an integer: exact until the one final division.
  const medianTwice = n % 2 ? 2 * sorted[mid] : sorted[mid - 1] + sorted[mid];
  // Σ(x − mean)² = (n·Σx² − (Σx)²)/n², computed on integers before the one division.
  const sumSq = scoresTenths.reduce((a, b) => a + b * b, 0);
  const varianceTenths2 = (n * sumSq - sum * sum) / (n * n);
  return {
    count: n,
    mean: sum / n / 10,
    median: medianTwice / 20,
    stdDev: Math.sqrt(Math.max(0, varianceTenths2)) / 10,
    passRate: scoresTenths.filter((s) => s >= PASS_LINE_TENTHS).length / n,
    histogram,
  };
}

/** Pearson correlation of two components over the same students; null when either does not vary. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return null;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i];
    sy += ys[i];
    sxx += xs[i] * xs[i];
    syy += ys[i] * ys[i];
    sxy += xs[i] * ys[i];
  }
  const cov = n * sxy - sx * sy;
  const vx = n * sxx - sx * sx;
  const vy = n * syy - sy * sy;
  if (vx <= 0 || vy <= 0) return null;
  return cov / Math.sqrt(vx * vy);
}
