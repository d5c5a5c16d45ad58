import { describe, expect, it } from 'vitest';
import { generateSchoolTerm } from '../src/generate/school-term.ts';
import { evaluateAssignment } from '../src/eval/breakdown.ts';
import { solve } from '../src/search/solve.ts';
import { weekMask } from '../src/model/weeks.ts';

describe('generated university term', () => {
  it('has the shape of the demo term: merged classes, labs on odd/even weeks, linked PE, two campuses, blocked Wednesday afternoon', () => {
    const m = generateSchoolTerm({ seed: 11 });
    expect(m.resources.filter((r) => r.kind === 'class')).toHaveLength(108);
    expect(m.classes!.length).toBeGreaterThanOrEqual(600);
    expect(m.classes!.length).toBeLessThanOrEqual(900);
    expect(m.events.length).toBeGreaterThanOrEqual(1200);
    expect(m.events.every((e) => (e.length ?? 1) >= 2 && (e.length ?? 1) <= 4)).toBe(true);
    expect(new Set(m.rooms.map((r) => r.type)).size).toBe(5);
    expect(new Set(m.rooms.map((r) => r.campus))).toEqual(new Set(['east', 'west']));
    expect(m.travel?.minutes).toEqual([{ a: 'east', b: 'west', minutes: 30 }]);
    const adminIds = new Set(m.resources.filter((r) => r.kind === 'class').map((r) => r.id));
    expect(m.events.some((e) => e.resources!.filter((r) => adminIds.has(r)).length >= 3)).toBe(true); // 合班
    const labs = m.events.filter((e) => e.roomRequirement?.type === 'lab');
    const odd = weekMask('odd', 18);
    expect(labs.some((e) => (weekMask(e.weeks, 18) & ~odd) === 0)).toBe(true);
    expect(labs.some((e) => (weekMask(e.weeks, 18) & odd) === 0)).toBe(true);
    expect(m.rules!.every((r) => r.kind === 'sameTime' && r.hard && r.events.length === 3)).toBe(true);
    expect(m.resources.every((r) => r.kind === 'other' || r.unavailable?.some((u) => u.day === 2 && u.start === 4))).toBe(true);
  });

  it('solves feasibly with a small iteration budget, identically for a seed, with no travel clash and linked sections together', () => {
    const m = generateSchoolTerm({ seed: 3, colleges: 3, electives: 60 });
    const a = solve(m, { seed: 5, maxIterations: 20_000 });
    expect(a.unplaced).toEqual([]);
    expect(a.feasible).toBe(true);
    // Checked from the assignment alone, not the search state.
    const check = evaluateAssignment(m, a.assignment);
    expect(check.hard).toBe(0);
    expect(check.byConstraint.campusTravel).toBe(0);
    const at = new Map(a.assignment.map((pl) => [pl.eventId, `${JSON.stringify(pl.day)}@${pl.start}`]));
    for (const rule of m.rules!) expect(new Set(rule.events.map((id) => at.get(id))).size).toBe(1);
    const b = solve(m, { seed: 5, maxIterations: 20_000 });
    expect(b.assignment).toEqual(a.assignment);
    expect(b.cost).toEqual(a.cost);
  });
});
