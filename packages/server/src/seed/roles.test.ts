import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Grant } from '@jiaowu/contracts';
import { roleGrantDefaults, rolePermissions, roles } from '../modules/iam/iam.tables.ts';
import { BUILTIN_ROLE_DEFS } from '../modules/iam/roles.builtin.ts';
import { auditLog } from '../platform/audit/audit.tables.ts';
import { createTestContext, type TestClient, type TestContext } from '../test/test-app.ts';
import { ensureBuiltinRoles } from './roles.ts';

let ctx: TestContext;
let admin: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('admin');
});
afterAll(() => ctx.close());

const roleOf = async (code: string) => (await ctx.db.select().from(roles).where(eq(roles.code, code)))[0];
const permsOf = async (code: string) =>
  (
    await ctx.db
      .select({ p: rolePermissions.permission })
      .from(rolePermissions)
      .where(eq(rolePermissions.roleId, (await roleOf(code)).id))
  )
    .map((r) => r.p)
    .sort();

/** The admin removes a permission from a role through the API (as an admin would in 系统管理 → 角色). */
async function removeAsAdmin(code: string, permission: string) {
  const role = (await admin.get('/api/roles')).json().find((r: { code: string }) => r.code === code);
  const grants = role.grants.filter((g: Grant) => g.permission !== permission);
  expect((await admin.patch(`/api/roles/${role.id}`, { grants })).statusCode).toBe(200);
}

/** A later release whose definition of `code` has one more permission. */
const releaseAdding = (code: 'leader' | 'teacher', ...extra: Grant[]) => ({
  ...BUILTIN_ROLE_DEFS,
  [code]: { ...BUILTIN_ROLE_DEFS[code], grants: [...BUILTIN_ROLE_DEFS[code].grants, ...extra] },
});

describe('built-in roles on start', () => {
  it('get the permissions a release adds, but not one an admin removed; audited; idempotent', async () => {
    expect(await permsOf('leader')).toContain('audit.read');
    await removeAsAdmin('leader', 'audit.read');
    expect(await permsOf('leader')).not.toContain('audit.read');

    // Restart on the same release: nothing changes.
    const marks = await ctx.db.$count(auditLog, eq(auditLog.action, 'roles.builtin_upgrade'));
    await ensureBuiltinRoles(ctx.db);
    expect(await permsOf('leader')).not.toContain('audit.read');
    expect(await ctx.db.$count(auditLog, eq(auditLog.action, 'roles.builtin_upgrade'))).toBe(marks);

    // Restart on a release that gives leaders imports.run.
    const next = releaseAdding('leader', { permission: 'imports.run', scope: 'all' });
    await ensureBuiltinRoles(ctx.db, next);
    const leader = await permsOf('leader');
    expect(leader).toContain('imports.run');
    expect(leader).not.toContain('audit.read');
    const [record] = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'roles.builtin_upgrade'));
    expect(record).toMatchObject({ actorKind: 'system', entityType: 'roles', entityId: String((await roleOf('leader')).id) });
    expect(record.after).toEqual({ added: [{ permission: 'imports.run', scope: 'all' }] });
    // The removed one stays removed for a leader who signs in (the chain check needs audit.read).
    expect((await (await ctx.as('leader')).get('/api/audit/verify')).statusCode).toBe(403);

    // And if the admin removes the new one too, the next start leaves it removed.
    await removeAsAdmin('leader', 'imports.run');
    await ensureBuiltinRoles(ctx.db, next);
    expect(await permsOf('leader')).not.toContain('imports.run');
    expect(await ctx.db.$count(auditLog, eq(auditLog.action, 'roles.builtin_upgrade'))).toBe(marks + 1);
    // Other roles untouched.
    expect(await permsOf('office')).toEqual([...new Set(BUILTIN_ROLE_DEFS.office.grants.map((g) => g.permission))].sort());
  });

  it('a database from before grants were recorded: missing definition grants are added, except those the audit log shows an admin removed', async () => {
    const teacher = await roleOf('teacher');
    await removeAsAdmin('teacher', 'org.read');
    // As a database made before this release: nothing recorded, and catalog.read never granted.
    await ctx.db.delete(roleGrantDefaults);
    await ctx.db.delete(rolePermissions).where(and(eq(rolePermissions.roleId, teacher.id), eq(rolePermissions.permission, 'catalog.read')));
    await ensureBuiltinRoles(ctx.db);
    const perms = await permsOf('teacher');
    expect(perms).toContain('catalog.read');
    expect(perms).not.toContain('org.read');
    // From now on the record exists: removing catalog.read sticks across starts.
    await removeAsAdmin('teacher', 'catalog.read');
    await ensureBuiltinRoles(ctx.db);
    expect(await permsOf('teacher')).not.toContain('catalog.read');
  });

  it("an existing database's office gets the academic audit log on start, audited", async () => {
    const office = await roleOf('office');
    // As a database from the release before: the office neither holds nor was ever given audit.read_academic.
    const isAcademic = and(eq(rolePermissions.roleId, office.id), eq(rolePermissions.permission, 'audit.read_academic'));
    await ctx.db.delete(rolePermissions).where(isAcademic);
    await ctx.db
      .delete(roleGrantDefaults)
      .where(and(eq(roleGrantDefaults.roleId, office.id), eq(roleGrantDefaults.permission, 'audit.read_academic')));
    expect((await (await ctx.as('office')).get('/api/audit')).statusCode).toBe(403);

    await ensureBuiltinRoles(ctx.db);
    expect(await permsOf('office')).toContain('audit.read_academic');
    expect(await permsOf('office')).not.toContain('audit.read');
    const [record] = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'roles.builtin_upgrade'), eq(auditLog.entityId, String(office.id))));
    expect(record.after).toEqual({ added: [{ permission: 'audit.read_academic', scope: 'all' }] });
    expect((await (await ctx.as('office')).get('/api/audit')).statusCode).toBe(200);
  });
});
