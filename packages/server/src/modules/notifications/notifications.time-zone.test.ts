import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { anonymousActor, type Actor } from '../../platform/access.ts';
import { startSmtp } from '../../test/smtp.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { users } from '../iam/iam.tables.ts';
import { registerTestSubject } from '../workflow/workflow.test-subject.ts';

let ctx: TestContext;
let secretary: Actor;
let subject = 1;

beforeAll(async () => {
  ctx = await createTestContext();
  registerTestSubject(ctx);
  const [u] = await ctx.db.select().from(users).where(eq(users.username, 'secretary'));
  secretary = { ...anonymousActor(), kind: 'user', userId: u.id, name: u.username };
});
afterAll(() => ctx.close());

/** The text of a received message with its transfer encoding undone (quoted-printable or base64 parts). */
function readable(raw: string): string {
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  return parts
    .map((p) => {
      const [head, ...rest] = p.split(/\r?\n\r?\n/);
      const body = rest.join('\n\n');
      if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
      if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
        const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
        return Buffer.from(bytes, 'latin1').toString('utf8');
      }
      return p;
    })
    .join('\n');
}

const submit = () =>
  ctx.app.workflow.submit(secretary, {
    flowKey: 'course_request',
    subjectType: 'test_subject',
    subjectId: subject++,
    scope: { collegeId: 1 },
    context: { capacity: 50 },
  });

describe('times in the school time zone', () => {
  it('reads the setting publicly; only an admin changes it, to a real zone', async () => {
    expect((await ctx.anonymous().get('/api/settings/school')).json()).toEqual({ timeZone: 'Asia/Shanghai' });
    expect((await (await ctx.as('office')).put('/api/settings/school', { timeZone: 'Europe/Berlin' })).statusCode).toBe(403);
    const bad = await (await ctx.as('admin')).put('/api/settings/school', { timeZone: 'Mars/Olympus' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0]).toMatchObject({ field: 'timeZone' });
  });

  it('writes the deadline of an approval email and notification in the school zone, whatever the server zone', async () => {
    const smtp = await startSmtp();
    try {
      const admin = await ctx.as('admin');
      await admin.put('/api/admin/mail-settings', { enabled: true, host: '127.0.0.1', port: smtp.port, from: 'jiaowu@test.edu.cn' });
      // Monday 17:30 UTC is already Tuesday 01:30 in Shanghai; three working days later is Friday 01:30 there.
      ctx.clock.now = new Date('2026-09-07T17:30:00Z');
      await submit();
      await ctx.app.notifications.flushOutbox(ctx.clock());
      expect(smtp.messages).toHaveLength(1);
      const mail = readable(smtp.messages[0].raw);
      expect(mail).toContain('2026-09-11 01:30');
      expect(mail).not.toContain('2026-09-10');
      const office = await ctx.as('office');
      const zh = (await office.get('/api/notifications')).json().items[0];
      expect(zh.body).toContain('请在 2026-09-11 01:30 前处理');

      // The school moves (a campus abroad): the same stored instant now reads in Berlin time, in the inbox and in new mail.
      expect((await admin.put('/api/settings/school', { timeZone: 'Europe/Berlin' })).json()).toEqual({ timeZone: 'Europe/Berlin' });
      expect((await office.get('/api/notifications')).json().items[0].body).toContain('2026-09-10 19:30');
      await submit();
      await ctx.app.notifications.flushOutbox(ctx.clock());
      expect(readable(smtp.messages[1].raw)).toContain('2026-09-10 19:30');
    } finally {
      await smtp.close();
      await (await ctx.as('admin')).put('/api/settings/school', { timeZone: 'Asia/Shanghai' });
    }
  });
});
