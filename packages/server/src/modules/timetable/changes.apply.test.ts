import { maskOfWeeks, weeksOfMask } from '@jiaowu/contracts';
import { describe, expect, it } from 'vitest';
import { applyChange, permanentWeeks } from './changes.apply.ts';
import type { VersionLecture } from './versions.repository.ts';

const lecture: VersionLecture = {
  lectureKey: '7:0',
  teachingClassId: 7,
  sessionIndex: 0,
  day: 1,
  startPeriod: 3,
  length: 2,
  weekMask: maskOfWeeks([1, 2, 3, 4, 5, 6, 7, 8]),
  roomId: 11,
  teacherIds: [5, 6],
};
const other: VersionLecture = { ...lecture, lectureKey: '8:0', teachingClassId: 8, day: 2 };
const base = { id: 42, lectureKey: '7:0', substituteTeacherId: null, teacherId: 5 };

describe('applying a change to the timetable', () => {
  it('a move splits the lecture by weeks: the moved weeks become a lecture of their own', () => {
    const { lectures, newKeys } = applyChange([lecture, other], {
      ...base,
      kind: 'move',
      weekMask: maskOfWeeks([3]),
      targets: [{ day: 5, startPeriod: 1, roomId: 12, weekMask: maskOfWeeks([3]) }],
    });
    expect(newKeys).toEqual(['7:0/c42']);
    expect(weeksOfMask(lectures.find((l) => l.lectureKey === '7:0')!.weekMask)).toEqual([1, 2, 4, 5, 6, 7, 8]);
    expect(lectures.find((l) => l.lectureKey === '7:0/c42')).toMatchObject({
      day: 5,
      startPeriod: 1,
      roomId: 12,
      length: 2,
      kind: 'regular',
    });
    expect(lectures.find((l) => l.lectureKey === '8:0')).toEqual(other);
  });

  it('a cancellation keeps the make-ups as 补课 lectures; all weeks cancelled removes the lecture', () => {
    const all = lecture.weekMask;
    const { lectures, newKeys } = applyChange([lecture], {
      ...base,
      kind: 'cancel',
      weekMask: all,
      targets: [
        { day: 6, startPeriod: 1, roomId: 12, weekMask: maskOfWeeks([9]) },
        { day: 6, startPeriod: 3, roomId: 12, weekMask: maskOfWeeks([10]) },
      ],
    });
    expect(lectures.some((l) => l.lectureKey === '7:0')).toBe(false);
    expect(newKeys).toEqual(['7:0/c42-1', '7:0/c42-2']);
    expect(lectures.every((l) => l.kind === 'makeup')).toBe(true);
  });

  it('a substitute 代课 replaces the applicant in those weeks only, at the same place', () => {
    const { lectures } = applyChange([lecture], {
      ...base,
      kind: 'substitute',
      weekMask: maskOfWeeks([2]),
      targets: [],
      substituteTeacherId: 9,
    });
    const sub = lectures.find((l) => l.lectureKey === '7:0/c42')!;
    expect(sub).toMatchObject({ day: 1, startPeriod: 3, roomId: 11, teacherIds: [9, 6], kind: 'substitute' });
    expect(weeksOfMask(sub.weekMask)).toEqual([2]);
  });

  it('a permanent change takes every week of the lecture from the first one named', () => {
    expect(weeksOfMask(permanentWeeks(maskOfWeeks([1, 3, 5, 7, 9]), [4]))).toEqual([5, 7, 9]);
  });
});
