import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

describe('我的课表 on a phone', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    const context = await newContext(browser, { viewport: { width: 390, height: 844 }, mobile: true });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a student sees this week day by day, switches weeks and subscribes to the calendar', async () => {
    await login(page, 'student');
    await page.goto('/timetable/mine');
    const days = page.getByTestId('timetable-days');
    const shown = days.or(page.getByTestId('no-lectures')).or(page.getByTestId('not-published')).or(page.getByTestId('query-error'));
    await shown.first().waitFor();
    if (!(await days.isVisible())) {
      await screenshot(page, 'timetable-mine-phone-failure');
      throw new Error(`no day list: ${await page.locator('main').textContent()}`);
    }
    await days.getByTestId('lecture').first().waitFor();
    // Opens on this week, its dates on the day cards.
    const select = page.getByTestId('week-select');
    await page.waitForFunction(() =>
      /\d\d-\d\d/.test(document.querySelector('[data-testid="day-1"] .ant-card-head-title')?.textContent ?? ''),
    );
    expect(await select.textContent()).toMatch(/本周（第 \d+ 周）/);
    const monday = (await page.getByTestId('day-1').locator('.ant-card-head-title').textContent()) ?? '';
    expect(monday).toMatch(/星期一 \d\d-\d\d/);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'timetable-mine-phone');

    await page.getByRole('button', { name: '下一周' }).click();
    await page.waitForFunction(
      (before) => document.querySelector('[data-testid="day-1"] .ant-card-head-title')?.textContent !== before,
      monday,
    );
    expect(await select.textContent()).toMatch(/第 \d+ 周（/);
    await screenshot(page, 'timetable-mine-phone-next-week');

    await select.click();
    await page.locator('.ant-select-item-option').filter({ hasText: '整学期' }).click();
    await page.waitForFunction(
      () => !/\d\d-\d\d/.test(document.querySelector('[data-testid="day-1"] .ant-card-head-title')?.textContent ?? ''),
    );
    expect(await days.getByTestId('lecture').count()).toBeGreaterThan(0);

    await page.getByTestId('feed-button').click();
    await page.getByTestId('feed-create').click();
    const url = await page.getByTestId('feed-url').inputValue();
    expect(url).toMatch(/\/api\/timetable\/ics\/[A-Za-z0-9_-]{20,}$/);
    const ics = await page.request.get(url);
    expect(ics.status()).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VEVENT');
    await screenshot(page, 'timetable-feed-phone');
  });
});

describe('课程确认: the office publishes a draft through approval', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('submits the demo draft, approves it in the inbox, and the new version is in force', async () => {
    await login(page, 'office');
    const { csrfToken } = await (await page.request.get('/api/me')).json();
    // The demo seeds one published draft and one still being edited.
    let draftId = 0;
    for (let id = 1; id <= 10 && !draftId; id++) {
      const res = await page.request.get(`/api/timetable/drafts/${id}/publication`);
      if (res.ok() && (await res.json()).status === 'draft') draftId = id;
    }
    expect(draftId).toBeGreaterThan(0);
    const submitted = await page.request.post(`/api/timetable/drafts/${draftId}/submit`, { headers: { 'x-csrf-token': csrfToken } });
    expect(submitted.status()).toBe(200);

    await page.goto('/inbox');
    const row = page.getByTestId('table-inbox').locator('tbody tr.ant-table-row').filter({ hasText: '排课方案' }).first();
    await row.getByTestId('open-task').click();
    await screenshot(page, 'timetable-confirm-task');
    await page.getByTestId('task-approve').click();
    await page.getByTestId('task-drawer').waitFor({ state: 'hidden' });

    await page.goto('/timetable/query');
    const versions = page.getByTestId('table-versions').locator('tbody tr.ant-table-row');
    await versions.nth(1).waitFor();
    expect(await versions.first().textContent()).toContain('当前版本');
    expect(await versions.first().textContent()).toContain('教务处王老师');
    await page.getByTestId('owner-select').click();
    await page.locator('.ant-select-item-option').first().click();
    await page.getByTestId('timetable-grid').or(page.getByTestId('no-lectures')).first().waitFor();
    await screenshot(page, 'timetable-query-office');
  });
});
