import { createHash, randomBytes } from 'node:crypto';
import type { CaptchaAnswer, Locale, MeResponse } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { anonymousActor, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { OrgService } from '../org/org.service.ts';
import * as repo from './iam.repository.ts';
import { presentUser } from './iam.presenters.ts';
import { resolveGrants, tokenPermissions } from './grants.ts';
import { createSessionCache } from './session-cache.ts';
import { accountKey, ipKey, LOGIN_POLICY, reserveAttempt } from './login-throttle.ts';
import { dummyPasswordHash, hashPassword, isPasswordIssued, verifyPassword } from './passwords.ts';
import { findUserForSignIn } from './accounts.repository.ts';
import type { Captcha } from './captcha.ts';

export const SESSION_COOKIE = 'jw_session';

export { LOGIN_POLICY } from './login-throttle.ts';

export interface AuthOptions {
  db: Db;
  org: OrgService;
  clock: () => Date;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** How long a session may be served from this process's cache (0: not cached); see `createSessionCache`. */
  sessionCacheMs?: number;
  /** Asks a question after repeated failures (captcha.ts); none: never asks. */
  captcha?: Captcha | null;
}

/** Who is starting a session, from where. */
interface SignInContext {
  ip: string | null;
  userAgent: string | null;
  locale: Locale;
}

interface LoginInput extends SignInContext {
  username: string;
  password: string;
  /** The answer to the question asked after repeated failures. */
  captcha?: CaptchaAnswer;
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function createAuthService({ db, org, clock, sessionIdleMinutes, sessionMaxHours, sessionCacheMs = 0, captcha }: AuthOptions) {
  const cache = createSessionCache({ ttlMs: sessionCacheMs });
  const isLive = (session: { createdAt: Date; expiresAt: Date }, now: Date) =>
    session.expiresAt > now && session.createdAt.getTime() + sessionMaxHours * 3_600_000 > now.getTime();
  // Made now, so the first unknown name does not pay for a second hash and stand out by its timing.
  void dummyPasswordHash();
  /**
   * The actor of a user: per permission, the grants of each role assignment
   * with that assignment's own anchors (a role given for college 2 reaches
   * college 2 only, whatever other roles the user holds), and the widest
   * scope per permission for the route gate and /api/me.
   */
  async function buildUserActor(userId: number, ip: string | null, locale: Locale, sessionId?: string): Promise<Actor | null> {
    const user = await repo.findUserById(db, userId);
    if (!user || user.isDisabled) return null;
    const rows = await repo.findGrantsOfUser(db, userId);
    // A college/department grant of an assignment without an anchor falls back to the user's own department as a teacher.
    const needsTeacherAnchor = rows.some((g) => (g.scope === 'college' && !g.collegeId) || (g.scope === 'department' && !g.departmentId));
    const own = needsTeacherAnchor && user.teacherId ? await org.teacherAnchors(user.teacherId) : null;
    const { permissions, grants, collegeIds, departmentIds } = resolveGrants(rows, own);
    return {
      kind: 'user',
      userId: user.id,
      name: user.username,
      ip,
      locale,
      permissions,
      grants,
      collegeIds,
      departmentIds,
      teacherId: user.teacherId,
      studentId: user.studentId,
      sessionId,
    };
  }

  /**
   * Counts the attempt under a row lock on the account's and the address's
   * counters before any password is verified (see `reserveAttempt`); throws
   * the refusal when the attempt may not be verified.
   */
  async function reserve(username: string, ip: string | null, now: Date) {
    const key = accountKey(username);
    return db.transaction(async (tx) => {
      const rows = await repo.lockThrottleRows(tx, ip ? [key, ipKey(ip)] : [key], now);
      const account = rows.find((r) => r.key === key)!;
      const ipRow = ip ? rows.find((r) => r.key === ipKey(ip))! : null;
      const r = reserveAttempt(account, ipRow, now);
      if (r.account !== account) await repo.saveThrottleRow(tx, r.account);
      if (r.ip && r.ip !== ipRow) await repo.saveThrottleRow(tx, r.ip);
      return r;
    });
  }

  /** Mirrors a lock onto a known account, where administrators see and lift it, with its audit record. */
  async function recordLock(user: repo.UserRow, ip: string | null, lockedUntil: Date, failures: number) {
    await db.transaction(async (tx) => {
      await repo.updateUser(tx, user.id, { lockedUntil });
      await writeAudit(
        tx,
        { ...anonymousActor(ip), kind: 'system', name: 'system' },
        {
          action: 'users.lock',
          entityType: 'users',
          entityId: user.id,
          after: { lockedUntil, failures },
        },
      );
    });
  }

  /**
   * A new session of a user already authenticated (password or single sign-on): the same cookie
   * token and CSRF token either way, written with the audited sign-in in one transaction.
   */
  async function openSession(user: repo.UserRow, ctx: SignInContext, method: 'password' | 'oidc', before?: (tx: Tx) => Promise<void>) {
    const now = clock();
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const sessionId = sha256(token);
    await db.transaction(async (tx) => {
      await before?.(tx);
      await repo.insertSession(tx, {
        id: sessionId,
        userId: user.id,
        csrfToken,
        ip: ctx.ip,
        userAgent: ctx.userAgent?.slice(0, 300) ?? null,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + sessionIdleMinutes * 60_000),
        method,
      });
      await repo.updateUser(tx, user.id, { lastLoginAt: now, lockedUntil: null });
      await writeAudit(
        tx,
        { ...anonymousActor(ctx.ip), kind: 'user', userId: user.id, name: user.username },
        {
          action: 'auth.login',
          entityType: 'users',
          entityId: user.id,
          // Password sign-ins keep their old record shape; single sign-on says so.
          after: method === 'oidc' ? { method } : undefined,
        },
      );
    });
    const roleRows = await repo.findUserRoles(db, [user.id]);
    const presented = presentUser({ ...user, lastLoginAt: now, lockedUntil: null }, roleRows, ctx.locale);
    return { token, csrfToken, user: method === 'oidc' ? { ...presented, mustChangePassword: false } : presented };
  }

  /** Throttle, verify, open the session: the sign-in once any CAPTCHA is settled. */
  /** The account a sign-in names: by user name, else by the linked 学号/工号 (a user-name match wins). */
  async function signInTarget(name: string) {
    const user = await findUserForSignIn(db, name);
    // The throttle and the CAPTCHA count per resolved account, so guesses under the user name
    // and under the code share one budget.
    return { user, throttleName: user?.username ?? name };
  }

  async function passwordLogin(input: LoginInput, now: Date, target: Awaited<ReturnType<typeof signInTarget>>) {
    const { user, throttleName } = target;
    const reservation = await reserve(throttleName, input.ip, now);
    // Unknown names take the same path as known ones (throttle, a hash verified, the same
    // answers), so neither the codes nor the timing tell which names exist.
    if (!reservation.verify) {
      if (reservation.locks && user) await recordLock(user, input.ip, reservation.account.lockedUntil!, reservation.account.failures);
      throw reservation.error;
    }
    let ok: boolean;
    try {
      // An account whose initial password is not issued yet verifies the dummy hash: same time, never a match.
      const stored = user && isPasswordIssued(user.passwordHash) ? user.passwordHash : await dummyPasswordHash();
      ok = await verifyPassword(input.password, stored);
    } catch (e) {
      // Not verified after all (too many hashes waiting): the attempt does not count.
      if (e instanceof AppError && e.code === 'sign_in_busy') {
        await repo.returnAttempt(db, input.ip ? [accountKey(throttleName), ipKey(input.ip)] : [accountKey(throttleName)]);
      }
      throw e;
    }
    if (!user || !ok) {
      await repo.recordAttempt(db, input.username, input.ip, false, now);
      if (reservation.locks) {
        if (user) await recordLock(user, input.ip, reservation.account.lockedUntil!, reservation.account.failures);
        throw new AppError('account_locked', { params: { minutes: LOGIN_POLICY.lockMinutes } });
      }
      throw new AppError('invalid_credentials');
    }
    if (user.isDisabled) throw new AppError('account_disabled');
    return openSession(user, input, 'password', async (tx) => {
      await repo.recordAttempt(tx, input.username, input.ip, true, now);
      await repo.releaseThrottle(tx, accountKey(throttleName), input.ip && ipKey(input.ip));
    });
  }

  return {
    buildUserActor,

    async login(input: LoginInput) {
      const now = clock();
      const target = await signInTarget(input.username);
      if (!captcha) return passwordLogin(input, now, target);
      // After repeated failures of this name or this address, a question first; asked the same
      // way for unknown names, and before anything is counted or verified.
      const keys = [accountKey(target.throttleName), input.ip && ipKey(input.ip)] as const;
      await captcha.guard(await captcha.neededFor(...keys), input.captcha, input.locale);
      try {
        return await passwordLogin(input, now, target);
      } catch (err) {
        // When the next try will need an answer, the question comes with this refusal, so the form shows it at once.
        if (err instanceof AppError && err.code !== 'sign_in_busy' && (await captcha.neededFor(...keys))) {
          throw captcha.withQuestion(err, input.locale);
        }
        throw err;
      }
    },

    openSession,

    async logout(actor: Actor) {
      if (!actor.sessionId) return;
      cache.forget(actor.sessionId);
      await db.transaction(async (tx) => {
        await repo.deleteSession(tx, actor.sessionId!);
        await writeAudit(tx, actor, { action: 'auth.logout', entityType: 'users', entityId: actor.userId });
      });
    },

    /**
     * The actor of a session cookie, or null when missing, expired or the user is disabled.
     * From the session cache when it holds the session (no query at all), else one query for
     * session and user plus `buildUserActor`'s; the row is written at most once a minute.
     */
    async resolveSession(token: string, ip: string | null, locale: Locale) {
      const id = sha256(token);
      const now = clock();
      let entry = cache.get(id);
      if (entry && !isLive(entry.session, now)) {
        // Another process may have slid the expiry: only the database can say it is over.
        cache.forget(id);
        entry = null;
      }
      if (!entry) {
        const row = await repo.findSessionWithUser(db, id);
        if (!row) return null;
        if (!isLive(row.session, now)) {
          await repo.deleteSession(db, id);
          return { expired: true as const };
        }
        const actor = await buildUserActor(row.session.userId, ip, locale, id);
        if (!actor) return null;
        entry = { session: row.session, user: row.user, actor };
        cache.set(id, entry);
      }
      const { session, user } = entry;
      // Sliding expiry, written at most once a minute to spare the database.
      if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
        const maxEnd = session.createdAt.getTime() + sessionMaxHours * 3_600_000;
        const expiresAt = new Date(Math.min(maxEnd, now.getTime() + sessionIdleMinutes * 60_000));
        // Updated before the write, so requests arriving meanwhile do not write too.
        session.lastSeenAt = now;
        session.expiresAt = expiresAt;
        await repo.touchSession(db, id, now, expiresAt, new Date(now.getTime() - 60_000));
      }
      return {
        actor: { ...entry.actor, ip, locale },
        csrfToken: session.csrfToken,
        // Signed in by single sign-on: the local password is not what got them in, so it is not forced.
        mustChangePassword: user.mustChangePassword && !user.isDemo && session.method !== 'oidc',
      };
    },

    /** Deletes sign-in counters that no longer count (one row per name ever tried would pile up). */
    async pruneThrottle() {
      const now = clock();
      await repo.deleteStaleThrottleRows(db, new Date(now.getTime() - LOGIN_POLICY.windowMinutes * 60_000), now);
      await captcha?.prune();
    },

    /** Forgets cached sessions of a user (or of everyone) after a change to accounts or roles. */
    forgetSessions(userId?: number) {
      cache.forgetUser(userId);
    },

    /** The actor of an API token (`Authorization: Bearer jw_…`). */
    async resolveToken(token: string, ip: string | null, locale: Locale): Promise<Actor | null> {
      const row = await repo.findTokenByHash(db, sha256(token));
      const now = clock();
      if (!row || (row.expiresAt && row.expiresAt <= now)) return null;
      if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) await repo.touchToken(db, row.id, now);
      return {
        ...anonymousActor(ip, locale),
        kind: 'token',
        name: `token:${row.name}`,
        tokenId: row.id,
        permissions: tokenPermissions(row.permissions),
      };
    },

    async me(actor: Actor, csrfToken: string | null, locale: Locale): Promise<MeResponse> {
      if (actor.kind !== 'user' || !actor.userId) throw new AppError('unauthenticated');
      const cached = actor.sessionId ? cache.get(actor.sessionId) : null;
      const user = cached?.user ?? (await repo.findUserById(db, actor.userId));
      if (!user) throw new AppError('unauthenticated');
      const roleRows = cached?.roles ?? (await repo.findUserRoles(db, [user.id]));
      if (cached) cached.roles = roleRows;
      const presented = presentUser(user, roleRows, locale);
      // As in resolveSession: a single sign-on session is not held to the forced password change.
      if (presented.mustChangePassword && actor.sessionId) {
        const method = cached ? cached.session.method : (await repo.findSession(db, actor.sessionId))?.method;
        if (method === 'oidc') presented.mustChangePassword = false;
      }
      return {
        user: presented,
        permissions: actor.permissions,
        csrfToken,
        collegeId: actor.collegeIds[0] ?? null,
        departmentId: actor.departmentIds[0] ?? null,
      };
    },

    async changePassword(actor: Actor, currentPassword: string, newPassword: string) {
      if (actor.kind !== 'user' || !actor.userId) throw new AppError('unauthenticated');
      const user = await repo.findUserById(db, actor.userId);
      if (!user) throw new AppError('unauthenticated');
      if (!(await verifyPassword(currentPassword, user.passwordHash))) {
        throw new AppError('wrong_password', { fields: [{ field: 'currentPassword', code: 'invalid' }] });
      }
      if (currentPassword === newPassword) throw new AppError('password_reused', { fields: [{ field: 'newPassword', code: 'invalid' }] });
      const passwordHash = await hashPassword(newPassword);
      await db.transaction(async (tx) => {
        await repo.updateUser(tx, user.id, { passwordHash, mustChangePassword: false });
        // Other sessions of this user end: a changed password should lock out whoever else had it.
        await repo.deleteSessionsOfUser(tx, user.id, actor.sessionId);
        await writeAudit(tx, actor, { action: 'users.change_password', entityType: 'users', entityId: user.id });
      });
      cache.forgetUser(user.id);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
