import type { AccountFilter, AccountItem, AccountSettings, BulkAccountRequest, Locale } from '@jiaowu/contracts';
import { passwordPolicy } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { hasPermission, requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { JobKind } from '../../platform/jobs/job-kind.ts';
import type { JobService } from '../../platform/jobs/jobs.service.ts';
import { findPeopleForAccounts, type PersonForAccount } from '../org/people.read-model.ts';
import { forgetMany } from './forget-many.ts';
import * as repo from './accounts.repository.ts';
import { findUserRoles } from './iam.repository.ts';
import { presentUser } from './iam.presenters.ts';
import type { IssuePasswordsPayload } from './issue-passwords.job.ts';
import { isPasswordIssued } from './passwords.ts';
import { handoutXlsx } from './handout-sheet.ts';

/**
 * Accounts of students and teachers as the office runs them (`accounts.manage`): the list with
 * its filters, bulk reset (a job with a handout list), disable and enable, and the initial
 * password policy. Without `users.manage` only person accounts holding no other role are reached.
 */
export function createAccountsService({
  db,
  clock,
  jobs,
  issueJob,
  onAccessChange,
}: {
  db: Db;
  clock: () => Date;
  jobs: JobService;
  issueJob: JobKind<IssuePasswordsPayload>;
  onAccessChange: (userId?: number) => void;
}) {
  const whereFor = (actor: Actor, filter: AccountFilter) =>
    repo.accountWhere(filter, { allAccounts: hasPermission(actor, 'users.manage'), now: clock() });

  async function present(items: repo.UserRow[], locale: Locale): Promise<AccountItem[]> {
    const roleRows = await findUserRoles(
      db,
      items.map((u) => u.id),
    );
    const people = new Map<string, PersonForAccount>();
    for (const kind of ['student', 'teacher'] as const) {
      const ids = items.map((u) => (kind === 'student' ? u.studentId : u.teacherId)).filter((id): id is number => id !== null);
      for (const p of await findPeopleForAccounts(db, kind, ids)) people.set(`${kind}:${p.id}`, p);
    }
    return items.map((u) => {
      const kind = u.studentId ? 'student' : u.teacherId ? 'teacher' : 'staff';
      const person = kind === 'staff' ? undefined : people.get(`${kind}:${kind === 'student' ? u.studentId : u.teacherId}`);
      return {
        ...presentUser(u, roleRows, locale),
        kind,
        personCode: person?.code ?? null,
        groupName: person?.groupName ?? null,
        collegeName: person?.collegeName ?? null,
        passwordIssued: isPasswordIssued(u.passwordHash),
      };
    });
  }

  return {
    async list(actor: Actor, query: AccountFilter & { page: number; pageSize: number }, locale: Locale) {
      requireAccess(actor, 'accounts.manage');
      const { page, pageSize, ...filter } = query;
      const { items, total } = await repo.findAccountsPage(db, whereFor(actor, filter), page, pageSize);
      return { items: await present(items, locale), total };
    },

    /** Reset: a job issuing new initial passwords (with its handout list). Disable/enable: at once, sessions of the disabled ending. */
    async bulk(actor: Actor, body: BulkAccountRequest, locale: Locale) {
      requireAccess(actor, 'accounts.manage');
      const ids = await repo.findAccountIds(db, whereFor(actor, body.filter ?? {}), body.ids);
      if (body.action === 'reset_password') {
        if (!ids.length) return { count: 0, jobId: null };
        const jobId = await jobs.enqueue(actor, issueJob, { userIds: ids, locale }, { total: ids.length });
        return { count: ids.length, jobId };
      }
      const disable = body.action === 'disable';
      const changed = await db.transaction(async (tx) => {
        // One's own account is never disabled by a bulk action.
        const rows = await repo.setDisabled(tx, ids, disable, actor.userId);
        if (disable)
          await repo.deleteSessionsOfUsers(
            tx,
            rows.map((r) => r.id),
          );
        await writeAudit(
          tx,
          actor,
          rows.map((r) => ({
            action: disable ? 'users.disable' : 'users.enable',
            entityType: 'users',
            entityId: r.id,
            before: { isDisabled: !disable },
            after: { isDisabled: disable },
          })),
        );
        return rows;
      });
      forgetMany(
        onAccessChange,
        changed.map((r) => r.id),
      );
      return { count: changed.length, jobId: null };
    },

    async getSettings(actor: Actor): Promise<AccountSettings> {
      requireAccess(actor, 'accounts.manage');
      const row = await repo.findSettings(db);
      return { passwordPolicy: passwordPolicy.catch('random').parse(row?.passwordPolicy) };
    },

    async saveSettings(actor: Actor, input: AccountSettings): Promise<AccountSettings> {
      requireAccess(actor, 'accounts.manage');
      const before = await this.getSettings(actor);
      await db.transaction(async (tx) => {
        await repo.saveSettings(tx, input.passwordPolicy, clock());
        await writeAudit(tx, actor, {
          action: 'accounts.settings.update',
          entityType: 'account_settings',
          entityId: 1,
          before,
          after: input,
        });
      });
      return input;
    },

    /** Deletes handout lists past their time (periodic; a download after that is refused anyway). */
    async pruneHandouts() {
      await repo.deleteExpiredHandouts(db, clock());
    },

    /** The handout list of an issue-passwords job the actor may see (rows); gone after HANDOUT_HOURS. */
    async handout(actor: Actor, jobId: number) {
      requireAccess(actor, 'accounts.manage');
      const job = await jobs.get(actor, jobId);
      if (job.kind !== issueJob.name) throw new AppError('not_found');
      await repo.deleteExpiredHandouts(db, clock());
      const row = await repo.findHandout(db, jobId);
      if (!row) throw new AppError('handout_expired');
      return { rows: row.rows, expiresAt: row.expiresAt.toISOString() };
    },

    /** The same list as XLSX, in the reader's language. */
    async handoutFile(actor: Actor, jobId: number, locale: Locale) {
      const { rows } = await this.handout(actor, jobId);
      return { filename: `initial-passwords-${jobId}.xlsx`, data: await handoutXlsx(rows, locale) };
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
