import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../test/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('API tokens for other systems', () => {
  it('is shown once, stored hashed, scoped, and stops working when revoked', async () => {
    const admin = await ctx.as('admin');
    const res = await admin.post('/api/api-tokens', { name: '财务系统', permissions: ['students.read'] });
    expect(res.statusCode).toBe(201);
    const { token, apiToken } = res.json();
    expect(token).toMatch(/^jw_/);
    const stored = await ctx.db.execute(sql`select token_hash from api_tokens where id = ${apiToken.id}`);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(JSON.stringify((await admin.get('/api/api-tokens')).json())).not.toContain(token);

    const finance = ctx.anonymous();
    const bearer = { headers: { authorization: `Bearer ${token}` } };
    const list = await finance.get('/api/students', { ...bearer, query: { pageSize: 5 } });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBeGreaterThan(4000);
    // Outside its scopes: refused. Writes need no CSRF token with a bearer token.
    expect((await finance.get('/api/teachers', bearer)).statusCode).toBe(403);
    expect((await finance.post('/api/students', {}, bearer)).statusCode).toBe(403);

    expect((await admin.post(`/api/api-tokens/${apiToken.id}/revoke`)).statusCode).toBe(200);
    const after = await finance.get('/api/students', bearer);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('token_invalid');
  });

  it('records token use in the audit log under the token name', async () => {
    const admin = await ctx.as('admin');
    const { token } = (await admin.post('/api/api-tokens', { name: 'SIS', permissions: ['org.manage', 'org.read'] })).json();
    const res = await ctx
      .anonymous()
      .post('/api/campuses', { code: 'SIS1', name: '接口校区' }, { headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(201);
    const audit = (await admin.get('/api/audit', { query: { action: 'campuses.create' } })).json();
    expect(audit.items[0]).toMatchObject({ actorKind: 'token', actorName: 'token:SIS', entityId: String(res.json().id) });
  });
});

describe('roles', () => {
  it('an admin creates a role with scoped grants and assigns it; the user gets exactly those permissions', async () => {
    const admin = await ctx.as('admin');
    const role = await admin.post('/api/roles', {
      code: 'dept_viewer',
      nameZh: '系查看员',
      nameEn: 'Department viewer',
      grants: [{ permission: 'students.read', scope: 'college' }],
    });
    expect(role.statusCode).toBe(201);
    const user = await admin.post('/api/users', {
      username: 'viewer1',
      displayName: '查看员',
      password: 'initial-pass-1',
      roles: [{ roleId: role.json().id, collegeId: 2 }],
    });
    expect(user.statusCode).toBe(201);
    const client = ctx.anonymous();
    await client.login('viewer1', 'initial-pass-1');
    await client.post('/api/me/password', { currentPassword: 'initial-pass-1', newPassword: 'viewer-pass-2' });
    const me = (await client.get('/api/me')).json();
    expect(me.permissions).toEqual({ 'students.read': 'college' });
    const students = (await client.get('/api/students', { query: { pageSize: 200 } })).json();
    expect(students.total).toBeGreaterThan(0);
    expect(new Set(students.items.map((s: { collegeId: number }) => s.collegeId))).toEqual(new Set([2]));
    expect((await client.get('/api/teachers')).statusCode).toBe(403);
  });

  it('built-in roles cannot be deleted', async () => {
    const admin = await ctx.as('admin');
    const roles = (await admin.get('/api/roles')).json();
    const res = await admin.delete(`/api/roles/${roles.find((r: { code: string }) => r.code === 'teacher').id}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('builtin_role');
  });
});

describe('role grants', () => {
  it('an admin changes only the grants of a role and its users get the new permissions', async () => {
    const admin = await ctx.as('admin');
    const roles = (await admin.get('/api/roles')).json();
    const leader = roles.find((r: { code: string }) => r.code === 'leader');
    const res = await admin.patch(`/api/roles/${leader.id}`, { grants: [...leader.grants, { permission: 'imports.run', scope: 'all' }] });
    expect(res.statusCode).toBe(200);
    expect(res.json().grants).toContainEqual({ permission: 'imports.run', scope: 'all' });
    const me = (await (await ctx.as('leader')).get('/api/me')).json();
    expect(me.permissions['imports.run']).toBe('all');
  });
});
