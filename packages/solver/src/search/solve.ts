import type { Problem } from '../model/problem.ts';
import { compileProblem } from '../model/problem.ts';
import type { Assignment, TimetableModel } from '../model/types.ts';
import { SolverState } from '../eval/state.ts';
import { hardOf, softOf } from '../eval/components.ts';
import { summarize, type CostSummary } from '../eval/breakdown.ts';
import { explainUnplaced, type UnplacedEvent } from '../explain/explain.ts';
import { anneal } from './anneal.ts';
import { construct } from './construct.ts';
import { assignmentToPositions, stateToAssignment } from './positions.ts';
import { Rng } from './rng.ts';

/** A progress report: the best solution's cost so far. */
export interface Progress {
  elapsedMs: number;
  phase: 'construct' | 'anneal' | 'done';
  iterations: number;
  best: CostSummary;
}

export interface SolveOptions {
  /** Seed of the random generator (default 1). */
  seed?: number;
  /** Wall-clock limit for the whole solve (default 10 s). */
  timeLimitMs?: number;
  /** Annealing iteration budget: with it the result is identical for a seed on any machine. */
  maxIterations?: number;
  /** Start temperature / end temperature of the annealing (default: from sampled deltas). */
  t0?: number;
  t1?: number;
  /** Share of Kempe-chain moves in the annealing (default 0.3). */
  kempeRate?: number;
  /** Probability of redrawing an event without soft cost of its own (default 0). */
  focusRate?: number;
  /** Extra draws looking for a day a class short of working days does not use (see anneal). */
  spreadTries?: number;
  /** Share of ejection moves in the annealing (see anneal). */
  ejectRate?: number;
  /** Weight of a hard violation during annealing; 0 keeps the search in feasible space. */
  hardWeight?: number;
  /**
   * Independent annealing runs from the constructed timetable, sharing the time (or iteration)
   * budget; the best is kept. Default: one per 40 s of budget (longer for big models). With a
   * time limit this is the planned number: runs that freeze early leave their time to more runs.
   */
  restarts?: number;
  /**
   * Time mode: a run ends once its best has not improved for this fraction of its schedule
   * (past the half), and the time left goes to further runs (default 0.1; 0 = off).
   */
  freeze?: number;
  /** Starting assignment (kept where feasible, completed by construction). */
  initial?: Assignment;
  onProgress?: (p: Progress) => void;
  progressIntervalMs?: number;
  /** Polled during the search; return true to stop and return the best so far. */
  shouldStop?: () => boolean;
}

/** What a solve returns: the best assignment found and what could not be placed, with why. */
export interface SolveResult {
  assignment: Assignment;
  unplaced: UnplacedEvent[];
  /** No hard violation in the returned (possibly partial) assignment and nothing unplaced. */
  feasible: boolean;
  cost: CostSummary;
  stats: {
    seed: number;
    elapsedMs: number;
    iterations: number;
    constructionIterations: number;
    /** Annealing runs made (see SolveOptions.restarts and freeze). */
    runs: number;
    /** Time at which every event was first placed without conflict (null if never). */
    firstFeasibleMs: number | null;
    history: Array<{ elapsedMs: number; hard: number; soft: number }>;
  };
}

/**
 * Length of one annealing run. On ITC-2007 a longer cooling gains less than the spread between
 * runs (comp02: 44–57 after 40 s, 56 after 120 s), and the best of three 40 s runs beat one
 * 120 s run on 4 of 5 tight instances; so a long solve is split into independent runs, each
 * at least 40 s and longer for big models (60 ms per event: 1,800 lectures get 108 s).
 * A run usually stops improving well before its end (comp05: best reached at 70 % of the run,
 * then frozen), so a run that has not improved for a tenth of its schedule stops and the time
 * goes to more runs (the `freeze` option): more tickets in the best-of lottery for free.
 */
function runLengthMs(nE: number): number {
  return Math.max(40_000, nE * 60);
}

/** Fewer hard violations, then lower soft cost. */
function isLower(a: Float64Array, b: Float64Array): boolean {
  const ha = hardOf(a);
  const hb = hardOf(b);
  return ha !== hb ? ha < hb : softOf(a) < softOf(b);
}

/** Solve a timetabling model. Pure and synchronous: see solveInWorker for the worker API. */
export function solve(model: TimetableModel, options: SolveOptions = {}): SolveResult {
  return solveProblem(compileProblem(model), options);
}

/** Solve an already compiled problem (used by minimal perturbation with anchor penalties). */
export function solveProblem(p: Problem, options: SolveOptions = {}): SolveResult {
  const seed = options.seed ?? 1;
  const rng = new Rng(seed);
  const start = performance.now();
  const deadline = start + (options.timeLimitMs ?? 10_000);
  const s = new SolverState(p);
  const history: SolveResult['stats']['history'] = [];
  let lastProgress = -Infinity;
  const interval = options.progressIntervalMs ?? 500;
  const report = (phase: Progress['phase'], iterations: number, force = false, c: Float64Array = s.c): void => {
    const now = performance.now();
    const sum = summarize(c);
    history.push({ elapsedMs: Math.round(now - start), hard: sum.hard, soft: sum.soft });
    if (history.length > 2000) history.splice(0, history.length - 2000);
    if (options.onProgress && (force || now - lastProgress >= interval)) {
      lastProgress = now;
      options.onProgress({ elapsedMs: now - start, phase, iterations, best: sum });
    }
  };
  if (options.initial) {
    // Keep the given placements that do not clash with those already kept.
    const pos = assignmentToPositions(p, options.initial);
    for (let e = 0; e < p.nE; e++) {
      if (pos.t[e] < 0 || p.evTimeHard[e][pos.t[e]]) continue;
      const ri = pos.r[e];
      if (ri < 0 && !p.evNoRoom[e]) continue;
      if (ri >= 0 && (p.evRoomHard[e][ri] || p.roomBlocked[p.evRooms[e][ri] * p.times.length + p.evTimes[e][pos.t[e]]])) continue;
      const h = s.hard;
      s.add(e, pos.t[e], ri);
      if (s.hard >= h) s.remove(e);
    }
  }
  const constructionIterations = construct(s, {
    rng,
    deadline: options.maxIterations ? Infinity : start + (deadline - start) * 0.5,
    shouldStop: options.shouldStop,
  });
  let firstFeasibleMs = s.hard === 0 ? performance.now() - start : null;
  report('construct', constructionIterations, true);
  let iterations = 0;
  const byIterations = options.maxIterations !== undefined;
  // Iteration mode: a fixed number of runs sharing the budget (reproducible on any machine).
  // Time mode: runs of about `runLen`; a run that freezes early leaves its time to more runs.
  const runs = Math.max(1, options.restarts ?? (byIterations ? 1 : Math.round((deadline - performance.now()) / runLengthMs(p.nE))));
  const runLen = Math.max(1, deadline - performance.now()) / runs;
  const freeze = byIterations ? 0 : (options.freeze ?? 0.1);
  const from = s.snapshot();
  let best = from;
  let bestC = Float64Array.from(s.c);
  let k = 0;
  for (; ; k++) {
    const now = performance.now();
    // Time mode: a run of a quarter of the usual length rarely beats the best, so the solve ends
    // early instead; and a timetable of cost 0 cannot be beaten.
    if (byIterations ? k === runs : deadline - now <= (k === 0 ? 0 : runLen / 4)) break;
    if (options.shouldStop?.() || (k > 0 && hardOf(bestC) + softOf(bestC) === 0)) break;
    if (k > 0) s.restore(from);
    const left = byIterations ? runs - k : Math.max(1, Math.round((deadline - now) / runLen));
    const done = iterations;
    iterations += anneal(s, {
      rng,
      deadline: now + (deadline - now) / left,
      maxIterations: options.maxIterations ? Math.ceil(options.maxIterations / runs) : undefined,
      t0: options.t0,
      t1: options.t1,
      kempeRate: options.kempeRate,
      focusRate: options.focusRate,
      spreadTries: options.spreadTries,
      ejectRate: options.ejectRate,
      hardWeight: options.hardWeight,
      freeze,
      shouldStop: options.shouldStop,
      reportEveryMs: interval,
      onFeasible: () => {
        if (firstFeasibleMs === null) firstFeasibleMs = performance.now() - start;
      },
      onTick: (it, runBest) => report('anneal', done + it, false, isLower(runBest, bestC) ? runBest : bestC),
    });
    if (k === 0 || isLower(s.c, bestC)) {
      best = s.snapshot();
      bestC = Float64Array.from(s.c);
    }
  }
  if (k > 1) s.restore(best);
  let ffMs = firstFeasibleMs;
  if (ffMs === null && s.hard === 0) ffMs = performance.now() - start;
  report('done', iterations, true);
  const unplaced: UnplacedEvent[] = [];
  for (let e = 0; e < p.nE; e++) if (s.tIdx[e] < 0) unplaced.push(explainUnplaced(s, e));
  return {
    assignment: stateToAssignment(s),
    unplaced,
    feasible: s.hard === 0,
    cost: summarize(s.c),
    stats: {
      seed,
      elapsedMs: performance.now() - start,
      iterations,
      constructionIterations,
      runs: k,
      firstFeasibleMs: ffMs,
      history,
    },
  };
}
