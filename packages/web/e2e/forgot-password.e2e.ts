import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Browser, BrowserContext } from 'playwright-core';
import { baseURL, launchBrowser, newContext, screenshot, waitForPath } from './helpers.ts';

/** A local SMTP server collecting what the app sends. */
async function startSmtp() {
  const received: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The reset link of a message: base64 and quoted-printable bodies both read. */
function resetLinkIn(raw: string): string | null {
  const texts = [raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=')];
  for (const m of raw.matchAll(/Content-Transfer-Encoding: base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/gi)) {
    texts.push(Buffer.from(m[1].replace(/\s+/g, ''), 'base64').toString('utf8'));
  }
  for (const t of texts) {
    const link = /https?:\/\/[^\s"<>]+\/reset-password\?token=[A-Za-z0-9_-]+/.exec(t);
    if (link) return link[0];
  }
  return null;
}

async function waitForMail(smtp: Awaited<ReturnType<typeof startSmtp>>, to: string) {
  for (let i = 0; i < 100; i++) {
    const mail = smtp.received.find((m) => m.to.includes(to));
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no email to ${to} arrived`);
}

/** Signs the admin in through the API of a context; returns a function for CSRF-protected writes. */
async function adminApi(request: APIRequestContext) {
  const res = await request.post('/api/auth/login', { data: { username: 'admin', password: 'demo1234' } });
  expect(res.status()).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return (method: 'POST' | 'PUT', url: string, data: unknown) =>
    request.fetch(url, { method, data, headers: { 'x-csrf-token': csrfToken } });
}

describe('forgotten password', () => {
  let browser: Browser;
  let adminContext: BrowserContext;
  let write: Awaited<ReturnType<typeof adminApi>>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const username = `forgot${Date.now() % 100000}`;
  const email = `${username}@school.test`;

  beforeAll(async () => {
    smtp = await startSmtp();
    browser = await launchBrowser();
    adminContext = await newContext(browser);
    write = await adminApi(adminContext.request);
    // The office's mail server is this test's SMTP server.
    const mail = await write('PUT', '/api/admin/mail-settings', {
      enabled: true,
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      from: 'jiaowu@school.test',
    });
    expect(mail.status()).toBe(200);
    const user = await write('POST', '/api/users', {
      username,
      displayName: '忘记密码的老师',
      email,
      password: 'initial-pass-1',
      roles: [],
    });
    expect(user.status()).toBe(201);
  });
  afterAll(async () => {
    await write?.('PUT', '/api/admin/mail-settings', { enabled: false, secure: false });
    await browser?.close();
    await smtp?.close();
  });

  it('emails a link that sets a new password once; the new password signs in; the link is then refused', async () => {
    const page = await (await newContext(browser)).newPage();
    await page.goto('/login');
    await page.getByTestId('forgot-link').click();
    await waitForPath(page, '**/forgot-password');
    await page.getByText('没有登记邮箱的账号无法自助找回').waitFor();
    await page.getByTestId('forgot-login').fill(username);
    await page.getByTestId('forgot-submit').click();
    await page.getByTestId('forgot-sent').waitFor();
    await screenshot(page, 'forgot-password-sent');

    const mail = await waitForMail(smtp, email);
    const link = resetLinkIn(mail.raw);
    expect(link).not.toBeNull();
    expect(link!.startsWith(baseURL())).toBe(true);

    await page.goto(link!);
    await page.getByTestId('reset-password').fill('a-fresh-pass-42');
    await page.getByTestId('reset-confirm').fill('a-fresh-pass-42');
    await page.getByTestId('reset-submit').click();
    await page.getByTestId('reset-done').waitFor();
    await page.getByTestId('go-login').click();
    await waitForPath(page, '**/login');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill('a-fresh-pass-42');
    await page.getByTestId('login-submit').click();
    // Straight in: the reset also ended the forced change of the initial password.
    await page.getByTestId('welcome').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');

    const again = await (await newContext(browser)).newPage();
    await again.goto(link!);
    await again.getByTestId('reset-password').fill('yet-another-pass-7');
    await again.getByTestId('reset-confirm').fill('yet-another-pass-7');
    await again.getByTestId('reset-submit').click();
    await expect(again.getByTestId('reset-error').textContent()).resolves.toContain('该重置链接无效或已被使用');
    await again.getByTestId('request-again').waitFor();
    await screenshot(again, 'reset-link-used');
  });

  it('asks a question after repeated failures; the question is the answer field’s label, and a right answer signs in', async () => {
    const page = await (await newContext(browser)).newPage();
    await page.goto('/login');
    await page.getByTestId('login-username').fill(username);
    /** Submits the form; returns the error code the server answered with (null on success). */
    const submit = async () => {
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
        page.getByTestId('login-submit').click(),
      ]);
      return res.ok() ? null : ((await res.json()) as { error: { code: string } }).error.code;
    };
    for (let i = 0; i < 3; i++) {
      await page.getByTestId('login-password').fill(`not-my-password-${i}`);
      expect(await submit()).toBe('invalid_credentials');
    }
    // The third refusal brings the question along: the form shows it at once.
    await page.getByTestId('captcha-question').waitFor();
    await page.getByTestId('login-password').fill('a-fresh-pass-42');
    // What a screen reader announces for the field: the question itself.
    const question = (await page.getByTestId('captcha-question').textContent())!;
    const field = page.getByLabel(question, { exact: false });
    await expect(field.getAttribute('data-testid')).resolves.toBe('captcha-answer');
    const [, a, op, b] = /(\d+) (加|减) (\d+)/.exec(question)!;
    await screenshot(page, 'login-captcha');
    // The slow-down after three failures lasts two seconds.
    await page.waitForTimeout(2500);
    await field.fill(String(op === '加' ? Number(a) + Number(b) : Number(a) - Number(b)));
    expect(await submit()).toBeNull();
    await page.getByTestId('welcome').waitFor();
  });

  it('says why single sign-on failed, in the user’s language; no 统一身份认证 button when it is not configured', async () => {
    const zh = await (await newContext(browser)).newPage();
    const config = zh.waitForResponse((r) => r.url().endsWith('/api/auth/config'));
    await zh.goto('/login?sso_error=sso_unknown_user');
    expect(((await (await config).json()) as { oidc: unknown }).oidc).toBeNull();
    await expect(zh.getByTestId('login-error').textContent()).resolves.toContain('在本系统中没有对应的账号');
    expect(await zh.getByTestId('sso-login').count()).toBe(0);

    const en = await (await newContext(browser, { lang: 'en' })).newPage();
    await en.goto('/login?sso_error=sso_unknown_user');
    await expect(en.getByTestId('login-error').textContent()).resolves.toContain('has no matching account here');
    await en.getByTestId('forgot-link').click();
    await en.getByText('Accounts without an email address cannot be reset here').waitFor();
    await screenshot(en, 'forgot-password-en');
  });
});
