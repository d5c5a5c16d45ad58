import { describe, expect, it } from 'vitest';
import { generateSchool } from '../src/generate/school.ts';
import { solve } from '../src/search/solve.ts';
import { resolveWithMinimalPerturbation } from '../src/mpp/resolve.ts';
import type { TimetableModel } from '../src/model/types.ts';
import { weekMask } from '../src/model/weeks.ts';

const school = (): TimetableModel =>
  generateSchool({ seed: 3, teachingClasses: 60, lectures: 150, teachers: 20, adminClasses: 8, rooms: 16, rules: 4 });

describe('minimal-perturbation re-solve', () => {
  const model = school();
  const published = solve(model, { seed: 1, maxIterations: 200_000 });

  it('a teacher away on one day in weeks 5–6 moves only a few events', () => {
    expect(published.feasible).toBe(true);
    // The teacher with most lectures on one day in weeks 5–6 is away that day in those weeks.
    // (A lecture in weeks 9–16 on that day is not in the way and need not move.)
    const numWeeks = model.weeks ?? 16;
    const away = weekMask([5, 6], numWeeks);
    const events = new Map(model.events.map((e) => [e.id, e]));
    const inTheWay = (eventId: string): boolean => (weekMask(events.get(eventId)!.weeks, numWeeks) & away) !== 0;
    const teacherDay = new Map<string, number>();
    for (const pl of published.assignment) {
      if (!inTheWay(pl.eventId)) continue;
      const t = events.get(pl.eventId)!.resources![0];
      const k = `${t}|${pl.day}`;
      teacherDay.set(k, (teacherDay.get(k) ?? 0) + 1);
    }
    const [key, forced] = [...teacherDay].sort((a, b) => b[1] - a[1])[0];
    const [teacher, day] = key.split('|');
    const changed: TimetableModel = {
      ...model,
      resources: model.resources.map((r) =>
        r.id === teacher ? { ...r, unavailable: [...(r.unavailable ?? []), { day: Number(day), weeks: [5, 6] }] } : r,
      ),
    };
    const r = resolveWithMinimalPerturbation(changed, published.assignment, { seed: 2, maxIterations: 100_000 });
    expect(r.feasible).toBe(true);
    expect(r.modelCost.hard).toBe(0);
    // Every lecture of that teacher on that day had to move; little else did.
    const movedIds = new Set(r.moved.map((m) => m.eventId));
    const mustMove = published.assignment.filter(
      (pl) => String(pl.day) === day && inTheWay(pl.eventId) && events.get(pl.eventId)!.resources![0] === teacher,
    );
    expect(mustMove).toHaveLength(forced);
    for (const pl of mustMove) expect(movedIds.has(pl.eventId)).toBe(true);
    expect(r.moved.filter((m) => m.kind !== 'room').length).toBeLessThanOrEqual(forced + 3);
    expect(r.moved.length).toBeLessThan(published.assignment.length / 10);
  });

  it('a closed room and a new class: only the room’s events and the newcomer are touched', () => {
    const used = new Map<string, number>();
    for (const pl of published.assignment) used.set(pl.roomId!, (used.get(pl.roomId!) ?? 0) + 1);
    // The smallest busy classroom: its lectures fit elsewhere (closing the only big room would not).
    const cap = new Map(model.rooms.map((r) => [r.id, r]));
    const [room, n] = [...used]
      .filter(([id]) => cap.get(id)!.type === 'classroom')
      .sort((a, b) => cap.get(a[0])!.capacity - cap.get(b[0])!.capacity)[0];
    const changed: TimetableModel = {
      ...model,
      rooms: model.rooms.map((r) => (r.id === room ? { ...r, unavailable: [{ day: [0, 1, 2, 3, 4] }] } : r)),
      events: [
        ...model.events,
        { id: 'NEW-1', resources: [model.events[0].resources![0]], length: 2, size: 20, roomRequirement: { type: 'classroom' } },
      ],
    };
    const r = resolveWithMinimalPerturbation(changed, published.assignment, { seed: 2, maxIterations: 100_000 });
    expect(r.feasible).toBe(true);
    expect(r.added.map((a) => a.eventId)).toEqual(['NEW-1']);
    expect(r.assignment.every((pl) => pl.roomId !== room)).toBe(true);
    expect(r.moved.length).toBeGreaterThanOrEqual(n);
    expect(r.moved.length).toBeLessThanOrEqual(n + 5);
  });
});
