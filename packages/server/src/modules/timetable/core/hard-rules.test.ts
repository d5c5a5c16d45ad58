import { describe, expect, it } from 'vitest';
import { checkHard, type CheckContext, type CheckLecture } from './hard-rules.ts';

const ALL = (1 << 16) - 1;
const ODD = 0x5555 & ALL;
const EVEN = 0xaaaa & ALL;

const ctx = (over: Partial<CheckContext> = {}): CheckContext => ({
  days: 5,
  periodsPerDay: 12,
  weeks: 16,
  rooms: new Map([
    [1, { id: 1, capacity: 60, type: 'multimedia', features: ['projector'], campusId: 1, isActive: true, unavailable: [] }],
    [
      2,
      {
        id: 2,
        capacity: 40,
        type: 'lab',
        features: [],
        campusId: 2,
        isActive: true,
        unavailable: [{ day: 3, fromPeriod: 5, toPeriod: 8 }],
      },
    ],
    [3, { id: 3, capacity: 120, type: 'multimedia', features: ['projector'], campusId: 1, isActive: true, unavailable: [] }],
  ]),
  teacherNever: new Map([[7, [{ day: 5, fromPeriod: 1, toPeriod: 4 }]]]),
  blocked: [{ id: 0, day: 3, fromPeriod: 5, toPeriod: 8, weekMask: null, appliesTo: { kind: 'all' } }],
  bookings: [{ id: 9, roomId: 3, day: 2, fromPeriod: 9, toPeriod: 10, weekMask: 1 << 4 }],
  periodStart: [480, 535, 600, 655, 840, 895, 960, 1015, 1140, 1195, 1250, 1305],
  periodEnd: [525, 580, 645, 700, 885, 940, 1005, 1060, 1185, 1240, 1295, 1350],
  travelMinutes: (a, b) => (a === b ? 0 : 40),
  links: [],
  ...over,
});

let n = 0;
const lec = (over: Partial<CheckLecture>): CheckLecture => ({
  key: `k${++n}`,
  teachingClassId: n,
  sessionIndex: 0,
  day: 1,
  startPeriod: 1,
  length: 2,
  weekMask: ALL,
  roomId: 1,
  teacherIds: [],
  adminClassIds: [],
  size: 50,
  roomType: null,
  roomFeatures: [],
  collegeId: 1,
  cohorts: [2024],
  courseCategory: 'major_core',
  ...over,
});

const rules = (ls: CheckLecture[], c = ctx()) => checkHard(ls, c).map((v) => v.rule);

describe('hard-rule checker', () => {
  it('finds a teacher in two rooms at once, but not in odd and even weeks', () => {
    expect(rules([lec({ teacherIds: [5] }), lec({ teacherIds: [5], roomId: 3, startPeriod: 2 })])).toEqual(['teacher_clash']);
    expect(rules([lec({ teacherIds: [5], weekMask: ODD }), lec({ teacherIds: [5], roomId: 3, weekMask: EVEN })])).toEqual([]);
  });

  it('lets odd and even classes share a room and a slot, and finds the clash when their weeks meet', () => {
    expect(rules([lec({ weekMask: ODD }), lec({ weekMask: EVEN })])).toEqual([]);
    const v = checkHard([lec({ weekMask: ODD }), lec({ weekMask: 1 | (1 << 1) })], ctx());
    expect(v.map((x) => [x.rule, x.weeks])).toEqual([['room_clash', [1]]]);
  });

  it('finds an admin class double-booked, back-to-back periods are fine', () => {
    expect(rules([lec({ adminClassIds: [4] }), lec({ adminClassIds: [4], roomId: 3, startPeriod: 3 })])).toEqual([]);
    expect(rules([lec({ adminClassIds: [4], length: 3 }), lec({ adminClassIds: [4], roomId: 3, startPeriod: 3 })])).toEqual([
      'class_clash',
    ]);
  });

  it('checks the room: seats, type, features, its own unavailable times, bookings', () => {
    expect(rules([lec({ size: 61 })])).toEqual(['room_capacity']);
    expect(rules([lec({ roomType: 'lab' })])).toEqual(['room_type']);
    expect(rules([lec({ roomId: 2, size: 30, roomFeatures: ['projector'] })])).toEqual(['room_features']);
    expect(rules([lec({ roomId: 2, size: 30, day: 3, startPeriod: 7 })])).toEqual(['blocked_slot', 'room_unavailable']);
    expect(rules([lec({ roomId: 3, day: 2, startPeriod: 10 })])).toEqual(['room_booked']);
    expect(rules([lec({ roomId: 3, day: 2, startPeriod: 10, weekMask: ODD & ~(1 << 4) })])).toEqual([]);
  });

  it('applies teacher never-slots, the grid and blocked slots with their exceptions', () => {
    expect(rules([lec({ teacherIds: [7], day: 5, startPeriod: 3 })])).toEqual(['teacher_unavailable']);
    expect(rules([lec({ startPeriod: 12 })])).toEqual(['outside_grid']);
    expect(rules([lec({ day: 6 })])).toEqual(['outside_grid']);
    const c = ctx({
      blocked: [{ id: 0, day: 4, fromPeriod: 5, toPeriod: 8, weekMask: null, appliesTo: { kind: 'all' }, exceptCategories: ['general'] }],
    });
    expect(rules([lec({ day: 4, startPeriod: 5 })], c)).toEqual(['blocked_slot']);
    expect(rules([lec({ day: 4, startPeriod: 5, courseCategory: 'general' })], c)).toEqual([]);
    const college = ctx({
      blocked: [{ id: 1, day: 1, fromPeriod: 1, toPeriod: 2, weekMask: null, appliesTo: { kind: 'college', ids: [2] } }],
    });
    expect(rules([lec({})], college)).toEqual([]);
    expect(rules([lec({ collegeId: 2 })], college)).toEqual(['blocked_slot']);
  });

  it('needs the travel time between campuses, and the lunch break is long enough', () => {
    const a = lec({ adminClassIds: [4], startPeriod: 1 });
    const b = lec({ adminClassIds: [4], roomId: 2, size: 30, startPeriod: 3 });
    const v = checkHard([a, b], ctx());
    expect(v.map((x) => [x.rule, x.params])).toEqual([['campus_travel', { need: 40, gap: 20, fromCampus: 1, toCampus: 2 }]]);
    expect(rules([lec({ adminClassIds: [4], startPeriod: 3 }), lec({ adminClassIds: [4], roomId: 2, size: 30, startPeriod: 5 })])).toEqual(
      [],
    );
  });

  it('reports unplaced lectures and linked classes out of step; focus limits the report', () => {
    const x = lec({ day: null, startPeriod: null });
    expect(rules([x])).toEqual(['unplaced']);
    const p = lec({ teachingClassId: 100 });
    const q = lec({ teachingClassId: 101, roomId: 3, startPeriod: 3 });
    expect(rules([p, q], ctx({ links: [{ id: 1, teachingClassIds: [100, 101] }] }))).toEqual(['linked_time']);
    const t1 = lec({ teacherIds: [5] });
    const t2 = lec({ teacherIds: [5], roomId: 3 });
    const t3 = lec({ adminClassIds: [8], roomId: 2, size: 10, day: 2 });
    const t4 = lec({ adminClassIds: [8], roomId: 3, size: 10, day: 2 });
    expect(checkHard([t1, t2, t3, t4], ctx(), { focus: new Set([t3.key]) }).map((v) => v.rule)).toEqual(['class_clash']);
  });
});
