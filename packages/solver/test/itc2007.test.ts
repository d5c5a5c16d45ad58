import { describe, expect, it } from 'vitest';
import { assignmentToSol, cttToModel, parseCtt, parseSol, solToAssignment, writeSol } from '../src/itc2007/ctt.ts';
import { evaluateUd2 } from '../src/itc2007/ud2.ts';
import { evaluateAssignment } from '../src/eval/breakdown.ts';
import { solve } from '../src/search/solve.ts';
import { readCtt, readRefSol } from './helpers.ts';

// Costs of the reference solutions in fixtures/ as published with them (../shared/benchmarks SOURCE.md).
const REFERENCE = {
  comp01: { s1: 4, s2: 0, s3: 0, s4: 1, cost: 5 },
  comp04: { s1: 0, s2: 5, s3: 32, s4: 0, cost: 37 },
  comp06: { s1: 0, s2: 5, s3: 28, s4: 7, cost: 40 },
};

describe('ITC-2007 CB-CTT', () => {
  it('parses an instance with the header counts', () => {
    const inst = parseCtt(readCtt('comp01'));
    expect(inst.name).toBe('Fis0506-1');
    expect(inst.courses).toHaveLength(30);
    expect(inst.rooms).toHaveLength(6);
    expect(inst.curricula).toHaveLength(14);
    expect(inst.unavailability).toHaveLength(53);
    expect(inst.courses.reduce((s, c) => s + c.lectures, 0)).toBe(160);
  });

  for (const [name, ref] of Object.entries(REFERENCE)) {
    it(`${name}: both evaluators reproduce the reference solution's UD2 cost`, () => {
      const inst = parseCtt(readCtt(name));
      const sol = parseSol(readRefSol(name));
      const ud2 = evaluateUd2(inst, sol);
      expect(ud2).toMatchObject({ hard: 0, ...ref });
      // The general model's evaluator on the mapped instance gives the same figures.
      const b = evaluateAssignment(cttToModel(inst), solToAssignment(sol));
      expect(b.hard).toBe(0);
      expect(b.soft).toBe(ref.cost);
      expect(b.byConstraint).toMatchObject({ roomPenalty: ref.s1, minDays: ref.s2, compactness: ref.s3, roomStability: ref.s4 });
    });
  }

  it('counts hard violations of a broken solution', () => {
    const inst = parseCtt(readCtt('comp01'));
    const sol = parseSol(readRefSol('comp01'));
    const broken = sol.slice(1); // one lecture missing
    broken[1] = { ...broken[1], day: broken[0].day, period: broken[0].period, room: broken[0].room };
    const u = evaluateUd2(inst, broken);
    expect(u.h1).toBeGreaterThanOrEqual(1);
    expect(u.h2).toBeGreaterThanOrEqual(1);
    const b = evaluateAssignment(cttToModel(inst), solToAssignment(broken));
    expect(b.hard).toBeGreaterThan(0);
    expect(b.byConstraint.unplaced).toBe(1);
  });

  it('writes a .sol that reads back to the same assignment, and solves comp01 feasibly', () => {
    const inst = parseCtt(readCtt('comp01'));
    const r = solve(cttToModel(inst), { seed: 3, maxIterations: 100_000 });
    expect(r.feasible).toBe(true);
    const sol = assignmentToSol(r.assignment);
    expect(sol).toHaveLength(160);
    const again = parseSol(writeSol(sol));
    expect(again).toEqual(sol);
    expect(evaluateUd2(inst, again)).toMatchObject({ hard: 0, cost: r.cost.soft });
  });
});

describe('annealing moves on ITC-2007', () => {
  // Each neighbourhood alone: the search must stay feasible, lower the cost of the
  // construction, and end with the cost the independent UD2 validator computes.
  const inst = parseCtt(readCtt('comp04'));
  const model = cttToModel(inst);
  const start = solve(model, { seed: 7, maxIterations: 1 });
  for (const [name, opts] of Object.entries({
    'moves and room swaps': { kempeRate: 0, ejectRate: 0 },
    'Kempe chains': { kempeRate: 1, ejectRate: 0 },
    ejections: { kempeRate: 0, ejectRate: 1, spreadTries: 3 },
  })) {
    it(`${name}: stays feasible and improves, with the validator's cost`, () => {
      const r = solve(model, { seed: 7, maxIterations: 150_000, ...opts });
      expect(r.feasible).toBe(true);
      expect(r.cost.soft).toBeLessThan(start.cost.soft * 0.8);
      expect(evaluateUd2(inst, assignmentToSol(r.assignment))).toMatchObject({ hard: 0, cost: r.cost.soft });
    });
  }
});
