import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rolePermissions, roles, userRoles, users } from '../modules/iam/iam.tables.ts';
import { hashPassword } from '../modules/iam/passwords.ts';
import { uniqueCode } from './factories.ts';

let demoHash: Promise<string> | null = null;

/** One role assignment of a test user: the role's code and the anchors of this assignment. */
export interface RoleAssignment {
  role: string;
  collegeId?: number | null;
  departmentId?: number | null;
}

/**
 * A user with the demo password (no forced password change) holding these
 * role assignments, each with its own anchors, like the users admin page
 * makes them. Returns the user row; sign in with `ctx.as(user.username)`.
 */
export async function buildUser(db: Db, assignments: RoleAssignment[], overrides: Partial<typeof users.$inferInsert> = {}) {
  const username = overrides.username ?? uniqueCode('u').toLowerCase();
  const passwordHash = await (demoHash ??= hashPassword('demo1234'));
  const [user] = await db
    .insert(users)
    .values({ username, displayName: `用户 ${username}`, passwordHash, isDemo: true, ...overrides })
    .returning();
  const codes = [...new Set(assignments.map((a) => a.role))];
  const found = codes.length ? await db.select({ id: roles.id, code: roles.code }).from(roles).where(inArray(roles.code, codes)) : [];
  const idOf = new Map(found.map((r) => [r.code, r.id]));
  if (assignments.length) {
    await db.insert(userRoles).values(
      assignments.map((a) => {
        const roleId = idOf.get(a.role);
        if (!roleId) throw new Error(`no role ${a.role}`);
        return { userId: user.id, roleId, collegeId: a.collegeId ?? null, departmentId: a.departmentId ?? null };
      }),
    );
  }
  return user;
}

/** Takes every role of a user away (as the admin page's "roles: none" does). */
export async function removeRoles(db: Db, userId: number) {
  await db.delete(userRoles).where(eq(userRoles.userId, userId));
}

/** A custom (non-built-in) role with these grants; returns its code. */
export async function buildRole(db: Db, grants: { permission: string; scope: string }[]) {
  const code = uniqueCode('role').toLowerCase();
  const [role] = await db
    .insert(roles)
    .values({ code, nameZh: `角色 ${code}`, nameEn: `Role ${code}` })
    .returning();
  if (grants.length) await db.insert(rolePermissions).values(grants.map((g) => ({ roleId: role.id, ...g })));
  return code;
}
