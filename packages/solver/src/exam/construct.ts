import { chooseRooms, Journal } from './moves.ts';
import type { ExamState } from './state.ts';

/** Hard violations dominate soft cost when ranking placements. */
const HARD = 1e7;

/**
 * Greedy construction by saturation degree (DSatur): next comes the coincidence group with the
 * most periods already blocked by clashing placed exams, ties broken by difficulty (conflict
 * degree, period constraints, exclusivity, size); it goes to the period (and best rooms) of least
 * cost — hard violations first. With rooms, the static difficulty order alone (measured better
 * on the capacity-bound ITC sets). Whatever stays infeasible is left to the repair phase.
 */
export function constructExams(st: ExamState): void {
  const c = st.c;
  const roots: number[] = [];
  const difficulty = new Float64Array(c.E);
  const maxCap = c.R ? Math.max(...c.cap) : 1;
  for (let e = 0; e < c.E; e++) {
    const d =
      c.adjStart[e + 1] -
      c.adjStart[e] +
      10 * (c.exclusion[e].length + c.afterOf[e].length + c.beforeOf[e].length) +
      (c.exclusive[e] ? 20 : 0) +
      (20 * c.size[e]) / maxCap;
    difficulty[c.group[e]] += d;
    if (c.group[e] === e) roots.push(e);
  }
  // blocked[e * P + p]: period p holds an exam clashing with e. sat[e]: how many such periods.
  const P = c.P;
  const blocked = new Uint8Array(c.E * P);
  const sat = new Int32Array(c.E);
  const done = new Uint8Array(c.E);
  const journal = new Journal(st);
  // With rooms, capacity decides as much as clashes, and the static order repairs faster (set 4).
  const useSat = c.R === 0;
  for (let step = 0; step < roots.length; step++) {
    let g = -1;
    let gSat = -1;
    for (const r of roots) {
      if (done[r]) continue;
      let s = 0;
      if (useSat) for (const x of c.members[r]) if (sat[x] > s) s = sat[x];
      if (s > gSat || (s === gSat && (difficulty[r] > difficulty[g] || (difficulty[r] === difficulty[g] && r < g)))) {
        g = r;
        gSat = s;
      }
    }
    done[g] = 1;
    const members = [...c.members[g]].sort((a, b) => c.size[b] - c.size[a] || a - b);
    let bestQ = -1;
    let best = Infinity;
    for (let q = 0; q < c.P; q++) {
      const before = st.hard * HARD + st.soft;
      for (const e of members) journal.place(e, q, chooseRooms(st, e, q, null));
      const cost = st.hard * HARD + st.soft - before;
      journal.undo();
      if (cost < best) {
        best = cost;
        bestQ = q;
      }
    }
    for (const e of members) {
      st.place(e, bestQ, ...roomArgs(chooseRooms(st, e, bestQ, null)));
      for (let k = c.adjStart[e]; k < c.adjStart[e + 1]; k++) {
        const j = c.adjTo[k] * P + bestQ;
        if (!blocked[j]) {
          blocked[j] = 1;
          sat[c.adjTo[k]]++;
        }
      }
      for (const x of c.exclusion[e]) {
        if (!blocked[x * P + bestQ]) {
          blocked[x * P + bestQ] = 1;
          sat[x]++;
        }
      }
    }
  }
}

function roomArgs(r: { rooms: number[]; seats: number[] }): [number[], number[]] {
  return [r.rooms, r.seats];
}
