import { randomUUID } from 'node:crypto';
import { SELECTION_REASON_CODES } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { sumLiveStats, upsertLiveStats } from './rounds.repository.ts';

/**
 * What the live dashboard 选课监控 shows beside the database's counts: requests per second,
 * errors and refusals by rule, per round. Each process counts in memory (a minute of per-second
 * buckets and running totals) and writes its counters to `selection_live_stats` every few
 * seconds; the dashboard sums every process's row, so with several API processes it shows the
 * whole rush whichever process serves it. A watch, not an accounting record (the enrolments
 * themselves are that).
 */

const REFUSALS: ReadonlySet<string> = new Set(SELECTION_REASON_CODES);
/** How often a process writes its counters, and how long a silent process still counts as live. */
export const LIVE_STATS_FLUSH_MS = 2_000;
const LIVE_FOR_MS = 10_000;

interface RoundStats {
  /** Requests per second of the last 60 seconds: [second, count]. */
  seconds: Map<number, number>;
  errors: number;
  refusals: Map<string, number>;
}

export interface LiveStats {
  requestsPerSecond: number;
  errors: number;
  refusals: Record<string, number>;
}

export interface SelectionStats {
  /** A selection request of the round ended: `code` null when it succeeded, else its error code. */
  request(roundId: number, code: string | null): void;
  /** This process's counters of the round. */
  of(roundId: number): LiveStats;
  /** Writes this process's counters of the rounds with requests since the last write. */
  flush(db: Db): Promise<void>;
  /** Every process's counters of the round (this one's written first). */
  read(db: Db, roundId: number): Promise<LiveStats>;
}

const perSecond = (lastMinute: number) => Math.round((lastMinute / 60) * 10) / 10;

export function createSelectionStats(now: () => number = () => Date.now()): SelectionStats {
  const processId = randomUUID();
  const byRound = new Map<number, RoundStats>();
  // Rounds with requests since the last write, and a minute after (their rate falls back to 0).
  const dirty = new Map<number, number>();
  const get = (roundId: number) => {
    let s = byRound.get(roundId);
    if (!s) byRound.set(roundId, (s = { seconds: new Map(), errors: 0, refusals: new Map() }));
    return s;
  };
  const lastMinute = (s: RoundStats) => {
    const second = Math.floor(now() / 1000);
    let n = 0;
    for (const [k, v] of s.seconds) if (k > second - 60 && k <= second) n += v;
    return n;
  };
  const stats: SelectionStats = {
    request(roundId, code) {
      const s = get(roundId);
      const second = Math.floor(now() / 1000);
      dirty.set(roundId, now());
      s.seconds.set(second, (s.seconds.get(second) ?? 0) + 1);
      if (s.seconds.size > 120) for (const k of s.seconds.keys()) if (k < second - 60) s.seconds.delete(k);
      if (code === null) return;
      if (REFUSALS.has(code)) s.refusals.set(code, (s.refusals.get(code) ?? 0) + 1);
      else if (code === 'internal') s.errors++;
    },
    of(roundId) {
      const s = get(roundId);
      return { requestsPerSecond: perSecond(lastMinute(s)), errors: s.errors, refusals: Object.fromEntries(s.refusals) };
    },
    async flush(db) {
      const t = now();
      const rounds = [...dirty.keys()];
      for (const [id, at] of dirty) if (t - at > 61_000) dirty.delete(id);
      const rows = rounds.map((roundId) => {
        const s = get(roundId);
        return { roundId, lastMinute: lastMinute(s), errors: s.errors, refusals: Object.fromEntries(s.refusals) };
      });
      await upsertLiveStats(db, processId, rows, new Date(t));
    },
    async read(db, roundId) {
      await stats.flush(db);
      const sum = await sumLiveStats(db, roundId, new Date(now() - LIVE_FOR_MS));
      return { requestsPerSecond: perSecond(sum.lastMinute), errors: sum.errors, refusals: sum.refusals };
    },
  };
  return stats;
}
