import { randomBytes } from 'node:crypto';
import type { ApiToken, BuiltinRole, CreateUserRequest, Locale, Role, RoleInput, UpdateUserRequest } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { withDbErrors } from '../../platform/db-errors.ts';
import { AppError } from '../../platform/errors.ts';
import { sha256 } from './auth.service.ts';
import * as repo from './iam.repository.ts';
import { presentUser } from './iam.presenters.ts';
import { accountKey } from './login-throttle.ts';
import { hashPassword } from './passwords.ts';
import { BUILTIN_ROLE_DEFS } from './roles.builtin.ts';

/** Users, roles and API tokens — the administrator's use cases (permission `users.manage`). */
/**
 * `onAccessChange` is told after a user's account (or, without a user, any role) changed, so
 * cached sessions of this process are dropped at once (see `session-cache.ts`).
 */
export function createAdminService({
  db,
  clock,
  onAccessChange = () => {},
}: {
  db: Db;
  clock: () => Date;
  onAccessChange?: (userId?: number) => void;
}) {
  async function getUser(actor: Actor, id: number, locale: Locale) {
    requireAccess(actor, 'users.manage');
    const user = await repo.findUserById(db, id);
    if (!user) throw new AppError('not_found');
    return presentUser(user, await repo.findUserRoles(db, [id]), locale);
  }

  const presentToken = (t: Awaited<ReturnType<typeof repo.findTokens>>[number]): ApiToken => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    permissions: t.permissions as ApiToken['permissions'],
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    createdBy: t.createdBy,
  });

  return {
    getUser,

    async listUsers(actor: Actor, q: string | undefined, page: number, pageSize: number, locale: Locale) {
      requireAccess(actor, 'users.manage');
      const { items, total } = await repo.findUsersPage(db, q, page, pageSize);
      const roleRows = await repo.findUserRoles(
        db,
        items.map((u) => u.id),
      );
      return { items: items.map((u) => presentUser(u, roleRows, locale)), total };
    },

    async createUser(actor: Actor, input: CreateUserRequest, locale: Locale) {
      requireAccess(actor, 'users.manage');
      const passwordHash = await hashPassword(input.password);
      const id = await withDbErrors(() =>
        db.transaction(async (tx) => {
          const user = await repo.insertUser(tx, {
            username: input.username,
            displayName: input.displayName,
            email: input.email ?? null,
            locale: input.locale,
            passwordHash,
            mustChangePassword: true,
            teacherId: input.teacherId ?? null,
            studentId: input.studentId ?? null,
          });
          await repo.replaceUserRoles(tx, user.id, input.roles);
          await writeAudit(tx, actor, {
            action: 'users.create',
            entityType: 'users',
            entityId: user.id,
            after: { ...input, password: undefined },
          });
          return user.id;
        }),
      );
      return getUser(actor, id, locale);
    },

    async updateUser(actor: Actor, id: number, input: UpdateUserRequest, locale: Locale) {
      requireAccess(actor, 'users.manage');
      if (input.isDisabled && id === actor.userId)
        throw new AppError('cannot_disable_self', { fields: [{ field: 'isDisabled', code: 'invalid' }] });
      const before = await getUser(actor, id, locale);
      await withDbErrors(() =>
        db.transaction(async (tx) => {
          const { roles, ...fields } = input;
          await repo.updateUser(tx, id, fields);
          if (roles) await repo.replaceUserRoles(tx, id, roles);
          // Disabling ends the user's sessions at once.
          if (input.isDisabled) await repo.deleteSessionsOfUser(tx, id);
          await writeAudit(tx, actor, { action: 'users.update', entityType: 'users', entityId: id, before, after: input });
        }),
      );
      onAccessChange(id);
      return getUser(actor, id, locale);
    },

    async resetPassword(actor: Actor, id: number, newPassword: string) {
      requireAccess(actor, 'users.manage');
      const user = await repo.findUserById(db, id);
      if (!user) throw new AppError('not_found');
      const passwordHash = await hashPassword(newPassword);
      await db.transaction(async (tx) => {
        await repo.updateUser(tx, id, { passwordHash, mustChangePassword: true, lockedUntil: null });
        await repo.clearThrottle(tx, accountKey(user.username));
        await repo.deleteSessionsOfUser(tx, id);
        await writeAudit(tx, actor, { action: 'users.reset_password', entityType: 'users', entityId: id });
      });
      onAccessChange(id);
    },

    async unlockUser(actor: Actor, id: number) {
      requireAccess(actor, 'users.manage');
      const user = await repo.findUserById(db, id);
      if (!user) throw new AppError('not_found');
      await db.transaction(async (tx) => {
        await repo.updateUser(tx, id, { lockedUntil: null });
        await repo.clearThrottle(tx, accountKey(user.username));
        await writeAudit(tx, actor, { action: 'users.unlock', entityType: 'users', entityId: id });
      });
    },

    async listRoles(actor: Actor): Promise<Role[]> {
      requireAccess(actor, 'users.manage');
      return ((await repo.findRoles(db)) as Role[]).map((r) => ({ ...r, description: roleDescription(r, actor.locale) }));
    },

    async createRole(actor: Actor, input: RoleInput): Promise<Role> {
      requireAccess(actor, 'users.manage');
      const id = await withDbErrors(() =>
        db.transaction(async (tx) => {
          const role = await repo.insertRole(tx, {
            code: input.code,
            nameZh: input.nameZh,
            nameEn: input.nameEn,
            description: input.description ?? null,
          });
          await repo.replaceGrants(tx, role.id, dedupe(input.grants));
          await writeAudit(tx, actor, { action: 'roles.create', entityType: 'roles', entityId: role.id, after: input });
          return role.id;
        }),
      );
      return (await repo.findRoleById(db, id)) as Role;
    },

    async updateRole(actor: Actor, id: number, input: Partial<RoleInput>): Promise<Role> {
      requireAccess(actor, 'users.manage');
      const before = await repo.findRoleById(db, id);
      if (!before) throw new AppError('not_found');
      if (before.isBuiltin && input.code && input.code !== before.code) throw new AppError('builtin_role');
      await withDbErrors(() =>
        db.transaction(async (tx) => {
          const { grants, ...fields } = input;
          // A built-in role's English text, shown to an English reader and sent back unchanged, stays the shipped text.
          const def = before.isBuiltin ? BUILTIN_ROLE_DEFS[before.code as BuiltinRole] : undefined;
          if (def && fields.description === def.descriptionEn) fields.description = def.description;
          await repo.updateRole(tx, id, fields);
          if (grants) await repo.replaceGrants(tx, id, dedupe(grants));
          await writeAudit(tx, actor, { action: 'roles.update', entityType: 'roles', entityId: id, before, after: input });
        }),
      );
      onAccessChange();
      return (await repo.findRoleById(db, id)) as Role;
    },

    async deleteRole(actor: Actor, id: number) {
      requireAccess(actor, 'users.manage');
      const before = await repo.findRoleById(db, id);
      if (!before) throw new AppError('not_found');
      if (before.isBuiltin) throw new AppError('builtin_role');
      await withDbErrors(() =>
        db.transaction(async (tx) => {
          await repo.deleteRole(tx, id);
          await writeAudit(tx, actor, { action: 'roles.delete', entityType: 'roles', entityId: id, before });
        }),
      );
      onAccessChange();
    },

    async listTokens(actor: Actor): Promise<ApiToken[]> {
      requireAccess(actor, 'users.manage');
      return (await repo.findTokens(db)).map(presentToken);
    },

    async createToken(actor: Actor, input: { name: string; permissions: string[]; expiresInDays?: number | null }) {
      requireAccess(actor, 'users.manage');
      const token = `jw_${randomBytes(32).toString('base64url')}`;
      const now = clock();
      const id = await db.transaction(async (tx) => {
        const row = await repo.insertToken(tx, {
          name: input.name,
          prefix: token.slice(0, 10),
          tokenHash: sha256(token),
          permissions: [...new Set(input.permissions)],
          createdBy: actor.userId,
          createdAt: now,
          expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
        });
        await writeAudit(tx, actor, {
          action: 'api_tokens.create',
          entityType: 'api_tokens',
          entityId: row.id,
          after: { name: input.name, permissions: input.permissions },
        });
        return row.id;
      });
      const apiToken = (await repo.findTokens(db)).find((t) => t.id === id)!;
      return { token, apiToken: presentToken(apiToken) };
    },

    async revokeToken(actor: Actor, id: number) {
      requireAccess(actor, 'users.manage');
      const row = await repo.findTokenById(db, id);
      if (!row) throw new AppError('not_found');
      if (row.revokedAt) return;
      await db.transaction(async (tx) => {
        await repo.setTokenRevoked(tx, id, clock());
        await writeAudit(tx, actor, { action: 'api_tokens.revoke', entityType: 'api_tokens', entityId: id });
      });
    },
  };
}

function dedupe(grants: { permission: string; scope: string }[]) {
  return [...new Map(grants.map((g) => [g.permission, g])).values()];
}

export type AdminService = ReturnType<typeof createAdminService>;

/** A built-in role's shipped description in the reader's language; a text an admin wrote is shown as written. */
function roleDescription(r: Role, locale: Locale): string | null {
  const def = r.isBuiltin ? BUILTIN_ROLE_DEFS[r.code as BuiltinRole] : undefined;
  return def && locale === 'en' && r.description === def.description ? def.descriptionEn : r.description;
}
