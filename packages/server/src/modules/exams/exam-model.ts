import type { ExamProblem } from '@jiaowu/solver';
import type { ExamRow, ExamSessionRow } from './plans.repository.ts';
import type { ExamRoomFact } from './schedule.repository.ts';

/**
 * The plan as the exam solver's model. Periods are the plan's sessions; rooms are pooled per
 * session into one room of the seats the allocation can use (rooms are given out after the
 * timetable, allocation.ts), so the solver decides when, and the capacity of each session
 * bounds how many students sit at once. The app's rules on top of ITC-2007: teachers not
 * examined in two places, at most N exams a day per student, a spread over the whole period,
 * avoided sessions, and hand-placed (pinned) exams kept where they are.
 */

/**
 * Soft cost of one student sitting an exam while one of their own lectures meets: twice a
 * two-in-a-row, so the solver moves exams off lectures before it packs a student's day.
 */
export const LECTURE_CLASH_WEIGHT = 20;

/** Seats the allocation can fill in practice: whole rooms go to one exam unless sharing is on. */
const USABLE_SHARE = 0.85;

export interface ExamModelInput {
  sessions: ExamSessionRow[];
  exams: ExamRow[];
  roster: Map<number, number[]>;
  teachers: Map<number, number[]>;
  rooms: ExamRoomFact[];
  constraints: { kind: string; examId: number; otherExamId: number | null; sessionId: number | null }[];
  maxExamsPerDay: number;
  allowRoomSharing: boolean;
  keepPinned: boolean;
  /** Per session id: teachers lecturing then, students with a lecture then (a plan in teaching weeks). */
  lectures?: { teachers: Map<number, Set<number>>; students: Map<number, Set<number>> };
}

export function buildExamModel(input: ExamModelInput): { problem: ExamProblem; examIds: number[]; sessionIds: number[] } {
  const sessionIds = input.sessions.map((s) => s.id);
  const periodOf = new Map(sessionIds.map((id, i) => [id, i]));
  const dates = [...new Set(input.sessions.map((s) => s.date))].sort();
  const dayOf = new Map(dates.map((d, i) => [d, i]));
  const examIds = input.exams.map((e) => e.id);
  const indexOf = new Map(examIds.map((id, i) => [id, i]));
  const seats = input.rooms.reduce((n, r) => n + r.examCapacity, 0);
  const capacity = Math.floor(seats * (input.allowRoomSharing ? 1 : USABLE_SHARE));
  const avoid = new Map<number, number[]>();
  for (const c of input.constraints)
    if (c.kind === 'avoid_session' && c.sessionId !== null && periodOf.has(c.sessionId))
      avoid.set(c.examId, [...(avoid.get(c.examId) ?? []), periodOf.get(c.sessionId)!]);
  const pairs = (kind: string) =>
    input.constraints
      .filter((c) => c.kind === kind && c.otherExamId !== null && indexOf.has(c.examId) && indexOf.has(c.otherExamId))
      .map((c) => [indexOf.get(c.examId)!, indexOf.get(c.otherExamId!)!] as [number, number]);
  const problem: ExamProblem = {
    exams: input.exams.map((e) => {
      const pinned = input.keepPinned && e.pinned && e.sessionId !== null && periodOf.has(e.sessionId);
      const students = input.roster.get(e.id) ?? [];
      const teacherIds = input.teachers.get(e.id) ?? [];
      // A teacher cannot examine while lecturing: the sessions any of the exam's teachers teach in are closed to it.
      const lecturing = sessionIds
        .map((id, i) => (teacherIds.some((t) => input.lectures?.teachers.get(id)?.has(t)) ? i : -1))
        .filter((i) => i >= 0);
      const unavailable = pinned
        ? sessionIds.map((_, i) => i).filter((i) => i !== periodOf.get(e.sessionId!))
        : [...new Set([...(avoid.get(e.id) ?? []), ...lecturing])];
      const periodCosts = sessionIds.map((id) => {
        const busy = input.lectures?.students.get(id);
        return busy ? students.reduce((n, s) => n + (busy.has(s) ? 1 : 0), 0) * LECTURE_CLASH_WEIGHT : 0;
      });
      return {
        duration: e.durationMin,
        students,
        teacherIds,
        ...(unavailable.length ? { unavailablePeriods: unavailable } : {}),
        ...(periodCosts.some((c) => c > 0) ? { periodCosts } : {}),
        id: String(e.id),
      };
    }),
    periods: input.sessions.map((s) => ({
      day: dayOf.get(s.date)!,
      date: s.date,
      start: s.startMin,
      duration: s.endMin - s.startMin,
      penalty: 0,
    })),
    rooms: [{ capacity, penalty: 0, id: 'pool' }],
    constraints: { coincidence: pairs('same_session'), exclusion: pairs('exclusion'), after: pairs('after'), roomExclusive: [] },
    // The school's cost model: two in a row hurts most, two in a day less; the biggest exams early
    // leave time to mark them; the period is used evenly (two weeks, not the first three days).
    weightings: {
      twoInARow: 10,
      twoInADay: 5,
      periodSpread: 1,
      nonMixedDurations: 0,
      frontLoad: {
        count: Math.max(1, Math.round(input.exams.length * 0.1)),
        lastPeriods: Math.max(1, Math.round(sessionIds.length / 3)),
        weight: 5,
      },
    },
    allowRoomSharing: true,
    maxExamsPerWindow: { exams: input.maxExamsPerDay, days: 1, weight: 50 },
    spreadDays: 1,
  };
  return { problem, examIds, sessionIds };
}
