import { describe, expect, it } from 'vitest';
import type { MyEnrolment, Round, RoundClassItem, SelectionReasonCode } from '@jiaowu/contracts';
import { offersFor } from './offers.ts';

const lecture = (day: number, startPeriod: number) => ({ day, startPeriod, length: 2, weeks: [1, 2, 3, 4], roomName: null });
const round = { id: 1, mode: 'add_drop' } as Round;
const item = (reasons: SelectionReasonCode[], over: Partial<RoundClassItem> = {}) =>
  ({
    teachingClassId: 10,
    courseId: 100,
    lectures: [lecture(1, 3)],
    eligible: reasons.length === 0,
    reasons: reasons.map((code) => ({ code, message: code })),
    ...over,
  }) as RoundClassItem;
const enrolled = (id: number, over: Partial<MyEnrolment> = {}) =>
  ({
    id,
    teachingClassId: 20 + id,
    courseId: 200 + id,
    status: 'enrolled',
    fixed: false,
    lectures: [lecture(2, 1)],
    ...over,
  }) as MyEnrolment;

describe('offersFor', () => {
  it('offers 选课 for an eligible class, 候补 for a full one with nothing else in the way', () => {
    expect(offersFor(item([]), round, [])).toMatchObject({ enrol: true, waitlist: false, swap: false });
    expect(offersFor(item(['class_full']), round, [])).toMatchObject({ enrol: false, waitlist: true, waitlistSwap: false });
    expect(offersFor(item(['hold']), round, [enrolled(1)])).toEqual({ enrol: false, waitlist: false, waitlistSwap: false, swap: false });
  });

  it('offers 换课 only when dropping one droppable class cures the clash', () => {
    const clashing = enrolled(1, { lectures: [lecture(1, 4)] });
    expect(offersFor(item(['time_conflict']), round, [clashing, enrolled(2)]).swap).toBe(true);
    // The class in the way is pre-enrolled 预置: no swap.
    expect(offersFor(item(['time_conflict']), round, [{ ...clashing, fixed: true }, enrolled(2)]).swap).toBe(false);
    // Two classes in the way: giving up one is not enough.
    expect(offersFor(item(['time_conflict']), round, [clashing, enrolled(2, { lectures: [lecture(1, 3)] })]).swap).toBe(false);
    // A course passed before (no class of it this term): nothing to give up.
    expect(offersFor(item(['course_already_taken']), round, [enrolled(2)]).swap).toBe(false);
    // Credits: any droppable class helps.
    expect(offersFor(item(['credit_limit']), round, [enrolled(2)]).swap).toBe(true);
  });

  it('offers 候补换课 for a full class that also clashes with one droppable class, nothing in a lottery round', () => {
    const clashing = enrolled(1, { lectures: [lecture(1, 4)] });
    expect(offersFor(item(['class_full', 'time_conflict']), round, [clashing])).toMatchObject({
      waitlist: false,
      waitlistSwap: true,
      swap: false,
    });
    expect(offersFor(item([]), { ...round, mode: 'lottery' }, [])).toEqual({
      enrol: false,
      waitlist: false,
      waitlistSwap: false,
      swap: false,
    });
  });
});
