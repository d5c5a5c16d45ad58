import {
  creditLimits,
  roundScope,
  seatRelease,
  staggeredOpening,
  type Round,
  type RetakeMode,
  type SelectionMode,
} from '@jiaowu/contracts';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { SelectionRoundRow } from './selection.repository.ts';

/** A round row as the API shows it: instants with their offset, the status of this moment. */

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The round's status now: the stored life (drawn, locked) wins; before it, the window decides
 * (draft until it opens, open, closed).
 */
export function roundStatusAt(row: SelectionRoundRow, now: Date): Round['status'] {
  if (row.status === 'drawn' || row.status === 'locked') return row.status;
  const t = now.getTime();
  if (t < row.opensAt.getTime()) return 'draft';
  return t < row.closesAt.getTime() ? 'open' : 'closed';
}

export function presentRound(row: SelectionRoundRow, now: Date): Round {
  const t = now.getTime();
  return {
    id: row.id,
    termId: row.termId,
    name: row.name,
    mode: row.mode as SelectionMode,
    opensAt: iso(row.opensAt),
    closesAt: iso(row.closesAt),
    staggered: z.array(staggeredOpening).parse(row.staggered),
    scope: roundScope.nullable().parse(row.scope),
    isPilot: row.isPilot,
    creditLimits: creditLimits.parse(row.creditLimits),
    maxClasses: row.maxClasses,
    dropsAllowed: row.dropsAllowed,
    dropDeadline: row.dropDeadline ? iso(row.dropDeadline) : null,
    noReselectAfterDrop: row.noReselectAfterDrop,
    retakeModes: row.retakeModes as RetakeMode[],
    seatRelease: seatRelease.parse(
      row.seatRelease === 'random_window'
        ? { mode: 'random_window', windowMinutes: Math.max(1, Math.round((row.seatReleaseWindowSeconds ?? 60) / 60)) }
        : { mode: 'immediate' },
    ),
    notice: row.notice,
    noticeDaysBefore: row.noticeDaysBefore,
    minClassSize: row.minClassSize,
    status: roundStatusAt(row, now),
    isOpen: t >= row.opensAt.getTime() && t < row.closesAt.getTime() && row.status !== 'locked',
    version: row.version,
    lotterySeed: row.lotterySeed,
  };
}

/** A locked round (选课确认) takes no more changes from students. */
export function assertNotLocked(row: SelectionRoundRow) {
  if (row.status === 'locked') throw new AppError('round_locked', { params: { round: row.name } });
}
