import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { formatDateTimeIn } from '@jiaowu/contracts';
import { baseURL, DEMO_PASSWORD, launchBrowser, login } from './helpers.ts';

/** A signed-in page whose browser believes it is in `timezoneId`. */
async function signIn(browser: Browser, user: string, timezoneId: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId });
  await context.addInitScript(() => localStorage.setItem('jiaowu.lang', 'zh-CN'));
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await login(page, user, DEMO_PASSWORD);
  return page;
}

/** Calls the API from the page, as the web app does (session cookie, CSRF token of GET /api/me). */
async function call<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
      const res = await fetch(`/api${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    { method, path, body },
  ) as Promise<T>;
}

type Items<T> = { items: T[] };
type Row = { id: number; code: string; name?: string; isCurrent?: boolean; collegeId?: number };

/**
 * The same notification and inbox row read in Shanghai and in New York show
 * the same times: the school's (Asia/Shanghai), not the browser's.
 */
describe('times in the school time zone, whatever the browser zone', () => {
  let browser: Browser;
  let shanghai: Page;
  let newYork: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    // The secretary files and submits a request, so the office has a notification and an inbox row with a deadline.
    const secretary = await signIn(browser, 'secretary', 'Asia/Shanghai');
    const terms = await call<Items<Row>>(secretary, 'GET', '/terms?pageSize=200');
    const term = terms.items.find((t) => t.isCurrent) ?? terms.items[0];
    const [course] = (await call<Items<Row>>(secretary, 'GET', '/courses?q=CS203')).items;
    const teacher = (await call<Items<Row>>(secretary, 'GET', `/teachers?q=${encodeURIComponent('张伟')}`)).items[0];
    // A class of the secretary's college other browser journeys do not file for (no duplicate with theirs).
    const classes = (await call<Items<Row>>(secretary, 'GET', '/admin-classes?q=CS&pageSize=200')).items;
    const adminClass = classes[classes.length - 1];
    const created = await call<{ id: number }>(secretary, 'POST', '/course-requests', {
      termId: term.id,
      courseId: course.id,
      teachers: [{ teacherId: teacher.id, share: 100 }],
      capacity: 40,
      adminClassIds: [adminClass.id],
      sessions: [2, 2],
      weeks: { pattern: 'all', from: 1, to: 16 },
      roomType: 'multimedia',
    });
    await call(secretary, 'POST', `/course-requests/${created.id}/submit`, {});
    await secretary.context().close();
    shanghai = await signIn(browser, 'office', 'Asia/Shanghai');
    newYork = await signIn(browser, 'office', 'America/New_York');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the browsers really are in different zones', async () => {
    expect(await newYork.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
    expect(await shanghai.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('Asia/Shanghai');
  });

  it('shows the notification with the same times in both, the school’s', async () => {
    const read = async (page: Page) => {
      await page.goto('/notifications');
      const item = page.getByTestId('notification-list').locator('.ant-list-item').first();
      await item.waitFor();
      return item.innerText();
    };
    const [sh, ny] = [await read(shanghai), await read(newYork)];
    expect(ny).toBe(sh);
    const [latest] = (await call<Items<{ createdAt: string; body: string }>>(newYork, 'GET', '/notifications?pageSize=1')).items;
    expect(ny).toContain(formatDateTimeIn(latest.createdAt, 'Asia/Shanghai'));
    // The deadline in the text is written in Shanghai time too: "请在 2026-… HH:mm 前处理".
    expect(ny).toMatch(/请在 \d{4}-\d\d-\d\d \d\d:\d\d 前处理/);
  });

  it('shows the inbox deadlines and update times the same in both', async () => {
    const read = async (page: Page) => {
      await page.goto('/inbox');
      const row = page.getByTestId('table-inbox').locator('tbody tr.ant-table-row').first();
      await row.waitFor();
      return row.innerText();
    };
    const [sh, ny] = [await read(shanghai), await read(newYork)];
    expect(ny).toBe(sh);
    const [first] = (
      await call<Items<{ dueAt: string | null; updatedAt: string }>>(newYork, 'GET', '/workflow/inbox?box=waiting&pageSize=1')
    ).items;
    expect(ny).toContain(formatDateTimeIn(first.updatedAt, 'Asia/Shanghai'));
    if (first.dueAt) expect(ny).toContain(formatDateTimeIn(first.dueAt, 'Asia/Shanghai'));
  });

  it('shows the admin the school zone on the school settings page', async () => {
    const admin = await signIn(browser, 'admin', 'America/New_York');
    await admin.goto('/school-settings');
    await admin.getByTestId('school-time-zone').filter({ hasText: 'Asia/Shanghai' }).waitFor();
    expect(await admin.locator('.ant-card').first().innerText()).toMatch(/此时区的当前时间：\d{4}-\d\d-\d\d \d\d:\d\d/);
    await admin.context().close();
  });
});
