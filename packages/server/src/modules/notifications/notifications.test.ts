import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { anonymousActor, type Actor } from '../../platform/access.ts';
import { mailText, startSmtp } from '../../test/smtp.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { users } from '../iam/iam.tables.ts';
import { registerTestSubject } from '../workflow/workflow.test-subject.ts';

let ctx: TestContext;
let secretary: Actor;
let subject = 1;
const MIN = 60_000;

beforeAll(async () => {
  ctx = await createTestContext();
  registerTestSubject(ctx);
  const [u] = await ctx.db.select().from(users).where(eq(users.username, 'secretary'));
  secretary = { ...anonymousActor(), kind: 'user', userId: u.id, name: u.username };
  // The office reads English: its email comes in English.
  await ctx.db.update(users).set({ locale: 'en' }).where(eq(users.username, 'office'));
});
afterAll(() => ctx.close());

const submit = () =>
  ctx.app.workflow.submit(secretary, {
    flowKey: 'course_request',
    subjectType: 'test_subject',
    subjectId: subject++,
    scope: { collegeId: 1 },
    context: { capacity: 50 },
  });

describe('email through the outbox', () => {
  it('sends the approval-needed email in the recipient language; survives a mail server outage; delivers exactly once', async () => {
    const smtp = await startSmtp();
    const admin = await ctx.as('admin');
    const put = await admin.put('/api/admin/mail-settings', {
      enabled: true,
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      password: 's3cret',
      from: 'jiaowu@test.edu.cn',
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ source: 'settings', hasPassword: true, port: smtp.port });
    expect(JSON.stringify((await admin.get('/api/admin/mail-settings')).json())).not.toContain('s3cret');
    // No password on the test server's side: clear it.
    await admin.put('/api/admin/mail-settings', {
      enabled: true,
      host: '127.0.0.1',
      port: smtp.port,
      password: null,
      from: 'jiaowu@test.edu.cn',
    });

    await submit();
    expect(await ctx.app.notifications.flushOutbox(ctx.clock())).toEqual({ sent: 1, failed: 0 });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0].to).toEqual(['office@demo.edu.cn']);
    expect(mailText(smtp.messages[0].raw)).toContain('Subject: [教务 Jiaowu] Awaiting your approval: Test course 1');
    expect(smtp.messages[0].raw).toContain('text/html');

    await smtp.close();
    await submit();
    const t0 = ctx.clock();
    expect(await ctx.app.notifications.flushOutbox(t0)).toEqual({ sent: 0, failed: 1 });
    const pending = (await admin.get('/api/admin/outbox', { query: { status: 'pending' } })).json();
    expect(pending.items).toHaveLength(1);
    expect(pending.items[0]).toMatchObject({ attempts: 1, nextAttemptAt: new Date(t0.getTime() + MIN).toISOString() });
    expect(pending.items[0].lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(await ctx.app.notifications.flushOutbox(new Date(t0.getTime() + 30_000))).toEqual({ sent: 0, failed: 0 }); // not due yet
    expect(await ctx.app.notifications.flushOutbox(new Date(t0.getTime() + MIN))).toEqual({ sent: 0, failed: 1 });
    expect((await admin.get('/api/admin/outbox', { query: { status: 'pending' } })).json().items[0]).toMatchObject({
      attempts: 2,
      nextAttemptAt: new Date(t0.getTime() + 3 * MIN).toISOString(),
    });

    const again = await startSmtp(smtp.port);
    try {
      const later = new Date(t0.getTime() + 10 * MIN);
      expect(await ctx.app.notifications.flushOutbox(later)).toEqual({ sent: 1, failed: 0 });
      expect(await ctx.app.notifications.flushOutbox(new Date(later.getTime() + 60 * MIN))).toEqual({ sent: 0, failed: 0 });
      expect(again.messages).toHaveLength(1);
      expect((await admin.get('/api/admin/outbox', { query: { status: 'sent' } })).json().total).toBe(2);
    } finally {
      await again.close();
    }
  });

  it('gives up after 10 attempts; the admin sees the failure and retries it', async () => {
    const admin = await ctx.as('admin');
    await submit();
    let now = ctx.clock();
    for (let i = 0; i < 10; i++) {
      await ctx.app.notifications.flushOutbox(now);
      now = new Date(now.getTime() + 2 ** i * MIN);
    }
    const failed = (await admin.get('/api/admin/outbox', { query: { status: 'failed' } })).json();
    expect(failed.items[0]).toMatchObject({ attempts: 10, nextAttemptAt: null });
    const retry = await admin.post(`/api/admin/outbox/${failed.items[0].id}/retry`);
    expect(retry.json()).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await (await ctx.as('office')).get('/api/admin/outbox')).statusCode).toBe(403);
  });
});

describe('in-app notifications', () => {
  it('lists in the reader language, counts unread, marks read, and honours email preferences', async () => {
    const office = await ctx.as('office');
    const list = (await office.get('/api/notifications', { lang: 'en' })).json();
    expect(list.items[0]).toMatchObject({ kind: 'approval_needed', link: expect.stringMatching(/^\/test\//) });
    expect(list.items[0].title).toMatch(/^Awaiting your approval/);
    const zh = (await office.get('/api/notifications')).json();
    expect(zh.items[0].title).toMatch(/^待您审批/);
    const unread = (await office.get('/api/notifications/unread-count')).json().count;
    expect(unread).toBe(list.total);
    expect((await office.post(`/api/notifications/${list.items[0].id}/read`)).statusCode).toBe(200);
    expect((await office.get('/api/notifications/unread-count')).json().count).toBe(unread - 1);
    expect((await office.get('/api/notifications', { query: { unread: 'true' } })).json().total).toBe(unread - 1);
    expect((await (await ctx.as('teacher')).post(`/api/notifications/${list.items[0].id}/read`)).statusCode).toBe(404);
    expect((await office.post('/api/notifications/read-all')).json().count).toBe(unread - 1);

    expect((await office.put('/api/notifications/settings', { emailKinds: ['returned'] })).json()).toEqual({ emailKinds: ['returned'] });
    expect((await office.get('/api/notifications/settings')).json()).toEqual({ emailKinds: ['returned'] });
    const before = (await (await ctx.as('admin')).get('/api/admin/outbox')).json().total;
    await submit();
    expect((await (await ctx.as('admin')).get('/api/admin/outbox')).json().total).toBe(before);
    expect((await office.get('/api/notifications/unread-count')).json().count).toBe(1);
  });
});
