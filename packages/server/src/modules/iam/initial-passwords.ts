import { randomInt } from 'node:crypto';
import type { PasswordPolicy } from '@jiaowu/contracts';
import { hashPassword } from './passwords.ts';

/** Letters and digits that cannot be misread on a printed list (no 0/O/o, 1/l/I, 2/Z, 5/S, 8/B). */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679';
export const INITIAL_PASSWORD_LENGTH = 10;

/** A random initial password: 10 characters of a 50-letter alphabet, about 56 bits. */
export function randomInitialPassword(): string {
  let s = '';
  for (let i = 0; i < INITIAL_PASSWORD_LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/**
 * The initial password of one person by the school's policy: `id_last6` takes the last six
 * characters of the ID number (a person without one, or with a shorter one, gets a random password).
 * `fromId` says which, for the handout list.
 */
export function initialPassword(policy: PasswordPolicy, idNumber: string | null): { password: string; fromId: boolean } {
  const id = idNumber?.trim() ?? '';
  if (policy === 'id_last6' && id.length >= 6) return { password: id.slice(-6).toUpperCase(), fromId: true };
  return { password: randomInitialPassword(), fromId: false };
}

/**
 * scrypt cost of initial passwords: N=2^12 (about 4 MiB, a few milliseconds) instead of 2^17, so
 * a cohort of 4,000 is issued in seconds rather than 17 minutes of a core. This is acceptable
 * because an initial password is one-time: it is random (~56 bits, out of reach of guessing at
 * any cost) or derived from the ID number (guessable by whoever knows it, whatever the cost), and
 * it must be changed at the first sign-in, when it is replaced by a full-cost hash. The parameters
 * are stored with each hash, so verifying needs nothing else.
 */
export const INITIAL_LOG_N = Number(process.env.JIAOWU_INITIAL_SCRYPT_LOG_N ?? 12);

// Never above the full cost (tests may lower JIAOWU_SCRYPT_LOG_N).
const LOG_N_CAP = Number(process.env.JIAOWU_SCRYPT_LOG_N ?? 17);

export const hashInitialPassword = (password: string) => hashPassword(password, Math.min(INITIAL_LOG_N, LOG_N_CAP));
