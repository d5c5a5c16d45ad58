import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { CaptchaAnswer, CaptchaChallenge, Locale } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import * as repo from './captcha.repository.ts';
import { LOGIN_POLICY } from './login-throttle.ts';

/**
 * CAPTCHA after repeated failures: a short arithmetic question in the user's language, as text.
 *
 * Why not a distorted image: image CAPTCHAs shut out blind and low-vision users (screen readers
 * cannot read them, audio alternatives are poor), need a third-party service or a font/noise
 * renderer to be any good, and are solved by OCR services for a fraction of a cent anyway. Here the
 * CAPTCHA is a speed bump on top of the sign-in throttle and lock (login-throttle.ts), not the
 * defence itself: it turns a scripted guessing run into one that must read and solve each question,
 * and each answer costs a fresh question. A text question is read aloud by screen readers, typed
 * with any input method (full-width digits are accepted), and testable.
 *
 * Nothing is stored when a question is asked: the challenge is `nonce.expiry.sig.mac`, where `sig`
 * (HMAC of nonce and expiry under a key derived from the server's secret) proves the server issued
 * it and `mac` (HMAC of nonce, expiry and the answer) lets the server check an answer without
 * keeping it. A challenge is answered once, right or wrong (`captcha_uses`), so the answer cannot be
 * found by trying every number on the same question.
 */
export const CAPTCHA_POLICY = {
  /** How long a question may be answered. */
  ttlMinutes: 10,
  /**
   * Failures of one client address (within the throttle window) after which every sign-in from it needs an
   * answer. Well above one person's typos: a campus often reaches us through one address (NAT).
   */
  ipAfterFailures: 20,
};

export interface CaptchaOptions {
  db: Db;
  clock: () => Date;
  /** The server's secret key (platform/secrets); the CAPTCHA key is derived from it. */
  secretKey: Buffer;
  /** Failures of one account name within the throttle window after which its sign-ins need an answer. */
  afterFailures: number;
}

const b64 = (b: Buffer) => b.toString('base64url');

function question(a: number, b: number, plus: boolean, locale: Locale): string {
  if (locale === 'en') return `What is ${a} ${plus ? 'plus' : 'minus'} ${b}?`;
  return `${a} ${plus ? '加' : '减'} ${b} 等于多少？`;
}

/** The number typed: full-width digits (Chinese input methods) become ASCII; anything else is no number. */
function parseAnswer(raw: string): number | null {
  const s = raw.normalize('NFKC').trim();
  return /^-?\d{1,4}$/.test(s) ? Number(s) : null;
}

export function createCaptcha({ db, clock, secretKey, afterFailures }: CaptchaOptions) {
  const key = createHmac('sha256', secretKey).update('jiaowu.captcha.v1').digest();
  const hmac = (s: string) => createHmac('sha256', key).update(s).digest();

  /** A new question in the caller's language. */
  function issue(locale: Locale): CaptchaChallenge {
    const plus = randomInt(2) === 0;
    const a = randomInt(10, 60);
    const b = randomInt(2, plus ? 40 : a - 1);
    const answer = plus ? a + b : a - b;
    const nonce = b64(randomBytes(12));
    const exp = (clock().getTime() + CAPTCHA_POLICY.ttlMinutes * 60_000).toString(36);
    const token = [nonce, exp, b64(hmac(`id.${nonce}.${exp}`)), b64(hmac(`ans.${nonce}.${exp}.${answer}`))].join('.');
    return { token, question: question(a, b, plus, locale) };
  }

  /** Whether the answer is right; an authentic, unexpired challenge is used up either way. */
  async function check(input: CaptchaAnswer): Promise<boolean> {
    const [nonce, exp, sig, mac, extra] = input.token.split('.');
    if (!nonce || !exp || !sig || !mac || extra !== undefined) return false;
    const same = (a: Buffer, b: string) => {
      const bb = Buffer.from(b, 'base64url');
      return a.length === bb.length && timingSafeEqual(a, bb);
    };
    if (!same(hmac(`id.${nonce}.${exp}`), sig)) return false;
    const expiresAt = new Date(parseInt(exp, 36));
    if (!(expiresAt > clock())) return false;
    if (!(await repo.consumeCaptcha(db, nonce, expiresAt))) return false;
    const answer = parseAnswer(input.answer);
    return answer !== null && same(hmac(`ans.${nonce}.${exp}.${answer}`), mac);
  }

  /**
   * Lets the request through when no question is needed or it was answered right; otherwise throws
   * `captcha_required` / `captcha_invalid` carrying a new question (`details.captcha`).
   */
  async function guard(needed: boolean, input: CaptchaAnswer | undefined, locale: Locale): Promise<void> {
    if (!needed) return;
    if (!input) throw new AppError('captcha_required', { details: { captcha: issue(locale) } });
    if (!(await check(input))) throw new AppError('captcha_invalid', { details: { captcha: issue(locale) } });
  }

  /** Whether these counters call for a question: the account's after `afterFailures`, the address's after `ipAfterFailures`. */
  async function neededFor(accountKey: string | null, ipKey: string | null, ipAfter = CAPTCHA_POLICY.ipAfterFailures) {
    const now = clock().getTime();
    const rows = await repo.peekThrottle(
      db,
      [accountKey, ipKey].filter((k): k is string => !!k),
    );
    const live = (key: string | null) => {
      const row = rows.find((r) => r.key === key);
      return row && row.windowStart.getTime() + LOGIN_POLICY.windowMinutes * 60_000 > now ? row.failures : 0;
    };
    return live(accountKey) >= afterFailures || live(ipKey) >= ipAfter;
  }

  /** The same refusal with a new question in `details.captcha`, for a form that will need one next. */
  const withQuestion = (err: AppError, locale: Locale) =>
    new AppError(err.code, { params: err.params, fields: err.fields, details: { ...err.details, captcha: issue(locale) } });

  return {
    issue,
    check,
    guard,
    withQuestion,
    neededFor,
    /** Periodic clean-up of answered challenges. */
    prune: () => repo.deleteExpiredCaptchaUses(db, clock()),
  };
}

export type Captcha = ReturnType<typeof createCaptcha>;
