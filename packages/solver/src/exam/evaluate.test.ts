import { describe, expect, it } from 'vitest';
import { hasFullBenchmarks, readItcExam, readToronto } from '../../test/exam-fixtures.ts';
import { evaluateExamSolution, torontoCost } from './evaluate.ts';
import { ITC_EXAM_REFERENCE, TORONTO_REFERENCE } from './reference.ts';
import type { ExamProblem, ExamSolution } from './types.ts';

describe('direct evaluator reproduces the published costs', () => {
  it('ITC-2007 sets 9 and 12 (fixtures): 1030 and 5234, feasible, by component', () => {
    const e9 = evaluateExamSolution(readItcExam(9).problem, readItcExam(9).reference);
    expect(e9.hard).toBe(0);
    expect(e9.soft).toBe(1030);
    expect(e9.softBreakdown).toMatchObject({ periodSpread: 845, nonMixedDurations: 25, frontLoad: 160 });
    const e12 = evaluateExamSolution(readItcExam(12).problem, readItcExam(12).reference);
    expect(e12.soft).toBe(5234);
    expect(e12.softBreakdown).toMatchObject({ twoInARow: 3115, periodSpread: 1989, frontLoad: 130 });
  });

  it.skipIf(!hasFullBenchmarks)('every ITC-2007 reference solution (sets 1–12)', () => {
    for (let set = 1; set <= 12; set++) {
      const { problem, reference } = readItcExam(set);
      const ev = evaluateExamSolution(problem, reference);
      expect({ set, hard: ev.hard, soft: ev.soft }).toEqual({ set, hard: 0, soft: ITC_EXAM_REFERENCE[set].referenceCost });
    }
  });

  it('Toronto hec92 (fixture): raw 28342, cost 10.03967', () => {
    const { problem, reference } = readToronto('hec-s-92');
    const ev = evaluateExamSolution(problem, reference);
    expect(ev.hard).toBe(0);
    expect(ev.softBreakdown.proximity).toBe(28342);
    expect(torontoCost(problem, ev)).toBeCloseTo(10.03967, 5);
  });

  it.skipIf(!hasFullBenchmarks)('every Toronto reference solution', () => {
    for (const [name, ref] of Object.entries(TORONTO_REFERENCE)) {
      const { problem, reference } = readToronto(name);
      const ev = evaluateExamSolution(problem, reference);
      expect({ name, hard: ev.hard, raw: ev.softBreakdown.proximity }).toEqual({ name, hard: 0, raw: ref.referenceRaw });
    }
  });
});

describe('direct evaluator counts violations', () => {
  const problem: ExamProblem = {
    exams: [
      { duration: 60, students: [1, 2], teacherIds: [7] },
      { duration: 90, students: [2, 3], teacherIds: [7] },
      { duration: 60, students: [4, 5, 6], maxRooms: 2 },
    ],
    periods: [
      { day: 0, start: 540, duration: 120, penalty: 0 },
      { day: 0, start: 840, duration: 60, penalty: 5 },
    ],
    rooms: [
      { capacity: 2, penalty: 1 },
      { capacity: 2, penalty: 0, unavailablePeriods: [1] },
    ],
    constraints: { coincidence: [], exclusion: [[0, 2]], after: [[0, 1]], roomExclusive: [] },
    weightings: { twoInARow: 3, twoInADay: 0, periodSpread: 0, nonMixedDurations: 0, frontLoad: { count: 0, lastPeriods: 0, weight: 0 } },
    allowRoomSharing: false,
    extraRoomPenalty: 4,
  };
  const at = (period: number, ...rooms: Array<[number, number]>) => ({ period, rooms: rooms.map(([room, count]) => ({ room, count })) });

  it('student and teacher clashes, sharing, exclusion, after, capacity', () => {
    const sol: ExamSolution = [at(0, [0, 2]), at(0, [0, 2]), at(0, [1, 3])];
    const ev = evaluateExamSolution(problem, sol);
    expect(ev.hardBreakdown).toMatchObject({ conflicts: 1, teacherConflicts: 1, roomSharing: 1, roomCapacity: 2, exclusion: 1, after: 1 });
  });

  it('a split exam: seats must add up, rooms are charged, closed rooms and long exams are hard', () => {
    const sol: ExamSolution = [at(1, [0, 2]), at(0, [0, 2]), at(0, [1, 2], [0, 1])];
    const ev = evaluateExamSolution(problem, sol);
    // exam 2's second room is room 0, where exam 1 already sits: shared, and 3 students in 2 seats
    expect(ev.hard).toBe(2);
    expect(ev.hardBreakdown).toMatchObject({ roomSharing: 1, roomCapacity: 1 });
    expect(ev.softBreakdown).toMatchObject({ twoInARow: 3, extraRooms: 4, periodPenalty: 5, roomPenalty: 3 });
    const bad = evaluateExamSolution(problem, [at(1, [1, 2]), at(1, [0, 2]), at(0, [1, 2], [0, 2], [0, 0])]);
    expect(bad.hardBreakdown).toMatchObject({ unavailable: 1, periodLength: 1, roomSplit: 1, conflicts: 1 });
  });
});
