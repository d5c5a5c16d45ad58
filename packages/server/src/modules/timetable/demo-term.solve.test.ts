// The demo term is solvable: its teaching classes, read from the seeded database, go into the
// solver the simple way (one event per weekly session; resources = teachers and admin classes;
// rooms by type, features and capacity; blocked slots, teachers' "never" slots and links as hard
// rules) and come out with every lecture placed and no hard violation, which the app's own
// checker confirms (travel between campuses aside: the solver's search does not honour it yet).
// The solver reaches feasibility towards the end of its annealing schedule, so the budget is
// 60 s (DEMO_SOLVE_MS to change it; 20 s sufficed on a quiet machine). The real translation is
// the timetable module's (solver-model.ts); this one only proves the data leaves room to work.
import { weeksOfMask } from '@jiaowu/contracts';
import { solve, type SolverEvent, type TimeCandidate, type TimetableModel } from '@jiaowu/solver';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { checkHard } from './core/hard-rules.ts';
import { checkContextOf, lecturesOfClass, loadTermFacts, toCheckLecture, type TermFacts } from './term-facts.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** Half-days a lecture stays within: morning 1–4, afternoon 5–8, evening 9–12. */
const HALVES = [
  [1, 4],
  [5, 8],
  [9, 12],
] as const;

function simpleModel(facts: TermFacts): TimetableModel {
  const blocked = facts.settings.blockedSlots;
  const campus = (id: number) => `c${id}`;
  const events: SolverEvent[] = [];
  for (const c of facts.classes.values()) {
    const exempt = (s: (typeof blocked)[number]) => s.exceptCategories?.includes(c.course.category) ?? false;
    const times = (length: number): TimeCandidate[] => {
      const out: TimeCandidate[] = [];
      for (let day = 1; day <= facts.grid.daysPerWeek; day++)
        for (const [from, to] of HALVES)
          for (let start = from; start + length - 1 <= to; start++) {
            const end = start + length - 1;
            if (blocked.some((s) => s.day === day && !exempt(s) && s.fromPeriod <= end && start <= s.toPeriod)) continue;
            out.push({ day: day - 1, start: start - 1, penalty: start >= 9 ? 3 : 0 });
          }
      return out;
    };
    c.sessions.forEach((length, i) =>
      events.push({
        id: `${c.id}:${i}`,
        classId: String(c.id),
        length,
        weeks: weeksOfMask(c.weekMask),
        size: c.capacity,
        resources: [...c.teacherIds.map((t) => `t${t}`), ...c.adminClassIds.map((a) => `a${a}`)],
        times: times(length),
        roomRequirement: { type: c.roomType ?? undefined, features: c.roomFeatures, minCapacity: c.capacity },
        roomSizeHard: true,
      }),
    );
  }
  const never = new Map<number, { day: number; start: number; length: number }[]>();
  for (const b of facts.teacherBlocks)
    if (b.kind === 'never')
      (never.get(b.teacherId) ?? never.set(b.teacherId, []).get(b.teacherId)!).push({
        day: b.day - 1,
        start: b.fromPeriod - 1,
        length: b.toPeriod - b.fromPeriod + 1,
      });
  const teacherIds = new Set([...facts.classes.values()].flatMap((c) => c.teacherIds));
  const adminIds = new Set([...facts.classes.values()].flatMap((c) => c.adminClassIds));
  return {
    name: 'demo term',
    days: facts.grid.daysPerWeek,
    periodsPerDay: facts.grid.periodsPerDay,
    weeks: facts.grid.weeks,
    rooms: [...facts.rooms.values()]
      .filter((r) => r.isActive)
      .map((r) => ({
        id: String(r.id),
        capacity: r.capacity,
        type: r.type,
        features: r.features,
        building: String(r.buildingId),
        campus: campus(r.campusId),
        unavailable: r.unavailable.map((s) => ({ day: s.day - 1, start: s.fromPeriod - 1, length: s.toPeriod - s.fromPeriod + 1 })),
      })),
    resources: [
      ...[...teacherIds].map((id) => ({ id: `t${id}`, kind: 'teacher' as const, unavailable: never.get(id) })),
      ...[...adminIds].map((id) => ({ id: `a${id}`, kind: 'class' as const, compact: true })),
    ],
    classes: [...facts.classes.values()].map((c) => ({ id: String(c.id), minDays: c.sessions.length })),
    events,
    rules: facts.links.map((l) => ({
      id: `link${l.id}`,
      kind: 'sameTime' as const,
      hard: true,
      events: l.teachingClassIds.map((id) => `${id}:0`),
    })),
    travel: {
      periodStart: facts.grid.periodStart,
      periodEnd: facts.grid.periodEnd,
      minutes: facts.settings.campusTravel.map((t) => ({ a: campus(t.campusA), b: campus(t.campusB), minutes: t.minutes })),
    },
  };
}

describe('the demo term is solvable', () => {
  it('places every lecture of the current term without a hard violation (solver and checker agree)', async () => {
    const terms = (await ctx.db.execute(sql`select id from terms where is_current`)) as unknown as { rows: { id: number }[] };
    const [{ id: termId }] = terms.rows;
    const facts = await loadTermFacts(ctx.db, termId);
    const model = simpleModel(facts);
    const result = solve(model, { seed: 1, timeLimitMs: Number(process.env.DEMO_SOLVE_MS ?? 60_000) });
    console.info(
      `demo term solve: ${facts.classes.size} teaching classes, ${model.events.length} lectures, ` +
        `unplaced ${result.unplaced.length}, hard ${result.cost.hard}, soft ${result.cost.soft}, ` +
        `first feasible ${result.stats.firstFeasibleMs} ms, elapsed ${result.stats.elapsedMs} ms`,
    );
    // The app's checker on the same timetable (its rules by count, for the log).
    const placement = new Map(result.assignment.map((p) => [p.eventId, p]));
    const lectures = [...facts.classes.values()].flatMap((c) =>
      lecturesOfClass(c).flatMap((l) => {
        const p = placement.get(l.lectureKey);
        if (!p) return [];
        const day = (Array.isArray(p.day) ? p.day[0] : p.day) + 1;
        return [toCheckLecture({ ...l, day, startPeriod: p.start + 1, roomId: Number(p.roomId) }, facts)];
      }),
    );
    const violations = checkHard(lectures, checkContextOf(facts));
    const byRule = new Map<string, number>();
    for (const v of violations) byRule.set(v.rule, (byRule.get(v.rule) ?? 0) + 1);
    // The solver declares the travel rule between campuses but its search does not honour it
    // yet (see @jiaowu/solver): those are counted, every other hard rule must hold.
    console.info(`checker: ${JSON.stringify(Object.fromEntries(byRule))} (campus_travel: the solver's search ignores travel so far)`);
    expect(result.unplaced.map((u) => u.eventId)).toEqual([]);
    expect(result.cost.hard).toBe(0);
    expect(violations.filter((v) => v.rule !== 'campus_travel')).toEqual([]);
  }, 300_000);
});
