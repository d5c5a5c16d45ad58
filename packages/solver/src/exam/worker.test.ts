import { describe, expect, it } from 'vitest';
import { readItcExam } from '../../test/exam-fixtures.ts';
import { evaluateExamSolution } from './evaluate.ts';
import { solveExamsInWorker } from './worker.ts';

describe('solveExamsInWorker', () => {
  it('solves off the event loop, reports progress, stops when aborted with the best so far', async () => {
    const { problem } = readItcExam(9);
    const controller = new AbortController();
    const phases: string[] = [];
    const t0 = performance.now();
    const result = await solveExamsInWorker(problem, {
      timeLimitMs: 60_000,
      seed: 1,
      signal: controller.signal,
      onProgress: (p) => {
        phases.push(p.phase);
        if (p.phase === 'anneal') controller.abort();
      },
    });
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(phases).toContain('anneal');
    expect(result.hard).toBe(0);
    expect(result.soft).toBe(evaluateExamSolution(problem, result.solution).soft);
  });
});
