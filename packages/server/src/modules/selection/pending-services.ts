// The lottery draw, pre-enrolment, lock and rosters land from a parallel branch (draw.service.ts,
// rosters.service.ts); until that merge their routes answer 500. This file goes with that merge.
import type { Locale, MyEnrolment } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import type { Notify } from '../notifications/notifications.service.ts';

const pending = async (): Promise<never> => {
  throw new Error('not merged yet');
};
export function createDrawService(_deps: { db: Db; clock: () => Date; notify?: Notify }) {
  return {
    choose: pending,
    removeChoice: pending,
    draw: pending,
    lock: pending,
    prefill: pending,
    choicesOf: async (_h: Db | Tx, _s: number, _t: number, _l: Locale): Promise<MyEnrolment[]> => [],
  };
}
export function createRosterService(_deps: { db: Db }) {
  return { roster: pending, file: pending };
}
