import { createHash, randomBytes } from 'node:crypto';
import type { Locale, MeResponse } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { anonymousActor, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { OrgService } from '../org/org.service.ts';
import * as repo from './iam.repository.ts';
import { presentUser } from './iam.presenters.ts';
import { resolveGrants } from './grants.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';

export const SESSION_COOKIE = 'jw_session';

/** Throttling policy for sign-ins; see `login` for how it is applied. */
export const LOGIN_POLICY = {
  windowMinutes: 15,
  /** Failures (since the last success) after which each further try must wait. */
  slowAfter: 3,
  maxDelaySeconds: 60,
  lockAfter: 10,
  lockMinutes: 15,
  ipMaxFailures: 50,
};

export interface AuthOptions {
  db: Db;
  org: OrgService;
  clock: () => Date;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function createAuthService({ db, org, clock, sessionIdleMinutes, sessionMaxHours }: AuthOptions) {
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

  /** Checks the throttle; throws with how long to wait. */
  async function checkThrottle(username: string, ip: string | null, now: Date) {
    const since = new Date(now.getTime() - LOGIN_POLICY.windowMinutes * 60_000);
    if (ip) {
      const ipFails = await repo.recentIpFailures(db, ip, since);
      if (ipFails.length >= LOGIN_POLICY.ipMaxFailures) {
        const wait = Math.ceil((ipFails[ipFails.length - 1].at.getTime() + LOGIN_POLICY.windowMinutes * 60_000 - now.getTime()) / 1000);
        throw new AppError('too_many_attempts', { params: { seconds: Math.max(1, wait) } });
      }
    }
    const fails = await repo.recentFailures(db, username, since);
    if (fails.length >= LOGIN_POLICY.slowAfter) {
      const delay = Math.min(LOGIN_POLICY.maxDelaySeconds, 2 ** (fails.length - LOGIN_POLICY.slowAfter + 1));
      const next = fails[0].at.getTime() + delay * 1000;
      if (next > now.getTime()) throw new AppError('too_many_attempts', { params: { seconds: Math.ceil((next - now.getTime()) / 1000) } });
    }
    return fails.length;
  }

  return {
    buildUserActor,

    async login(input: { username: string; password: string; ip: string | null; userAgent: string | null; locale: Locale }) {
      const now = clock();
      const user = await repo.findUserByUsername(db, input.username);
      if (user?.lockedUntil && user.lockedUntil > now) {
        throw new AppError('account_locked', { params: { minutes: Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000) } });
      }
      const failures = await checkThrottle(input.username, input.ip, now);
      const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
      if (!user || !ok) {
        await repo.recordAttempt(db, input.username, input.ip, false, now);
        if (user && failures + 1 >= LOGIN_POLICY.lockAfter) {
          const lockedUntil = new Date(now.getTime() + LOGIN_POLICY.lockMinutes * 60_000);
          await db.transaction(async (tx) => {
            await repo.updateUser(tx, user.id, { lockedUntil });
            await writeAudit(tx, { ...anonymousActor(input.ip), kind: 'system', name: 'system' }, {
              action: 'users.lock', entityType: 'users', entityId: user.id, after: { lockedUntil, failures: failures + 1 },
            });
          });
          throw new AppError('account_locked', { params: { minutes: LOGIN_POLICY.lockMinutes } });
        }
        throw new AppError('invalid_credentials');
      }
      if (user.isDisabled) throw new AppError('account_disabled');
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      const sessionId = sha256(token);
      await db.transaction(async (tx) => {
        await repo.recordAttempt(tx, input.username, input.ip, true, now);
        await repo.insertSession(tx, {
          id: sessionId, userId: user.id, csrfToken, ip: input.ip, userAgent: input.userAgent?.slice(0, 300) ?? null,
          createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + sessionIdleMinutes * 60_000),
        });
        await repo.updateUser(tx, user.id, { lastLoginAt: now, lockedUntil: null });
        await writeAudit(tx, { ...anonymousActor(input.ip), kind: 'user', userId: user.id, name: user.username }, {
          action: 'auth.login', entityType: 'users', entityId: user.id,
        });
      });
      const roleRows = await repo.findUserRoles(db, [user.id]);
      return { token, csrfToken, user: presentUser({ ...user, lastLoginAt: now, lockedUntil: null }, roleRows, input.locale) };
    },

    async logout(actor: Actor) {
      if (!actor.sessionId) return;
      await db.transaction(async (tx) => {
        await repo.deleteSession(tx, actor.sessionId!);
        await writeAudit(tx, actor, { action: 'auth.logout', entityType: 'users', entityId: actor.userId });
      });
    },

    /** The actor of a session cookie, or null when missing, expired or the user is disabled. */
    async resolveSession(token: string, ip: string | null, locale: Locale) {
      const id = sha256(token);
      const session = await repo.findSession(db, id);
      const now = clock();
      if (!session) return null;
      const maxEnd = session.createdAt.getTime() + sessionMaxHours * 3_600_000;
      if (session.expiresAt <= now || maxEnd <= now.getTime()) {
        await repo.deleteSession(db, id);
        return { expired: true as const };
      }
      // Sliding expiry, written at most once a minute to spare the database.
      if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
        await repo.touchSession(db, id, now, new Date(Math.min(maxEnd, now.getTime() + sessionIdleMinutes * 60_000)));
      }
      const actor = await buildUserActor(session.userId, ip, locale, id);
      if (!actor) return null;
      const user = await repo.findUserById(db, session.userId);
      return { actor, csrfToken: session.csrfToken, mustChangePassword: !!user && user.mustChangePassword && !user.isDemo };
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
        permissions: Object.fromEntries(row.permissions.map((p) => [p, 'all'])),
      };
    },

    async me(actor: Actor, csrfToken: string | null, locale: Locale): Promise<MeResponse> {
      if (actor.kind !== 'user' || !actor.userId) throw new AppError('unauthenticated');
      const user = await repo.findUserById(db, actor.userId);
      if (!user) throw new AppError('unauthenticated');
      const roleRows = await repo.findUserRoles(db, [user.id]);
      return {
        user: presentUser(user, roleRows, locale),
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
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
