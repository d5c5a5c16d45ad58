import { describe, expect, it } from 'vitest';
import type { TimetableModel } from '../src/model/types.ts';
import { solve } from '../src/search/solve.ts';

/** The app names the blockers from the ids in the reasons' params: they must be there. */
describe('explanations carry the ids of what blocks', () => {
  it('RESOURCE_BUSY / RESOURCES_EXCLUSIVE: the resource ids and the events occupying them', () => {
    const model: TimetableModel = {
      days: 1,
      periodsPerDay: 4,
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
        { id: 'a', resources: ['li', 'cs'], length: 2, pinned: { day: 0, start: 0 } },
        { id: 'b', resources: ['zw', 'ee'], length: 2, pinned: { day: 0, start: 2 } },
        { id: 'x', resources: ['zw', 'cs'], length: 1 },
      ],
    };
    const r = solve(model, { seed: 1, maxIterations: 10_000 });
    const [reason] = r.unplaced[0].reasons;
    expect(reason.code).toBe('RESOURCES_EXCLUSIVE');
    expect(reason.params).toMatchObject({ eventIds: ['a', 'b'] });
    expect([...(reason.params.resourceIds as string[])].sort()).toEqual(['cs', 'zw']);

    // Three resources each busy at part of the day: each reason names its resource and events.
    const three: TimetableModel = {
      ...model,
      resources: [...model.resources, { id: 'wf', name: '王芳', kind: 'teacher' }],
      events: [
        { id: 'a', resources: ['li', 'cs'], length: 1, pinned: { day: 0, start: 0 } },
        { id: 'b', resources: ['zw', 'ee'], length: 1, pinned: { day: 0, start: 1 } },
        { id: 'c', resources: ['wf'], length: 2, pinned: { day: 0, start: 2 } },
        { id: 'x', resources: ['zw', 'cs', 'wf'], length: 1 },
      ],
    };
    const r2 = solve(three, { seed: 1, maxIterations: 10_000 });
    const busy = r2.unplaced[0].reasons.filter((x) => x.code === 'RESOURCE_BUSY');
    expect(new Map(busy.map((b) => [b.params.resourceId, b.params.eventIds]))).toEqual(
      new Map<unknown, unknown>([
        ['cs', ['a']],
        ['zw', ['b']],
        ['wf', ['c']],
      ]),
    );
  });

  it('ROOMS_FULL: the candidate rooms and who holds them; NO_SUITABLE_ROOM: the nearest rooms', () => {
    const model: TimetableModel = {
      days: 1,
      periodsPerDay: 2,
      rooms: [
        { id: 'L1', capacity: 60, type: 'lab' },
        { id: 'L2', capacity: 60, type: 'lab' },
        { id: 'C1', capacity: 120, type: 'classroom' },
      ],
      resources: [
        { id: 't1', name: 'Wang', kind: 'teacher' },
        { id: 't2', name: 'Zhao', kind: 'teacher' },
        { id: 't3', name: 'Qian', kind: 'teacher' },
      ],
      events: [
        { id: 'h1', resources: ['t2'], length: 2, pinned: { day: 0, start: 0, roomId: 'L1' } },
        { id: 'h2', resources: ['t3'], length: 2, pinned: { day: 0, start: 0, roomId: 'L2' } },
        { id: 'lab', resources: ['t1'], size: 50, roomSizeHard: true, roomRequirement: { type: 'lab' } },
        { id: 'huge', resources: ['t1'], size: 90, roomSizeHard: true, roomRequirement: { type: 'lab' } },
      ],
    };
    const r = solve(model, { seed: 1, maxIterations: 10_000 });
    const byId = new Map(r.unplaced.map((u) => [u.eventId, u]));
    const full = byId.get('lab')!.reasons.find((x) => x.code === 'ROOMS_FULL')!;
    expect(full.params.roomIds).toEqual(['L1', 'L2']);
    expect(full.params.holders).toEqual([
      { roomId: 'L1', eventIds: ['h1'] },
      { roomId: 'L2', eventIds: ['h2'] },
    ]);
    const none = byId.get('huge')!.reasons[0];
    expect(none.code).toBe('NO_SUITABLE_ROOM');
    expect(none.params).toMatchObject({ type: 'lab', minSize: 90, largestCapacity: 60 });
    expect([...(none.params.nearestRoomIds as string[])].sort()).toEqual(['L1', 'L2']);
  });

  it('LINKED_TIME: a linked section must go where its partners are, and who blocks it there', () => {
    const model: TimetableModel = {
      days: 1,
      periodsPerDay: 4,
      rooms: [
        { id: 'G1', capacity: 50 },
        { id: 'G2', capacity: 50 },
        { id: 'G3', capacity: 50 },
      ],
      resources: [
        { id: 'pe1', name: '体育教师1', kind: 'teacher' },
        { id: 'pe2', name: '体育教师2', kind: 'teacher' },
      ],
      events: [
        { id: 's1', resources: ['pe1'], pinned: { day: 0, start: 1 } },
        { id: 'other', resources: ['pe2'], pinned: { day: 0, start: 1 } },
        { id: 's2', resources: ['pe2'] },
      ],
      rules: [{ kind: 'sameTime', events: ['s1', 's2'], hard: true }],
    };
    const r = solve(model, { seed: 1, maxIterations: 5_000 });
    expect(r.unplaced.map((u) => u.eventId)).toEqual(['s2']);
    const reasons = r.unplaced[0].reasons;
    expect(reasons.find((x) => x.code === 'LINKED_TIME')?.params).toEqual({ eventIds: ['s1'], day: 0, start: 1 });
    expect(reasons.find((x) => x.code === 'RESOURCE_BUSY')?.params).toMatchObject({ resourceId: 'pe2', eventIds: ['other'], of: 1 });
    expect(reasons.some((x) => x.code === 'SEARCH_LIMIT')).toBe(false);
    expect(r.unplaced[0].message.zh).toContain('星期一第2节');
  });

  it('NO_ALLOWED_TIME: the ids of the resources whose availability excludes every time', () => {
    const model: TimetableModel = {
      days: 2,
      periodsPerDay: 2,
      rooms: [{ id: 'R1', capacity: 10 }],
      resources: [{ id: 'chen', name: '陈静', kind: 'teacher', unavailable: [{ day: [0, 1] }] }],
      events: [{ id: 'x', resources: ['chen'] }],
    };
    const r = solve(model, { seed: 1, maxIterations: 1_000 });
    expect(r.unplaced[0].reasons[0]).toMatchObject({ code: 'NO_ALLOWED_TIME', params: { resourceIds: ['chen'], resources: ['陈静'] } });
  });
});
