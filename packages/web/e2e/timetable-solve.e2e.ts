import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

async function signIn(browser: Browser, user: string): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await login(page, user);
  return page;
}

/** 排课方案: the office creates a draft, solves it with live progress and reads the result. */
describe('timetable drafts', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the office creates a draft, solves it, follows the progress and sees the result and the unplaced reasons', async () => {
    const page = await signIn(browser, 'office');
    await page.goto('/');
    // The menu leads there: 排课 → 排课方案.
    await page.getByRole('menuitem', { name: '排课' }).click();
    await page.getByRole('menuitem', { name: '排课方案' }).click();
    await page.getByTestId('drafts-page').waitFor();

    await page.getByTestId('draft-create').click();
    await page.getByTestId('draft-name').fill('浏览器测试方案');
    await page.getByTestId('draft-create-ok').click();
    const row = page.getByTestId('drafts-table').locator('tbody tr.ant-table-row').filter({ hasText: '浏览器测试方案' });
    await row.waitFor();
    expect(await row.textContent()).toContain('未求解');

    await row.getByRole('button', { name: '求解' }).click();
    await page.getByTestId('solve-seconds').fill('3');
    await page.getByTestId('draft-solve-ok').click();

    // Live progress: phase, placed/total, then the end.
    const progress = page.getByTestId('solve-progress');
    await progress.waitFor();
    expect(await progress.textContent()).toContain('求解进度');
    await page.locator('[data-testid="solve-progress"][data-status="succeeded"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('solve-phase').textContent()).toBe('完成');
    expect(await page.getByTestId('solve-placed').textContent()).toMatch(/^\d+ \/ \d+$/);
    await screenshot(page, 'timetable-solve-progress-zh');

    // The list shows the result; the details list every unplaced lecture with the reason in words.
    await row.getByTestId('solve-summary').waitFor();
    await row.getByRole('button', { name: '详情' }).click();
    const detail = page.getByTestId('draft-detail');
    await detail.waitFor();
    const text = (await detail.textContent()) ?? '';
    expect(text).toMatch(/未排课程（\d+）|所有课程均已排入/);
    expect(text).not.toMatch(/NO_SUITABLE_ROOM|SEARCH_LIMIT|RESOURCE_BUSY/);
    await screenshot(page, 'timetable-solve-detail-zh');
  });
});
