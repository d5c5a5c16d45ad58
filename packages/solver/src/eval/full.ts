import type { Problem } from '../model/problem.ts';
import {
  C_BUILDING,
  C_COMPACT,
  C_CONFLICT,
  C_HARD_OTHER,
  C_MINDAYS,
  C_ROOM,
  C_RULES,
  C_STABILITY,
  C_TIME,
  C_TRAVEL,
  C_UNPLACED,
  NCOMP,
} from './components.ts';
import { ruleViolations } from './rules.ts';

/**
 * Full recount of every cost component from positions alone, written independently of the
 * incremental state (plain maps and loops) so tests can check one against the other.
 */
export function fullCost(p: Problem, tIdx: Int32Array, rIdx: Int32Array): Float64Array {
  const c = new Float64Array(NCOMP);
  const w = p.weights;
  const booked = new Map<string, number>();
  const book = (key: string): void => {
    const n = booked.get(key) ?? 0;
    if (n > 0) c[C_CONFLICT]++;
    booked.set(key, n + 1);
  };
  const grid = new Map<string, number>(); // compact resource|day|period -> lectures
  const bld = new Map<string, number[]>(); // tracked resource|day|period -> buildings
  const groupDays = new Map<number, Set<number>>();
  const groupRooms = new Map<number, Set<number>>();
  for (let e = 0; e < p.nE; e++) {
    if (tIdx[e] < 0) {
      c[C_UNPLACED]++;
      continue;
    }
    const t = p.evTimes[e][tIdx[e]];
    const tb = p.times[t];
    c[C_TIME] += p.evTimePen[e][tIdx[e]];
    c[C_HARD_OTHER] += p.evTimeHard[e][tIdx[e]];
    for (const cell of p.timeCells[t]) {
      for (const r of p.evRes[e]) book(`r${r}|${cell}`);
      if (rIdx[e] >= 0) book(`m${p.evRooms[e][rIdx[e]]}|${cell}`);
    }
    let room = -1;
    if (rIdx[e] >= 0) {
      room = p.evRooms[e][rIdx[e]];
      c[C_ROOM] += p.evRoomPen[e][rIdx[e]];
      c[C_HARD_OTHER] += p.evRoomHard[e][rIdx[e]] + p.roomBlocked[room * p.times.length + t];
    } else if (!p.evNoRoom[e]) c[C_HARD_OTHER]++;
    for (const d of p.timeDays[t]) {
      for (let q = tb.start; q < tb.start + tb.length; q++) {
        for (const r of p.evRes[e]) {
          if (p.resCompact[r] >= 0) grid.set(`${r}|${d}|${q}`, (grid.get(`${r}|${d}|${q}`) ?? 0) + 1);
          if (p.resTrack[r] >= 0 && room >= 0) {
            const k = `${r}|${d}|${q}`;
            bld.set(k, [...(bld.get(k) ?? []), p.roomBuilding[room]]);
          }
        }
      }
    }
    const g = p.evGroup[e];
    if (g >= 0) {
      if (!groupDays.has(g)) groupDays.set(g, new Set());
      for (const d of p.timeDays[t]) groupDays.get(g)!.add(d);
      if (room >= 0 && p.groupStab[g]) {
        if (!groupRooms.has(g)) groupRooms.set(g, new Set());
        groupRooms.get(g)!.add(room);
      }
    }
  }
  for (let g = 0; g < p.nGroups; g++) {
    c[C_MINDAYS] += w.minDays * Math.max(0, p.groupMinDays[g] - (groupDays.get(g)?.size ?? 0));
    c[C_STABILITY] += w.roomStability * Math.max(0, (groupRooms.get(g)?.size ?? 0) - 1);
  }
  for (let r = 0; r < p.nRes; r++) {
    for (let d = 0; d < p.D; d++) {
      if (p.resCompact[r] >= 0) {
        const at = (q: number): number => (q < 0 || q >= p.P ? 0 : (grid.get(`${r}|${d}|${q}`) ?? 0));
        const used: number[] = [];
        for (let q = 0; q < p.P; q++) {
          if (at(q) > 0) used.push(q);
          if (at(q) > 0 && at(q - 1) === 0 && at(q + 1) === 0) c[C_COMPACT] += w.isolated * at(q);
        }
        if (used.length > 0) c[C_COMPACT] += w.gap * (used[used.length - 1] - used[0] + 1 - used.length);
      }
      if (p.resTrack[r] >= 0) {
        for (let q = 0; q + 1 < p.P; q++) {
          const a = bld.get(`${r}|${d}|${q}`);
          const b = bld.get(`${r}|${d}|${q + 1}`);
          if (a?.length === 1 && b?.length === 1 && a[0] !== b[0]) c[C_BUILDING] += w.buildingChange;
        }
      }
    }
  }
  // Campus travel, pair by pair: lectures of one resource on a common day and week, rooms on
  // two campuses, the later one starting less than the travel time after the earlier one ends.
  if (p.travelOn) {
    for (let r = 0; r < p.nRes; r++) {
      if (!p.resTravel[r]) continue;
      const mine: number[] = [];
      for (let e = 0; e < p.nE; e++) if (tIdx[e] >= 0 && rIdx[e] >= 0 && p.evRes[e].includes(r)) mine.push(e);
      for (let i = 0; i < mine.length; i++) {
        for (let j = i + 1; j < mine.length; j++) {
          const [x, y] = [mine[i], mine[j]];
          const cx = p.roomCampus[p.evRooms[x][rIdx[x]]];
          const cy = p.roomCampus[p.evRooms[y][rIdx[y]]];
          if (cx < 0 || cy < 0 || cx === cy) continue;
          const need = p.travelNeed[cx * p.nCampus + cy];
          const tx = p.times[p.evTimes[x][tIdx[x]]];
          const ty = p.times[p.evTimes[y][tIdx[y]]];
          if (need <= 0 || (tx.weeks & ty.weeks) === 0) continue;
          const [first, second] = tx.start <= ty.start ? [tx, ty] : [ty, tx];
          const lastOfFirst = first.start + first.length - 1;
          if (second.start <= lastOfFirst) continue; // overlap: a clash, not a travel problem
          const gap = p.periodStart[second.start] - p.periodEnd[lastOfFirst];
          if (gap >= need) continue;
          for (const d of p.timeDays[p.evTimes[x][tIdx[x]]]) if (p.timeDays[p.evTimes[y][tIdx[y]]].includes(d)) c[C_TRAVEL]++;
        }
      }
    }
  }
  for (const rule of p.rules) {
    const v = ruleViolations(p, rule, tIdx);
    if (rule.hard) c[C_HARD_OTHER] += v;
    else c[C_RULES] += rule.weight * v;
  }
  return c;
}
