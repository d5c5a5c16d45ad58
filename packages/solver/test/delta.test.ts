import fc from 'fast-check';
import { describe, it } from 'vitest';
import { compileProblem, type Problem } from '../src/model/problem.ts';
import type { TimetableModel, WeekSpec } from '../src/model/types.ts';
import { SolverState } from '../src/eval/state.ts';
import { fullCost } from '../src/eval/full.ts';
import { COMPONENT_NAMES } from '../src/eval/components.ts';
import { cttToModel, parseCtt } from '../src/itc2007/ctt.ts';
import { readCtt } from './helpers.ts';

const weekSpecs: WeekSpec[] = ['all', 'odd', 'even', { from: 1, to: 2 }, [2, 3]];

/** Random small models exercising every constraint: weeks, lengths, compact, buildings, rules. */
const modelArb = fc
  .record({
    days: fc.integer({ min: 1, max: 3 }),
    periods: fc.integer({ min: 2, max: 5 }),
    nRooms: fc.integer({ min: 1, max: 3 }),
    nRes: fc.integer({ min: 1, max: 4 }),
    nGroups: fc.integer({ min: 1, max: 3 }),
    events: fc.array(
      fc.record({
        len: fc.integer({ min: 1, max: 2 }),
        weeks: fc.integer({ min: 0, max: weekSpecs.length - 1 }),
        res: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
        group: fc.integer({ min: -1, max: 2 }),
        size: fc.integer({ min: 0, max: 60 }),
        noRoom: fc.boolean(),
      }),
      { minLength: 2, maxLength: 8 },
    ),
    rules: fc.array(
      fc.record({
        kind: fc.constantFrom('sameTime', 'differentDays', 'notOverlap', 'precedence', 'maxPerDay') as fc.Arbitrary<'sameTime'>,
        a: fc.nat(7),
        b: fc.nat(7),
        hard: fc.boolean(),
      }),
      { maxLength: 3 },
    ),
  })
  .map((g): TimetableModel => ({
    days: g.days,
    periodsPerDay: g.periods,
    weeks: 4,
    rooms: Array.from({ length: g.nRooms }, (_, r) => ({
      id: `R${r}`,
      capacity: 20 * (r + 1),
      building: `B${r % 2}`,
      unavailable: r === 0 ? [{ day: 0, start: 0, length: 1 }] : [],
    })),
    resources: Array.from({ length: g.nRes }, (_, r) => ({
      id: `P${r}`,
      kind: r % 2 ? 'class' : 'teacher',
      compact: r % 2 === 1,
      trackBuildings: r < 2,
      preferences: [{ kind: r === 0 ? 'discouraged' : 'preferred', time: { day: 0, start: 1, length: 1 }, penalty: 3 }],
    })),
    classes: Array.from({ length: g.nGroups }, (_, k) => ({ id: `G${k}`, minDays: k + 1 })),
    events: g.events.map((e, i) => ({
      id: `E${i}`,
      length: Math.min(e.len, g.periods),
      weeks: weekSpecs[e.weeks],
      resources: e.res.filter((r) => r < g.nRes).map((r) => `P${r}`),
      classId: e.group >= 0 && e.group < g.nGroups ? `G${e.group}` : undefined,
      size: e.size,
      noRoom: e.noRoom && i % 3 === 0,
    })),
    rules: g.rules
      .filter((r) => r.a < g.events.length && r.b < g.events.length && r.a !== r.b)
      .map((r) => ({ kind: r.kind, events: [`E${r.a}`, `E${r.b}`], hard: r.hard, weight: 2, max: 1 })),
    weights: { gap: 1, buildingChange: 2 },
  }));

type Op = { e: number; t: number; r: number; kind: number };
const opsArb = fc.array(fc.record({ e: fc.nat(), t: fc.nat(), r: fc.nat(), kind: fc.nat(9) }), { minLength: 1, maxLength: 60 });

/** Apply random moves (place, unplace, move, swap) and compare with a full recount each time. */
function checkOps(p: Problem, ops: Op[]): void {
  const s = new SolverState(p);
  for (const op of ops) {
    const e = op.e % p.nE;
    const nt = p.evTimes[e].length;
    if (nt === 0) continue;
    const ti = op.t % nt;
    const ri = p.evRooms[e].length ? op.r % p.evRooms[e].length : -1;
    if (op.kind === 0) s.remove(e);
    else if (op.kind === 1) {
      // swap positions of e and another event when the domains allow it
      const f = (e + 1 + (op.t % Math.max(1, p.nE - 1))) % p.nE;
      const [et, er, ft, fr] = [s.tIdx[e], s.rIdx[e], s.tIdx[f], s.rIdx[f]];
      s.remove(e);
      s.remove(f);
      if (ft >= 0 && p.evTimeIdx[e * p.times.length + p.evTimes[f][ft]] >= 0)
        s.add(e, p.evTimeIdx[e * p.times.length + p.evTimes[f][ft]], fr >= 0 ? p.evRoomIdx[e * p.nRooms + p.evRooms[f][fr]] : -1);
      if (et >= 0 && p.evTimeIdx[f * p.times.length + p.evTimes[e][et]] >= 0)
        s.add(f, p.evTimeIdx[f * p.times.length + p.evTimes[e][et]], er >= 0 ? p.evRoomIdx[f * p.nRooms + p.evRooms[e][er]] : -1);
    } else s.move(e, ti, ri);
    const full = fullCost(p, s.tIdx, s.rIdx);
    for (let k = 0; k < full.length; k++) {
      if (Math.abs(full[k] - s.c[k]) > 1e-9) {
        throw new Error(`${COMPONENT_NAMES[k]}: incremental ${s.c[k]} != full ${full[k]}`);
      }
    }
  }
}

describe('incremental (delta) evaluation', () => {
  it('equals a full recount after any sequence of moves, for every constraint (general model)', () => {
    fc.assert(
      fc.property(modelArb, opsArb, (model, ops) => {
        checkOps(compileProblem(model), ops);
      }),
      { numRuns: 300 },
    );
  });

  it('equals a full recount on an ITC-2007 instance', () => {
    const p = compileProblem(cttToModel(parseCtt(readCtt('comp01'))));
    fc.assert(
      fc.property(
        fc.array(fc.record({ e: fc.nat(), t: fc.nat(), r: fc.nat(), kind: fc.nat(9) }), { minLength: 50, maxLength: 300 }),
        (ops) => {
          checkOps(p, ops);
        },
      ),
      { numRuns: 30 },
    );
  });
});
