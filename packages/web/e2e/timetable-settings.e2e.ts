import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

async function signIn(browser: Browser, user: string): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await login(page, user);
  return page;
}

/** 排课设置 by the office and 我的时间偏好 by a teacher. */
describe('timetabling settings', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the office adds a blocked slot on the grid picker, sees a wrong row named, fixes it and saves', async () => {
    const page = await signIn(browser, 'office');
    await page.getByTestId('main-menu').getByText('排课', { exact: true }).click();
    await page.getByTestId('main-menu').getByText('排课设置', { exact: true }).click();
    await page.getByTestId('tt-settings-form').waitFor();
    const versionBefore = Number(((await page.getByTestId('tt-version').textContent()) ?? '').replace(/\D/g, '') || 0);
    await page.getByTestId('tab-blocked').click();
    // The demo term comes configured: start this list afresh.
    while ((await page.locator('[data-testid^="blocked-row-"]').count()) > 0) await page.getByTestId('blocked-remove-0').click();
    await page.getByTestId('blocked-add').click();
    // Wednesday, periods 5–8, picked on the small grid.
    await page.getByTestId('blocked-pick-0').click();
    await page.getByTestId('blocked-pick-0-cell-3-5').click();
    await page.getByTestId('blocked-pick-0-cell-3-8').click();
    await page.getByTestId('blocked-reason-0').fill('政治学习');
    // A second row whose periods run backwards: refused, naming the row.
    await page.getByTestId('blocked-add').click();
    await page.getByTestId('blocked-from-1').click();
    // The list just opened is the last one (a closing one may still be fading out).
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .last()
      .locator('.ant-select-item-option')
      .filter({ hasText: /^6$/ })
      .click();
    await page.getByTestId('blocked-to-1').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .last()
      .locator('.ant-select-item-option')
      .filter({ hasText: /^4$/ })
      .click();
    await page.getByTestId('blocked-reason-1').fill('错误的一行');
    await page.getByTestId('tt-settings-save').click();
    await page.getByTestId('tt-problems').waitFor();
    expect(await page.getByTestId('tt-problems').textContent()).toContain('禁排时间第 2 行：结束节次早于开始节次');
    expect(await page.getByTestId('blocked-row-1').textContent()).toContain('结束节次早于开始节次');
    await screenshot(page, 'tt-settings-row-error-zh');
    await page.getByTestId('blocked-remove-1').click();
    await page.getByTestId('tt-settings-save').click();
    await page.locator('.ant-message').getByText('已保存').waitFor();
    await page
      .getByTestId('tt-version')
      .getByText(`版本 ${versionBefore + 1}`)
      .waitFor();

    // Read back after a reload: the row is stored as picked.
    await page.reload();
    await page.getByTestId('tt-settings-form').waitFor();
    await page.getByTestId('tab-blocked').click();
    const row = page.getByTestId('blocked-row-0');
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('周三');
    expect(await page.getByTestId('blocked-reason-0').inputValue()).toBe('政治学习');
    await screenshot(page, 'tt-settings-blocked-zh');
  });

  it('a teacher marks a never slot on their own preference grid and it stays after a reload', async () => {
    const page = await signIn(browser, 'teacher');
    await page.getByTestId('main-menu').getByText('排课', { exact: true }).click();
    await page.getByTestId('main-menu').getByText('我的时间偏好', { exact: true }).click();
    const cell = page.getByTestId('avail-1-1');
    await cell.waitFor();
    expect(await cell.getAttribute('data-kind')).toBe('free');
    // 可排 → 尽量不排 → 不可排
    await cell.click();
    await cell.click();
    expect(await cell.getAttribute('data-kind')).toBe('never');
    expect(await cell.textContent()).toBe('不可排');
    await page.getByTestId('avail-save').click();
    await page.locator('.ant-message').getByText('已保存').waitFor();
    await page.reload();
    await page.getByTestId('avail-1-1').waitFor();
    expect(await page.getByTestId('avail-1-1').getAttribute('data-kind')).toBe('never');
    expect(await page.getByTestId('avail-1-2').getAttribute('data-kind')).toBe('free');
    await screenshot(page, 'tt-availability-zh');
  });

  it('the office reads the readiness checklist and the linked classes of the term', async () => {
    const page = await signIn(browser, 'office');
    await page.goto('/timetable/readiness');
    await page.locator('[data-testid="readiness-ok"], [data-testid="readiness-blocked"]').first().waitFor();
    expect(await page.locator('.ant-statistic').count()).toBe(5);
    await screenshot(page, 'tt-readiness-zh');
    await page.goto('/timetable/links');
    await page.getByTestId('table-links').waitFor();
    await page.getByTestId('link-add').click();
    await page.getByTestId('link-name').waitFor();
    await screenshot(page, 'tt-links-new-zh');
  });
});
