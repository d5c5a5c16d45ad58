import type { Tx } from '../../../db/client.ts';
import type { Actor } from '../../../platform/access.ts';
import { writeAudit, type AuditRecord } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import type { PersonChange } from '../../org/people-events.ts';
import { findPeopleForAccounts, type PersonForAccount } from '../../org/people.read-model.ts';
import { forgetMany } from '../forget-many.ts';
import * as repo from '../accounts.repository.ts';
import { updateUser } from '../iam.repository.ts';
import { UNISSUED_PASSWORD } from '../passwords.ts';

/** Statuses in which a person loses access: 退学/毕业/转出 students, 离职/退休 teachers. */
const INACTIVE: Record<PersonChange['kind'], ReadonlySet<string>> = {
  student: new Set(['withdrawn', 'graduated', 'transferred_out']),
  teacher: new Set(['left', 'retired']),
};

const isInactive = (kind: PersonChange['kind'], p: PersonForAccount) => p.isDeleted || INACTIVE[kind].has(p.status);

/**
 * The people listener of iam (registered in app.ts): in the transaction that wrote students or
 * teachers, each gets an account or has it brought in step — user name = 学号/工号 (a changed code
 * renames an account that carried the old code), display name, e-mail when the record has one,
 * the built-in role (a teacher's with the college as anchor; the student role has only `all` and
 * `self` grants, so it needs none), and disabled when the status leaves the school (enabled again
 * when it comes back). New accounts have no usable password until one is issued (a job: hashing
 * 4,000 passwords does not belong in an import's transaction). A user name held by an unrelated
 * account refuses the whole write. `onAccessChange` drops cached sessions of disabled accounts.
 */
export function createAccountSync({ onAccessChange }: { onAccessChange: (userId?: number) => void }) {
  return async function syncPersonAccounts(tx: Tx, actor: Actor, changes: PersonChange[]) {
    for (const kind of ['student', 'teacher'] as const) {
      const list = changes.filter((c) => c.kind === kind);
      if (list.length) await syncKind(tx, actor, kind, list, onAccessChange);
    }
  };
}

async function syncKind(
  tx: Tx,
  actor: Actor,
  kind: PersonChange['kind'],
  changes: PersonChange[],
  onAccessChange: (userId?: number) => void,
) {
  const ids = changes.map((c) => c.id);
  const people = new Map((await findPeopleForAccounts(tx, kind, ids)).map((p) => [p.id, p]));
  const linked = new Map((await repo.findUsersOfPeople(tx, kind, ids)).map((u) => [(kind === 'student' ? u.studentId : u.teacherId)!, u]));
  const roleId = await repo.findRoleId(tx, kind);

  type Plan = { change: PersonChange; person: PersonForAccount; user: repo.UserRow | undefined; username: string; disabled: boolean };
  const plans: Plan[] = [];
  for (const change of changes) {
    const person = people.get(change.id);
    if (!person) continue;
    const user = linked.get(person.id);
    const inactive = change.op === 'delete' || isInactive(kind, person);
    if (!user) {
      // A deleted person gets no account.
      if (change.op !== 'delete') plans.push({ change, person, user, username: person.code, disabled: inactive });
      continue;
    }
    const renamed = change.before && change.before.code !== person.code && user.username.toLowerCase() === change.before.code.toLowerCase();
    // The status decides only when it changed: an account an administrator disabled by hand stays so after an unrelated edit.
    const wasInactive = change.before ? INACTIVE[kind].has(change.before.status) : user.isDisabled;
    const disabled = change.op === 'delete' ? true : wasInactive !== inactive ? inactive : user.isDisabled;
    plans.push({ change, person, user, username: renamed ? person.code : user.username, disabled });
  }

  // A user name to take must be free or already this person's.
  const wanted = plans.filter((p) => p.username !== p.user?.username);
  const owners = new Map(
    (
      await repo.findUsersByNames(
        tx,
        wanted.map((p) => p.username),
      )
    ).map((u) => [u.username.toLowerCase(), u.id]),
  );
  for (const p of wanted) {
    const owner = owners.get(p.username.toLowerCase());
    if (owner !== undefined && owner !== p.user?.id) {
      throw p.change.row !== undefined
        ? new AppError('account_username_taken', {
            params: { value: p.username, row: p.change.row },
            details: { row: p.change.row, field: 'code', value: p.username },
          })
        : new AppError('account_username_taken_single', {
            params: { value: p.username },
            fields: [{ field: 'code', code: 'account_username_taken', params: { value: p.username } }],
          });
    }
  }

  const audit: AuditRecord[] = [];
  const link = (personId: number) => (kind === 'student' ? { studentId: personId } : { teacherId: personId });
  const fresh = plans.filter((p) => !p.user);
  const inserted = await repo.insertUsers(
    tx,
    fresh.map((p) => ({
      username: p.username,
      displayName: p.person.name,
      email: p.person.email,
      passwordHash: UNISSUED_PASSWORD,
      mustChangePassword: true,
      isDisabled: p.disabled,
      ...link(p.person.id),
    })),
  );
  const newIdOf = new Map(inserted.map((u) => [(kind === 'student' ? u.studentId : u.teacherId)!, u.id]));

  // Name and e-mail only mirror the person (whose own audit record has the change): written in
  // bulk and summed up in one record with the accounts created. A rename or a change of access is
  // a record of its own per account. (One record per created account doubled an import's time.)
  const disabledNow: number[] = [];
  const mirrors: { id: number; displayName: string; email: string | null }[] = [];
  for (const p of plans) {
    const u = p.user;
    if (!u) continue;
    const email = p.person.email ?? u.email;
    if (p.person.name !== u.displayName || email !== u.email) mirrors.push({ id: u.id, displayName: p.person.name, email });
    const access: { username?: string; isDisabled?: boolean } = {};
    if (p.username !== u.username) access.username = p.username;
    if (p.disabled !== u.isDisabled) access.isDisabled = p.disabled;
    if (!Object.keys(access).length) continue;
    await updateUser(tx, u.id, access);
    if (p.disabled && !u.isDisabled) disabledNow.push(u.id);
    audit.push({
      action: access.isDisabled === undefined ? 'users.update' : access.isDisabled ? 'users.disable' : 'users.enable',
      entityType: 'users',
      entityId: u.id,
      before: { username: u.username, isDisabled: u.isDisabled },
      after: { username: p.username, isDisabled: p.disabled, ...link(p.person.id) },
    });
  }
  await repo.updateMirrors(tx, mirrors);
  if (fresh.length || mirrors.length) {
    audit.push({
      action: 'users.sync_people',
      entityType: 'users',
      after: {
        kind,
        role: kind,
        created: fresh.map((p) => ({ id: newIdOf.get(p.person.id)!, username: p.username, ...link(p.person.id) })),
        updated: mirrors.map((m) => m.id),
      },
    });
  }

  // The built-in role, with a teacher's college as anchor.
  if (roleId !== null) {
    const accountOf = (p: Plan) => p.user?.id ?? newIdOf.get(p.person.id)!;
    const anchorOf = (p: Plan) => (kind === 'teacher' ? p.person.collegeId : null);
    const existing = new Map((await repo.findAssignments(tx, roleId, plans.map(accountOf))).map((a) => [a.userId, a]));
    const missing = plans.filter((p) => !existing.has(accountOf(p)));
    await repo.insertAssignments(
      tx,
      missing.map((p) => ({ userId: accountOf(p), roleId, collegeId: anchorOf(p) })),
    );
    for (const p of plans) {
      const a = existing.get(accountOf(p));
      if (a && a.collegeId !== anchorOf(p)) await repo.setAssignmentCollege(tx, a.id, anchorOf(p));
    }
  }

  // A disabled account's sessions end at once (here and, through the cache, in this process).
  await repo.deleteSessionsOfUsers(tx, disabledNow);
  forgetMany(onAccessChange, disabledNow);
  if (audit.length) await writeAudit(tx, actor, audit);
}
