import type { Problem } from '../model/problem.ts';
import { compileProblem } from '../model/problem.ts';
import type { Assignment, TimetableModel } from '../model/types.ts';
import { SolverState } from './state.ts';
import { COMPONENT_NAMES, C_RULES, C_TIME, NCOMP, hardOf, softOf, type ComponentName } from './components.ts';
import { assignmentToPositions, loadPositions } from '../search/positions.ts';

/** Cost of an assignment: totals and the value of each constraint. */
export interface CostSummary {
  hard: number;
  soft: number;
  byConstraint: Record<ComponentName, number>;
}

/** Cost attributed to one event: what it costs itself, and what removing it would save. */
export interface EventCost {
  eventId: string;
  placed: boolean;
  /** Hard violations and soft cost that disappear when the event is unplaced. */
  hard: number;
  soft: number;
  byConstraint: Partial<Record<ComponentName, number>>;
}

/** Full breakdown: by constraint and by event. */
export interface CostBreakdown extends CostSummary {
  byEvent: EventCost[];
}

export function summarize(c: ArrayLike<number>): CostSummary {
  const byConstraint = {} as Record<ComponentName, number>;
  for (let i = 0; i < NCOMP; i++) byConstraint[COMPONENT_NAMES[i]] = c[i];
  return { hard: hardOf(c), soft: softOf(c), byConstraint };
}

/** Per-event marginal cost: the change when the event alone is taken out (and put back). */
export function eventCosts(s: SolverState): EventCost[] {
  const p = s.p;
  const out: EventCost[] = [];
  const before = Float64Array.from(s.c);
  for (let e = 0; e < p.nE; e++) {
    const ti = s.tIdx[e];
    if (ti < 0) {
      out.push({ eventId: p.eventIds[e], placed: false, hard: 1, soft: 0, byConstraint: { unplaced: 1 } });
      continue;
    }
    const ri = s.rIdx[e];
    s.remove(e);
    const by: Partial<Record<ComponentName, number>> = {};
    for (let i = 0; i < NCOMP; i++) {
      const d = before[i] - s.c[i];
      if (i === 1) continue; // unplacing adds an "unplaced" count that is not the event's cost
      if (d !== 0) by[COMPONENT_NAMES[i]] = d;
    }
    s.add(e, ti, ri);
    const hard = (by.conflicts ?? 0) + (by.hardOther ?? 0) + (by.campusTravel ?? 0);
    let soft = 0;
    for (let i = C_TIME; i <= C_RULES; i++) soft += by[COMPONENT_NAMES[i]] ?? 0;
    out.push({ eventId: p.eventIds[e], placed: true, hard, soft, byConstraint: by });
  }
  return out;
}

/**
 * Cost breakdown of any assignment of a model, e.g. after a manual move in the app: placements
 * outside the allowed times/rooms are accepted and counted as hard violations (hardOther).
 */
export function evaluateAssignment(model: TimetableModel, assignment: Assignment): CostBreakdown {
  const p: Problem = compileProblem(model, { extra: assignment });
  const s = new SolverState(p);
  loadPositions(s, assignmentToPositions(p, assignment));
  return { ...summarize(s.c), byEvent: eventCosts(s) };
}
