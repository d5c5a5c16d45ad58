import { BUILTIN_ROLES, type Grant } from '@jiaowu/contracts';
import type { Db, Tx } from '../db/client.ts';
import { systemActor } from '../platform/access.ts';
import { findEntityChanges } from '../platform/audit/audit.repository.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import * as repo from '../modules/iam/iam.repository.ts';
import { BUILTIN_ROLE_DEFS } from '../modules/iam/roles.builtin.ts';
import { ensureDefaultFlows } from '../modules/workflow/workflow.flows.default.ts';

type RoleDefs = typeof BUILTIN_ROLE_DEFS;

/**
 * Creates the built-in roles that are missing and, on every start, gives the
 * existing ones the permissions a new release added to their definition
 * (idempotent, audited). `role_grant_defaults` records which definition
 * grants were applied, so one an admin removed afterwards stays removed.
 * `defs` is for tests that play a later release.
 */
export async function ensureBuiltinRoles(db: Db, defs: RoleDefs = BUILTIN_ROLE_DEFS, now = new Date()): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  await db.transaction(async (tx: Tx) => {
    await repo.lockBuiltinRoles(tx);
    for (const code of BUILTIN_ROLES) {
      const def = defs[code];
      const existing = await repo.findRoleByCode(tx, code);
      if (!existing) {
        const role = await repo.insertRole(tx, {
          code,
          nameZh: def.nameZh,
          nameEn: def.nameEn,
          description: def.description,
          isBuiltin: true,
        });
        await repo.replaceGrants(tx, role.id, def.grants);
        await repo.insertGrantDefaults(
          tx,
          role.id,
          def.grants.map((g) => g.permission),
          now,
        );
        ids[code] = role.id;
        continue;
      }
      ids[code] = existing.id;
      await upgradeRole(tx, existing.id, def.grants, now);
    }
  });
  // The approval flows the system ships with (course_request …), like the built-in roles.
  await ensureDefaultFlows(db);
  return ids;
}

async function upgradeRole(tx: Tx, roleId: number, definition: Grant[], now: Date) {
  const applied = new Set(await repo.findGrantDefaults(tx, roleId));
  const held = new Set((await repo.findRoleGrants(tx, roleId)).map((g) => g.permission));
  let fresh = definition.filter((g) => !applied.has(g.permission));
  if (applied.size === 0) {
    // A database from before grants were recorded: a definition grant the role lacks is new in this
    // release, unless the audit log shows an admin's edit of the role took it away.
    const removed = await removedByAdmin(tx, roleId);
    fresh = fresh.filter((g) => !removed.has(g.permission));
  }
  const added = fresh.filter((g) => !held.has(g.permission));
  await repo.insertGrants(tx, roleId, added);
  // Recorded as applied: the new ones, and (first time) the whole definition, removed ones included.
  await repo.insertGrantDefaults(
    tx,
    roleId,
    (applied.size === 0 ? definition : fresh).map((g) => g.permission),
    now,
  );
  if (added.length) {
    await writeAudit(tx, systemActor, { action: 'roles.builtin_upgrade', entityType: 'roles', entityId: roleId, after: { added } });
  }
}

/** Permissions an admin's role edits (audited `roles.update`) removed from the role. */
async function removedByAdmin(tx: Tx, roleId: number): Promise<Set<string>> {
  const removed = new Set<string>();
  const perms = (v: unknown) => ((v as { grants?: { permission: string }[] } | null)?.grants ?? null)?.map((g) => g.permission);
  for (const change of await findEntityChanges(tx, 'roles.update', 'roles', String(roleId))) {
    const before = perms(change.before);
    const after = perms(change.after);
    if (!before || !after) continue;
    for (const p of before) if (!after.includes(p)) removed.add(p);
    for (const p of after) removed.delete(p);
  }
  return removed;
}
