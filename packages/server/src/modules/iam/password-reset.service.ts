import { randomBytes } from 'node:crypto';
import type { ForgotPasswordRequest, Locale, ResetWithTokenRequest } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { anonymousActor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { OutgoingMail } from '../notifications/mail-transport.ts';
import { sha256 } from './auth.service.ts';
import type { Captcha } from './captcha.ts';
import * as repo from './iam.repository.ts';
import { accountKey, LOGIN_POLICY } from './login-throttle.ts';
import { renderResetEmail } from './password-reset.messages.ts';
import * as resetRepo from './password-reset.repository.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

/** Limits of "forgot password" requests, per throttle window (LOGIN_POLICY.windowMinutes). */
export const FORGOT_POLICY = {
  /** Emails per account name; further requests are answered the same but send nothing. */
  perAccount: 3,
  /** Requests per client address after which each one needs a CAPTCHA answer. */
  captchaAfter: 3,
  /** Requests per client address; beyond, 429. */
  perAddress: 20,
};

export interface PasswordResetOptions {
  db: Db;
  clock: () => Date;
  /** Minutes a reset link works (PASSWORD_RESET_MINUTES). */
  ttlMinutes: number;
  /** Base URL of the web app in links (PUBLIC_URL); never taken from the request's Host, which a caller chooses. */
  publicUrl: string;
  /** Sends a message now; false when no mail server is configured (notifications.sendNow). */
  sendMail: (mail: OutgoingMail) => Promise<boolean>;
  /** Forgets cached sessions of a user (auth.forgetSessions). */
  forgetSessions: (userId: number) => void;
  captcha: Captcha | null;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

const WINDOW_MS = LOGIN_POLICY.windowMinutes * 60_000;

/**
 * Forgotten password by email: a random link, only its hash stored, valid once and for
 * `ttlMinutes`. The request is answered the same whether or not the account exists, has an email
 * or is throttled, and before any of that is looked at (the work runs after the answer), so
 * neither the answer nor its timing tells which accounts exist.
 */
export function createPasswordResetService(o: PasswordResetOptions) {
  const { db, clock } = o;
  const pending = new Set<Promise<void>>();

  /** Counts this request on the name's and the address's counters (login_throttle rows `forgot:…`). */
  async function count(login: string, ip: string | null, now: Date) {
    const keys = [`forgot:${accountKey(login)}`, ...(ip ? [`forgot:ip:${ip}`] : [])];
    return db.transaction(async (tx) => {
      const rows = await repo.lockThrottleRows(tx, keys, now);
      const counted = rows.map((r) => {
        const fresh = r.windowStart.getTime() + WINDOW_MS <= now.getTime();
        return { ...r, windowStart: fresh ? now : r.windowStart, failures: (fresh ? 0 : r.failures) + 1, lastAttemptAt: now };
      });
      for (const r of counted) await repo.saveThrottleRow(tx, r);
      const byKey = (k: string) => counted.find((r) => r.key === k);
      return { account: byKey(keys[0])!, ip: ip ? byKey(keys[1]) : undefined };
    });
  }

  async function deliver(login: string, ip: string | null, now: Date) {
    const user = (await repo.findUserByUsername(db, login)) ?? (login.includes('@') ? await resetRepo.findUserByEmail(db, login) : null);
    // No account, a disabled one, or none with an email: nothing to send. The page tells everyone
    // that accounts without an email are reset by the office.
    if (!user || user.isDisabled || !user.email) return;
    const token = randomBytes(32).toString('base64url');
    await db.transaction(async (tx) => {
      await resetRepo.retireTokensOfUser(tx, user.id, now);
      await resetRepo.insertToken(tx, {
        userId: user.id,
        tokenHash: sha256(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + o.ttlMinutes * 60_000),
      });
      await writeAudit(tx, anonymousActor(ip), { action: 'auth.password_reset_requested', entityType: 'users', entityId: user.id });
    });
    const link = `${o.publicUrl.replace(/\/$/, '')}/reset-password?token=${token}`;
    const locale: Locale = user.locale === 'en' ? 'en' : 'zh-CN';
    const mail = renderResetEmail(locale, { displayName: user.displayName, username: user.username, link, minutes: o.ttlMinutes });
    if (!(await o.sendMail({ to: user.email, ...mail })))
      o.log.warn({ userId: user.id }, 'password reset requested but no mail server is configured');
  }

  return {
    /** POST /api/auth/forgot: always the same answer (unless the address is throttled or must answer a CAPTCHA). */
    async request(input: ForgotPasswordRequest, ip: string | null, locale: Locale): Promise<void> {
      const now = clock();
      if (o.captcha) {
        const needed = await o.captcha.neededFor(null, ip && `forgot:ip:${ip}`, FORGOT_POLICY.captchaAfter);
        await o.captcha.guard(needed, input.captcha, locale);
      }
      const counted = await count(input.login, ip, now);
      if (counted.ip && counted.ip.failures > FORGOT_POLICY.perAddress) {
        const seconds = Math.max(1, Math.ceil((counted.ip.windowStart.getTime() + WINDOW_MS - now.getTime()) / 1000));
        throw new AppError('too_many_attempts', { params: { seconds } });
      }
      // Counted by name whether or not it exists, so the limit tells nothing either.
      if (counted.account.failures > FORGOT_POLICY.perAccount) return;
      const work = deliver(input.login, ip, now)
        .catch((err: unknown) => o.log.error({ err }, 'password reset email failed'))
        .finally(() => pending.delete(work));
      pending.add(work);
    },

    /** POST /api/auth/reset: the link's token and the new password. */
    async reset(input: ResetWithTokenRequest, ip: string | null): Promise<void> {
      const now = clock();
      const tokenHash = sha256(input.token);
      const row = await resetRepo.findToken(db, tokenHash);
      if (!row || row.usedAt) throw new AppError('reset_token_invalid');
      if (row.expiresAt <= now) throw new AppError('reset_token_expired');
      const user = await repo.findUserById(db, row.userId);
      if (!user || user.isDisabled) throw new AppError('reset_token_invalid');
      // The same rule as the change-password page: a new password, long enough (the schema).
      if (await verifyPassword(input.newPassword, user.passwordHash)) {
        throw new AppError('password_reused', { fields: [{ field: 'newPassword', code: 'invalid' }] });
      }
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction(async (tx) => {
        // Checked again here, atomically: of two uses of one link, one wins.
        if ((await resetRepo.useToken(tx, tokenHash, now)) !== user.id) throw new AppError('reset_token_invalid');
        await resetRepo.retireTokensOfUser(tx, user.id, now);
        await repo.updateUser(tx, user.id, { passwordHash, mustChangePassword: false, lockedUntil: null });
        // Whoever had the old password (or a session) is out.
        await repo.deleteSessionsOfUser(tx, user.id);
        await repo.clearThrottle(tx, accountKey(user.username));
        await writeAudit(
          tx,
          { ...anonymousActor(ip), kind: 'user', userId: user.id, name: user.username },
          { action: 'auth.password_reset', entityType: 'users', entityId: user.id },
        );
      });
      o.forgetSessions(user.id);
    },

    /** Deletes links used or expired more than a day ago. */
    prune: () => resetRepo.deleteOldTokens(db, new Date(clock().getTime() - 24 * 3_600_000)),

    /** Waits for emails still being prepared or sent (tests; shutdown). */
    async settled() {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}

export type PasswordResetService = ReturnType<typeof createPasswordResetService>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Forgotten password (tests call `app.passwordReset.settled()` to wait for the email). */
    passwordReset: PasswordResetService;
  }
}
