import type { Problem } from '../model/problem.ts';
import { findTimeIndex } from '../model/problem.ts';
import type { Assignment, Placement } from '../model/types.ts';
import { dayMask, daysOf } from '../model/weeks.ts';
import type { SolverState } from '../eval/state.ts';

/** Placement of event e at (ti, ri) in the model's terms. */
export function placementOf(p: Problem, e: number, ti: number, ri: number): Placement {
  const tb = p.times[p.evTimes[e][ti]];
  const days = daysOf(tb.days);
  const pl: Placement = { eventId: p.eventIds[e], day: days.length === 1 ? days[0] : days, start: tb.start };
  if (ri >= 0) pl.roomId = p.roomIds[p.evRooms[e][ri]];
  return pl;
}

/** The placed events of a state as an assignment. */
export function stateToAssignment(s: SolverState): Assignment {
  const out: Assignment = [];
  for (let e = 0; e < s.p.nE; e++) if (s.tIdx[e] >= 0) out.push(placementOf(s.p, e, s.tIdx[e], s.rIdx[e]));
  return out;
}

/**
 * Resolve an assignment into domain indices. Placements outside the domain resolve to -1 unless
 * the problem was compiled with them as `extra` positions.
 */
export function assignmentToPositions(p: Problem, a: Assignment): { t: Int32Array; r: Int32Array } {
  const t = new Int32Array(p.nE).fill(-1);
  const r = new Int32Array(p.nE).fill(-1);
  for (const pl of a) {
    const e = p.eventIndex.get(pl.eventId);
    if (e === undefined) continue;
    t[e] = findTimeIndex(p, e, dayMask(pl.day), pl.start);
    if (pl.roomId !== undefined) {
      const room = p.roomIndex.get(pl.roomId);
      r[e] = room === undefined ? -1 : p.evRoomIdx[e * p.nRooms + room];
    }
  }
  return { t, r };
}

/** Load positions into an empty state. */
export function loadPositions(s: SolverState, pos: { t: Int32Array; r: Int32Array }): void {
  for (let e = 0; e < s.p.nE; e++) if (pos.t[e] >= 0) s.add(e, pos.t[e], pos.r[e]);
}
