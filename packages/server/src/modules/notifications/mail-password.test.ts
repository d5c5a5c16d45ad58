import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import { loadSecretKey } from '../../platform/secrets/secret-key.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { users } from '../iam/iam.tables.ts';
import { mailOutbox, mailSettings } from './notifications.tables.ts';

let ctx: TestContext;
let admin: TestClient;
/** An SMTP server that requires a login and records the credentials it was given. */
let smtp: { port: number; logins: { user: string; pass: string }[]; received: number; close(): Promise<void> };

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('admin');
  const logins: { user: string; pass: string }[] = [];
  let received = 0;
  const server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      logins.push({ user: auth.username ?? '', pass: auth.password ?? '' });
      if (auth.password === 'right-pw' || auth.password === 'legacy-pw') cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, _session, cb) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received++;
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  smtp = {
    port: (server.server.address() as AddressInfo).port,
    logins,
    get received() {
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
});
afterAll(async () => {
  await smtp?.close();
  await ctx.close();
});

const stored = async () => (await ctx.db.select().from(mailSettings).where(eq(mailSettings.id, 1)))[0]?.password ?? null;
const queueMail = async () => {
  const [u] = await ctx.db.select().from(users).where(eq(users.username, 'office'));
  await ctx.db.transaction((tx) =>
    ctx.app.notifications.notify(tx, { userIds: [u.id], kind: 'approved', params: { subject: 'x', flow: 'y', comment: '' }, link: null }),
  );
};

describe('the SMTP password is stored encrypted', () => {
  it('is sealed in the database, never returned or audited in clear, and opened only to log in', async () => {
    const put = await admin.put('/api/admin/mail-settings', {
      enabled: true,
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      username: 'jiaowu',
      password: 'right-pw',
      from: 'jiaowu@test.edu.cn',
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ hasPassword: true });
    expect(put.body).not.toContain('right-pw');
    expect(JSON.stringify((await admin.get('/api/admin/mail-settings')).json())).not.toContain('right-pw');

    const value = (await stored())!;
    expect(value).toMatch(/^v1:/);
    expect(value).not.toContain('right-pw');
    expect(Buffer.from(value.slice(3), 'base64').toString('latin1')).not.toContain('right-pw');
    const [record] = await ctx.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'mail_settings.update'))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(JSON.stringify(record)).not.toContain('right-pw');

    // Sealed with a fresh IV each time: saving the same password twice stores different text.
    await admin.put('/api/admin/mail-settings', {
      enabled: true,
      host: '127.0.0.1',
      port: smtp.port,
      username: 'jiaowu',
      password: 'right-pw',
      from: 'jiaowu@test.edu.cn',
    });
    expect(await stored()).not.toBe(value);
    // Omitting the password keeps it.
    const kept = await stored();
    await admin.put('/api/admin/mail-settings', {
      enabled: true,
      host: '127.0.0.1',
      port: smtp.port,
      username: 'jiaowu',
      from: 'jiaowu@test.edu.cn',
    });
    expect(await stored()).toBe(kept);

    await queueMail();
    expect(await ctx.app.notifications.flushOutbox(new Date(Date.now() + 60_000))).toEqual({ sent: 1, failed: 0 });
    expect(smtp.logins.at(-1)).toEqual({ user: 'jiaowu', pass: 'right-pw' });
  });

  it('a password saved in plain text before is encrypted on start, once, and audited', async () => {
    await ctx.db.update(mailSettings).set({ password: 'legacy-pw' }).where(eq(mailSettings.id, 1));
    expect(await ctx.app.notifications.sealStoredPassword()).toBe(true);
    const value = (await stored())!;
    expect(value).toMatch(/^v1:/);
    expect(value).not.toContain('legacy-pw');
    expect(await ctx.app.notifications.sealStoredPassword()).toBe(false);
    expect(await stored()).toBe(value);
    expect(await ctx.db.$count(auditLog, eq(auditLog.action, 'mail_settings.password_encrypted'))).toBe(1);

    await queueMail();
    expect(await ctx.app.notifications.flushOutbox(new Date(Date.now() + 120_000))).toEqual({ sent: 1, failed: 0 });
    expect(smtp.logins.at(-1)).toEqual({ user: 'jiaowu', pass: 'legacy-pw' });
  });

  it('another key cannot open it: mail waits instead of being sent with a wrong password', async () => {
    const other = await buildApp({ db: ctx.db, clock: ctx.clock, webDist: '/nonexistent', secretKey: randomBytes(32) });
    try {
      await queueMail();
      const pending = await ctx.db.$count(mailOutbox, eq(mailOutbox.status, 'pending'));
      const logins = smtp.logins.length;
      await expect(other.notifications.flushOutbox(new Date(Date.now() + 180_000))).rejects.toThrow(/cannot decrypt/);
      expect(smtp.logins.length).toBe(logins);
      expect(await ctx.db.$count(mailOutbox, eq(mailOutbox.status, 'pending'))).toBe(pending);
    } finally {
      await other.close();
    }
  });
});

describe('the secret key', () => {
  it('comes from JIAOWU_SECRET_KEY (32+ characters) or a key file made once in DATA_DIR', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'jw-key-'));
    try {
      expect(() => loadSecretKey({ envKey: 'too-short', dataDir: dir })).toThrow(/at least 32/);
      const a = loadSecretKey({ envKey: 'x'.repeat(40), dataDir: dir });
      expect(a).toMatchObject({ source: 'env' });
      expect(a.key).toHaveLength(32);
      expect(loadSecretKey({ envKey: 'x'.repeat(40), dataDir: dir }).key.equals(a.key)).toBe(true);

      const first = loadSecretKey({ dataDir: path.join(dir, 'data') });
      expect(first.source).toBe('file');
      expect(statSync(first.file!).mode & 0o777).toBe(0o600);
      expect(Buffer.from(readFileSync(first.file!, 'utf8').trim(), 'base64').equals(first.key)).toBe(true);
      // The next start reads the same key.
      expect(loadSecretKey({ dataDir: path.join(dir, 'data') }).key.equals(first.key)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
