import type { CompiledRule, Problem } from '../model/problem.ts';
import { timesOverlap } from '../model/weeks.ts';

/**
 * Number of violations of a distribution rule given event time indices (unplaced events
 * are ignored). Pairwise rules count violating pairs; maxPerDay counts events over the max.
 */
export function ruleViolations(p: Problem, rule: CompiledRule, tIdx: Int32Array): number {
  const ev = rule.events;
  const n = ev.length;
  let v = 0;
  if (rule.kind === 'maxPerDay') {
    const perDay = new Int32Array(p.D);
    for (let i = 0; i < n; i++) {
      const e = ev[i];
      if (tIdx[e] < 0) continue;
      for (const d of p.timeDays[p.evTimes[e][tIdx[e]]]) perDay[d]++;
    }
    for (let d = 0; d < p.D; d++) if (perDay[d] > rule.max) v += perDay[d] - rule.max;
    return v;
  }
  for (let i = 0; i < n; i++) {
    const a = ev[i];
    if (tIdx[a] < 0) continue;
    const ta = p.times[p.evTimes[a][tIdx[a]]];
    for (let j = i + 1; j < n; j++) {
      const b = ev[j];
      if (tIdx[b] < 0) continue;
      const tb = p.times[p.evTimes[b][tIdx[b]]];
      switch (rule.kind) {
        case 'sameTime':
          if (ta.days !== tb.days || ta.start !== tb.start) v++;
          break;
        case 'differentDays':
          if (ta.days & tb.days) v++;
          break;
        case 'notOverlap':
          if (timesOverlap(ta, tb)) v++;
          break;
        case 'precedence': {
          // a must end before b starts, comparing first days then periods.
          const da = 31 - Math.clz32(ta.days & -ta.days);
          const db = 31 - Math.clz32(tb.days & -tb.days);
          if (da * p.P + ta.start + ta.length > db * p.P + tb.start) v++;
          break;
        }
      }
    }
  }
  return v;
}
