import { z } from 'zod';
import { locale, passwordPolicy, type IssuePasswordsResult } from '@jiaowu/contracts';
import { hasPermission, requireAccess } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { defineJob, type JobKind } from '../../platform/jobs/job-kind.ts';
import { findPeopleForAccounts, type PersonForAccount } from '../org/people.read-model.ts';
import { forgetMany } from './forget-many.ts';
import * as repo from './accounts.repository.ts';
import { clearThrottle } from './iam.repository.ts';
import { hashInitialPassword, initialPassword } from './initial-passwords.ts';
import { accountKey } from './login-throttle.ts';
import type { HandoutRow } from './iam.tables.ts';

// `locale`: the enqueuer's language, kept for messages of the run.
const payload = z.object({ userIds: z.array(z.number().int().positive()).max(50_000), locale });
export type IssuePasswordsPayload = z.infer<typeof payload>;

/** How long the handout list (plain initial passwords) is kept for download. */
export const HANDOUT_HOURS = 24;

/** A hash through the shared limiter; while sign-ins fill its queue, wait and try again rather than fail the batch. */
async function hashPatiently(password: string, signal: AbortSignal): Promise<string> {
  for (;;) {
    try {
      return await hashInitialPassword(password);
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'sign_in_busy')) throw e;
      signal.throwIfAborted();
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/**
 * `accounts.issue_passwords`: new initial passwords for these accounts by the school's policy,
 * hashed one at a time at the lower initial cost (initial-passwords.ts), then written in ONE
 * transaction with the forced change, the end of their sessions and the audit records, together
 * with the handout list (学号/工号, 姓名, 班级/学院, 初始密码) the office downloads (XLSX) or prints
 * from the job for HANDOUT_HOURS (account_handouts). All or nothing: a failed or cancelled run issues none.
 * Ids are checked again against what the actor may manage.
 */
export function issuePasswordsJob({ onAccessChange }: { onAccessChange: (userId?: number) => void }): JobKind<IssuePasswordsPayload> {
  return defineJob({
    name: 'accounts.issue_passwords',
    payload,
    permission: 'accounts.manage',
    async handler({ userIds }, ctx): Promise<IssuePasswordsResult> {
      requireAccess(ctx.actor, 'accounts.manage');
      const now = ctx.clock();
      const where = repo.accountWhere({}, { allAccounts: hasPermission(ctx.actor, 'users.manage'), now });
      const users = await repo.findUsersByIds(ctx.db, await repo.findAccountIds(ctx.db, where, userIds));
      const policy = passwordPolicy.catch('random').parse((await repo.findSettings(ctx.db))?.passwordPolicy);
      const people = new Map<string, PersonForAccount>();
      for (const kind of ['student', 'teacher'] as const) {
        const ids = users.map((u) => (kind === 'student' ? u.studentId : u.teacherId)).filter((id): id is number => id !== null);
        for (const p of await findPeopleForAccounts(ctx.db, kind, ids)) people.set(`${kind}:${p.id}`, p);
      }
      await ctx.progress(0, users.length);

      const issued: { user: repo.UserRow; person: PersonForAccount | null; password: string; fromId: boolean; passwordHash: string }[] = [];
      for (const u of users) {
        ctx.signal.throwIfAborted();
        const person = people.get(u.studentId ? `student:${u.studentId}` : `teacher:${u.teacherId}`) ?? null;
        // Under `id_last6` a person without an ID number (or an account without a person) gets a random one.
        const { password, fromId } = initialPassword(policy, person?.idNumber ?? null);
        issued.push({ user: u, person, password, fromId, passwordHash: await hashPatiently(password, ctx.signal) });
        await ctx.progress(issued.length);
      }

      const rows: HandoutRow[] = issued
        .map((i) => ({
          code: i.person?.code ?? i.user.username,
          name: i.person?.name ?? i.user.displayName,
          group: i.person?.groupName ?? '',
          password: i.fromId ? null : i.password,
        }))
        .sort((x, y) => x.group.localeCompare(y.group) || x.code.localeCompare(y.code));
      const expiresAt = new Date(now.getTime() + HANDOUT_HOURS * 3_600_000);
      ctx.signal.throwIfAborted();
      await ctx.db.transaction(async (tx) => {
        await repo.setInitialPasswords(
          tx,
          issued.map((i) => ({ id: i.user.id, passwordHash: i.passwordHash })),
        );
        await repo.deleteSessionsOfUsers(
          tx,
          issued.map((i) => i.user.id),
        );
        for (const i of issued) await clearThrottle(tx, accountKey(i.user.username));
        await repo.deleteExpiredHandouts(tx, now);
        await repo.saveHandout(tx, {
          jobId: ctx.jobId,
          rows,
          createdBy: ctx.actor.userId,
          expiresAt,
        });
        await writeAudit(
          tx,
          ctx.actor,
          issued.map((i) => ({
            action: 'users.issue_password',
            entityType: 'users',
            entityId: i.user.id,
            after: { policy, fromIdNumber: i.fromId },
          })),
        );
      });
      forgetMany(
        onAccessChange,
        issued.map((i) => i.user.id),
      );
      return { issued: issued.length, handoutExpiresAt: expiresAt.toISOString() };
    },
  });
}
