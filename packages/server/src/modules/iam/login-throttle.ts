import { AppError } from '../../platform/errors.ts';

/** Throttling policy for sign-ins; `reserveAttempt` applies it. */
export const LOGIN_POLICY = {
  windowMinutes: 15,
  /** Failures (since the last success) after which each further try must wait. */
  slowAfter: 3,
  maxDelaySeconds: 60,
  /** At most this many passwords are verified per account and window; the last one reserved locks the account. */
  lockAfter: 10,
  lockMinutes: 15,
  /** At most this many failed (or running) sign-ins per client address and window. */
  ipMaxFailures: 50,
};

/** One counters row of `login_throttle`. */
export interface ThrottleState {
  key: string;
  failures: number;
  windowStart: Date;
  lastAttemptAt: Date | null;
  lockedUntil: Date | null;
}

export type Reservation =
  /** The password may be verified; `locks` when this attempt is the last one the window allows. */
  | { verify: true; account: ThrottleState; ip: ThrottleState | null; locks: boolean }
  /** Refused without verifying; `account`/`ip` are the rows to write back (a try during the slow-down still counts). */
  | { verify: false; account: ThrottleState; ip: ThrottleState | null; error: AppError; locks: boolean };

export const accountKey = (username: string) => `user:${username.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

const WINDOW_MS = LOGIN_POLICY.windowMinutes * 60_000;

/** A row as it stands at `now`: counts older than the window are forgotten. */
function rolled(row: ThrottleState, now: Date): ThrottleState {
  if (row.windowStart.getTime() + WINDOW_MS > now.getTime()) return row;
  return { ...row, failures: 0, windowStart: now };
}

function lockedError(until: Date, now: Date) {
  return new AppError('account_locked', { params: { minutes: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000)) } });
}

/**
 * Decides one sign-in attempt from the account's and the address's counters,
 * read under a row lock, and returns the counters to write back. Every
 * attempt that will be verified is counted now, before the slow hash, so
 * parallel attempts see each other; a success later gives it back
 * (`releaseOnSuccess`). Unknown account names go through exactly the same
 * rules, so the answers never tell whether a name exists.
 */
export function reserveAttempt(accountRow: ThrottleState, ipRow: ThrottleState | null, now: Date): Reservation {
  const account = rolled(accountRow, now);
  const ip = ipRow && rolled(ipRow, now);
  if (ip && ip.failures >= LOGIN_POLICY.ipMaxFailures) {
    const seconds = Math.max(1, Math.ceil((ip.windowStart.getTime() + WINDOW_MS - now.getTime()) / 1000));
    return { verify: false, account, ip, locks: false, error: new AppError('too_many_attempts', { params: { seconds } }) };
  }
  if (account.lockedUntil && account.lockedUntil > now) {
    return { verify: false, account, ip, locks: false, error: lockedError(account.lockedUntil, now) };
  }
  if (account.failures >= LOGIN_POLICY.slowAfter && account.lastAttemptAt) {
    const delay = Math.min(LOGIN_POLICY.maxDelaySeconds, 2 ** (account.failures - LOGIN_POLICY.slowAfter + 1));
    const next = account.lastAttemptAt.getTime() + delay * 1000;
    if (next > now.getTime()) {
      // A try during the slow-down counts towards the lock without costing a hash: a burst of
      // parallel guesses locks the account instead of being waved through one by one.
      const failures = account.failures + 1;
      if (failures >= LOGIN_POLICY.lockAfter) {
        const lockedUntil = new Date(now.getTime() + LOGIN_POLICY.lockMinutes * 60_000);
        return { verify: false, account: { ...account, failures, lockedUntil }, ip, locks: true, error: lockedError(lockedUntil, now) };
      }
      const seconds = Math.ceil((next - now.getTime()) / 1000);
      return {
        verify: false,
        account: { ...account, failures },
        ip,
        locks: false,
        error: new AppError('too_many_attempts', { params: { seconds } }),
      };
    }
  }
  const failures = account.failures + 1;
  const locks = failures >= LOGIN_POLICY.lockAfter;
  return {
    verify: true,
    locks,
    account: {
      ...account,
      failures,
      lastAttemptAt: now,
      // The last allowed attempt locks at once: whatever arrives while it is verified is refused.
      lockedUntil: locks ? new Date(now.getTime() + LOGIN_POLICY.lockMinutes * 60_000) : account.lockedUntil,
    },
    ip: ip && { ...ip, failures: ip.failures + 1, lastAttemptAt: now },
  };
}
