import { toMinutes } from './sessions.ts';

/**
 * Exams in teaching weeks: which lectures and weekly blocked times fall in each exam session.
 * Pure: the term's grid and the published lectures in, per-session sets out (exam-context.ts reads them).
 */

export interface TermClock {
  startDate: string;
  weeks: number;
  periods: { period: number; startsAt: string; endsAt: string }[];
}

export interface SessionTime {
  id: number;
  date: string;
  startMin: number;
  endMin: number;
}

export interface TimedLecture {
  teachingClassId: number;
  day: number;
  startPeriod: number;
  length: number;
  weekMask: number;
  teacherIds: number[];
}

const DAY = 86_400_000;

/** Teaching week (1-based, week 1 = the week of the term's start, from its Monday) and weekday (1 = Monday) of a date; null outside the term. */
export function teachingSlotOf(term: Pick<TermClock, 'startDate' | 'weeks'>, date: string): { week: number; day: number } | null {
  const start = Date.parse(`${term.startDate}T00:00:00Z`);
  const monday = start - ((new Date(start).getUTCDay() + 6) % 7) * DAY;
  const days = Math.round((Date.parse(`${date}T00:00:00Z`) - monday) / DAY);
  if (days < 0) return null;
  const week = Math.floor(days / 7) + 1;
  return week > term.weeks ? null : { week, day: (days % 7) + 1 };
}

/** Whether periods from..to (inclusive) of the term's clock overlap the session's minutes. */
function overlaps(clock: Map<number, { start: number; end: number }>, from: number, to: number, s: SessionTime): boolean {
  const first = clock.get(from);
  const last = clock.get(to);
  if (!first || !last) return false;
  return first.start < s.endMin && last.end > s.startMin;
}

const clockOf = (term: TermClock) =>
  new Map(term.periods.map((p) => [p.period, { start: toMinutes(p.startsAt), end: toMinutes(p.endsAt) }]));

/** The lectures meeting during each session (by session id; sessions outside teaching weeks are absent). */
export function lecturesDuring<L extends TimedLecture>(sessions: SessionTime[], term: TermClock, lectures: L[]): Map<number, L[]> {
  const clock = clockOf(term);
  const out = new Map<number, L[]>();
  for (const s of sessions) {
    const slot = teachingSlotOf(term, s.date);
    if (!slot) continue;
    const here = lectures.filter(
      (l) =>
        l.day === slot.day &&
        ((l.weekMask >>> (slot.week - 1)) & 1) === 1 &&
        overlaps(clock, l.startPeriod, l.startPeriod + l.length - 1, s),
    );
    if (here.length) out.set(s.id, here);
  }
  return out;
}

/** Teachers whose weekly blocked times meet each session (by session id). */
export function blockedDuring(
  sessions: SessionTime[],
  term: TermClock,
  blocks: { teacherId: number; day: number; fromPeriod: number; toPeriod: number }[],
): Map<number, Set<number>> {
  const clock = clockOf(term);
  const out = new Map<number, Set<number>>();
  for (const s of sessions) {
    const slot = teachingSlotOf(term, s.date);
    if (!slot) continue;
    const ids = new Set(blocks.filter((b) => b.day === slot.day && overlaps(clock, b.fromPeriod, b.toPeriod, s)).map((b) => b.teacherId));
    if (ids.size) out.set(s.id, ids);
  }
  return out;
}

/** The date of (teaching week, weekday 1 = Monday) of a term whose week 1 holds its start date. */
export function toDateOfWeek(startDate: string, week: number, day: number): string {
  const start = Date.parse(`${startDate}T00:00:00Z`);
  const monday = start - ((new Date(start).getUTCDay() + 6) % 7) * DAY;
  return new Date(monday + ((week - 1) * 7 + day - 1) * DAY).toISOString().slice(0, 10);
}
