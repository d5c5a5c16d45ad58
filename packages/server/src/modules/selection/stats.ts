import { SELECTION_REASON_CODES } from '@jiaowu/contracts';

/**
 * What the live dashboard 选课监控 shows beside the database's counts: requests per second,
 * errors and refusals by rule, per round. Kept in this process's memory (a minute of
 * per-second buckets and running totals): with several API processes each reports its own
 * share, which the dashboard's caller hits one of — good enough to watch a rush, not an
 * accounting record (the enrolments themselves are that).
 */

const REFUSALS: ReadonlySet<string> = new Set(SELECTION_REASON_CODES);

interface RoundStats {
  /** Requests per second of the last 60 seconds: [second, count]. */
  seconds: Map<number, number>;
  errors: number;
  refusals: Map<string, number>;
}

export interface SelectionStats {
  /** A selection request of the round ended: `code` null when it succeeded, else its error code. */
  request(roundId: number, code: string | null): void;
  of(roundId: number): { requestsPerSecond: number; errors: number; refusals: Record<string, number> };
}

export function createSelectionStats(now: () => number = () => Date.now()): SelectionStats {
  const byRound = new Map<number, RoundStats>();
  const get = (roundId: number) => {
    let s = byRound.get(roundId);
    if (!s) byRound.set(roundId, (s = { seconds: new Map(), errors: 0, refusals: new Map() }));
    return s;
  };
  return {
    request(roundId, code) {
      const s = get(roundId);
      const second = Math.floor(now() / 1000);
      s.seconds.set(second, (s.seconds.get(second) ?? 0) + 1);
      if (s.seconds.size > 120) for (const k of s.seconds.keys()) if (k < second - 60) s.seconds.delete(k);
      if (code === null) return;
      if (REFUSALS.has(code)) s.refusals.set(code, (s.refusals.get(code) ?? 0) + 1);
      else if (code === 'internal') s.errors++;
    },
    of(roundId) {
      const s = get(roundId);
      const second = Math.floor(now() / 1000);
      let n = 0;
      for (const [k, v] of s.seconds) if (k > second - 60 && k <= second) n += v;
      return { requestsPerSecond: Math.round((n / 60) * 10) / 10, errors: s.errors, refusals: Object.fromEntries(s.refusals) };
    },
  };
}
