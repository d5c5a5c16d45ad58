import { compileProblem } from '../model/problem.ts';
import type { Assignment, Placement, TimetableModel } from '../model/types.ts';
import { evaluateAssignment, type CostSummary } from '../eval/breakdown.ts';
import { solveProblem, type SolveOptions, type SolveResult } from '../search/solve.ts';

export interface PerturbationOptions extends Omit<SolveOptions, 'initial'> {
  /** Soft penalty per event moved to another time (default 1000: dominates everything else). */
  timeMoveWeight?: number;
  /** Soft penalty per event moved to another room at the same time (default 200). */
  roomMoveWeight?: number;
}

/** An event whose placement changed relative to the published timetable. */
export interface MovedEvent {
  eventId: string;
  from: Placement;
  /** New placement, or null when it could not be placed any more. */
  to: Placement | null;
  kind: 'time' | 'room' | 'unplaced';
}

export interface PerturbationResult extends SolveResult {
  moved: MovedEvent[];
  /** Events not in the published timetable (new classes) and where they went. */
  added: Placement[];
  /** Cost of the new timetable under the model's own weights (without the move penalties). */
  modelCost: CostSummary;
}

const sameDay = (a: Placement['day'], b: Placement['day']): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Minimal-perturbation re-solve: given the changed model (a teacher away, a room closed, a new
 * class) and the published timetable, find a feasible timetable that moves as few published
 * events as possible. Moving is a heavy soft penalty on every event's other times and rooms,
 * the search starts from the published placements that are still valid, and it anneals at a
 * low temperature, so it only moves what it must (or what saves more than a move costs).
 */
export function resolveWithMinimalPerturbation(
  model: TimetableModel,
  published: Assignment,
  options: PerturbationOptions = {},
): PerturbationResult {
  const timeWeight = options.timeMoveWeight ?? 1000;
  const roomWeight = options.roomMoveWeight ?? 200;
  const p = compileProblem(model, { anchor: { assignment: published, timeWeight, roomWeight } });
  const result = solveProblem(p, { t0: 2, t1: 0.1, ...options, initial: published });
  const now = new Map(result.assignment.map((pl) => [pl.eventId, pl]));
  const before = new Map(published.map((pl) => [pl.eventId, pl]));
  const moved: MovedEvent[] = [];
  for (const from of published) {
    if (!p.eventIndex.has(from.eventId)) continue; // event deleted from the model
    const to = now.get(from.eventId) ?? null;
    if (!to) moved.push({ eventId: from.eventId, from, to: null, kind: 'unplaced' });
    else if (!sameDay(to.day, from.day) || to.start !== from.start) moved.push({ eventId: from.eventId, from, to, kind: 'time' });
    else if ((to.roomId ?? null) !== (from.roomId ?? null)) moved.push({ eventId: from.eventId, from, to, kind: 'room' });
  }
  const added = result.assignment.filter((pl) => !before.has(pl.eventId));
  const modelCost = evaluateAssignment(model, result.assignment);
  return { ...result, moved, added, modelCost: { hard: modelCost.hard, soft: modelCost.soft, byConstraint: modelCost.byConstraint } };
}
