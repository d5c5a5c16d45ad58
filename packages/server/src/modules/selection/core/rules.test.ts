import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SELECTION_REASON_CODES } from '@jiaowu/contracts';
import {
  checkEnrolment,
  dropProblems,
  lecturesConflict,
  missingPrerequisites,
  reservedBucketFor,
  seatsLeftFor,
  type EnrolmentContext,
  type RuleClass,
  type RuleEnrolment,
  type RuleLecture,
  type RuleRound,
  type RuleStudent,
} from './rules.ts';

const ALL = (1 << 16) - 1; // weeks 1–16
const ODD = 0x5555 & ALL;
const EVEN = 0xaaaa & ALL;
const W3_16 = ALL & ~0b11; // weeks 3–16

// Times in China time (UTC+8), as the office types them.
const at = (s: string) => new Date(`${s}+08:00`);

const student = (over: Partial<RuleStudent> = {}): RuleStudent => ({
  id: 1,
  cohort: 2023,
  majorId: 10,
  collegeId: 3,
  adminClassId: 100,
  gender: 'female',
  passedCourseCodes: new Set(['CS101', 'MA101']),
  failedCourseIds: new Set(),
  holds: [],
  ...over,
});

const roundOf = (over: Partial<RuleRound> = {}): RuleRound => ({
  name: '2025-2026-1 正选',
  mode: 'first_come',
  opensAt: at('2026-09-01T08:00:00'),
  closesAt: at('2026-09-05T17:00:00'),
  staggered: [],
  scope: null,
  isPilot: false,
  creditLimits: { minCredits: 15, maxCredits: 25, groups: [] },
  maxClasses: null,
  dropsAllowed: true,
  dropDeadline: null,
  noReselectAfterDrop: false,
  retakeModes: ['follow', 'retake_class', 'self_study'],
  ...over,
});

const lec = (day: number, startPeriod: number, length = 2, weekMask = ALL): RuleLecture => ({ day, startPeriod, length, weekMask });

const target = (over: Partial<RuleClass> = {}): RuleClass => ({
  teachingClassId: 501,
  code: 'CS301-01',
  courseId: 31,
  courseCode: 'CS301',
  courseName: '操作系统',
  courseNameEn: 'Operating Systems',
  credits: 3,
  capacity: 60,
  enrolled: 10,
  reserved: [],
  genderRestriction: null,
  lectures: [lec(2, 3)],
  isRetakeClass: false,
  prerequisites: null,
  ...over,
});

let nextId = 1;
const enrolment = (over: Partial<RuleEnrolment> = {}): RuleEnrolment => {
  const id = nextId++;
  return {
    id,
    teachingClassId: 1000 + id,
    code: `X${id}-01`,
    courseId: 2000 + id,
    courseCode: `X${id}`,
    courseName: `课程${id}`,
    credits: 2,
    lectures: [],
    status: 'enrolled',
    isRetake: false,
    retakeMode: null,
    fixed: false,
    ...over,
  };
};

const ds = () =>
  enrolment({ code: 'CS201-01', courseId: 21, courseCode: 'CS201', courseName: '数据结构', credits: 4, lectures: [lec(2, 3, 2, W3_16)] });

const ctx = (over: Partial<EnrolmentContext> = {}): EnrolmentContext => ({
  student: student(),
  round: roundOf(),
  now: at('2026-09-02T10:00:00'),
  target: target(),
  classInRound: true,
  enrolments: [],
  droppedCourseIds: new Set(),
  ...over,
});

const codes = (c: EnrolmentContext) => checkEnrolment(c).map((r) => r.code);

describe('checkEnrolment: a plain request passes', () => {
  it('an eligible student may take an open class with seats and no clash', () => {
    expect(checkEnrolment(ctx({ enrolments: [enrolment({ lectures: [lec(1, 1)] })] }))).toEqual([]);
  });
});

describe('window and staggered openings (second precision)', () => {
  const round = roundOf({ staggered: [{ cohorts: [2022], opensAt: at('2026-09-01T07:59:30') }] });
  it('the window opens on its second and closes on its second', () => {
    expect(codes(ctx({ now: at('2026-09-01T07:59:59') }))).toEqual(['window_closed']);
    expect(codes(ctx({ now: at('2026-09-01T08:00:00') }))).toEqual([]);
    expect(codes(ctx({ now: new Date(at('2026-09-05T17:00:00').getTime() - 1) }))).toEqual([]);
    const closed = checkEnrolment(ctx({ now: at('2026-09-05T17:00:00') }));
    expect(closed).toMatchObject([{ code: 'window_closed', params: { hasClosed: true } }]);
  });
  it('seniors open first: their cohort at its own second, the others at the round time', () => {
    const senior = student({ cohort: 2022 });
    expect(codes(ctx({ round, student: senior, now: at('2026-09-01T07:59:29') }))).toEqual(['window_closed']);
    expect(codes(ctx({ round, student: senior, now: at('2026-09-01T07:59:30') }))).toEqual([]);
    const junior = checkEnrolment(ctx({ round, now: at('2026-09-01T07:59:30') }));
    expect(junior).toMatchObject([{ code: 'window_closed', params: { isStaggered: false, opensAt: '2026-09-01T00:00:00.000Z' } }]);
    const early = checkEnrolment(ctx({ round, student: senior, now: at('2026-09-01T07:00:00') }));
    expect(early).toMatchObject([{ code: 'window_closed', params: { isStaggered: true, opensAt: '2026-08-31T23:59:30.000Z' } }]);
  });
});

describe('who takes part, which classes', () => {
  it('a student outside the cohorts/majors/colleges of the round is refused', () => {
    const scope = { cohorts: [2023], majorIds: [], collegeIds: [4] };
    expect(codes(ctx({ round: roundOf({ scope }) }))).toEqual(['not_in_round']);
    expect(codes(ctx({ round: roundOf({ scope: { ...scope, collegeIds: [3] } }) }))).toEqual([]);
  });
  it('a pilot round admits only its colleges', () => {
    expect(codes(ctx({ round: roundOf({ isPilot: true, scope: null }) }))).toEqual(['not_in_round']);
    expect(codes(ctx({ round: roundOf({ isPilot: true, scope: { cohorts: [], majorIds: [], collegeIds: [3] } }) }))).toEqual([]);
  });
  it('a class not open in the round is refused', () => {
    expect(codes(ctx({ classInRound: false }))).toEqual(['class_not_in_round']);
  });
});

describe('same course, passed course', () => {
  it('any class of a course already taken this term is refused, naming it', () => {
    const other = enrolment({ courseId: 31, code: 'CS301-02', courseCode: 'CS301', courseName: '操作系统', lectures: [lec(2, 3)] });
    const rs = checkEnrolment(ctx({ enrolments: [other] }));
    expect(rs).toMatchObject([{ code: 'course_already_taken', params: { other: { code: 'CS301-02' } } }]);
  });
  it('a dropped or waitlisted row of the course does not count', () => {
    const other = enrolment({ courseId: 31, status: 'dropped' });
    expect(codes(ctx({ enrolments: [other, enrolment({ courseId: 31, status: 'waitlisted' })] }))).toEqual([]);
  });
  it('a course already passed is refused', () => {
    expect(checkEnrolment(ctx({ student: student({ passedCourseCodes: new Set(['CS301']) }) }))).toMatchObject([
      { code: 'course_already_taken', params: { hasPassed: true, other: null } },
    ]);
  });
});

describe('time conflicts', () => {
  it('overlapping periods on the same day in common weeks conflict, naming the class, day, periods and weeks', () => {
    const rs = checkEnrolment(ctx({ target: target({ lectures: [lec(2, 4, 2)] }), enrolments: [ds()] }));
    expect(rs).toEqual([
      {
        code: 'time_conflict',
        params: expect.objectContaining({
          other: expect.objectContaining({ code: 'CS201-01' }),
          day: 2,
          fromPeriod: 4,
          toPeriod: 4,
          weeks: [...Array(14)].map((_, i) => i + 3),
        }),
      },
    ]);
  });
  it('odd and even weeks may share a slot; odd against all weeks does not', () => {
    const odd = enrolment({ lectures: [lec(2, 3, 2, ODD)] });
    expect(codes(ctx({ target: target({ lectures: [lec(2, 3, 2, EVEN)] }), enrolments: [odd] }))).toEqual([]);
    expect(codes(ctx({ target: target({ lectures: [lec(2, 3, 2, ALL)] }), enrolments: [odd] }))).toEqual(['time_conflict']);
  });
  it('back-to-back periods and other days do not conflict', () => {
    const e = enrolment({ lectures: [lec(2, 1, 2), lec(3, 3, 2)] });
    expect(codes(ctx({ enrolments: [e] }))).toEqual([]);
  });
  it('weeks that do not meet do not conflict (weeks 1–2 against 3–16)', () => {
    expect(codes(ctx({ target: target({ lectures: [lec(2, 3, 2, 0b11)] }), enrolments: [ds()] }))).toEqual([]);
  });
  it('one reason per conflicting class, ordered by class code', () => {
    const a = enrolment({ code: 'ZZ1-01', lectures: [lec(2, 3)] });
    const b = enrolment({ code: 'AA1-01', lectures: [lec(2, 4)] });
    const rs = checkEnrolment(ctx({ enrolments: [a, b] }));
    expect(rs.map((r) => (r.code === 'time_conflict' ? r.params.other.code : r.code))).toEqual(['AA1-01', 'ZZ1-01']);
  });
});

describe('retakes 重修', () => {
  const failed = student({ failedCourseIds: new Set([31]) });
  it('a failed course may be retaken in a regular class (跟班) despite no prerequisites check', () => {
    const t = target({ prerequisites: { course: 'CS999' } });
    expect(codes(ctx({ student: failed, target: t }))).toEqual([]);
  });
  it('a retake class is only for students who failed the course', () => {
    expect(codes(ctx({ target: target({ isRetakeClass: true }) }))).toEqual(['not_a_retake']);
    expect(codes(ctx({ student: failed, target: target({ isRetakeClass: true }) }))).toEqual([]);
  });
  it('asking for a retake mode without having failed is refused', () => {
    expect(codes(ctx({ retakeMode: 'self_study' }))).toEqual(['not_a_retake']);
  });
  it('self-study 自学 is allowed despite a time conflict; other modes are not', () => {
    const c = { student: failed, target: target({ lectures: [lec(2, 3)] }), enrolments: [ds()] };
    expect(codes(ctx({ ...c, retakeMode: 'self_study' }))).toEqual([]);
    expect(codes(ctx({ ...c, retakeMode: 'follow' }))).toEqual(['time_conflict']);
  });
  it('a self-study enrolment does not block a later class at its time', () => {
    const selfStudy = enrolment({ lectures: [lec(2, 3)], isRetake: true, retakeMode: 'self_study' });
    expect(codes(ctx({ enrolments: [selfStudy] }))).toEqual([]);
  });
  it('a mode the round does not allow, or one that does not fit the class, is refused', () => {
    const round = roundOf({ retakeModes: ['follow'] });
    expect(checkEnrolment(ctx({ student: failed, round, retakeMode: 'self_study' }))).toMatchObject([
      { code: 'retake_mode_not_allowed', params: { mode: 'self_study', isClassMismatch: false } },
    ]);
    expect(checkEnrolment(ctx({ student: failed, retakeMode: 'retake_class' }))).toMatchObject([
      { code: 'retake_mode_not_allowed', params: { isClassMismatch: true } },
    ]);
  });
});

describe('seats and reserved seats 预留名额', () => {
  it('a full class is refused; the last seat is taken', () => {
    expect(codes(ctx({ target: target({ capacity: 60, enrolled: 60 }) }))).toEqual(['class_full']);
    expect(codes(ctx({ target: target({ capacity: 60, enrolled: 59 }) }))).toEqual([]);
  });
  const bucket = { seats: 5, taken: 2, kind: 'major' as const, value: 77, label: '软件工程', until: at('2026-09-03T00:00:00') };
  const almost = target({ capacity: 60, enrolled: 57, reserved: [bucket] }); // 3 left, all reserved for major 77
  it('seats still reserved for another major are not for this student until they are released', () => {
    const rs = checkEnrolment(ctx({ target: almost }));
    expect(rs).toMatchObject([{ code: 'reserved_seats', params: { groups: ['软件工程'], until: '2026-09-02T16:00:00.000Z' } }]);
    expect(seatsLeftFor(student(), almost, at('2026-09-02T10:00:00'))).toBe(0);
  });
  it('after `until` the reserved seats are everybody’s', () => {
    expect(codes(ctx({ target: almost, now: at('2026-09-03T00:00:00') }))).toEqual([]);
    expect(seatsLeftFor(student(), almost, at('2026-09-03T00:00:00'))).toBe(3);
  });
  it('a student of the reserved major may take a reserved seat, and it counts against the bucket', () => {
    const sw = student({ majorId: 77 });
    expect(codes(ctx({ student: sw, target: almost }))).toEqual([]);
    expect(reservedBucketFor(sw, almost, at('2026-09-02T10:00:00'))).toBe(0);
    expect(reservedBucketFor(student(), almost, at('2026-09-02T10:00:00'))).toBeNull();
  });
  it('a lottery round takes choices beyond the seats (seats are drawn at close)', () => {
    expect(codes(ctx({ round: roundOf({ mode: 'lottery' }), target: target({ enrolled: 60 }) }))).toEqual([]);
  });
});

describe('credit and class limits', () => {
  const many = [enrolment({ credits: 10 }), enrolment({ credits: 10 }), enrolment({ credits: 4.5 })]; // 24.5
  it('refuses past the maximum with the current total, the class and the limit; exactly at the limit passes', () => {
    expect(checkEnrolment(ctx({ enrolments: many }))).toEqual([{ code: 'credit_limit', params: { current: 24.5, credits: 3, max: 25 } }]);
    expect(codes(ctx({ enrolments: many, target: target({ credits: 0.5 }) }))).toEqual([]);
  });
  it('a group limit replaces the default; an approved raise replaces both', () => {
    const round = roundOf({
      creditLimits: {
        minCredits: 15,
        maxCredits: 25,
        groups: [{ label: '2023级', cohorts: [2023], majorIds: [], collegeIds: [], minCredits: 10, maxCredits: 30 }],
      },
    });
    expect(codes(ctx({ round, enrolments: many }))).toEqual([]);
    expect(codes(ctx({ student: student({ approvedMaxCredits: 28 }), enrolments: many }))).toEqual([]);
  });
  it('the class count is limited', () => {
    const round = roundOf({ maxClasses: 3, creditLimits: { minCredits: null, maxCredits: null, groups: [] } });
    expect(checkEnrolment(ctx({ round, enrolments: many }))).toEqual([{ code: 'class_limit', params: { current: 3, max: 3 } }]);
    expect(codes(ctx({ round, enrolments: many.slice(1) }))).toEqual([]);
  });
});

describe('prerequisites, holds, gender, drops in the round', () => {
  it('names only the prerequisites still missing', () => {
    const prerequisites = {
      op: 'all' as const,
      items: [{ course: 'CS101' }, { op: 'any' as const, items: [{ course: 'CS201' }, { course: 'CS202' }] }],
    };
    const rs = checkEnrolment(ctx({ target: target({ prerequisites, prerequisiteNames: { CS201: { name: '数据结构' } } }) }));
    expect(rs).toMatchObject([
      { code: 'prerequisite_missing', params: { missing: prerequisites.items[1], names: { CS201: { name: '数据结构' } } } },
    ]);
    expect(codes(ctx({ student: student({ passedCourseCodes: new Set(['CS101', 'CS202']) }), target: target({ prerequisites }) }))).toEqual(
      [],
    );
  });
  it('each hold refuses with its reason', () => {
    expect(checkEnrolment(ctx({ student: student({ holds: [{ reason: '未缴学费' }] }) }))).toEqual([
      { code: 'hold', params: { reason: '未缴学费' } },
    ]);
  });
  it('a men-only section refuses a woman and a student of unknown gender', () => {
    expect(codes(ctx({ target: target({ genderRestriction: 'male' }) }))).toEqual(['gender_restricted']);
    expect(codes(ctx({ student: student({ gender: null }), target: target({ genderRestriction: 'male' }) }))).toEqual([
      'gender_restricted',
    ]);
    expect(codes(ctx({ target: target({ genderRestriction: 'female' }) }))).toEqual([]);
  });
  it('a course dropped in the round is refused only when the office says so', () => {
    const dropped = new Set([31]);
    expect(codes(ctx({ droppedCourseIds: dropped }))).toEqual([]);
    expect(codes(ctx({ droppedCourseIds: dropped, round: roundOf({ noReselectAfterDrop: true }) }))).toEqual(['dropped_in_round']);
  });
  it('several refusals come in the order of the reason codes', () => {
    const rs = codes(
      ctx({
        now: at('2026-09-06T00:00:00'),
        student: student({ holds: [{ reason: '欠费' }], gender: 'male' }),
        target: target({ enrolled: 60, genderRestriction: 'female', lectures: [lec(2, 3)] }),
        enrolments: [ds()],
      }),
    );
    expect(rs).toEqual(['window_closed', 'time_conflict', 'class_full', 'hold', 'gender_restricted']);
    const idx = rs.map((c) => SELECTION_REASON_CODES.indexOf(c));
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
  });
});

describe('swap A → B', () => {
  it('B is checked as if A were dropped: A’s time, credits and count no longer count', () => {
    const a = enrolment({ code: 'CS301-02', courseId: 31, courseCode: 'CS301', credits: 3, lectures: [lec(2, 3)] });
    const full = [a, enrolment({ credits: 22 })];
    expect(codes(ctx({ enrolments: full }))).toEqual(['course_already_taken', 'credit_limit']);
    expect(codes(ctx({ enrolments: full, replacing: a.id }))).toEqual([]);
  });
  it('a swap that drops a fixed course or misses the drop deadline is refused', () => {
    const a = enrolment({ fixed: true });
    expect(checkEnrolment(ctx({ enrolments: [a], replacing: a.id }))).toMatchObject([{ code: 'drops_closed', params: { cause: 'fixed' } }]);
    expect(codes(ctx({ enrolments: [a], replacing: a.id, byOffice: true }))).toEqual([]);
    const b = enrolment();
    const round = roundOf({ dropDeadline: at('2026-09-02T00:00:00') });
    expect(codes(ctx({ round, enrolments: [b], replacing: b.id }))).toEqual(['drops_closed']);
  });
});

describe('dropProblems', () => {
  const base = { student: student(), round: roundOf({ dropDeadline: at('2026-09-03T12:00:00') }), enrolment: enrolment() };
  it('drops are allowed before the deadline and refused from its second on', () => {
    expect(dropProblems({ ...base, now: at('2026-09-03T11:59:59') })).toEqual([]);
    expect(dropProblems({ ...base, now: at('2026-09-03T12:00:00') })).toMatchObject([
      { code: 'drops_closed', params: { cause: 'deadline' } },
    ]);
  });
  it('a round without drops refuses them; outside the window too', () => {
    expect(dropProblems({ ...base, round: roundOf({ dropsAllowed: false }), now: at('2026-09-02T00:00:00') })).toMatchObject([
      { code: 'drops_closed', params: { cause: 'not_allowed' } },
    ]);
    expect(dropProblems({ ...base, now: at('2026-09-06T00:00:00') }).map((r) => r.code)).toContain('window_closed');
  });
  it('a fixed pre-enrolled course is dropped only by the office', () => {
    const fixed = { ...base, enrolment: enrolment({ fixed: true }), now: at('2026-09-02T00:00:00') };
    expect(dropProblems(fixed)).toMatchObject([{ code: 'drops_closed', params: { cause: 'fixed' } }]);
    expect(dropProblems({ ...fixed, byOffice: true })).toEqual([]);
  });
});

describe('missingPrerequisites', () => {
  it('an any-of group is satisfied by one passed course; an all-of group lists what is missing', () => {
    const e = {
      op: 'all' as const,
      items: [{ course: 'A' }, { course: 'B' }, { op: 'any' as const, items: [{ course: 'C' }, { course: 'D' }] }],
    };
    expect(missingPrerequisites(e, new Set(['A', 'D']))).toEqual({ course: 'B' });
    expect(missingPrerequisites(e, new Set(['A', 'B', 'C']))).toBeNull();
    expect(missingPrerequisites(e, new Set())).toEqual(e);
  });
});

// ---------------------------------------------------------------- properties

const lectureArb = fc.record({
  day: fc.integer({ min: 1, max: 7 }),
  startPeriod: fc.integer({ min: 1, max: 12 }),
  length: fc.integer({ min: 1, max: 4 }),
  weekMask: fc.oneof(fc.constantFrom(ALL, ODD, EVEN, W3_16, 0b1), fc.integer({ min: 1, max: ALL })),
});
const lecturesArb = fc.array(lectureArb, { minLength: 0, maxLength: 4 });

/** Every (week, day, period) a set of lectures occupies. */
const cells = (ls: readonly RuleLecture[]) => {
  const out = new Set<string>();
  for (const l of ls)
    for (let w = 1; w <= 16; w++) {
      if (!((l.weekMask >>> (w - 1)) & 1)) continue;
      for (let p = l.startPeriod; p < l.startPeriod + l.length; p++) out.add(`${w}/${l.day}/${p}`);
    }
  return out;
};

describe('properties', () => {
  it('lecturesConflict is symmetric and equals a brute-force week × day × period check', () => {
    fc.assert(
      fc.property(lecturesArb, lecturesArb, (a, b) => {
        const ca = cells(a);
        const brute = [...cells(b)].some((c) => ca.has(c));
        expect(lecturesConflict(a, b)).toBe(brute);
        expect(lecturesConflict(b, a)).toBe(brute);
      }),
      { numRuns: 500 },
    );
  });

  const enrolmentArb = fc.record({
    credits: fc.integer({ min: 1, max: 60 }).map((t) => t / 10 + 0.5),
    lectures: lecturesArb,
    courseId: fc.integer({ min: 30, max: 40 }),
  });
  it('adding an enrolment never makes a refused request pass (conflict, credits, count, course)', () => {
    fc.assert(
      fc.property(
        fc.array(enrolmentArb, { maxLength: 6 }),
        enrolmentArb,
        lecturesArb,
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 8 }),
        (before, extra, targetLectures, maxTenths, maxClasses) => {
          const round = roundOf({ maxClasses, creditLimits: { minCredits: null, maxCredits: maxTenths / 2, groups: [] } });
          const mk = (e: typeof extra) => enrolment({ credits: e.credits, lectures: e.lectures, courseId: e.courseId });
          const rows = before.map(mk);
          const t = target({ lectures: targetLectures, credits: 2 });
          const r1 = checkEnrolment(ctx({ round, target: t, enrolments: rows }));
          const r2 = checkEnrolment(ctx({ round, target: t, enrolments: [...rows, mk(extra)] }));
          if (r1.length > 0) expect(r2.length).toBeGreaterThan(0);
          // Each rule that refused still refuses.
          const limited = ['time_conflict', 'credit_limit', 'class_limit', 'course_already_taken'] as const;
          for (const c of limited) if (r1.some((r) => r.code === c)) expect(r2.map((r) => r.code)).toContain(c);
        },
      ),
      { numRuns: 300 },
    );
  });
});
