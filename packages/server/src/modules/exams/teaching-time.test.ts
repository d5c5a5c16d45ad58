import { describe, expect, it } from 'vitest';
import { homeBuildings } from './home-building.ts';
import { blockedDuring, lecturesDuring, teachingSlotOf } from './teaching-time.ts';

// Term from Wednesday 2026-09-09 (week 1 is that week, from Monday 09-07), 16 weeks; periods 1–4.
const term = {
  startDate: '2026-09-09',
  weeks: 16,
  periods: [
    { period: 1, startsAt: '08:00', endsAt: '08:45' },
    { period: 2, startsAt: '08:55', endsAt: '09:40' },
    { period: 3, startsAt: '10:00', endsAt: '10:45' },
    { period: 4, startsAt: '10:55', endsAt: '11:40' },
  ],
};
const lecture = (id: number, day: number, startPeriod: number, weekMask: number) => ({
  teachingClassId: id,
  day,
  startPeriod,
  length: 2,
  weekMask,
  teacherIds: [100 + id],
});

describe('exams in teaching weeks', () => {
  it('dates a session by teaching week and weekday from the Monday of the first week', () => {
    expect(teachingSlotOf(term, '2026-09-07')).toEqual({ week: 1, day: 1 });
    expect(teachingSlotOf(term, '2026-09-16')).toEqual({ week: 2, day: 3 });
    expect(teachingSlotOf(term, '2026-09-06')).toBeNull();
    expect(teachingSlotOf(term, '2026-12-28')).toBeNull(); // week 17
  });

  it('finds the lectures overlapping a session, honouring odd and even weeks and clock times', () => {
    const odd = 0x55555555; // weeks 1, 3, 5…
    const lectures = [lecture(1, 3, 1, odd), lecture(2, 3, 1, ~odd), lecture(3, 3, 3, -1), lecture(4, 4, 1, -1)];
    // Wednesday of week 3 (odd), 09:00–10:30: class 1 (08:00–09:40) and class 3 (10:00–11:40).
    const s = { id: 1, date: '2026-09-23', startMin: 540, endMin: 630 };
    // The same slot in week 4 (even): class 2 instead of 1; a session ending as the lecture starts does not clash.
    const even = { id: 2, date: '2026-09-30', startMin: 540, endMin: 600 };
    const out = lecturesDuring([s, even, { id: 3, date: '2027-01-20', startMin: 540, endMin: 630 }], term, lectures);
    expect(out.get(1)!.map((l) => l.teachingClassId)).toEqual([1, 3]);
    expect(out.get(2)!.map((l) => l.teachingClassId)).toEqual([2]);
    expect(out.has(3)).toBe(false);
  });

  it('blocks a teacher whose weekly blocked periods meet the session', () => {
    const s = { id: 5, date: '2026-09-24', startMin: 600, endMin: 720 }; // Thursday 10:00–12:00
    const out = blockedDuring([s], term, [
      { teacherId: 7, day: 4, fromPeriod: 4, toPeriod: 4 },
      { teacherId: 8, day: 4, fromPeriod: 1, toPeriod: 2 },
      { teacherId: 9, day: 5, fromPeriod: 1, toPeriod: 4 },
    ]);
    expect([...out.get(5)!]).toEqual([7]);
  });

  it('takes an exam’s home building from where its classes are taught, else its college’s', () => {
    const rooms = new Map([
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
    const lectures = [
      { teachingClassId: 1, roomId: 1, length: 2 },
      { teachingClassId: 1, roomId: 2, length: 4 },
      { teachingClassId: 2, roomId: 3, length: 2 },
      { teachingClassId: 3, roomId: 3, length: 2 },
    ];
    const colleges = new Map([
      [1, 5],
      [2, 6],
      [3, 6],
    ]);
    const homes = homeBuildings(
      [
        { examId: 1, collegeId: 5, classIds: [1] },
        { examId: 2, collegeId: 6, classIds: [9] },
        { examId: 3, collegeId: 7, classIds: [] },
      ],
      lectures,
      rooms,
      colleges,
    );
    expect(homes.get(1)).toBe(20);
    expect(homes.get(2)).toBe(30);
    expect(homes.has(3)).toBe(false);
  });
});
