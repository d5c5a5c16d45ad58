import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { accessRuleOf } from './route-rules.ts';

/**
 * Authentication and the permission gate are decided from the route the
 * router matched, so every spelling of a path that reaches a handler meets
 * the same rule. (Before: the hook tested `request.url.startsWith('/api/')`,
 * and `/%61pi/jobs/2` served another user's import result to the anonymous.)
 */
let ctx: TestContext;
let admin: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('admin');
});
afterAll(() => ctx.close());

const concrete = (url: string) =>
  url.replace(/:id/g, '1').replace(/:kind/g, 'students').replace(/:key/g, 'course_request').replace(/\*$/, 'index.html');

/** Spellings of one path that a router may resolve to the same handler. */
function variants(path: string): string[] {
  const segments = path.split('/').slice(1);
  const encodeFirst = (s: string) => (s ? `%${s.charCodeAt(0).toString(16)}${s.slice(1)}` : s);
  return [
    `/${encodeFirst(segments[0])}/${segments.slice(1).join('/')}`.replace(/\/$/, ''), // /%61pi/…
    '/' + segments.map(encodeFirst).join('/'), // every segment's first letter encoded
    `/${segments.map((s) => encodeURIComponent(s).replace(/[a-z]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/')}`, // fully encoded, upper-case hex
    `/${path}`, // //api/…
    path.replace(/\/([^/]+)$/, '//$1'), // …//last
    `${path}/`, // trailing slash
    `${path}?`, // empty query
  ];
}

const isPublic = (config: { public?: boolean }) => config.public === true;

describe('the route gate', () => {
  it('has exactly one access rule on every route (public, own or a permission)', () => {
    const missing = ctx.app.registeredRoutes.filter((r) => !accessRuleOf(r.config)).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    expect(ctx.app.registeredRoutes.length).toBeGreaterThan(100);
  });

  it('refuses the anonymous on every non-public route, however the path is spelled', async () => {
    const leaks: string[] = [];
    let tried = 0;
    for (const route of ctx.app.registeredRoutes) {
      if (isPublic(route.config)) continue;
      for (const url of [concrete(route.url), ...variants(concrete(route.url))]) {
        tried++;
        const res = await ctx.anonymous().request(route.method, url, route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
        if (res.statusCode !== 401 && res.statusCode !== 404) leaks.push(`${route.method} ${url} → ${res.statusCode}`);
        else expect(Object.keys(res.json())).toEqual(['error']);
      }
    }
    expect(leaks).toEqual([]);
    expect(tried).toBeGreaterThan(800);
  });

  it('names the cases of the bug report', async () => {
    const anon = ctx.anonymous();
    for (const url of ['/%61pi/workflow/flows', '/%61pi/workflow/inbox/counts', '/%61pi/imports/courses/template', '/%61pi/jobs/2']) {
      expect((await anon.get(url)).statusCode, url).toBe(401);
    }
    const post = await anon.post('/%61pi/users', {});
    expect(post.statusCode).toBe(401);
    expect(post.json().error.code).toBe('unauthenticated');
    expect((await anon.request('HEAD', '/%61pi/students')).statusCode).toBe(401);
    const double = await anon.get('//api/students');
    expect([401, 404]).toContain(double.statusCode);
  });

  it('applies the permission gate to encoded paths too', async () => {
    const student = await ctx.as('student');
    expect((await student.get('/%61pi/users')).statusCode).toBe(403);
    expect((await student.get('/api/%75sers')).statusCode).toBe(403);
    expect((await admin.get('/%61pi/users')).statusCode).toBe(200);
  });
});

describe('routes without a permission (item 5)', () => {
  it('keeps flow definitions from students and narrow API tokens', async () => {
    const student = await ctx.as('student');
    for (const url of ['/api/workflow/flows', '/api/workflow/flows/course_request', '/api/workflow/flows/course_request/diagram']) {
      expect((await student.get(url)).statusCode, url).toBe(403);
      expect((await admin.get(url)).statusCode, url).toBe(200);
    }
    const created = await admin.post('/api/api-tokens', { name: 'org reader', permissions: ['org.read'] });
    expect(created.statusCode).toBe(201);
    const bearer = { headers: { authorization: `Bearer ${created.json().token}` } };
    expect((await ctx.anonymous().get('/api/workflow/flows', bearer)).statusCode).toBe(403);
    expect((await ctx.anonymous().get('/api/colleges', bearer)).statusCode).toBe(200);
    // Staff who approve or audit still read them.
    expect((await (await ctx.as('leader')).get('/api/workflow/flows')).statusCode).toBe(200);
    expect((await (await ctx.as('secretary')).get('/api/workflow/flows')).statusCode).toBe(200);
  });

  it('answers an API token on every own-data route without a 500 (a token owns no notifications or tasks)', async () => {
    const created = await admin.post('/api/api-tokens', { name: 'own routes', permissions: ['org.read'] });
    const bearer = { headers: { authorization: `Bearer ${created.json().token}` } };
    const failures: string[] = [];
    for (const route of ctx.app.registeredRoutes.filter((r) => r.config.own)) {
      const res = await ctx.anonymous().request(route.method, concrete(route.url), route.method === 'GET' ? undefined : {}, bearer);
      if (res.statusCode >= 500) failures.push(`${route.method} ${route.url} → ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
  });

  it('lets any signed-in user reach own-data routes, and nobody else', async () => {
    const student = await ctx.as('student');
    for (const url of ['/api/notifications', '/api/workflow/inbox/counts', '/api/me']) {
      expect((await student.get(url)).statusCode, url).toBe(200);
      expect((await ctx.anonymous().get(url)).statusCode, url).toBe(401);
    }
  });
});

describe('sign-out', () => {
  it('needs the CSRF token of the session, like every other cookie-authenticated write', async () => {
    const teacher = await ctx.as('teacher');
    const forged = await teacher.post('/api/auth/logout', {}, { headers: { 'x-csrf-token': 'forged' } });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('csrf_failed');
    expect((await teacher.get('/api/me')).statusCode).toBe(200);
    expect((await teacher.post('/api/auth/logout', {})).statusCode).toBe(200);
    expect((await teacher.get('/api/me')).statusCode).toBe(401);
  });
});
