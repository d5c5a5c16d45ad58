import { Rng } from '../search/rng.ts';
import { compileExams, type CompiledExams } from './compile.ts';
import { constructExams } from './construct.ts';
import { evaluateExamSolution } from './evaluate.ts';
import { Neighbourhoods } from './search.ts';
import { ExamState } from './state.ts';
import type { ExamEvaluation, ExamProblem, ExamSolution } from './types.ts';

export interface ExamSolveOptions {
  /** Wall-clock budget. Default 60 s. */
  timeLimitMs?: number;
  /** Iteration budget; with it the cooling follows iterations and a seed gives the same run (unless the time limit stops it first). */
  maxIterations?: number;
  seed?: number;
  onProgress?: (p: ExamProgress) => void;
  signal?: AbortSignal;
  /** Polled with the signal: true stops the search (used by the worker, whose signal lives in another thread). */
  shouldStop?: () => boolean;
  /** Starting temperature as a multiple of the mean worsening move (tuning). Default 0.5. */
  startTemperature?: number;
  /** Cumulative probabilities of single, room-change and Kempe moves (tuning). */
  moveMix?: number[];
  /** Share of repair steps that move a violated exam to its least-violating period (tuning). */
  minConflicts?: number;
  /** Repair-phase temperature in hard units (tuning). Default 1. */
  repairTemperature?: number;
  /** Final temperature, in cost units. Default 0.3. */
  endTemperature?: number;
}

export interface ExamProgress {
  phase: 'construct' | 'repair' | 'anneal' | 'done';
  elapsedMs: number;
  /** Hard violations of the current solution (solver's measure: capacity in excess seats). */
  hard: number;
  soft: number;
  /** Best feasible soft cost so far (null before the first feasible solution). */
  best: number | null;
}

export type UnplacedExamReason = 'studentConflict' | 'teacherConflict' | 'room' | 'periodConstraint' | 'unavailable';

export interface ExamSolveResult {
  /** Every exam placed, except those in `unplaced` (null), so the rest is free of hard violations. */
  solution: ExamSolution;
  /** Hard violations of `solution` by the direct evaluator (unplaced exams count one each). */
  hard: number;
  /** The solver's own incremental soft cost of `solution`. */
  soft: number;
  /** Direct evaluation of `solution`: hard and soft by component. */
  breakdown: ExamEvaluation;
  iterations: number;
  /** Exams the solver could not place without a hard violation, and why. */
  unplaced: Array<{ exam: number; reason: UnplacedExamReason }>;
  elapsedMs: number;
  /** Time at which the first solution without hard violations was reached; null if never. */
  firstFeasibleMs: number | null;
}

/**
 * Cumulative shares of single / room-change / Kempe moves (the rest: period swaps). Repair leans
 * on Kempe chains, which move clashing exams together; the annealing on cheap single moves
 * (measured on sets 1, 3, 7 at 15 s: 0.8/0.15/0.045 beat 0.5/0.15/0.33 and 0.7/0.15/0.14).
 */
const REPAIR_MIX = [0.4, 0.5, 0.98];
const ANNEAL_MIX = [0.8, 0.95, 0.995];
/**
 * Uncapacitated problems (Toronto): half Kempe chains, priced before applying, and some period
 * swaps (measured at 20 s on all 13 Toronto instances: better than ANNEAL_MIX on 7, worse on 2;
 * Kempe-only and unbounded chains were worse on car91 and uta92).
 */
const PLAIN_MIX = [0.5, 0.5, 0.97];

/**
 * Examination timetabling: greedy construction, hard-constraint repair, then simulated
 * annealing on the soft cost over feasible solutions (moves: one exam to another period and
 * room, room change, Kempe chain, period swap), cooling geometrically over the budget and
 * reheating from the best solution when stuck.
 */
export function solveExams(problem: ExamProblem, options: ExamSolveOptions = {}): ExamSolveResult {
  const t0 = performance.now();
  const timeLimit = options.timeLimitMs ?? 60_000;
  const maxIter = options.maxIterations ?? Infinity;
  const rng = new Rng(options.seed ?? 1);
  const c = compileExams(problem);
  let st = new ExamState(c);
  const elapsed = (): number => performance.now() - t0;
  const report = (phase: ExamProgress['phase'], best: number | null): void =>
    options.onProgress?.({ phase, elapsedMs: Math.round(elapsed()), hard: st.hard, soft: st.soft, best });

  constructExams(st);
  report('construct', null);
  let iterations = 0;
  let stopped = false;
  const outOfBudget = (): boolean => {
    if (stopped) return true;
    if (iterations >= maxIter || elapsed() >= timeLimit || options.signal?.aborted || options.shouldStop?.()) stopped = true;
    return stopped;
  };

  // Repair: hard violations weigh far more than soft cost; a little noise to leave plateaus.
  let firstFeasibleMs: number | null = st.hard === 0 ? elapsed() : null;
  let moves = new Neighbourhoods(st, rng);
  moves.mix = REPAIR_MIX;
  if (st.hard > 0) {
    // Noise in hard units, cycling from hot to cold, so the search can leave local minima.
    const hot = options.repairTemperature ?? 1;
    let temp = hot * 0.02;
    let lastReport = elapsed();
    const accept = (dh: number, ds: number): boolean => {
      const d = dh + ds * 1e-4;
      return d <= 0 || rng.float() < Math.exp(-d / temp);
    };
    const minConflicts = options.minConflicts ?? 0;
    moves.refreshViolated();
    while (st.hard > 0) {
      iterations++;
      if ((iterations & 1023) === 0) {
        if (outOfBudget()) break;
        const k = iterations >> 10;
        // A cold descent first, then cycles that heat up and cool down again.
        temp = hot * Math.pow(0.02, k < 64 ? 1 : ((k - 64) % 512) / 511);
        if ((k & 15) === 0) moves.refreshViolated();
        if (elapsed() - lastReport > 500) {
          lastReport = elapsed();
          report('repair', null);
        }
      }
      if (rng.float() < minConflicts) moves.repairStep(accept);
      else moves.step(accept, false);
    }
    if (st.hard === 0) firstFeasibleMs = elapsed();
  }

  let best = st.hard === 0 ? st.snapshot() : null;
  let bestSoft = st.hard === 0 ? st.soft : Infinity;
  const annealMix = options.moveMix ?? (moves.plain ? PLAIN_MIX : ANNEAL_MIX);
  if (st.hard === 0 && !outOfBudget()) {
    moves.mix = annealMix;
    const T0 = calibrate(moves) * (options.startTemperature ?? 0.5);
    const Tend = Math.min(options.endTemperature ?? 0.3, T0 / 10);
    const startIter = iterations;
    const startMs = elapsed();
    // Progress of the cooling in [0, 1]: by iterations when there is an iteration budget (so a
    // seed gives the same run on any machine), else by time.
    const progress = (): number =>
      Number.isFinite(maxIter)
        ? (iterations - startIter) / Math.max(1, maxIter - startIter)
        : (elapsed() - startMs) / Math.max(1, timeLimit - startMs);
    let temp = T0;
    // Cooling exponent: f from segF to 1 maps linearly onto segE to 1.
    let segF = 0;
    let segE = 0;
    const expo = (f: number): number => Math.min(1, segE + ((f - segF) * (1 - segE)) / Math.max(1e-9, 1 - segF));
    let bestAt = 0;
    let lastF = 0;
    let lastReport = elapsed();
    const accept = (dh: number, ds: number): boolean => {
      if (dh > 0) return false;
      if (ds <= 0) return true;
      return rng.float() < Math.exp(-ds / temp);
    };
    for (;;) {
      iterations++;
      if ((iterations & 1023) === 0) {
        if (outOfBudget()) break;
        const f = progress();
        lastF = f;
        // Reheat when stuck: no new best over a tenth of the run in its second half sends the
        // search back to the best solution at the temperature of 15% of the run earlier, then
        // cools again to the final temperature by the end of the budget.
        if (f > 0.5 && f < 0.95 && f - bestAt > 0.1 && best) {
          segE = Math.max(0, expo(f) - 0.15);
          segF = f;
          bestAt = f;
          st = rebuild(c, best);
          moves = new Neighbourhoods(st, rng);
          moves.mix = annealMix;
        }
        temp = T0 * Math.pow(Tend / T0, expo(f));
        if (elapsed() - lastReport > 500) {
          lastReport = elapsed();
          report('anneal', bestSoft);
        }
      }
      if (moves.step(accept, true) && st.soft < bestSoft) {
        bestSoft = st.soft;
        best = st.snapshot();
        bestAt = lastF;
      }
    }
    if (st.soft !== bestSoft && best) st = rebuild(c, best);
  }
  report('done', Number.isFinite(bestSoft) ? bestSoft : null);
  return finish(problem, st, iterations, elapsed(), firstFeasibleMs);
}

/** Mean soft increase of random feasible worsening moves: the scale of the starting temperature. */
function calibrate(moves: Neighbourhoods): number {
  let sum = 0;
  let n = 0;
  const probe = (dh: number, ds: number): boolean => {
    if (dh <= 0 && ds > 0) {
      sum += ds;
      n++;
    }
    return false;
  };
  for (let i = 0; i < 5000 && n < 500; i++) moves.step(probe, true);
  return n ? sum / n : 1;
}

/** A fresh state holding a snapshot's placements. */
export function rebuild(c: CompiledExams, snap: ReturnType<ExamState['snapshot']>): ExamState {
  const st = new ExamState(c);
  for (let e = 0; e < c.E; e++) if (snap.period[e] >= 0) st.place(e, snap.period[e], snap.rooms[e], snap.seats[e]);
  return st;
}

function finish(
  problem: ExamProblem,
  st: ExamState,
  iterations: number,
  elapsedMs: number,
  firstFeasibleMs: number | null,
): ExamSolveResult {
  const c = st.c;
  const unplaced: ExamSolveResult['unplaced'] = [];
  // Take out exams involved in hard violations, worst first, until the rest is clean.
  while (st.hard - st.unplaced > 0) {
    let worst = -1;
    let worstV = 0;
    let reason: UnplacedExamReason = 'studentConflict';
    for (let e = 0; e < c.E; e++) {
      const p = st.period[e];
      if (p < 0) continue;
      const stud = st.A[e * c.P + p];
      const teach = c.hasTeachers ? st.T[e * c.P + p] : 0;
      const per = c.periodHard[e * c.P + p] + st.constraintViolations(e, p);
      let room = 0;
      for (const r of st.rooms[e]) room += st.slotHard(p * c.R + r) + c.roomClosed[p * c.R + r];
      const v = stud + teach + per + room;
      if (v > worstV) {
        worstV = v;
        worst = e;
        const top = Math.max(stud, teach, per, room);
        reason =
          top === stud
            ? 'studentConflict'
            : top === teach
              ? 'teacherConflict'
              : top === room
                ? 'room'
                : c.periodHard[e * c.P + p]
                  ? 'unavailable'
                  : 'periodConstraint';
      }
    }
    if (worst < 0) break;
    st.remove(worst);
    unplaced.push({ exam: worst, reason });
  }
  const solution: ExamSolution = Array.from(st.period, (p, e) =>
    p < 0 ? null : { period: p, rooms: st.rooms[e].map((room, i) => ({ room, count: st.seats[e][i] })) },
  );
  const breakdown = evaluateExamSolution(problem, solution);
  return {
    solution,
    hard: breakdown.hard,
    soft: st.soft,
    breakdown,
    iterations,
    unplaced,
    elapsedMs: Math.round(elapsedMs),
    firstFeasibleMs: firstFeasibleMs === null ? null : Math.round(firstFeasibleMs),
  };
}
