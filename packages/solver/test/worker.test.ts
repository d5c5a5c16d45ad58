import { describe, expect, it } from 'vitest';
import { cttToModel, parseCtt } from '../src/itc2007/ctt.ts';
import { solveInWorker, solveParallel } from '../src/worker/run.ts';
import type { Progress } from '../src/search/solve.ts';
import { readCtt } from './helpers.ts';

describe('worker API', () => {
  const model = cttToModel(parseCtt(readCtt('comp01')));

  it('solves in a worker thread with progress reports, and stops when cancelled', async () => {
    const progress: Progress[] = [];
    const ac = new AbortController();
    // Cancel after the first progress report of the annealing phase, of a budget that would
    // take minutes to spend.
    const budget = 50_000_000;
    const result = await solveInWorker(model, {
      seed: 1,
      maxIterations: budget,
      progressIntervalMs: 100,
      signal: ac.signal,
      onProgress: (p) => {
        progress.push(p);
        if (p.phase === 'anneal') ac.abort();
      },
    });
    expect(result.stats.iterations).toBeLessThan(budget);
    expect(result.feasible).toBe(true);
    expect(result.assignment).toHaveLength(160);
    expect(progress.some((p) => p.phase === 'construct')).toBe(true);
    expect(progress.at(-1)!.best.hard).toBe(0);
    expect(progress.at(-1)!.best.byConstraint).toHaveProperty('compactness');
  });

  it('keeps the best of parallel runs', async () => {
    const r = await solveParallel(model, { workers: 2, seed: 5, maxIterations: 50_000 });
    expect(r.feasible).toBe(true);
    expect([5, 6]).toContain(r.stats.seed);
  });
});
