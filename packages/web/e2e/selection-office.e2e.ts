import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

/** Types a wall-clock time (the school's zone) into a date-time picker and confirms it. */
async function typeInstant(page: Page, testId: string, wall: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(wall);
  await input.press('Enter');
}

/** Opens a search select, types `search` and clicks the first option that shows it. */
async function pickSearching(page: Page, testId: string, search: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(search);
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: search });
  await option.first().click();
}

const rows = (page: Page, testId: string) => page.getByTestId(testId).locator('tbody tr.ant-table-row');

/**
 * 选课管理 by the academic office: the demo term's three rounds; a new round whose window closes
 * before it opens is refused on the field, then saved once fixed; the demo lottery round's draw
 * re-run with its recorded seed reproduces the recorded result; a hold is added and lifted.
 */
describe('course selection: the office', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser, { lang: 'zh-CN' })).newPage();
    await login(page, 'office');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the demo term’s three rounds, one of each mode, from the menu', async () => {
    await page.getByRole('menuitem', { name: '选课管理' }).click();
    await page.getByRole('menuitem', { name: '选课轮次' }).click();
    await page.waitForURL(/\/selection\/rounds/);
    await rows(page, 'table-rounds').first().waitFor();
    const texts = await rows(page, 'table-rounds').allInnerTexts();
    // The demo's three (a journey that ran before on the same server may have added its own).
    expect(texts.length).toBeGreaterThanOrEqual(3);
    for (const mode of ['预选（抽签）', '正选（先到先得）', '补退选'])
      expect(
        texts.some((r) => r.includes(mode)),
        mode,
      ).toBe(true);
    const all = texts.join('\n');
    // The add/drop round's window is open now; the others are over.
    expect(all).toContain('正在选课');
    expect(all).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} – \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    await screenshot(page, 'selection-rounds');
  });

  it('refuses a window that closes before it opens on the field, and saves it once fixed', async () => {
    await page.getByTestId('new-round').click();
    await page.getByTestId('round-name').fill('寒假补选');
    await typeInstant(page, 'round-opens', '2027-01-10 09:00:00');
    await typeInstant(page, 'round-closes', '2027-01-09 09:00:00');
    await page.getByTestId('round-save').click();
    const closesItem = page.locator('.ant-form-item').filter({ has: page.getByTestId('round-closes') });
    await expect.poll(() => closesItem.locator('.ant-form-item-explain-error').allInnerTexts()).toContain('截止时间应晚于开放时间');

    await typeInstant(page, 'round-closes', '2027-01-20 17:30:00');
    await page.getByTestId('round-save').click();
    await page.getByTestId('round-form').waitFor({ state: 'hidden' });
    const row = rows(page, 'table-rounds').filter({ hasText: '寒假补选' });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('2027-01-10 09:00:00 – 2027-01-20 17:30:00');
    expect(text).toContain('草稿');
    expect(text).toContain('正选（先到先得）');
  });

  it('re-runs the demo lottery round’s draw with its recorded seed: the same result as recorded', async () => {
    await rows(page, 'table-rounds').filter({ hasText: '预选（抽签）' }).first().getByRole('link').click();
    await page.getByTestId('round-title').waitFor();
    expect(await page.getByTestId('round-status-' + page.url().split('/').pop()).innerText()).toBe('已抽签');
    await rows(page, 'table-round-classes').first().waitFor();
    await screenshot(page, 'selection-round-detail');
    await page.getByTestId('round-draw').click();
    expect(await page.getByTestId('draw-rerun-help').innerText()).toContain('记录的种子');
    await page.getByTestId('draw-run').click();
    await page.getByTestId('draw-verdict').waitFor();
    expect(await page.getByTestId('draw-verdict').innerText()).toContain('与记录的结果相同');
    const result = await page.getByTestId('draw-result').innerText();
    const seed = /本次种子\s*(\d+)/.exec(result)?.[1];
    expect(seed, result).toBeDefined();
    // The page now names the recorded seed.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('round-seed').innerText()).toBe(seed);
  });

  it('adds a hold for a student and lifts it', async () => {
    await page.getByRole('menuitem', { name: '选课限制' }).click();
    await page.waitForURL(/\/selection\/holds/);
    await page.getByTestId('table-holds').waitFor();
    const student = await page.evaluate(async () => {
      const r = (await (await fetch('/api/students?pageSize=1&sort=code&order=desc')).json()) as {
        items: { code: string; name: string }[];
      };
      return r.items[0];
    });
    await page.getByTestId('add-hold').click();
    await pickSearching(page, 'hold-student', student.code);
    await page.getByTestId('hold-reason').fill('学费未缴清（测试）');
    await page.getByTestId('hold-save').click();
    const row = rows(page, 'table-holds').filter({ hasText: '学费未缴清（测试）' });
    await row.waitFor();
    expect(await row.innerText()).toContain(student.code);
    expect(await row.innerText()).toContain('管理员');
    await row.locator('[data-testid^="lift-"]').click();
    await page.getByTestId('lift-confirm').click();
    await row.waitFor({ state: 'detached' });
  });
});
