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
