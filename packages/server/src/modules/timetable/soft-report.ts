import { weeksOfMask, type SoftViolation } from '@jiaowu/contracts';
import type { CheckLecture } from './core/hard-rules.ts';
import type { TermFacts } from './term-facts.ts';

/**
 * The preferences 软约束 a timetable is measured against beyond the hard rules, in the same
 * shape as hard violations so one text function words both: a teacher's "avoid" wishes (own
 * time blocks and the course request's wishes), evening periods, more than N periods a day
 * for a teacher, two sessions of one teaching class on the same day. With `focus`, only those
 * involving these lectures (a drag's live check).
 */
export function checkSoft(
  lectures: readonly CheckLecture[],
  facts: TermFacts,
  options: { focus?: ReadonlySet<string> } = {},
): SoftViolation[] {
  const focus = options.focus;
  const involves = (l: CheckLecture) => !focus || focus.has(l.key);
  const out: SoftViolation[] = [];
  const placed = lectures.filter((l): l is CheckLecture & { day: number; startPeriod: number } => l.day !== null && l.startPeriod !== null);
  const endOf = (l: { startPeriod: number; length: number }) => l.startPeriod + l.length - 1;
  const overlaps = (l: { day: number; startPeriod: number; length: number }, s: { day: number; fromPeriod: number; toPeriod: number }) =>
    s.day === l.day && s.fromPeriod <= endOf(l) && l.startPeriod <= s.toPeriod;

  const avoidByTeacher = new Map<number, { day: number; fromPeriod: number; toPeriod: number }[]>();
  for (const b of facts.teacherBlocks)
    if (b.kind === 'avoid') (avoidByTeacher.get(b.teacherId) ?? avoidByTeacher.set(b.teacherId, []).get(b.teacherId)!).push(b);
  const evening = facts.settings.eveningFromPeriod;

  for (const l of placed) {
    if (!involves(l)) continue;
    const at = { day: l.day, period: l.startPeriod, weeks: weeksOfMask(l.weekMask) };
    const classWishes = (facts.classes.get(l.teachingClassId)?.timeWishes ?? []).filter((w) => w.kind === 'avoid');
    for (const t of l.teacherIds) {
      const spans = [...(avoidByTeacher.get(t) ?? []), ...classWishes];
      if (spans.some((s) => overlaps(l, s)))
        out.push({ rule: 'teacher_avoid', lectureKeys: [l.key], subject: { kind: 'teacher', id: t }, ...at, params: {} });
    }
    if (evening !== null && endOf(l) >= evening)
      out.push({ rule: 'evening', lectureKeys: [l.key], subject: { kind: 'teaching_class', id: l.teachingClassId }, ...at, params: {} });
  }

  // Sessions of one teaching class on one day.
  const byClassDay = new Map<string, CheckLecture[]>();
  for (const l of placed) {
    const k = `${l.teachingClassId}:${l.day}`;
    (byClassDay.get(k) ?? byClassDay.set(k, []).get(k)!).push(l);
  }
  for (const list of byClassDay.values()) {
    if (list.length < 2 || !list.some(involves)) continue;
    const [a, b] = list;
    out.push({
      rule: 'same_day_sessions',
      lectureKeys: [a.key, b.key],
      subject: { kind: 'teaching_class', id: a.teachingClassId },
      day: a.day,
      period: null,
      weeks: [],
      params: {},
    });
  }

  // A teacher's periods per day above the office's limit.
  const limit = facts.settings.teacherMaxPeriodsPerDay;
  if (limit !== null) {
    const byTeacherDay = new Map<string, CheckLecture[]>();
    for (const l of placed)
      for (const t of l.teacherIds) {
        const k = `${t}:${l.day}`;
        (byTeacherDay.get(k) ?? byTeacherDay.set(k, []).get(k)!).push(l);
      }
    for (const [k, list] of byTeacherDay) {
      const periods = list.reduce((n, l) => n + l.length, 0);
      if (periods <= limit || !list.some(involves)) continue;
      const [t, day] = k.split(':').map(Number);
      out.push({
        rule: 'teacher_day_limit',
        lectureKeys: list.map((l) => l.key),
        subject: { kind: 'teacher', id: t },
        day,
        period: null,
        weeks: [],
        params: { periods, limit },
      });
    }
  }
  return out;
}
