import { BUILTIN_ROLES } from '@jiaowu/contracts';
import type { Db, Tx } from '../db/client.ts';
import { findRoleByCode, insertRole, replaceGrants } from '../modules/iam/iam.repository.ts';
import { BUILTIN_ROLE_DEFS } from '../modules/iam/roles.builtin.ts';
import { ensureDefaultFlows } from '../modules/workflow/workflow.flows.default.ts';

/** Creates the built-in roles that are missing; existing ones keep the grants an admin gave them. */
export async function ensureBuiltinRoles(db: Db): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  await db.transaction(async (tx: Tx) => {
    for (const code of BUILTIN_ROLES) {
      const existing = await findRoleByCode(tx, code);
      if (existing) {
        ids[code] = existing.id;
        continue;
      }
      const def = BUILTIN_ROLE_DEFS[code];
      const role = await insertRole(tx, { code, nameZh: def.nameZh, nameEn: def.nameEn, description: def.description, isBuiltin: true });
      await replaceGrants(tx, role.id, def.grants);
      ids[code] = role.id;
    }
  });
  // The approval flows the system ships with (course_request …), like the built-in roles.
  await ensureDefaultFlows(db);
  return ids;
}
