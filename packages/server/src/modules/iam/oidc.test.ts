import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { desc, eq } from 'drizzle-orm';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import { createTestContext, TestClient, type TestContext } from '../../test/test-app.ts';
import { students } from '../org/org.tables.ts';
import { users } from './iam.tables.ts';

const REDIRECT_URI = 'http://jiaowu.test/api/auth/oidc/callback';
let ctx: TestContext;
let server: Server;
let issuer: string;

/**
 * The school's identity provider: oidc-provider in this process on a random port, with its
 * development login form (any name signs in) and accounts whose `preferred_username` is that name.
 */
beforeAll(async () => {
  let handle: (req: IncomingMessage, res: ServerResponse) => unknown = () => {};
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'jiaowu',
        client_secret: 'test-client-secret',
        redirect_uris: [REDIRECT_URI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['preferred_username', 'name'] },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: `idp-${id}`, preferred_username: id, name: id }) }),
    cookies: { keys: ['test-cookie-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: true } },
  });
  const callback = provider.callback();
  handle = (req, res) => callback(req, res);
  ctx = await createTestContext({
    app: {
      oidc: {
        issuer,
        clientId: 'jiaowu',
        clientSecret: 'test-client-secret',
        redirectUri: REDIRECT_URI,
        claim: 'preferred_username',
        label: null,
      },
    },
  });
});
afterAll(async () => {
  await ctx?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/**
 * A browser's trip: our start URL, the provider's login form (filled with `login`) and consent
 * form, back to our callback; returns our callback's answer and the client holding its cookie.
 */
async function signInThroughProvider(login: string) {
  const browser = new TestClient(ctx.app);
  const start = await browser.get('/api/auth/oidc/start?returnTo=/me');
  expect(start.statusCode).toBe(302);
  const flowCookie = start.cookies.find((c) => c.name === 'jw_oidc')!;
  expect(flowCookie.httpOnly).toBe(true);
  const jar = new Map<string, string>();
  let url = new URL(start.headers.location as string);
  expect(url.origin).toBe(issuer);
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  let method = 'GET';
  let body: string | undefined;
  for (let hop = 0; hop < 20; hop++) {
    if (url.href.startsWith(REDIRECT_URI)) break;
    const res = await fetch(url, {
      method,
      body,
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url);
      method = 'GET';
      body = undefined;
      continue;
    }
    // A form page of the provider: the login form (name and any password), then consent.
    const html = await res.text();
    expect(res.status, html.slice(0, 500)).toBe(200);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)![1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)![1];
    url = new URL(action, url);
    method = 'POST';
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'anything' } : { prompt }).toString();
  }
  expect(url.href.startsWith(REDIRECT_URI)).toBe(true);
  browser.cookie = `jw_oidc=${flowCookie.value}`;
  const callback = await browser.get(`/api/auth/oidc/callback${url.search}`);
  return { browser, callback };
}

describe('single sign-on (OIDC)', () => {
  it('tells the sign-in page it is on', async () => {
    const res = await ctx.anonymous().get('/api/auth/config');
    expect(res.json()).toEqual({ passwordResetByEmail: false, oidc: { label: null } });
  });

  it('signs a student in by the 学号 the provider gives, with a normal session', async () => {
    const [student] = await ctx.db
      .select({ code: students.code, id: students.id })
      .from(users)
      .innerJoin(students, eq(students.id, users.studentId))
      .where(eq(users.username, 'student'));
    const { browser, callback } = await signInThroughProvider(student.code);
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe('/me');
    const session = callback.cookies.find((c) => c.name === 'jw_session')!;
    expect(session.httpOnly).toBe(true);
    browser.cookie = `jw_session=${session.value}`;
    const me = await browser.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ username: 'student', studentId: student.id });
    // The same CSRF protection as a password sign-in.
    browser.csrfToken = me.json().csrfToken;
    expect((await browser.post('/api/auth/logout', {}, { headers: { 'x-csrf-token': 'forged' } })).statusCode).toBe(403);
    const [login] = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'auth.login')).orderBy(desc(auditLog.id)).limit(1);
    expect(login.after).toEqual({ method: 'oidc' });
  });

  it('signs in by username too', async () => {
    const { browser, callback } = await signInThroughProvider('teacher');
    browser.cookie = `jw_session=${callback.cookies.find((c) => c.name === 'jw_session')!.value}`;
    expect((await browser.get('/api/me')).json().user.username).toBe('teacher');
  });

  it('does not hold a single sign-on session to the forced change of a local password it never used', async () => {
    const admin = await ctx.as('admin');
    const created = await admin.post('/api/users', { username: 'newcomer', displayName: '新同学', password: 'initial-pass-1', roles: [] });
    expect(created.json().mustChangePassword).toBe(true);
    const { browser, callback } = await signInThroughProvider('newcomer');
    browser.cookie = `jw_session=${callback.cookies.find((c) => c.name === 'jw_session')!.value}`;
    expect((await browser.get('/api/me')).json().user.mustChangePassword).toBe(false);
    expect((await browser.get('/api/notifications/unread-count')).statusCode).toBe(200);
    // With the password, the change is still required.
    const byPassword = await ctx.as('newcomer', 'initial-pass-1');
    expect((await byPassword.get('/api/notifications/unread-count')).json().error.code).toBe('password_change_required');
  });

  it('sends an unknown person back to the sign-in page with the reason, and audits it', async () => {
    const { callback } = await signInThroughProvider('X-not-in-this-school');
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe('/login?sso_error=sso_unknown_user');
    expect(callback.cookies.find((c) => c.name === 'jw_session')).toBeUndefined();
    const [failed] = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'auth.sso_failed')).orderBy(desc(auditLog.id)).limit(1);
    expect(failed.after).toMatchObject({ reason: 'unknown_user', subject: 'X-not-in-this-school' });
  });

  it('refuses a disabled account', async () => {
    await ctx.db.update(users).set({ isDisabled: true }).where(eq(users.username, 'leader'));
    const { callback } = await signInThroughProvider('leader');
    expect(callback.headers.location).toBe('/login?sso_error=account_disabled');
  });

  it('refuses a callback without the browser’s flow cookie (a forged or replayed answer)', async () => {
    const res = await ctx.anonymous().get('/api/auth/oidc/callback?code=abc&state=xyz');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/login?sso_error=sso_failed');
  });
});
