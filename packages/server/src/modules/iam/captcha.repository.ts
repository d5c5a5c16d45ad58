import { inArray, lt } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { captchaUses, loginThrottle } from './iam.tables.ts';

type H = Db | Tx;

/**
 * Marks a challenge answered; false when it already was (a replay). The primary key decides,
 * so two processes answering the same challenge at once cannot both win.
 */
export async function consumeCaptcha(db: H, nonce: string, expiresAt: Date): Promise<boolean> {
  const rows = await db.insert(captchaUses).values({ nonce, expiresAt }).onConflictDoNothing().returning({ nonce: captchaUses.nonce });
  return rows.length === 1;
}

/** Forgets answered challenges that have expired anyway (their signature no longer passes). */
export async function deleteExpiredCaptchaUses(db: H, now: Date) {
  await db.delete(captchaUses).where(lt(captchaUses.expiresAt, now));
}

/** The current counters of these throttle keys, read without a lock (deciding whether to ask a question). */
export async function peekThrottle(db: H, keys: string[]) {
  if (!keys.length) return [];
  return db
    .select({ key: loginThrottle.key, failures: loginThrottle.failures, windowStart: loginThrottle.windowStart })
    .from(loginThrottle)
    .where(inArray(loginThrottle.key, keys));
}
