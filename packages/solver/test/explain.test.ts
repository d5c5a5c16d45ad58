import { describe, expect, it } from 'vitest';
import type { TimetableModel } from '../src/model/types.ts';
import { solve } from '../src/search/solve.ts';

const base = (over: Partial<TimetableModel>): TimetableModel => ({
  days: 2,
  periodsPerDay: 4,
  weeks: 16,
  rooms: [{ id: 'R1', capacity: 100 }],
  resources: [],
  events: [],
  ...over,
});

describe('explanations of unplaceable events', () => {
  it('names the teacher who teaches at every free slot of the class', () => {
    const model = base({
      days: 1,
      rooms: [
        { id: 'R1', capacity: 100 },
        { id: 'R2', capacity: 100 },
        { id: 'R3', capacity: 100 },
      ],
      resources: [
        { id: 'zw', name: '张伟', kind: 'teacher' },
        { id: 'li', name: '李娜', kind: 'teacher' },
        { id: 'cs', name: '计科2101', kind: 'class' },
        { id: 'ee', name: '电子2102', kind: 'class' },
      ],
      events: [
        // 计科2101 is busy in periods 0-1 with 李娜; 张伟 teaches 电子2102 in periods 2-3.
        { id: 'a', resources: ['li', 'cs'], length: 2, pinned: { day: 0, start: 0 } },
        { id: 'b', resources: ['zw', 'ee'], length: 2, pinned: { day: 0, start: 2 } },
        { id: 'x', name: 'Data Structures', resources: ['zw', 'cs'], length: 1 },
      ],
    });
    const r = solve(model, { seed: 1, maxIterations: 20_000 });
    expect(r.feasible).toBe(false);
    expect(r.unplaced.map((u) => u.eventId)).toEqual(['x']);
    const [u] = r.unplaced;
    expect(u.reasons).toHaveLength(1);
    expect(u.reasons[0].code).toBe('RESOURCES_EXCLUSIVE');
    expect(u.reasons[0].params.resources).toEqual(expect.arrayContaining(['张伟', '计科2101']));
    expect(u.message.en).toMatch(
      /Data Structures cannot be placed: (Teacher 张伟 is busy at every free time of class 计科2101|Class 计科2101 is busy at every free time of teacher 张伟)/,
    );
    expect(u.message.zh).toContain('张伟');
    // The rest of the timetable is kept, and it has no hard violation.
    expect(r.assignment).toHaveLength(2);
    expect(r.cost.byConstraint.conflicts).toBe(0);
  });

  it('says no lab with 60 seats is free on Tuesday', () => {
    const model = base({
      rooms: [
        { id: 'L1', capacity: 60, type: 'lab' },
        { id: 'L2', capacity: 30, type: 'lab' },
        { id: 'C1', capacity: 120, type: 'classroom' },
      ],
      resources: [
        { id: 't1', name: 'Wang', kind: 'teacher' },
        { id: 't2', name: 'Zhao', kind: 'teacher' },
      ],
      events: [
        // The only 60-seat lab is taken all Tuesday.
        { id: 'busy', resources: ['t2'], length: 4, rooms: [{ roomId: 'L1' }], pinned: { day: 1, start: 0, roomId: 'L1' } },
        {
          id: 'lab',
          name: 'Physics lab',
          resources: ['t1'],
          size: 60,
          roomSizeHard: true,
          length: 2,
          roomRequirement: { type: 'lab' },
          times: [
            { day: 1, start: 0 },
            { day: 1, start: 2 },
          ],
        },
      ],
    });
    const r = solve(model, { seed: 1, maxIterations: 20_000 });
    expect(r.unplaced).toHaveLength(1);
    const reason = r.unplaced[0].reasons.find((x) => x.code === 'ROOMS_FULL');
    expect(reason?.params).toMatchObject({ type: 'lab', minSize: 60, days: [1] });
    expect(reason?.message.en).toBe('No room of type lab with 60 seats is free on Tuesday when everyone else is.');
    expect(reason?.message.zh).toContain('星期二');
  });

  it('reports a requirement no room meets, and a time no one can make', () => {
    const model = base({
      resources: [
        { id: 't1', name: '陈静', kind: 'teacher', unavailable: [{ day: [0, 1] }] },
        { id: 't2', name: 'Sun', kind: 'teacher' },
      ],
      events: [
        { id: 'big', name: 'Big lecture', resources: ['t2'], size: 300, roomSizeHard: true },
        { id: 'away', name: 'Seminar', resources: ['t1'] },
        { id: 'ok', resources: ['t2'] },
      ],
    });
    const r = solve(model, { seed: 1, maxIterations: 20_000 });
    const byId = new Map(r.unplaced.map((u) => [u.eventId, u]));
    expect([...byId.keys()].sort()).toEqual(['away', 'big']);
    expect(byId.get('big')!.reasons[0]).toMatchObject({ code: 'NO_SUITABLE_ROOM', params: { minSize: 300 } });
    expect(byId.get('away')!.reasons[0]).toMatchObject({ code: 'NO_ALLOWED_TIME', params: { resources: ['陈静'] } });
    expect(byId.get('away')!.message.zh).toContain('陈静');
    expect(r.assignment.map((a) => a.eventId)).toEqual(['ok']);
  });
});
