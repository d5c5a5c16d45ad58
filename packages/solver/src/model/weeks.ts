import type { TimeSpec, WeekSpec } from './types.ts';

/** Bitmask of weeks: bit (w-1) set when week w (1-based) is included. Weeks 1..32. */
export function weekMask(spec: WeekSpec | undefined, numWeeks: number): number {
  const all = numWeeks >= 32 ? 0xffffffff : (1 << numWeeks) - 1;
  if (spec === undefined || spec === 'all') return all >>> 0;
  let m = 0;
  if (spec === 'odd' || spec === 'even') {
    for (let w = spec === 'odd' ? 1 : 2; w <= numWeeks; w += 2) m |= 1 << (w - 1);
  } else if (Array.isArray(spec)) {
    for (const w of spec) if (w >= 1 && w <= numWeeks) m |= 1 << (w - 1);
  } else {
    for (let w = Math.max(1, spec.from); w <= Math.min(numWeeks, spec.to); w++) {
      if (spec.parity === 'odd' && w % 2 === 0) continue;
      if (spec.parity === 'even' && w % 2 === 1) continue;
      m |= 1 << (w - 1);
    }
  }
  return (m & all) >>> 0;
}

/** Bitmask of days from a day or list of days. */
export function dayMask(day: number | number[]): number {
  if (typeof day === 'number') return 1 << day;
  let m = 0;
  for (const d of day) m |= 1 << d;
  return m;
}

/** Days of a day bitmask, ascending. */
export function daysOf(mask: number): number[] {
  const out: number[] = [];
  for (let d = 0; mask >> d; d++) if ((mask >> d) & 1) out.push(d);
  return out;
}

export function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** A concrete time: days, start, length, weeks. */
export interface TimeBlock {
  days: number;
  start: number;
  length: number;
  weeks: number;
}

/** Two times conflict only if their days, periods and weeks all overlap. */
export function timesOverlap(a: TimeBlock, b: TimeBlock): boolean {
  return (a.days & b.days) !== 0 && (a.weeks & b.weeks) !== 0 && a.start < b.start + b.length && b.start < a.start + a.length;
}

/** TimeSpec (user input) to a concrete block. */
export function specToBlock(spec: TimeSpec, periodsPerDay: number, numWeeks: number): TimeBlock {
  const start = spec.start ?? 0;
  return {
    days: dayMask(spec.day),
    start,
    length: spec.length ?? periodsPerDay - start,
    weeks: weekMask(spec.weeks, numWeeks),
  };
}

/** True when block `a` lies within `b` in days and periods (weeks ignored). */
export function blockInside(a: TimeBlock, b: TimeBlock): boolean {
  return (a.days & ~b.days) === 0 && a.start >= b.start && a.start + a.length <= b.start + b.length;
}

/**
 * Partition the weeks into "atoms": maximal groups of weeks that every week mask in `masks`
 * either contains entirely or not at all. Occupancy is then tracked per atom instead of per
 * week, so an instance where everything runs every week (ITC-2007) costs one cell per period.
 */
export function weekAtoms(masks: number[], numWeeks: number): { atoms: number[]; atomMaskOf: (weeks: number) => number } {
  const distinct = [...new Set(masks.map((m) => m >>> 0))];
  const sigToAtom = new Map<string, number>();
  const atoms: number[] = [];
  const weekAtom: number[] = [];
  for (let w = 0; w < numWeeks; w++) {
    const sig = distinct.map((m) => ((m >>> w) & 1 ? '1' : '0')).join('');
    if (!sig.includes('1')) {
      weekAtom.push(-1);
      continue;
    }
    let a = sigToAtom.get(sig);
    if (a === undefined) {
      a = atoms.length;
      sigToAtom.set(sig, a);
      atoms.push(0);
    }
    atoms[a] |= 1 << w;
    weekAtom.push(a);
  }
  const atomMaskOf = (weeks: number): number => {
    let m = 0;
    for (let w = 0; w < numWeeks; w++) if ((weeks >>> w) & 1 && weekAtom[w] >= 0) m |= 1 << weekAtom[w];
    return m;
  };
  return { atoms: atoms.map((a) => a >>> 0), atomMaskOf };
}
