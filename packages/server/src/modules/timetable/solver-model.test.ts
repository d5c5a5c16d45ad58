import { describe, expect, it } from 'vitest';
import { maskOfWeeks, timetableWeights, changeRules, type BlockedSlotInput } from '@jiaowu/contracts';
import { solve } from '@jiaowu/solver';
import { checkHard } from './core/hard-rules.ts';
import { solveTermLectures, verifyWithChecker } from './solve-run.ts';
import { allowedStarts, assignmentOfLectures, buildSolverModel, lecturesFromAssignment, type ModelLecture } from './solver-model.ts';
import { checkContextOf, lecturesOfClass, toCheckLecture, type ClassFacts, type TermFacts } from './term-facts.ts';

const clock = (h: number, m: number) => h * 60 + m;
/** 10 periods: 1-4 morning (two pairs), 5-8 afternoon, 9-10 evening; breaks between. */
const PERIODS = [
  [8, 0, 8, 45],
  [8, 55, 9, 40],
  [10, 0, 10, 45],
  [10, 55, 11, 40],
  [14, 0, 14, 45],
  [14, 55, 15, 40],
  [16, 0, 16, 45],
  [16, 55, 17, 40],
  [19, 0, 19, 45],
  [19, 55, 20, 40],
];

type ClassInput = Partial<ClassFacts> & { id: number };

function facts(
  over: {
    classes?: ClassInput[];
    blockedSlots?: BlockedSlotInput[];
    teacherBlocks?: { teacherId: number; kind: string; day: number; fromPeriod: number; toPeriod: number }[];
    links?: number[][];
    campusTravel?: { campusA: number; campusB: number; minutes: number }[];
    rooms?: { id: number; capacity: number; type: string; campusId?: number; features?: string[] }[];
  } = {},
): TermFacts {
  const rooms = (
    over.rooms ?? [
      { id: 1, capacity: 60, type: 'multimedia' },
      { id: 2, capacity: 120, type: 'lecture' },
      { id: 3, capacity: 40, type: 'lab', features: ['projector'] },
    ]
  ).map(
    (r) =>
      [
        r.id,
        {
          id: r.id,
          code: `R${r.id}`,
          name: `教室${r.id}`,
          type: r.type,
          capacity: r.capacity,
          features: r.features ?? [],
          unavailable: [],
          isActive: true,
          buildingId: r.campusId ?? 1,
          buildingName: 'A',
          campusId: r.campusId ?? 1,
          campusName: '主校区',
        },
      ] as const,
  );
  const classes = (over.classes ?? []).map(
    ({ id, ...c }) =>
      [
        id,
        {
          id,
          code: `C${id}`,
          courseId: id,
          collegeId: 1,
          teacherIds: [100 + id],
          capacity: 50,
          adminClassIds: [],
          targetMajors: [],
          sessions: [2],
          weekMask: maskOfWeeks([...Array(16).keys()].map((i) => i + 1)),
          roomType: null,
          roomFeatures: [],
          timeWishes: [],
          cohorts: [2024],
          course: { id, code: `K${id}`, name: `课程${id}`, nameEn: null, category: 'major_core', assessment: 'exam', departmentId: 1 },
          ...c,
        },
      ] as const,
  );
  return {
    termId: 1,
    grid: {
      id: 1,
      code: 'T',
      name: 'T',
      startDate: '2026-09-07',
      weeks: 16,
      daysPerWeek: 5,
      periodsPerDay: 10,
      periods: PERIODS.map((p, i) => ({ period: i + 1, startsAt: '', endsAt: '' })),
      periodStart: PERIODS.map(([h, m]) => clock(h, m)),
      periodEnd: PERIODS.map(([, , h, m]) => clock(h, m)),
    },
    rooms: new Map(rooms),
    adminClasses: new Map([
      [1, { id: 1, code: 'CS2401', name: '计科2401', majorId: 1, cohort: 2024, collegeId: 1 }],
      [2, { id: 2, code: 'CS2402', name: '计科2402', majorId: 1, cohort: 2024, collegeId: 1 }],
    ]),
    teachers: new Map(
      [...Array(20).keys()].map((i) => [100 + i, { id: 100 + i, code: `T${i}`, name: `老师${i}`, collegeId: 1, status: 'active' }]),
    ),
    classes: new Map(classes),
    settings: {
      version: 1,
      weights: timetableWeights.parse({}),
      blockedSlots: over.blockedSlots ?? [],
      campusTravel: over.campusTravel ?? [],
      teacherMaxPeriodsPerDay: null,
      eveningFromPeriod: 9,
      changeRules: changeRules.parse({}),
    },
    teacherBlocks: (over.teacherBlocks ?? []).map((b, i) => ({ id: i + 1, termId: 1, note: null, createdAt: new Date(), ...b })),
    links: (over.links ?? []).map((ids, i) => ({
      id: i + 1,
      termId: 1,
      kind: 'same_time',
      name: 'PE',
      teachingClassIds: ids,
      createdAt: new Date(),
    })),
    bookings: [],
  } as unknown as TermFacts;
}

const eventOf = (m: ReturnType<typeof buildSolverModel>, id: string) => m.events.find((e) => e.id === id)!;

describe('buildSolverModel: the term as the solver sees it', () => {
  it('lecture starts stay inside a teaching block and on its pairs (no 2-3, no lecture over lunch)', () => {
    const f = facts();
    expect(allowedStarts(f, 2)).toEqual([1, 3, 5, 7, 9]);
    expect(allowedStarts(f, 4)).toEqual([1, 5]);
    expect(allowedStarts(f, 1)).toEqual([...Array(10).keys()].map((i) => i + 1));
  });

  it('week patterns: all, odd, even and custom weeks become the solver week lists', () => {
    const odd = maskOfWeeks([1, 3, 5, 7, 9, 11, 13, 15]);
    const custom = maskOfWeeks([1, 2, 3, 10]);
    const m = buildSolverModel(facts({ classes: [{ id: 1 }, { id: 2, weekMask: odd }, { id: 3, weekMask: custom }] }));
    expect(eventOf(m, '1:0').weeks).toHaveLength(16);
    expect(eventOf(m, '2:0').weeks).toEqual([1, 3, 5, 7, 9, 11, 13, 15]);
    expect(eventOf(m, '3:0').weeks).toEqual([1, 2, 3, 10]);
  });

  it('odd and even classes of one teacher share a slot and a room; every-week ones do not', () => {
    const odd = maskOfWeeks([1, 3, 5, 7, 9, 11, 13, 15]);
    const even = maskOfWeeks([2, 4, 6, 8, 10, 12, 14, 16]);
    // One room, one usable slot (everything else blocked): only odd + even fit together.
    const only = (extra: ClassInput[]) =>
      facts({
        rooms: [{ id: 1, capacity: 60, type: 'multimedia' }],
        blockedSlots: [
          { day: 1, fromPeriod: 3, toPeriod: 10, appliesTo: { kind: 'all' }, reasonZh: '占用', reasonEn: '' },
          ...[2, 3, 4, 5].map((day) => ({
            day,
            fromPeriod: 1,
            toPeriod: 10,
            appliesTo: { kind: 'all' as const },
            reasonZh: '占用',
            reasonEn: '',
          })),
        ],
        classes: extra,
      });
    const ok = solveTermLectures(
      only([
        { id: 1, weekMask: odd, teacherIds: [100] },
        { id: 2, weekMask: even, teacherIds: [100] },
      ]),
      {
        maxIterations: 2000,
      },
    );
    expect(ok.summary).toMatchObject({ placed: 2, hard: 0 });
    const clash = solveTermLectures(
      only([
        { id: 1, teacherIds: [100] },
        { id: 2, teacherIds: [100] },
      ]),
      { maxIterations: 2000 },
    );
    expect(clash.summary.placed).toBe(1);
  });

  it('merged lectures 合班: one event with every admin class as a resource, teachers too', () => {
    const m = buildSolverModel(facts({ classes: [{ id: 1, adminClassIds: [1, 2], teacherIds: [100, 101], capacity: 90 }] }));
    const ev = eventOf(m, '1:0');
    expect(ev.resources).toEqual(['t100', 't101', 'c1', 'c2']);
    expect(ev.size).toBe(90);
    expect(ev.roomSizeHard).toBe(true);
    // Only the 120-seat room seats 90.
    expect(ev.rooms!.map((r) => r.roomId)).toEqual(['r2']);
    expect(m.resources.find((r) => r.id === 'c1')).toMatchObject({ kind: 'class', compact: true });
  });

  it('2+2: two sessions of a class are two events of one class group spread over two days', () => {
    const f = facts({ classes: [{ id: 1, sessions: [2, 2] }] });
    const m = buildSolverModel(f);
    expect(m.events.map((e) => e.id)).toEqual(['1:0', '1:1']);
    expect(m.classes).toEqual([expect.objectContaining({ id: 'g1', minDays: 2 })]);
    const r = solve(m, { seed: 1, maxIterations: 5000 });
    const days = new Set(r.assignment.map((p) => p.day));
    expect(days.size).toBe(2);
  });

  it('labs: the room requirement is the class type and features, with the class size', () => {
    const m = buildSolverModel(facts({ classes: [{ id: 1, roomType: 'lab', roomFeatures: ['projector'], capacity: 35 }] }));
    expect(eventOf(m, '1:0').roomRequirement).toEqual({ type: 'lab', features: ['projector'], minCapacity: 35 });
  });

  it('campuses: rooms carry their campus and building; travel minutes become the travel rule', () => {
    const f = facts({
      rooms: [
        { id: 1, capacity: 60, type: 'multimedia', campusId: 1 },
        { id: 2, capacity: 60, type: 'multimedia', campusId: 2 },
      ],
      campusTravel: [{ campusA: 1, campusB: 2, minutes: 30 }],
      classes: [{ id: 1 }],
    });
    const m = buildSolverModel(f);
    expect(m.rooms.map((r) => r.campus)).toEqual(['p1', 'p2']);
    expect(m.travel).toMatchObject({ minutes: [{ a: 'p1', b: 'p2', minutes: 30 }] });
    expect(m.travel!.periodStart[0]).toBe(480);
  });

  it('blocked slots apply by school, college, cohort and category, with exceptions and weeks', () => {
    const f = facts({
      classes: [
        { id: 1 },
        { id: 2, course: { id: 2, code: 'G', name: '通识', nameEn: null, category: 'general', assessment: 'exam', departmentId: 1 } },
        { id: 3, weekMask: maskOfWeeks([9, 10, 11, 12, 13, 14, 15, 16]) },
      ],
      blockedSlots: [
        // Wednesday afternoon 政治学习 for everybody.
        { day: 3, fromPeriod: 5, toPeriod: 8, appliesTo: { kind: 'all' }, reasonZh: '政治学习', reasonEn: '' },
        // Thursday afternoon blocked for all but 通识 (general).
        { day: 4, fromPeriod: 5, toPeriod: 8, appliesTo: { kind: 'all' }, exceptCategories: ['general'], reasonZh: '公选课', reasonEn: '' },
        // Monday morning in weeks 1-8 only, for cohort 2024.
        {
          day: 1,
          fromPeriod: 1,
          toPeriod: 4,
          weeks: [1, 2, 3, 4, 5, 6, 7, 8],
          appliesTo: { kind: 'cohort', ids: [2024] },
          reasonZh: '军训',
          reasonEn: '',
        },
      ],
    });
    const m = buildSolverModel(f);
    const has = (id: string, day: number, start: number) => eventOf(m, id).times!.some((t) => t.day === day - 1 && t.start === start - 1);
    expect(has('1:0', 3, 5)).toBe(false);
    expect(has('2:0', 3, 5)).toBe(false);
    expect(has('1:0', 4, 5)).toBe(false);
    expect(has('2:0', 4, 5)).toBe(true); // the exception
    expect(has('1:0', 1, 1)).toBe(false);
    expect(has('3:0', 1, 1)).toBe(true); // meets only in weeks 9-16
    expect(has('1:0', 1, 5)).toBe(true);
    // Evening periods are allowed but cost.
    expect(eventOf(m, '1:0').times!.find((t) => t.day === 0 && t.start === 8)!.penalty).toBeGreaterThan(0);
  });

  it("teachers' never slots are hard, avoid/prefer are preferences", () => {
    const m = buildSolverModel(
      facts({
        classes: [{ id: 1 }],
        teacherBlocks: [
          { teacherId: 101, kind: 'never', day: 1, fromPeriod: 1, toPeriod: 10 },
          { teacherId: 101, kind: 'avoid', day: 2, fromPeriod: 1, toPeriod: 4 },
        ],
      }),
    );
    const t = m.resources.find((r) => r.id === 't101')!;
    expect(t.unavailable).toEqual([{ day: 0, start: 0, length: 10 }]);
    expect(t.preferences).toEqual([{ time: { day: 1, start: 0, length: 4 }, kind: 'discouraged', penalty: 1 }]);
  });

  it('linked classes (体育分项) must share the time of each session, hard', () => {
    const m = buildSolverModel(facts({ classes: [{ id: 1, sessions: [2, 2] }, { id: 2, sessions: [2, 2] }, { id: 3 }], links: [[1, 2]] }));
    expect(m.rules).toEqual([
      { id: 'link1:0', kind: 'sameTime', events: ['1:0', '2:0'], hard: true },
      { id: 'link1:1', kind: 'sameTime', events: ['1:1', '2:1'], hard: true },
    ]);
    const r = solve(m, { seed: 3, maxIterations: 5000 });
    const at = new Map(r.assignment.map((p) => [p.eventId, p]));
    expect([at.get('1:0')!.day, at.get('1:0')!.start]).toEqual([at.get('2:0')!.day, at.get('2:0')!.start]);
  });

  it('locks pin the time (and the room) of a lecture', () => {
    const f = facts({ classes: [{ id: 1 }, { id: 2 }] });
    const lectures: ModelLecture[] = [...f.classes.values()].flatMap(lecturesOfClass);
    lectures[0] = { ...lectures[0], day: 2, startPeriod: 3, roomId: 2, lockTime: true, lockRoom: true };
    lectures[1] = { ...lectures[1], day: 4, startPeriod: 1, roomId: 1, lockRoom: true };
    const m = buildSolverModel(f, { lectures });
    expect(eventOf(m, '1:0').pinned).toEqual({ day: 1, start: 2, roomId: 'r2' });
    expect(eventOf(m, '2:0').rooms).toEqual([{ roomId: 'r1' }]);
    const r = solveTermLectures(f, { lectures, maxIterations: 1000 });
    expect(r.rows[0]).toMatchObject({ day: 2, startPeriod: 3, roomId: 2, lockTime: true });
    expect(r.rows[1]).toMatchObject({ roomId: 1 });
  });

  it('round trip: lectures → assignment → lectures keeps every place; the unplaced get the reasons', () => {
    const f = facts({ classes: [{ id: 1, sessions: [2, 2] }, { id: 2 }] });
    const lectures = [...f.classes.values()].flatMap(lecturesOfClass);
    const placed: ModelLecture[] = lectures.map((l, i) => ({ ...l, day: i + 1, startPeriod: 1, roomId: 1 }));
    placed[2] = { ...placed[2], day: null, startPeriod: null, roomId: null };
    const back = lecturesFromAssignment(placed, assignmentOfLectures(placed));
    expect(back.slice(0, 2).map(({ day, startPeriod, roomId }) => ({ day, startPeriod, roomId }))).toEqual([
      { day: 1, startPeriod: 1, roomId: 1 },
      { day: 2, startPeriod: 1, roomId: 1 },
    ]);
    expect(back[2].day).toBeNull();
    expect(back[2].unplaced?.reasons[0].code).toBe('SEARCH_LIMIT');
  });

  it('a solved term passes the checker; a placement the checker refuses is taken out, not stored', () => {
    const f = facts({
      classes: [
        { id: 1, adminClassIds: [1] },
        { id: 2, adminClassIds: [1] },
        { id: 3, sessions: [2, 2] },
      ],
    });
    const r = solveTermLectures(f, { seed: 2, maxIterations: 3000 });
    expect(r.summary).toMatchObject({ placed: 4, total: 4, hard: 0, feasible: true });
    const clash = lecturesFromAssignment(
      [...f.classes.values()].flatMap(lecturesOfClass).map((l) => ({ ...l, day: 1, startPeriod: 1, roomId: l.teachingClassId })),
      [],
    ).map((l) => ({ ...l, day: 1, startPeriod: 1, roomId: l.teachingClassId, unplaced: null }));
    const verified = verifyWithChecker(clash, f);
    const left = verified.filter((l) => l.day !== null);
    expect(
      checkHard(
        left.map((l) => toCheckLecture(l, f)),
        checkContextOf(f),
      ).filter((v) => v.rule !== 'unplaced'),
    ).toEqual([]);
    expect(left.length).toBeLessThan(clash.length);
  });

  it('an unplaced lecture is explained in words with the names of who and what is in the way', () => {
    // One usable slot (Monday 1-2), one teacher for two classes: the second cannot be placed.
    const blockedSlots: BlockedSlotInput[] = [
      { day: 1, fromPeriod: 3, toPeriod: 10, appliesTo: { kind: 'all' }, reasonZh: '占用', reasonEn: '' },
      ...[2, 3, 4, 5].map((day) => ({
        day,
        fromPeriod: 1,
        toPeriod: 10,
        appliesTo: { kind: 'all' as const },
        reasonZh: '占用',
        reasonEn: '',
      })),
    ];
    const f = facts({
      blockedSlots,
      classes: [
        { id: 1, teacherIds: [105] },
        { id: 2, teacherIds: [105] },
      ],
    });
    const r = solveTermLectures(f, { maxIterations: 2000 });
    const left = r.rows.filter((x) => x.day === null);
    expect(left).toHaveLength(1);
    const reasons = left[0].unplacedReasons as { code: string; message: { zh: string; en: string } }[];
    const busy = reasons.find((x) => x.code === 'RESOURCE_BUSY' || x.code === 'RESOURCES_EXCLUSIVE')!;
    const other = left[0].teachingClassId === 1 ? '课程2 C2' : '课程1 C1';
    expect(busy.message.zh).toContain('老师5老师');
    expect(busy.message.zh).toContain(other);
    expect(busy.message.en).toContain('Teacher 老师5 is busy');
    // A class no room can seat: named with its size and room type, in both languages.
    const big = solveTermLectures(facts({ classes: [{ id: 3, capacity: 500, roomType: 'lab' }] }), { maxIterations: 100 });
    const why = (big.rows[0].unplacedReasons as { message: { zh: string; en: string } }[])[0].message;
    expect(why.zh).toBe('全校没有容纳 500 人的实验室');
    expect(why.en).toBe('No laboratory with 500 seats exists');
  });
});
