/**
 * Exact non-negative rationals on BigInt, enough for grade points and GPAs: a GPA is a
 * credit-weighted mean of points that may themselves be fractions (the quadratic formula), and
 * 3.675 must present as 3.68, which no binary float guarantees.
 */
export interface Rational {
  num: bigint;
  den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function rational(num: bigint | number, den: bigint | number = 1n): Rational {
  let n = BigInt(num);
  let d = BigInt(den);
  if (d === 0n) throw new RangeError('zero denominator');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { num: n / g, den: d / g };
}

export const add = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);
export const mul = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
export const div = (a: Rational, b: Rational): Rational => rational(a.num * b.den, a.den * b.num);
export const compare = (a: Rational, b: Rational): number => {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
};

/**
 * The value rounded half up (away from zero for the negatives no grade has) to `decimals`
 * places, as a decimal string: `toFixedHalfUp(3675/1000, 2)` is "3.68".
 */
export function toFixedHalfUp(r: Rational, decimals: number): string {
  const scale = 10n ** BigInt(decimals);
  const negative = r.num < 0n;
  const abs = negative ? -r.num : r.num;
  // round(abs·scale/den) half up = floor((2·abs·scale + den) / (2·den))
  const scaled = (2n * abs * scale + r.den) / (2n * r.den);
  const int = scaled / scale;
  const frac = (scaled % scale).toString().padStart(decimals, '0');
  const sign = negative && scaled !== 0n ? '-' : '';
  return decimals === 0 ? `${sign}${int}` : `${sign}${int}.${frac}`;
}

/** For JSON (no BigInt there): the exact fraction and its 2-decimal presentation. */
export function presentExact(r: Rational): { num: string; den: string; display: string } {
  return { num: r.num.toString(), den: r.den.toString(), display: toFixedHalfUp(r, 2) };
}
