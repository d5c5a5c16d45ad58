import { chooseRooms, Journal } from './moves.ts';
import type { ExamState } from './state.ts';

/** Hard violations dominate soft cost when ranking placements. */
const HARD = 1e7;

/**
 * Greedy construction: coincidence groups in decreasing difficulty (conflict degree, period
 * constraints, exclusivity, size), each put in the period (and best rooms) of least cost — hard
 * violations first. Whatever stays infeasible is left to the repair phase.
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
  roots.sort((a, b) => difficulty[b] - difficulty[a] || a - b);
  const journal = new Journal(st);
  for (const g of roots) {
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
    for (const e of members) st.place(e, bestQ, ...roomArgs(chooseRooms(st, e, bestQ, null)));
  }
}

function roomArgs(r: { rooms: number[]; seats: number[] }): [number[], number[]] {
  return [r.rooms, r.seats];
}
