import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('sign-in', () => {
  it('signs in with the demo password, returns the user and a CSRF token, and sets an httpOnly cookie', async () => {
    const client = ctx.anonymous();
    const res = await client.login('admin');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user.username).toBe('admin');
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(body.csrfToken).toMatch(/.{20,}/);
    const cookie = res.cookies.find((c) => c.name === 'jw_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await client.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().permissions['users.manage']).toBe('all');
  });

  it('refuses a wrong password with a translated message', async () => {
    const client = ctx.anonymous();
    const zh = await client.post('/api/auth/login', { username: 'office', password: 'nope' });
    expect(zh.statusCode).toBe(401);
    expect(zh.json().error).toMatchObject({ code: 'invalid_credentials', message: '用户名或密码错误' });
    const en = await client.post('/api/auth/login', { username: 'office', password: 'nope' }, { lang: 'en' });
    expect(en.json().error.message).toBe('Wrong username or password');
  });
});

describe('sessions and CSRF', () => {
  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const client = await ctx.as('office');
    const body = { code: 'CSRF1', name: '测试校区' };
    const res = await client.post('/api/campuses', body, { headers: { 'x-csrf-token': 'forged' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
    const ok = await client.post('/api/campuses', body);
    expect(ok.statusCode).toBe(201);
  });

  it('logout invalidates the session on the server, not only the cookie', async () => {
    const client = await ctx.as('teacher');
    const stolenCookie = client.cookie!;
    expect((await client.post('/api/auth/logout')).statusCode).toBe(200);
    const thief = ctx.anonymous();
    thief.cookie = stolenCookie;
    const res = await thief.get('/api/me');
    expect(res.statusCode).toBe(401);
  });

  it('expires an idle session', async () => {
    const client = await ctx.as('leader');
    expect((await client.get('/api/me')).statusCode).toBe(200);
    ctx.clock.advance(9 * 3600_000); // idle timeout is 8 hours
    const res = await client.get('/api/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('session_expired');
  });
});

describe('throttling and lockout', () => {
  it('slows down repeated failures, then locks the account and says for how long', async () => {
    const client = ctx.anonymous();
    const codes: string[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await client.post('/api/auth/login', { username: 'secretary', password: `wrong${i}` }, { lang: 'en' });
      codes.push(res.json().error.code);
      if (res.json().error.code === 'too_many_attempts') {
        expect(res.statusCode).toBe(429);
        expect(res.json().error.message).toMatch(/try again in \d+ seconds/);
        ctx.clock.advance(61_000);
      }
      if (res.json().error.code === 'account_locked') break;
    }
    expect(codes.slice(0, 3)).toEqual(['invalid_credentials', 'invalid_credentials', 'invalid_credentials']);
    expect(codes).toContain('too_many_attempts');
    expect(codes.at(-1)).toBe('account_locked');
    // Even the right password is refused while locked, with the reason.
    const locked = await client.post('/api/auth/login', { username: 'secretary', password: 'demo1234' }, { lang: 'en' });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.message).toMatch(/locked for \d+ more minutes/);
    // An admin can unlock; then the right password works.
    const admin = await ctx.as('admin');
    const users = (await admin.get('/api/users', { query: { q: 'secretary' } })).json();
    expect((await admin.post(`/api/users/${users.items[0].id}/unlock`)).statusCode).toBe(200);
    expect((await client.login('secretary')).statusCode).toBe(200);
  });
});

describe('password change', () => {
  it('forces a new user to change the password before anything else, then lets them in', async () => {
    const admin = await ctx.as('admin');
    const created = await admin.post('/api/users', {
      username: 'newstaff',
      displayName: '新同事',
      password: 'initial-pass-1',
      roles: [{ roleId: 2 }],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().mustChangePassword).toBe(true);
    const user = ctx.anonymous();
    expect((await user.login('newstaff', 'initial-pass-1')).statusCode).toBe(200);
    const blocked = await user.get('/api/students');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');
    expect((await user.get('/api/me')).json().user.mustChangePassword).toBe(true);
    const wrong = await user.post('/api/me/password', { currentPassword: 'nope', newPassword: 'a-better-pass-2' });
    expect(wrong.json().error.code).toBe('wrong_password');
    const short = await user.post('/api/me/password', { currentPassword: 'initial-pass-1', newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details.fields[0].field).toBe('newPassword');
    expect((await user.post('/api/me/password', { currentPassword: 'initial-pass-1', newPassword: 'a-better-pass-2' })).statusCode).toBe(
      200,
    );
    expect((await user.get('/api/students')).statusCode).toBe(200);
    // The old password no longer works.
    expect((await ctx.anonymous().login('newstaff', 'initial-pass-1')).statusCode).toBe(401);
  });

  it('exempts demo accounts from the forced change', async () => {
    const student = await ctx.as('student');
    expect((await student.get('/api/me')).json().user.mustChangePassword).toBe(false);
  });

  it('a disabled account cannot sign in and loses its sessions', async () => {
    const admin = await ctx.as('admin');
    const created = (
      await admin.post('/api/users', { username: 'temp1', displayName: '临时', password: 'initial-pass-1', roles: [] })
    ).json();
    const victim = ctx.anonymous();
    await victim.login('temp1', 'initial-pass-1');
    expect((await admin.patch(`/api/users/${created.id}`, { isDisabled: true })).statusCode).toBe(200);
    expect((await victim.get('/api/me')).statusCode).toBe(401);
    const again = await ctx.anonymous().post('/api/auth/login', { username: 'temp1', password: 'initial-pass-1' });
    expect(again.json().error.code).toBe('account_disabled');
    const self = (await admin.get('/api/me')).json().user.id;
    expect((await admin.patch(`/api/users/${self}`, { isDisabled: true })).json().error.code).toBe('cannot_disable_self');
  });
});
