import { describe, expect, it } from 'vitest';
import { courseRequestInput, maskToWeeks, weekCount, weekMaskOf, weeksToMask } from '@jiaowu/contracts';
import { proposeSchedule } from './offerings.values.ts';
import { nextClassCode } from './offerings.subject.ts';
import { checkSubmitRules, hoursMismatch, type SubmitFacts } from './submit-rules.ts';
import { planTermOf } from './use-cases/prefill-requests.ts';

describe('week masks', () => {
  it('encodes week w as bit w−1 and reads it back', () => {
    expect(weeksToMask([1, 2, 3])).toBe(0b111);
    expect(maskToWeeks(weeksToMask([1, 5, 16, 30]))).toEqual([1, 5, 16, 30]);
    expect(weekMaskOf({ pattern: 'all', from: 1, to: 16 })).toBe(0xffff);
    expect(maskToWeeks(weekMaskOf({ pattern: 'odd', from: 1, to: 16 }))).toEqual([1, 3, 5, 7, 9, 11, 13, 15]);
    expect(maskToWeeks(weekMaskOf({ pattern: 'even', from: 3, to: 10 }))).toEqual([4, 6, 8, 10]);
    expect(maskToWeeks(weekMaskOf({ pattern: 'custom', from: 1, to: 1, list: [2, 9, 9, 4] }))).toEqual([2, 4, 9]);
    expect(weekCount(weekMaskOf({ pattern: 'all', from: 1, to: 30 }))).toBe(30);
  });

  it('refuses empty or inverted week ranges in the request schema', () => {
    const base = { termId: 1, courseId: 1, capacity: 30, sessions: [2] };
    const err = (weeks: unknown) =>
      courseRequestInput.safeParse({ ...base, weeks }).error?.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    expect(err({ pattern: 'all', from: 10, to: 5 })).toContain('weeks.to:week_range');
    expect(err({ pattern: 'even', from: 3, to: 3 })).toContain('weeks.to:week_range');
    expect(err({ pattern: 'custom' })).toContain('weeks.list:required');
    expect(err({ pattern: 'odd', from: 1, to: 16 })).toBeUndefined();
  });

  it('requires teachers’ shares to add up to 100', () => {
    const base = { termId: 1, courseId: 1, capacity: 30, sessions: [2], weeks: { pattern: 'all' } };
    expect(
      courseRequestInput.safeParse({
        ...base,
        teachers: [
          { teacherId: 1, share: 60 },
          { teacherId: 2, share: 30 },
        ],
      }).error?.issues[0].message,
    ).toBe('shares_sum');
    expect(
      courseRequestInput.safeParse({
        ...base,
        teachers: [
          { teacherId: 1, share: 60 },
          { teacherId: 2, share: 40 },
        ],
      }).success,
    ).toBe(true);
  });
});

const facts = (over: Partial<SubmitFacts['request']> = {}, rest: Partial<Omit<SubmitFacts, 'request'>> = {}): SubmitFacts => ({
  request: {
    collegeId: 1,
    capacity: 60,
    sessions: [2, 2],
    weekMask: weekMaskOf({ pattern: 'all', from: 1, to: 16 }),
    teachers: [{ teacherId: 7, share: 100 }],
    crossCollegeNote: null,
    adminClassIds: [3],
    targetMajors: [],
    ...over,
  },
  course: { lectureHours: 48, labHours: 16, isActive: true },
  termWeeks: 18,
  teachers: [{ id: 7, name: '张伟', collegeId: 1 }],
  maxRoomCapacity: 120,
  overlapping: [],
  ...rest,
});

describe('submit rules', () => {
  it('passes a consistent request', () => {
    expect(checkSubmitRules(facts())).toEqual([]);
  });

  it('names the field of each broken rule', () => {
    const issues = checkSubmitRules(
      facts(
        { capacity: 200, sessions: [2], adminClassIds: [3], teachers: [{ teacherId: 8, share: 100 }] },
        {
          teachers: [{ id: 8, name: '王芳', collegeId: 2 }],
          overlapping: ['CS201-01'],
        },
      ),
    );
    expect(issues).toEqual([
      { field: 'teachers.0.teacherId', code: 'teacher_other_college', params: { teacher: '王芳' } },
      { field: 'capacity', code: 'capacity_above_rooms', params: { capacity: 200, maximum: 120 } },
      { field: 'sessions', code: 'hours_mismatch', params: { weekly: 2, weeks: 16, planned: 32, expected: 64 } },
      { field: 'adminClassIds', code: 'duplicate_class', params: { other: 'CS201-01' } },
    ]);
  });

  it('accepts another college’s teacher with a cross-college note; refuses no teachers, no targets, no room, retired course', () => {
    expect(
      checkSubmitRules(
        facts(
          { teachers: [{ teacherId: 8, share: 100 }], crossCollegeNote: '数学学院支援' },
          { teachers: [{ id: 8, name: '王芳', collegeId: 2 }] },
        ),
      ),
    ).toEqual([]);
    const codes = checkSubmitRules({
      ...facts({ teachers: [], adminClassIds: [] }, { maxRoomCapacity: null }),
      course: { lectureHours: 48, labHours: 16, isActive: false },
    }).map((i) => `${i.field}:${i.code}`);
    expect(codes).toEqual(['courseId:course_retired', 'teachers:required', 'adminClassIds:targets_required', 'roomType:no_suitable_room']);
  });

  it('keeps the weeks inside the term', () => {
    expect(checkSubmitRules(facts({ weekMask: weekMaskOf({ pattern: 'all', from: 5, to: 20 }) }))).toEqual([
      { field: 'weeks', code: 'too_big', params: { maximum: 18 } },
    ]);
  });

  it('tolerates small differences in hours', () => {
    const c = { lectureHours: 48, labHours: 0 };
    expect(hoursMismatch([3], weekMaskOf({ pattern: 'all', from: 1, to: 16 }), c)).toBeNull();
    expect(hoursMismatch([2, 2], weekMaskOf({ pattern: 'all', from: 1, to: 13 }), c)).toBeNull(); // 52 h
    expect(hoursMismatch([2], weekMaskOf({ pattern: 'all', from: 1, to: 16 }), c)).not.toBeNull(); // 32 h
    expect(hoursMismatch([2], 1, { lectureHours: 0, labHours: 0 })).toBeNull(); // practice-only
  });
});

describe('proposals', () => {
  it('maps a cohort and term to the plan term', () => {
    expect(planTermOf(2026, '2026-2027', 1)).toBe(1);
    expect(planTermOf(2024, '2026-2027', 1)).toBe(5);
    expect(planTermOf(2023, '2025-2026', 2)).toBe(6);
    expect(planTermOf(2020, '2026-2027', 1)).toBeNull();
    expect(planTermOf(2024, '2026-2027', 3)).toBeNull();
  });

  it('spreads a course’s hours over weekly sessions', () => {
    expect(proposeSchedule(48, 18)).toEqual({ sessions: [3], weeks: { pattern: 'all', from: 1, to: 16 } });
    expect(proposeSchedule(64, 18).sessions).toEqual([2, 2]);
    expect(proposeSchedule(80, 18).sessions).toEqual([3, 2]);
    expect(proposeSchedule(32, 18)).toEqual({ sessions: [2], weeks: { pattern: 'all', from: 1, to: 16 } });
  });

  it('numbers classes of a course in a term', () => {
    expect(nextClassCode('CS201', [])).toBe('CS201-01');
    expect(nextClassCode('CS201', ['CS201-01', 'CS201-03'])).toBe('CS201-02');
  });
});
