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
    const tl = p.evTimes[e];
    const needsRoom = !p.evNoRoom[e];
    let bestScore = Infinity;
    let bestTi = -1;
    let bestRi = -1;
    for (let ti = 0; ti < tl.length; ti++) {
      if (p.evTimeHard[e][ti]) continue;
      const t = tl[ti];
      const cells = p.timeCells[t];
      stampNo++;
      confl.length = 0;
      let tabu = 0;
      for (const r of p.evRes[e]) collect(r, cells);
      const nRes = confl.length;
      let ri = -1;
      let roomConfl = 0;
      // Travel rule: per campus, the placed events e would be too close to there.
      const travel = needsRoom && s.hasTravel(e);
      if (travel) {
        for (let cc = 0; cc < p.nCampus; cc++) {
          const list = tBlock[cc];
          list.length = 0;
          s.travelBlockers(e, t, cc, (x) => {
            if (stamp[x] !== stampNo && !list.includes(x)) list.push(x);
          });
          let n = 0;
          for (const x of list) n += p.evPinned[x] ? PINNED : 1 + 0.2 * removed[x];
          tCost[cc] = n;
        }
      }
      if (needsRoom) {
        let bestRoomScore = Infinity;
        const order = p.evRoomOrder[e];
        for (let k = 0; k < order.length; k++) {
          const rr = order[k];
          const room = p.evRooms[e][rr];
          if (p.evRoomHard[e][rr] || p.roomBlocked[room * p.times.length + t]) continue;
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
          const score = n * 1000 + p.evRoomPen[e][rr];
          if (score < bestRoomScore) {
            bestRoomScore = score;
            ri = rr;
            roomConfl = n;
            if (n === 0) break; // rooms are sorted by penalty: first free one is best
          }
        }
        if (ri < 0) continue;
        if (roomConfl > 0) {
          const room = p.evRooms[e][ri];
          collect(p.nRes + room, cells);
          const cc = p.roomCampus[room];
          if (travel && cc >= 0) {
            for (const x of tBlock[cc]) {
              if (stamp[x] !== stampNo) {
                stamp[x] = stampNo;
                confl.push(x);
              }
            }
          }
        }
      }
      let score = 0;
      if (confl.some((f) => p.evPinned[f])) continue; // pinned events are never displaced
      for (const f of confl) {
        score += 1 + 0.2 * removed[f];
        if (f === lastBy[e]) tabu = 1;
      }
      if (confl.length === 0) {
        s.add(e, ti, ri);
        score = -1e6 + s.soft;
        s.remove(e);
      } else score = score * 1e4 + tabu * 5e3 + p.evTimePen[e][ti];
      score += rng.float();
      if (score < bestScore) {
        bestScore = score;
        bestTi = ti;
        bestRi = ri;
        cand.length = 0;
        for (const f of confl) cand.push(f);
      }
      void nRes;
    }
    if (bestTi < 0) continue; // no usable position at all: stays unplaced (explained later)
    for (const f of cand) {
      s.remove(f);
      removed[f]++;
      lastBy[f] = e;
      unassigned.push(f);
    }
    s.add(e, bestTi, bestRi);
    if (unassigned.length < best) {
      best = unassigned.length;
      bestSnap = s.snapshot();
    }
  }
  if (unassigned.length > best) s.restore(bestSnap);
  return it;

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
