import { describe, expect, it } from 'vitest';
import { namesOf } from './draft-reports.ts';
import { computeSlotOptions } from './edit.options.ts';
import { checkContextOf, toCheckLecture, type LectureRowLike, type TermFacts } from './term-facts.ts';

/**
 * The live check of a drag at the size of a real term: 1,500 lectures of 750 teaching classes,
 * 300 teachers, 150 admin classes, 120 rooms. Every slot of the grid is checked on a moved copy,
 * so it must stay fast enough to colour the grid while the card is held.
 */
function bigTerm() {
  const rooms = new Map(
    Array.from({ length: 120 }, (_, i) => [
      i + 1,
      {
        id: i + 1,
        code: `R${i + 1}`,
        name: `教学楼-${i + 1}`,
        type: 'multimedia',
        capacity: 60 + (i % 4) * 40,
        features: ['projector'],
        unavailable: [],
        isActive: true,
        buildingId: 1 + (i % 6),
        buildingName: `教学楼${1 + (i % 6)}`,
        campusId: 1,
        campusName: '主校区',
      },
    ]),
  );
  const classes = new Map(
    Array.from({ length: 750 }, (_, i) => [
      i + 1,
      {
        id: i + 1,
        code: `C${i + 1}-01`,
        courseId: i + 1,
        collegeId: 1,
        teacherIds: [1 + (i % 300)],
        capacity: 50,
        adminClassIds: [1 + (i % 150)],
        targetMajors: [],
        sessions: [2, 2],
        weekMask: 0xffff,
        roomType: 'multimedia',
        roomFeatures: [],
        timeWishes: [],
        cohorts: [2025],
        course: { id: i + 1, code: `K${i + 1}`, name: `课程${i + 1}`, nameEn: null, category: 'major_core' },
      },
    ]),
  );
  const facts = {
    termId: 1,
    grid: {
      id: 1,
      code: 'T',
      name: 'T',
      startDate: '2026-09-07',
      weeks: 18,
      daysPerWeek: 5,
      periodsPerDay: 12,
      periods: Array.from({ length: 12 }, (_, i) => ({ period: i + 1, startsAt: '08:00', endsAt: '08:45' })),
      periodStart: Array.from({ length: 12 }, (_, i) => 480 + i * 55),
      periodEnd: Array.from({ length: 12 }, (_, i) => 525 + i * 55),
    },
    rooms,
    adminClasses: new Map(
      Array.from({ length: 150 }, (_, i) => [
        i + 1,
        { id: i + 1, code: `A${i}`, name: `行政班${i + 1}`, majorId: 1, cohort: 2025, collegeId: 1 },
      ]),
    ),
    teachers: new Map(
      Array.from({ length: 300 }, (_, i) => [i + 1, { id: i + 1, code: `T${i}`, name: `教师${i + 1}`, collegeId: 1, status: 'active' }]),
    ),
    classes,
    settings: {
      version: 0,
      weights: {},
      blockedSlots: [],
      campusTravel: [],
      teacherMaxPeriodsPerDay: 6,
      eveningFromPeriod: 9,
      changeRules: {},
    },
    teacherBlocks: [],
    links: [],
    bookings: [],
  } as unknown as TermFacts;
  // Each lecture on its own (slot, room): 1,500 lectures over 40 slots × 120 rooms.
  const rows: LectureRowLike[] = [];
  let n = 0;
  for (const c of classes.values())
    c.sessions.forEach((length, s) => {
      const slot = n % 40;
      rows.push({
        lectureKey: `${c.id}:${s}`,
        teachingClassId: c.id,
        sessionIndex: s,
        day: 1 + (slot % 5),
        startPeriod: 1 + Math.floor(slot / 5) * 2 > 11 ? 1 : 1 + Math.floor(slot / 5) * 2,
        length,
        weekMask: 0xffff,
        roomId: 1 + (Math.floor(n / 40) % 120),
        teacherIds: c.teacherIds,
      });
      n++;
    });
  return { facts, rows };
}

describe('slot options at scale', () => {
  it('colours all 55 slots for one lecture of a 1,500-lecture draft in well under a second', () => {
    const { facts, rows } = bigTerm();
    const lectures = rows.map((r) => toCheckLecture(r, facts));
    const started = performance.now();
    const result = computeSlotOptions(
      { facts, ctx: checkContextOf(facts), lectures, names: namesOf(facts, rows), key: '1:0', roomId: rows[0].roomId, locale: 'zh-CN' },
      { day: 3, startPeriod: 5 },
    );
    const ms = performance.now() - started;
    expect(result.slots).toHaveLength(5 * 11);
    // The teacher of 1:0 teaches 2.5 classes: some slots clash, the rest are free or a preference.
    expect(result.slots.some((s) => s.status === 'conflict')).toBe(true);
    expect(result.slots.some((s) => s.status === 'free')).toBe(true);
    expect(result.slots.filter((s) => s.startPeriod >= 9).every((s) => s.status !== 'free')).toBe(true);
    expect(result.rooms.length).toBeGreaterThan(0);
    expect(ms).toBeLessThan(1500);
  });
});
