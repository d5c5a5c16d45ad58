import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { AppError } from '../../platform/errors.ts';
import { createLimiter } from '../../platform/limiter.ts';

/**
 * Each hash takes ~0.25 s of a core and 128 MiB; unbounded, a burst of wrong
 * passwords starves everything else in the process (40 parallel failures made
 * an unrelated sign-in take 5.7 s). At most `JIAOWU_HASH_CONCURRENCY` hashes
 * run at once (default: half the cores), at most `JIAOWU_HASH_QUEUE` wait;
 * beyond that the caller is told to come back (429 with Retry-After).
 */
const HASH_CONCURRENCY = Number(process.env.JIAOWU_HASH_CONCURRENCY ?? Math.max(1, Math.floor(availableParallelism() / 2)));
const hashLimiter = createLimiter({
  concurrency: HASH_CONCURRENCY,
  // About two seconds of waiting at the production cost of a hash.
  queueLimit: Number(process.env.JIAOWU_HASH_QUEUE ?? 8 * HASH_CONCURRENCY),
});

/** For tests: the limiter's size and queue. */
export function configureHashLimiter(options: { concurrency: number; queueLimit: number }) {
  hashLimiter.configure(options);
}

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  const run = () =>
    new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
  const queued = hashLimiter.run(run);
  if (!queued) throw new AppError('sign_in_busy', { params: { seconds: hashLimiter.retryAfterSeconds() } });
  return queued;
}

/**
 * scrypt, a memory-hard KDF from Node's crypto (no native add-on to build).
 * OWASP's recommendation N=2^17, r=8, p=1 (128 MiB) is the default; tests
 * lower N through JIAOWU_SCRYPT_LOG_N. The parameters are stored with the
 * hash, so raising them later still verifies old hashes.
 */
const LOG_N = Number(process.env.JIAOWU_SCRYPT_LOG_N ?? 17);
const R = 8;
const P = 1;
const KEYLEN = 32;

/** `logN` lowers the cost for one-time initial passwords only (see initial-passwords.ts). */
export async function hashPassword(password: string, logN: number = LOG_N): Promise<string> {
  const salt = randomBytes(16);
  const N = 2 ** logN;
  const key = await scrypt(password, salt, KEYLEN, { N, r: R, p: P, maxmem: 256 * N * R });
  return `scrypt$${logN}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/**
 * The stored hash of an account created with its person whose initial password is not issued yet:
 * not an scrypt hash, so nothing verifies against it (sign-in verifies the dummy hash instead, to
 * spend the same time).
 */
export const UNISSUED_PASSWORD = '!unissued';

export const isPasswordIssued = (stored: string) => stored !== UNISSUED_PASSWORD;

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, logN, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !hash) return false;
  const N = 2 ** Number(logN);
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: 256 * N * Number(r),
  });
  return timingSafeEqual(key, expected);
}

/** A hash of a random password: spends the same time when the user does not exist. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(12).toString('hex'));
  return dummyHash;
}
