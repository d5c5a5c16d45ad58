import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import { mailText, startSmtp } from '../../test/smtp.ts';
import { createTestContext, TestClient, type TestContext } from '../../test/test-app.ts';
import { passwordResetTokens, users } from './iam.tables.ts';

let ctx: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let lastIp = 0;
/** Each request from its own address, so the per-address limit of one test does not reach another. */
const client = () => new TestClient(ctx.app, `10.9.0.${++lastIp}`);

beforeAll(async () => {
  smtp = await startSmtp();
  ctx = await createTestContext({
    app: {
      mail: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, mailFrom: 'jiaowu@school.test', publicUrl: 'https://jiaowu.school.test' },
      // Sessions served from memory, as in production: a reset must reach the cache too.
      sessionCacheMs: 60_000,
    },
  });
});
afterAll(async () => {
  await ctx.close();
  await smtp.close();
});

const mailsTo = (address: string) => smtp.messages.filter((m) => m.to.includes(address)).map((m) => mailText(m.raw));
const tokenIn = (mail: string) => /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail)![1];

async function forgot(login: string, lang: 'zh-CN' | 'en' = 'zh-CN') {
  const res = await client().post('/api/auth/forgot', { login }, { lang });
  await ctx.app.passwordReset.settled();
  return res;
}

describe('forgot password', () => {
  it('emails a single-use link in the account’s language and answers unknown names exactly the same', async () => {
    const known = await forgot('office');
    const unknown = await forgot('nobody-here');
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
    const mails = mailsTo('office@demo.edu.cn');
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain('https://jiaowu.school.test/reset-password?token=');
    expect(mails[0]).toMatch(/30 分钟/);
    expect(smtp.messages.some((m) => m.to.some((t) => t.includes('nobody')))).toBe(false);
    // Only the hash is kept.
    const token = tokenIn(mails[0]);
    const stored = await ctx.db.select().from(passwordResetTokens);
    expect(stored.some((r) => r.tokenHash === token)).toBe(false);
  });

  it('finds the account by its email address too, and writes in English for an English-speaking user', async () => {
    await ctx.db.update(users).set({ locale: 'en' }).where(eq(users.username, 'leader'));
    await forgot('LEADER@demo.edu.cn');
    const [mail] = mailsTo('leader@demo.edu.cn');
    expect(mail).toContain('Subject: Reset your 教务 Jiaowu password');
    expect(mail).toContain('The link works once, within 30 minutes');
  });

  it('sets the new password, ends every session, and refuses the same link again', async () => {
    const signedIn = await ctx.as('teacher');
    expect((await signedIn.get('/api/me')).statusCode).toBe(200);
    await forgot('teacher');
    const token = tokenIn(mailsTo('teacher@demo.edu.cn').at(-1)!);
    const short = await client().post('/api/auth/reset', { token, newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details.fields[0].field).toBe('newPassword');

    const ok = await client().post('/api/auth/reset', { token, newPassword: 'brand-new-pass-9' });
    expect(ok.statusCode).toBe(200);
    expect((await signedIn.get('/api/me')).statusCode).toBe(401);
    expect((await client().login('teacher')).statusCode).toBe(401);
    expect((await client().login('teacher', 'brand-new-pass-9')).statusCode).toBe(200);

    const again = await client().post('/api/auth/reset', { token, newPassword: 'another-pass-10' }, { lang: 'en' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toMatchObject({ code: 'reset_token_invalid', message: expect.stringMatching(/already been used/) });
    const [user] = await ctx.db.select().from(users).where(eq(users.username, 'teacher'));
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'auth.password_reset'));
    expect(audit.map((a) => a.entityId)).toContain(String(user.id));
  });

  it('clears a forced password change', async () => {
    const admin = await ctx.as('admin');
    const created = await admin.post('/api/users', {
      username: 'forgetful',
      displayName: '健忘',
      email: 'forgetful@demo.edu.cn',
      password: 'initial-pass-1',
      roles: [],
    });
    expect(created.json().mustChangePassword).toBe(true);
    await forgot('forgetful');
    const token = tokenIn(mailsTo('forgetful@demo.edu.cn')[0]);
    expect((await client().post('/api/auth/reset', { token, newPassword: 'my-own-pass-1' })).statusCode).toBe(200);
    const me = await ctx.as('forgetful', 'my-own-pass-1');
    expect((await me.get('/api/me')).json().user.mustChangePassword).toBe(false);
  });

  it('a link expires, and a newer link replaces an older one', async () => {
    await forgot('secretary');
    const first = tokenIn(mailsTo('secretary@demo.edu.cn').at(-1)!);
    ctx.clock.advance(31 * 60_000);
    const late = await client().post('/api/auth/reset', { token: first, newPassword: 'late-pass-123' });
    expect(late.json().error.code).toBe('reset_token_expired');
    expect(late.json().error.message).toBe('该重置链接已过期，请重新申请');

    await forgot('secretary');
    await forgot('secretary');
    const [older, newer] = mailsTo('secretary@demo.edu.cn').slice(-2).map(tokenIn);
    expect((await client().post('/api/auth/reset', { token: older, newPassword: 'older-pass-123' })).json().error.code).toBe(
      'reset_token_invalid',
    );
    expect((await client().post('/api/auth/reset', { token: newer, newPassword: 'newer-pass-123' })).statusCode).toBe(200);
  });

  it('sends at most three emails per account and window, still answering the same', async () => {
    const before = mailsTo('student@demo.edu.cn').length;
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await forgot('student')).statusCode);
    expect(answers).toEqual([200, 200, 200, 200, 200]);
    expect(mailsTo('student@demo.edu.cn').length - before).toBe(3);
  });

  it('throttles one address', async () => {
    const from = client();
    const codes: number[] = [];
    for (let i = 0; i < 22; i++) codes.push((await from.post('/api/auth/forgot', { login: `ghost-${i}` })).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 200)).toBe(true);
    expect(codes.at(-1)).toBe(429);
  });
});
