import type { Db, Tx } from '../../db/client.ts';
import { systemActor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import { promoteWaitlist } from './enrol.ts';
import { notifyPromotions } from './notices.ts';
import { claimRelease, findDueReleaseIds } from './seat-release.repository.ts';
import { findRound, type WaitlistRow } from './selection.repository.ts';

/**
 * 随机释放 — releases the seats a random-window round held back after a drop (enrol.ts
 * `seatFreed`), each at its moment. Run periodically by every process (app.ts, one per period
 * across processes); durable because the holds are rows: a crashed or late runner's due seats
 * are released by the next run. Each release is its own transaction — claim (exactly once, see
 * `claimRelease`), give the seat back, fill it from the waitlist that may have formed meanwhile
 * (the class showed as full), notify and audit. Returns how many seats were released.
 */
export async function releaseDueSeats(db: Db, now: Date, notify?: Notify): Promise<number> {
  let released = 0;
  for (const id of await findDueReleaseIds(db, now)) {
    await db.transaction(async (tx) => {
      const row = await claimRelease(tx, id, now);
      if (!row) return;
      released++;
      const promoted = await promoteWaitlist(tx, row.teachingClassId, now);
      if (promoted.length) {
        const termIds = await termIdsOf(tx, promoted);
        for (const [termId, list] of termIds) await notifyPromotions(tx, notify, termId, list);
      }
      await writeAudit(tx, systemActor, [
        {
          action: 'selection_seat_releases.release',
          entityType: 'selection_seat_releases',
          entityId: row.id,
          before: { releasedAt: null },
          after: {
            teachingClassId: row.teachingClassId,
            releaseSeed: row.seed,
            releaseAt: row.releaseAt.toISOString(),
            releasedAt: now.toISOString(),
          },
        },
        ...promoted.map((p) => ({
          action: 'enrolments.promoted',
          entityType: 'enrolments',
          entityId: p.enrolmentId,
          after: { studentId: p.studentId, teachingClassId: p.teachingClassId, waitlistEntryId: p.id },
        })),
      ]);
    });
  }
  return released;
}

/** Promotions grouped by their round's term, for the notification's words. */
async function termIdsOf(tx: Tx, promoted: readonly WaitlistRow[]): Promise<Map<number, WaitlistRow[]>> {
  const out = new Map<number, WaitlistRow[]>();
  for (const p of promoted) {
    const round = await findRound(tx, p.roundId);
    if (round) out.set(round.termId, [...(out.get(round.termId) ?? []), p]);
  }
  return out;
}
