import type { CttInstance, SolLine } from './ctt.ts';

/** UD2 evaluation of a CB-CTT solution, by the ITC-2007 rules. */
export interface Ud2Result {
  h1: number;
  h2: number;
  h3: number;
  h4: number;
  hard: number;
  s1: number;
  s2: number;
  s3: number;
  s4: number;
  cost: number;
}

/**
 * Direct validator of the official rules (written from SOURCE.md, independent of the general
 * model): hard counts as the official validator counts them, soft costs S1·1 + S2·5 + S3·2 + S4·1.
 */
export function evaluateUd2(inst: CttInstance, sol: SolLine[]): Ud2Result {
  const P = inst.periodsPerDay;
  const course = new Map(inst.courses.map((c) => [c.id, c]));
  const cap = new Map(inst.rooms.map((r) => [r.id, r.capacity]));
  const unav = new Set(inst.unavailability.map((u) => `${u.course}|${u.day * P + u.period}`));
  const byCourse = new Map<string, SolLine[]>();
  for (const l of sol) byCourse.set(l.course, [...(byCourse.get(l.course) ?? []), l]);
  let h1 = 0,
    h2 = 0,
    h3 = 0,
    h4 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0,
    s4 = 0;
  for (const c of inst.courses) {
    const ls = byCourse.get(c.id) ?? [];
    h1 += Math.max(0, c.lectures - ls.length);
    const periods = ls.map((l) => l.day * P + l.period);
    h1 += periods.length - new Set(periods).size;
    for (const l of ls) {
      if (unav.has(`${c.id}|${l.day * P + l.period}`)) h4++;
      s1 += Math.max(0, c.students - (cap.get(l.room) ?? 0));
    }
    const days = new Set(ls.map((l) => l.day)).size;
    s2 += 5 * Math.max(0, c.minDays - days);
    s4 += Math.max(0, new Set(ls.map((l) => l.room)).size - 1);
  }
  const roomPeriod = new Map<string, number>();
  for (const l of sol) {
    const k = `${l.room}|${l.day * P + l.period}`;
    roomPeriod.set(k, (roomPeriod.get(k) ?? 0) + 1);
  }
  for (const n of roomPeriod.values()) h2 += Math.max(0, n - 1);
  const curricula = new Map(inst.curricula.map((q) => [q.id, new Set(q.courses)]));
  const conflicting = (a: string, b: string): boolean => {
    if (course.get(a)?.teacher === course.get(b)?.teacher) return true;
    for (const q of curricula.values()) if (q.has(a) && q.has(b)) return true;
    return false;
  };
  for (let i = 0; i < sol.length; i++) {
    for (let j = i + 1; j < sol.length; j++) {
      const a = sol[i],
        b = sol[j];
      if (a.course !== b.course && a.day === b.day && a.period === b.period && conflicting(a.course, b.course)) h3++;
    }
  }
  for (const q of inst.curricula) {
    const at = new Map<number, number>();
    for (const l of sol) if (q.courses.includes(l.course)) at.set(l.day * P + l.period, (at.get(l.day * P + l.period) ?? 0) + 1);
    for (const [slot, n] of at) {
      const p = slot % P;
      const before = p > 0 ? (at.get(slot - 1) ?? 0) : 0;
      const after = p < P - 1 ? (at.get(slot + 1) ?? 0) : 0;
      if (before === 0 && after === 0) s3 += 2 * n;
    }
  }
  const hard = h1 + h2 + h3 + h4;
  return { h1, h2, h3, h4, hard, s1, s2, s3, s4, cost: s1 + s2 + s3 + s4 };
}
