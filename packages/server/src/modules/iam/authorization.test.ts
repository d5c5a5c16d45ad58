import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_ROLES, type BuiltinRole, type EffectivePermissions } from '@jiaowu/contracts';
import type { RouteAccess } from '../../test/route-access/types.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';

/**
 * What each built-in role holds, written out by hand (role × permission →
 * scope). Deliberately NOT derived from roles.builtin.ts, which seeds the
 * server: a wrong grant there must fail here, not pass by agreeing with itself.
 */
const EXPECTED_GRANTS: Record<BuiltinRole, EffectivePermissions> = {
  admin: {
    'org.read': 'all',
    'org.manage': 'all',
    'teachers.read': 'all',
    'teachers.manage': 'all',
    'students.read': 'all',
    'students.manage': 'all',
    'imports.run': 'all',
    'audit.read': 'all',
    'audit.read_academic': 'all',
    'users.manage': 'all',
    'accounts.manage': 'all',
    'settings.manage': 'all',
    'catalog.read': 'all',
    'catalog.manage': 'all',
    'offerings.read': 'all',
    'offerings.file': 'all',
    'workflow.manage': 'all',
    'workflow.metrics': 'all',
    'workflow.read': 'all',
    'timetable.read': 'all',
    'timetable.manage': 'all',
    'timetable.change': 'all',
    'rooms.book': 'all',
    'selection.read': 'all',
    'selection.take': 'all',
    'selection.manage': 'all',
    'selection.holds': 'all',
    'exams.read': 'all',
    'exams.manage': 'all',
    'exams.papers': 'all',
    'exams.defer': 'all',
    'exams.incidents': 'all',
    'grades.read': 'all',
    'grades.enter': 'all',
    'grades.manage': 'all',
    'grades.analysis': 'all',
    'grades.transcript': 'all',
  },
  office: {
    'org.read': 'all',
    'org.manage': 'all',
    'teachers.read': 'all',
    'teachers.manage': 'all',
    'students.read': 'all',
    'students.manage': 'all',
    'imports.run': 'all',
    'accounts.manage': 'all',
    'catalog.read': 'all',
    'catalog.manage': 'all',
    'offerings.read': 'all',
    'offerings.file': 'all',
    'workflow.metrics': 'all',
    'workflow.read': 'all',
    'audit.read_academic': 'all',
    'timetable.read': 'all',
    'timetable.manage': 'all',
    'timetable.change': 'all',
    'rooms.book': 'all',
    'selection.read': 'all',
    'selection.manage': 'all',
    'selection.holds': 'all',
    'exams.read': 'all',
    'exams.manage': 'all',
    'exams.papers': 'all',
    'exams.incidents': 'all',
    'grades.read': 'all',
    'grades.manage': 'all',
    'grades.analysis': 'all',
    'grades.transcript': 'all',
  },
  secretary: {
    'org.read': 'all',
    'catalog.read': 'all',
    'workflow.read': 'all',
    'teachers.read': 'college',
    'students.read': 'college',
    'students.manage': 'college',
    'offerings.read': 'college',
    'offerings.file': 'college',
    'timetable.read': 'college',
    'timetable.change': 'college',
    'selection.read': 'college',
    'exams.read': 'college',
    'exams.papers': 'college',
    'grades.read': 'college',
    'grades.analysis': 'college',
    'grades.transcript': 'college',
  },
  teacher: {
    'org.read': 'all',
    'catalog.read': 'all',
    'teachers.read': 'self',
    'students.read': 'teaching',
    'offerings.read': 'teaching',
    'timetable.read': 'teaching',
    'timetable.change': 'teaching',
    'selection.read': 'teaching',
    'exams.read': 'teaching',
    'exams.papers': 'teaching',
    'exams.incidents': 'teaching',
    'grades.read': 'teaching',
    'grades.enter': 'teaching',
    'grades.analysis': 'teaching',
  },
  student: {
    'org.read': 'all',
    'catalog.read': 'all',
    'students.read': 'self',
    'timetable.read': 'self',
    'selection.read': 'self',
    'selection.take': 'self',
    'exams.read': 'self',
    'exams.defer': 'self',
    'grades.read': 'self',
    'grades.transcript': 'self',
  },
  leader: {
    'org.read': 'all',
    'teachers.read': 'all',
    'students.read': 'all',
    'audit.read': 'all',
    'audit.read_academic': 'all',
    'catalog.read': 'all',
    'offerings.read': 'all',
    'workflow.metrics': 'all',
    'workflow.read': 'all',
    'timetable.read': 'all',
    'selection.read': 'all',
    'exams.read': 'all',
    'grades.analysis': 'all',
  },
};

/**
 * Who may call what, declared by hand for every route in
 * src/test/route-access/<module>.ts: `public`, `signed-in` (any account; the
 * service narrows by ownership or assignment), or the permission needed. A
 * route missing there fails this test, so a new route cannot ship without a
 * decision about who may call it.
 */
const modules = import.meta.glob<{ ROUTE_ACCESS: RouteAccess }>('../../test/route-access/*.ts', { eager: true });
const ROUTES: RouteAccess = Object.assign({}, ...Object.values(modules).map((m) => m.ROUTE_ACCESS));

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
  return url
    .replace(/:kind/g, 'students')
    .replace(/:[A-Za-z]*[iI]d\b/g, '999999')
    .replace(/\*$/, 'index.html');
}

describe('authorization matrix', () => {
  it('gives each demo role exactly the permissions and scopes of the table above', async () => {
    for (const role of BUILTIN_ROLES) {
      const me = (await clients[role].get('/api/me')).json();
      expect(me.permissions, role).toEqual(EXPECTED_GRANTS[role]);
    }
    // The seeded role definitions themselves, as the roles API reports them.
    const roles: { code: string; grants: { permission: string; scope: string }[] }[] = (await clients.admin.get('/api/roles')).json();
    for (const role of BUILTIN_ROLES) {
      const seeded = roles.find((r) => r.code === role)!;
      expect(Object.fromEntries(seeded.grants.map((g) => [g.permission, g.scope])), role).toEqual(EXPECTED_GRANTS[role]);
    }
  });

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
        const granted = rule === 'public' || (who !== 'anonymous' && (rule === 'signed-in' || EXPECTED_GRANTS[who][rule] !== undefined));
        const res = await clients[who].request(route.method, concrete(route.url), route.method === 'GET' ? undefined : {});
        const refused = res.statusCode === 401 || res.statusCode === 403;
        const expected = granted ? 'allowed' : who === 'anonymous' ? '401' : '403';
        const actual = refused ? String(res.statusCode) : 'allowed';
        if (expected !== actual) mismatches.push(`${who} ${key}: expected ${expected}, got ${res.statusCode}`);
      }
    }
    expect(mismatches).toEqual([]);
    // Every route as every role: a few thousand requests, each going through the whole stack.
  }, 300_000);
});
