import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_ROLES, type Permission } from '@jiaowu/contracts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { BUILTIN_ROLE_DEFS } from './roles.builtin.ts';

/**
 * Who may call what, declared by hand for every route: `public`, `signed-in`
 * (any account; the service narrows by ownership), or the permission needed.
 * A route missing here fails the test, so a new route cannot ship without a
 * decision about who may call it.
 */
const ROUTES: Record<string, 'public' | 'signed-in' | Permission> = {
  'GET /healthz': 'public',
  'GET /metrics': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/me': 'signed-in',
  'POST /api/me/password': 'signed-in',
  'GET /api/jobs/:id': 'signed-in',
  'GET /api/users': 'users.manage',
  'GET /api/users/:id': 'users.manage',
  'POST /api/users': 'users.manage',
  'PATCH /api/users/:id': 'users.manage',
  'POST /api/users/:id/reset-password': 'users.manage',
  'POST /api/users/:id/unlock': 'users.manage',
  'GET /api/roles': 'users.manage',
  'POST /api/roles': 'users.manage',
  'PATCH /api/roles/:id': 'users.manage',
  'DELETE /api/roles/:id': 'users.manage',
  'GET /api/api-tokens': 'users.manage',
  'POST /api/api-tokens': 'users.manage',
  'POST /api/api-tokens/:id/revoke': 'users.manage',
  'GET /api/audit': 'audit.read',
  'GET /api/terms/:id/time-grid': 'org.read',
  'PUT /api/terms/:id/time-grid': 'org.manage',
  'POST /api/imports/:kind': 'imports.run',
  'GET /api/imports/:kind/template': 'imports.run',
};
const ORG = ['terms', 'campuses', 'buildings', 'rooms', 'colleges', 'departments', 'majors', 'admin-classes'];
for (const [paths, read, manage] of [
  [ORG, 'org.read', 'org.manage'],
  [['teachers'], 'teachers.read', 'teachers.manage'],
  [['students'], 'students.read', 'students.manage'],
] as const) {
  for (const p of paths) {
    ROUTES[`GET /api/${p}`] = read;
    ROUTES[`GET /api/${p}/export`] = read;
    ROUTES[`GET /api/${p}/:id`] = read;
    ROUTES[`POST /api/${p}`] = manage;
    ROUTES[`PATCH /api/${p}/:id`] = manage;
    ROUTES[`DELETE /api/${p}/:id`] = manage;
  }
}

const isDocs = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');

let ctx: TestContext;
const clients: Record<string, TestClient> = {};
beforeAll(async () => {
  ctx = await createTestContext();
  for (const role of BUILTIN_ROLES) clients[role] = await ctx.as(role);
  clients.anonymous = ctx.anonymous();
});
afterAll(() => ctx.close());

function concrete(url: string) {
  // A nonexistent id: an allowed caller gets 404/400, never a side effect.
  return url.replace(/:id/g, '999999').replace(/:kind/g, 'students').replace(/\*$/, 'index.html');
}

describe('authorization matrix', () => {
  it('declares every registered route', () => {
    const undeclared = ctx.app.registeredRoutes
      .filter((r) => !isDocs(r.url))
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => !(key in ROUTES));
    expect(undeclared).toEqual([]);
  });

  it('has no declared route that does not exist', () => {
    const registered = new Set(ctx.app.registeredRoutes.map((r) => `${r.method} ${r.url}`));
    expect(Object.keys(ROUTES).filter((k) => !registered.has(k))).toEqual([]);
  });

  it('lets each role call exactly the routes its permissions allow', async () => {
    const mismatches: string[] = [];
    for (const route of ctx.app.registeredRoutes) {
      const key = `${route.method} ${route.url}`;
      const rule = isDocs(route.url) ? 'public' : ROUTES[key];
      if (!rule || key === 'POST /api/auth/logout') continue;
      for (const who of ['anonymous', ...BUILTIN_ROLES] as const) {
        const granted =
          rule === 'public' ||
          (who !== 'anonymous' && (rule === 'signed-in' || BUILTIN_ROLE_DEFS[who].grants.some((g) => g.permission === rule)));
        const res = await clients[who].request(route.method, concrete(route.url), route.method === 'GET' ? undefined : {});
        const refused = res.statusCode === 401 || res.statusCode === 403;
        const expected = granted ? 'allowed' : who === 'anonymous' ? '401' : '403';
        const actual = refused ? String(res.statusCode) : 'allowed';
        if (expected !== actual) mismatches.push(`${who} ${key}: expected ${expected}, got ${res.statusCode}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
