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
      const unavailable = pinned ? sessionIds.map((_, i) => i).filter((i) => i !== periodOf.get(e.sessionId!)) : (avoid.get(e.id) ?? []);
      return {
        duration: e.durationMin,
        students: input.roster.get(e.id) ?? [],
        teacherIds: input.teachers.get(e.id) ?? [],
        ...(unavailable.length ? { unavailablePeriods: unavailable } : {}),
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
