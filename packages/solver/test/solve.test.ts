import { describe, expect, it } from 'vitest';
import { evaluateAssignment } from '../src/eval/breakdown.ts';
import { generateSchool } from '../src/generate/school.ts';
import { solve } from '../src/search/solve.ts';
import { timesOverlap, weekMask } from '../src/model/weeks.ts';

describe('model and solve', () => {
  it('two times conflict only when days, periods and weeks all overlap', () => {
    const all = weekMask('all', 16);
    const odd = weekMask('odd', 16);
    const even = weekMask('even', 16);
    expect(weekMask({ from: 1, to: 8 }, 16)).toBe(0xff);
    expect(timesOverlap({ days: 1, start: 0, length: 2, weeks: odd }, { days: 1, start: 1, length: 2, weeks: even })).toBe(false);
    expect(timesOverlap({ days: 1, start: 0, length: 2, weeks: odd }, { days: 1, start: 1, length: 2, weeks: all })).toBe(true);
    expect(timesOverlap({ days: 1, start: 0, length: 2, weeks: all }, { days: 2, start: 0, length: 2, weeks: all })).toBe(false);
    expect(timesOverlap({ days: 1, start: 0, length: 2, weeks: all }, { days: 1, start: 2, length: 1, weeks: all })).toBe(false);
  });

  const model = generateSchool({ seed: 5, teachingClasses: 40, lectures: 100, teachers: 15, adminClasses: 8, rooms: 12, rules: 5 });

  it('is deterministic for a seed with an iteration budget', () => {
    const a = solve(model, { seed: 42, maxIterations: 30_000 });
    const b = solve(model, { seed: 42, maxIterations: 30_000 });
    expect(a.feasible).toBe(true);
    expect(b.assignment).toEqual(a.assignment);
    expect(b.cost).toEqual(a.cost);
  });

  it('odd- and even-week lectures of one class can share a slot', () => {
    const m = {
      days: 1,
      periodsPerDay: 1,
      weeks: 16,
      rooms: [{ id: 'R', capacity: 50 }],
      resources: [{ id: 'c', kind: 'class' as const }],
      events: [
        { id: 'odd', weeks: 'odd' as const, resources: ['c'] },
        { id: 'even', weeks: 'even' as const, resources: ['c'] },
      ],
    };
    const r = solve(m, { seed: 1, maxIterations: 100 });
    expect(r.feasible).toBe(true);
  });

  it('hands the time of a run that stops improving to further runs, and stops at a perfect timetable', () => {
    // Three lectures of a class that wants three days, on a one-day week: the min-days cost
    // can never fall, so every run freezes once past half of its schedule.
    const stuck = {
      days: 1,
      periodsPerDay: 4,
      rooms: [{ id: 'R', capacity: 50 }],
      resources: [{ id: 'c', kind: 'class' as const }],
      classes: [{ id: 'k', minDays: 3 }],
      events: ['a', 'b', 'c'].map((id) => ({ id, classId: 'k', resources: ['c'] })),
    };
    const frozen = solve(stuck, { seed: 1, timeLimitMs: 600 });
    expect(frozen.cost.soft).toBeGreaterThan(0);
    expect(frozen.stats.runs).toBeGreaterThan(1);
    expect(solve(stuck, { seed: 1, timeLimitMs: 600, freeze: 0 }).stats.runs).toBe(1);
    // Without the min-days wish the optimum is 0: the solve stops there, with most of its
    // iteration budget and two of its three planned runs unused.
    const easy = solve({ ...stuck, classes: [{ id: 'k' }] }, { seed: 1, maxIterations: 1_000_000, restarts: 3 });
    expect(easy.cost.soft).toBe(0);
    expect(easy.stats.runs).toBe(1);
    expect(easy.stats.iterations).toBeLessThan(1_000_000 / 3);
  });

  it('breaks down the cost of a manual move by constraint and by event', () => {
    const r = solve(model, { seed: 1, maxIterations: 30_000 });
    const base = evaluateAssignment(model, r.assignment);
    expect(base.hard).toBe(0);
    expect(base.soft).toBe(r.cost.soft);
    // Move one lecture onto another one's time and room: a hard clash the breakdown names.
    const [a, b] = r.assignment;
    const moved = r.assignment.map((pl) => (pl.eventId === a.eventId ? { ...pl, day: b.day, start: b.start, roomId: b.roomId } : pl));
    const after = evaluateAssignment(model, moved);
    expect(after.hard).toBeGreaterThan(0);
    expect(after.byConstraint.conflicts).toBeGreaterThan(0);
    const ev = after.byEvent.find((e) => e.eventId === a.eventId)!;
    expect(ev.hard).toBeGreaterThan(0);
    expect(ev.byConstraint.conflicts).toBeGreaterThan(0);
    // A placement outside the allowed times is accepted and flagged, not dropped.
    // Two-period lectures may only start at even periods: start one at period 1.
    const twoPeriod = r.assignment.find((pl) => model.events.find((e) => e.id === pl.eventId)!.length === 2)!;
    const outside = r.assignment.map((pl) => (pl.eventId === twoPeriod.eventId ? { ...pl, start: 1 } : pl));
    const o = evaluateAssignment(model, outside);
    expect(o.byConstraint.unplaced).toBe(0);
    expect(o.hard).toBeGreaterThan(0);
  });
});
