import type { SolverState } from '../eval/state.ts';
import type { Rng } from './rng.ts';

const PINNED = 1e9;

export interface ConstructOptions {
  rng: Rng;
  /** performance.now() value to stop at. */
  deadline: number;
  maxIterations?: number;
  shouldStop?: () => boolean;
}

/** True when e has at least one allowed time and, if it needs a room, a room. */
export function isPlaceable(s: SolverState, e: number): boolean {
  const p = s.p;
  if (p.evTimes[e].length === 0) return false;
  if (!p.evNoRoom[e] && p.evRooms[e].length === 0) return false;
  return p.evTimeHard[e].some((h) => h === 0);
}

/**
 * Conflict-based construction (iterative forward search): take the hardest unplaced event,
 * put it where it displaces the fewest placed events (soft cost as tie-break), unplace those
 * and carry on. The state never holds a conflict, so a partial result is always feasible.
 * Returns the number of iterations done; the state ends in the best (fewest unplaced) solution.
 */
export function construct(s: SolverState, o: ConstructOptions): number {
  const p = s.p;
  const { rng } = o;
  const nE = p.nE;
  const maxIt = o.maxIterations ?? 500 * nE + 10000;
  const removed = new Int32Array(nE);
  const lastBy = new Int32Array(nE).fill(-1);
  const degree = new Float64Array(nE);
  const resLoad = new Int32Array(p.nRes);
  for (let e = 0; e < nE; e++) for (const r of p.evRes[e]) resLoad[r] += p.evLen[e];
  for (let e = 0; e < nE; e++) {
    let d = 0;
    for (const r of p.evRes[e]) d += resLoad[r];
    degree[e] = p.evPinned[e] ? -1 : (p.evTimes[e].length * Math.sqrt(Math.max(1, p.evRooms[e].length))) / (1 + d / 10);
  }
  // Linked events (hard sameTime rules, e.g. parallel PE sections): placed at the time of the
  // partners already placed, displaced together.
  const linkL: number[][] = Array.from({ length: nE }, () => []);
  for (const rule of p.rules) {
    if (!rule.hard || rule.kind !== 'sameTime') continue;
    for (const a of rule.events) for (const b of rule.events) if (a !== b && !linkL[a].includes(b)) linkL[a].push(b);
  }
  const links = linkL.map((l) => Int32Array.from(l));
  // Pinned events first, each in its first free allowed room.
  for (let e = 0; e < nE; e++) {
    if (!p.evPinned[e] || s.tIdx[e] >= 0 || !isPlaceable(s, e)) continue;
    const ti = p.evTimeHard[e].indexOf(0);
    const order = p.evNoRoom[e] ? [-1] : Array.from(p.evRoomOrder[e]);
    for (const ri of order) {
      const h = s.hard;
      s.add(e, ti, ri);
      if (s.hard < h) break;
      s.remove(e);
    }
  }
  const unassigned: number[] = [];
  for (let e = 0; e < nE; e++) if (s.tIdx[e] < 0 && isPlaceable(s, e)) unassigned.push(e);
  let best = unassigned.length;
  let bestSnap = s.snapshot();
  const stamp = new Int32Array(nE);
  let stampNo = 0;
  const confl: number[] = [];
  const cand: number[] = [];
  const tBlock: number[][] = Array.from({ length: p.nCampus }, () => []);
  const group: number[] = [];
  const usedRooms: number[] = [];
  let maxGroup = 1;
  for (const l of links) maxGroup = Math.max(maxGroup, l.length + 1);
  const candT = new Int32Array(maxGroup);
  const candR = new Int32Array(maxGroup);
  const bestT = new Int32Array(maxGroup);
  const bestR = new Int32Array(maxGroup);
  const tCost = new Float64Array(p.nCampus);
  let it = 0;
  while (unassigned.length > 0 && it < maxIt) {
    if ((it & 63) === 0 && (performance.now() > o.deadline || o.shouldStop?.())) break;
    it++;
    // Hardest of a few random unplaced events, displaced events getting more urgent each time.
    // (Always taking the globally hardest lets two events that displace each other cycle for ever.)
    let pick = 0;
    let pickKey = Infinity;
    const sample = Math.min(unassigned.length, 6);
    for (let k = 0; k < sample; k++) {
      const idx = sample === unassigned.length ? k : rng.int(unassigned.length);
      const key = degree[unassigned[idx]] / (1 + removed[unassigned[idx]]);
      if (key < pickKey) {
        pickKey = key;
        pick = idx;
      }
    }
    const e = unassigned[pick];
    unassigned[pick] = unassigned[unassigned.length - 1];
    unassigned.pop();
    // The event and the partners it is linked to (same time): placed together, as a group.
    group.length = 0;
    group.push(e);
    let wantDays = -1;
    let wantStart = -1;
    for (const x of links[e]) {
      if (p.evPinned[x]) {
        if (s.tIdx[x] >= 0) {
          const tb = p.times[p.evTimes[x][s.tIdx[x]]];
          wantDays = tb.days;
          wantStart = tb.start;
        }
        continue;
      }
      if (s.tIdx[x] >= 0) s.remove(x);
      else {
        const at = unassigned.indexOf(x);
        if (at >= 0) {
          unassigned[at] = unassigned[unassigned.length - 1];
          unassigned.pop();
        }
      }
      group.push(x);
    }
    const tl = p.evTimes[e];
    let bestScore = Infinity;
    let found = false;
    for (let ti = 0; ti < tl.length; ti++) {
      if (p.evTimeHard[e][ti]) continue;
      const t = tl[ti];
      const days = p.times[t].days;
      const startP = p.times[t].start;
      if (wantDays >= 0 && (days !== wantDays || startP !== wantStart)) continue;
      stampNo++;
      confl.length = 0;
      usedRooms.length = 0;
      let ok = true;
      for (let g = 0; g < group.length && ok; g++) {
        const m = group[g];
        const mti = g === 0 ? ti : timeAt(m, days, startP);
        if (mti < 0 || p.evTimeHard[m][mti]) ok = false;
        else {
          const ri = placeAt(m, mti);
          if (ri < -1) ok = false;
          else {
            candT[g] = mti;
            candR[g] = ri;
            if (ri >= 0) usedRooms.push(p.evRooms[m][ri]);
          }
        }
      }
      if (!ok) continue;
      if (confl.some((f) => p.evPinned[f])) continue; // pinned events are never displaced
      let score = 0;
      let tabu = 0;
      for (const f of confl) {
        score += 1 + 0.2 * removed[f];
        if (f === lastBy[e]) tabu = 1;
      }
      if (confl.length === 0) {
        for (let g = 0; g < group.length; g++) s.add(group[g], candT[g], candR[g]);
        score = -1e6 + s.soft;
        for (let g = 0; g < group.length; g++) s.remove(group[g]);
      } else score = score * 1e4 + tabu * 5e3 + p.evTimePen[e][ti];
      score += rng.float();
      if (score < bestScore) {
        bestScore = score;
        found = true;
        bestT.set(candT.subarray(0, group.length));
        bestR.set(candR.subarray(0, group.length));
        cand.length = 0;
        for (const f of confl) cand.push(f);
      }
    }
    if (!found) {
      // No usable position at all: stays unplaced (explained later); partners go back to the queue.
      for (let g = 1; g < group.length; g++) unassigned.push(group[g]);
      continue;
    }
    for (const f of cand) {
      displace(f, e);
      // A displaced linked event takes its partners along (the group is placed again as one).
      for (const x of links[f]) if (!p.evPinned[x]) displace(x, e);
    }
    const viol = s.c[0] + s.c[10];
    for (let g = 0; g < group.length; g++) s.add(group[g], bestT[g], bestR[g]);
    if (s.c[0] + s.c[10] > viol) {
      // Members of the group clash among themselves (e.g. one teacher for two linked sections):
      // the group cannot be placed; it stays out (and is explained).
      for (let g = 0; g < group.length; g++) s.remove(group[g]);
      continue;
    }
    if (unassigned.length < best) {
      best = unassigned.length;
      bestSnap = s.snapshot();
    }
  }
  if (unassigned.length > best) s.restore(bestSnap);
  return it;

  /** Domain index of x's time starting at (days, start), or -1. */
  function timeAt(x: number, days: number, start: number): number {
    const l = p.evTimes[x];
    for (let i = 0; i < l.length; i++) {
      const tb = p.times[l[i]];
      if (tb.days === days && tb.start === start) return i;
    }
    return -1;
  }

  /**
   * Event x at time index ti: collects the events in its way (resources, room, travel) into
   * `confl` under the current stamp and returns the chosen room index (-1: no room needed),
   * or -2 when no room is usable. Rooms in `usedRooms` (taken by the group) are skipped.
   */
  function placeAt(x: number, ti: number): number {
    const t = p.evTimes[x][ti];
    const cells = p.timeCells[t];
    for (const r of p.evRes[x]) collect(r, cells);
    if (p.evNoRoom[x]) return -1;
    let ri = -1;
    let roomConfl = 0;
    // Travel rule: per campus, the placed events x would be too close to there.
    const travel = s.hasTravel(x);
    if (travel) {
      for (let cc = 0; cc < p.nCampus; cc++) {
        const list = tBlock[cc];
        list.length = 0;
        s.travelBlockers(x, t, cc, (y) => {
          if (stamp[y] !== stampNo && !list.includes(y)) list.push(y);
        });
        let n = 0;
        for (const y of list) n += p.evPinned[y] ? PINNED : 1 + 0.2 * removed[y];
        tCost[cc] = n;
      }
    }
    let bestRoomScore = Infinity;
    const order = p.evRoomOrder[x];
    for (let k = 0; k < order.length; k++) {
      const rr = order[k];
      const room = p.evRooms[x][rr];
      if (p.evRoomHard[x][rr] || p.roomBlocked[room * p.times.length + t] || usedRooms.includes(room)) continue;
      // Count the room's blockers not already displaced for the resources.
      const base = (p.nRes + room) * p.NC;
      let n = 0;
      for (let j = 0; j < cells.length; j++) {
        const idx = base + cells[j];
        if (s.occ[idx] > 0) {
          const f = s.owner[idx];
          if (stamp[f] !== stampNo) n += p.evPinned[f] ? PINNED : 1 + 0.2 * removed[f];
        }
      }
      if (travel && p.roomCampus[room] >= 0) n += tCost[p.roomCampus[room]];
      if (n >= PINNED) continue;
      const score = n * 1000 + p.evRoomPen[x][rr];
      if (score < bestRoomScore) {
        bestRoomScore = score;
        ri = rr;
        roomConfl = n;
        if (n === 0) break; // rooms are sorted by penalty: first free one is best
      }
    }
    if (ri < 0) return -2;
    if (roomConfl > 0) {
      const room = p.evRooms[x][ri];
      collect(p.nRes + room, cells);
      const cc = p.roomCampus[room];
      if (travel && cc >= 0) {
        for (const y of tBlock[cc]) {
          if (stamp[y] !== stampNo) {
            stamp[y] = stampNo;
            confl.push(y);
          }
        }
      }
    }
    return ri;
  }

  function displace(f: number, by: number): void {
    if (s.tIdx[f] < 0) return;
    s.remove(f);
    removed[f]++;
    lastBy[f] = by;
    unassigned.push(f);
  }

  function collect(o: number, cells: Int32Array): void {
    const base = o * p.NC;
    for (let j = 0; j < cells.length; j++) {
      const idx = base + cells[j];
      if (s.occ[idx] > 0) {
        const f = s.owner[idx];
        if (stamp[f] !== stampNo) {
          stamp[f] = stampNo;
          confl.push(f);
        }
      }
    }
  }
}
