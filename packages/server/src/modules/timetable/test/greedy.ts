import type { LectureRowLike, TermFacts } from '../term-facts.ts';
import { checkContextOf, toCheckLecture } from '../term-facts.ts';
import { checkHard } from '../core/hard-rules.ts';

/** Places lectures one by one in the first slot and room the checker accepts. */
export function placeGreedily(facts: TermFacts, lectures: LectureRowLike[]): LectureRowLike[] {
  const ctx = checkContextOf(facts);
  const rooms = [...facts.rooms.values()].filter((r) => r.isActive).sort((a, b) => a.capacity - b.capacity);
  const placed: LectureRowLike[] = [];
  for (const l of lectures) {
    const c = facts.classes.get(l.teachingClassId)!;
    let done = false;
    for (let day = 1; day <= Math.min(5, ctx.days) && !done; day++)
      for (let start = 1; start + l.length - 1 <= ctx.periodsPerDay && !done; start += 2)
        for (const r of rooms) {
          if (r.capacity < c.capacity || (c.roomType && r.type !== c.roomType)) continue;
          const cand = { ...l, day, startPeriod: start, roomId: r.id };
          const all = [...placed, cand].map((x) => toCheckLecture(x, facts));
          if (checkHard(all, ctx, { focus: new Set([cand.lectureKey]) }).length === 0) {
            placed.push(cand);
            done = true;
            break;
          }
        }
    if (!done) placed.push(l); // left unplaced: the caller sees it in the checker
  }
  return placed;
}
