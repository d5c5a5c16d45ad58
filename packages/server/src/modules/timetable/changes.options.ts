import { maskOfWeeks, type ChangeOption, type Locale } from '@jiaowu/contracts';
import { checkHard, type CheckLecture } from './core/hard-rules.ts';
import { violationText } from './changes.words.ts';
import { checkContextOf, toCheckLecture, type TermFacts } from './term-facts.ts';
import type { VersionLecture } from './versions.repository.ts';

const ROOMS_PER_SLOT = 5;

/**
 * 调课建议: every slot of the grid where the lecture could go in these weeks — free for its
 * teachers and admin classes (and outside blocked and "never" times), each with the smallest
 * suitable rooms free there; taken slots come with the reason, so the form shows the grid.
 */
export function findChangeOptions(
  facts: TermFacts,
  lectures: readonly VersionLecture[],
  lecture: VersionLecture,
  weeks: readonly number[],
  locale: Locale,
): ChangeOption[] {
  // The weeks asked (a make-up may go to a week the lecture does not meet); the lecture frees only its own.
  const asked = maskOfWeeks(weeks);
  const mask = asked & lecture.weekMask;
  const others: VersionLecture[] = [];
  for (const l of lectures) {
    if (l.lectureKey !== lecture.lectureKey) others.push(l);
    else if ((l.weekMask & ~mask) !== 0) others.push({ ...l, weekMask: l.weekMask & ~mask });
  }
  const base = others.map((l) => toCheckLecture(l, facts));
  const ctx = checkContextOf(facts);
  const byKey = new Map(others.map((l) => [l.lectureKey, l]));
  const probeBase: CheckLecture = { ...toCheckLecture(lecture, facts), key: 'probe', weekMask: asked, roomId: null, noRoom: true };
  const own = new Set(['probe']);
  const cls = facts.classes.get(lecture.teachingClassId)!;
  // The lectures of the same teachers and admin classes: the only ones a room's campus can clash
  // with (no time to travel between campuses), so a room is checked against these alone.
  const shares = (l: CheckLecture) =>
    l.teacherIds.some((t) => probeBase.teacherIds.includes(t)) || l.adminClassIds.some((a) => probeBase.adminClassIds.includes(a));
  const related = base.filter(shares);
  const roomFits = (day: number, start: number, roomId: number) =>
    checkHard([...related, { ...probeBase, day, startPeriod: start, roomId, noRoom: false }], ctx, { focus: own }).length === 0;
  const out: ChangeOption[] = [];
  for (let day = 1; day <= facts.grid.daysPerWeek; day++)
    for (let start = 1; start + lecture.length - 1 <= facts.grid.periodsPerDay; start++) {
      if (day === lecture.day && start === lecture.startPeriod) continue;
      const probe = { ...probeBase, day, startPeriod: start };
      const violations = checkHard([...base, probe], ctx, { focus: own });
      const conflicts = [...new Set(violations.map((v) => violationText(v, facts, byKey, own, locale)))];
      const end = start + lecture.length - 1;
      const busy = new Set<number>();
      if (!conflicts.length) {
        for (const l of others)
          if (
            l.roomId !== null &&
            l.day === day &&
            (l.weekMask & asked) !== 0 &&
            l.startPeriod <= end &&
            start <= l.startPeriod + l.length - 1
          )
            busy.add(l.roomId);
        for (const b of facts.bookings)
          if (b.day === day && (b.weekMask & asked) !== 0 && b.fromPeriod <= end && start <= b.toPeriod) busy.add(b.roomId);
      }
      const rooms = conflicts.length
        ? []
        : [...facts.rooms.values()]
            .filter(
              (r) =>
                r.isActive &&
                !busy.has(r.id) &&
                r.capacity >= cls.capacity &&
                (!cls.roomType || r.type === cls.roomType) &&
                cls.roomFeatures.every((f) => r.features.includes(f)) &&
                !r.unavailable.some((u) => u.day === day && u.fromPeriod <= end && start <= u.toPeriod),
            )
            .sort(
              (a, b) =>
                Number(b.id === lecture.roomId) - Number(a.id === lecture.roomId) ||
                a.capacity - b.capacity ||
                a.code.localeCompare(b.code),
            )
            .filter(firstFitting(ROOMS_PER_SLOT, (r) => roomFits(day, start, r.id)))
            .map((r) => ({ roomId: r.id, name: r.name, capacity: r.capacity, buildingName: r.buildingName }));
      if (!conflicts.length && !rooms.length) conflicts.push(locale === 'en' ? 'no suitable room is free' : '没有合适的空闲教室');
      out.push({ day, startPeriod: start, length: lecture.length, free: conflicts.length === 0, conflicts, rooms });
    }
  return out;
}

/** A filter keeping the first `n` items that pass `fits`, and not testing any item after them. */
function firstFitting<T>(n: number, fits: (item: T) => boolean) {
  let kept = 0;
  return (item: T) => kept < n && fits(item) && ++kept > 0;
}
