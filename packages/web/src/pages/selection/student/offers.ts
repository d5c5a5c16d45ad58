import type { MyEnrolment, Round, RoundClassItem, SelectionReasonCode } from '@jiaowu/contracts';
import { lecturesClash } from './words.ts';

/** Refusals a swap can cure: give up the clashing class, the other class of the course, or some credits. */
const SWAP_CURES: ReadonlySet<SelectionReasonCode> = new Set(['time_conflict', 'course_already_taken', 'credit_limit', 'class_limit']);
/** No seat for this student now: a waitlist is the way in (every other rule must pass, as the server checks). */
const FULLNESS: ReadonlySet<SelectionReasonCode> = new Set(['class_full', 'reserved_seats']);

/** The enrolled classes that stand in the way of `item`: of the same course, or meeting at the same time. */
export function blockersOf(item: RoundClassItem, mine: readonly MyEnrolment[]): MyEnrolment[] {
  return mine.filter(
    (e) =>
      e.status === 'enrolled' &&
      e.teachingClassId !== item.teachingClassId &&
      (e.courseId === item.courseId || e.lectures.some((a) => item.lectures.some((b) => lecturesClash(a, b)))),
  );
}

export interface Offers {
  /** 选课. */
  enrol: boolean;
  /** 候补: full, and nothing else in the way. */
  waitlist: boolean;
  /** 候补换课: full, and one droppable class in the way ("drop it if I get this one"). */
  waitlistSwap: boolean;
  /** 换课: seats left, and one droppable class in the way. */
  swap: boolean;
}

/**
 * What a card offers, from the server's reasons and the student's classes. Swapping gives up one
 * class, so it is offered only when that cures every refusal: one class in the way that is not a
 * fixed pre-enrolled one (credit and class limits: any class that may be dropped).
 */
export function offersFor(item: RoundClassItem, round: Round, mine: readonly MyEnrolment[]): Offers {
  const none = { enrol: false, waitlist: false, waitlistSwap: false, swap: false };
  if (round.mode === 'lottery') return none;
  const codes = item.reasons.map((r) => r.code);
  const isFull = codes.some((c) => FULLNESS.has(c));
  const others = codes.filter((c) => !FULLNESS.has(c));
  const droppable = mine.filter((m) => m.status === 'enrolled' && !m.fixed);
  const blockers = blockersOf(item, mine);
  const needsBlocker = others.includes('time_conflict') || others.includes('course_already_taken');
  const curable =
    others.length > 0 &&
    others.every((c) => SWAP_CURES.has(c)) &&
    droppable.length > 0 &&
    (needsBlocker ? blockers.length === 1 && !blockers[0].fixed : blockers.length === 0);
  return {
    enrol: item.eligible,
    waitlist: isFull && others.length === 0,
    waitlistSwap: isFull && curable,
    swap: !isFull && curable,
  };
}
