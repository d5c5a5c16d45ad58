import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

const rows = (page: Page, testId: string) => page.getByTestId(testId).locator('tbody tr.ant-table-row');
const visibleOptions = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');

/**
 * 选课管理 · 教学班 by the academic office in the demo's open add/drop round: a class's capacity
 * raised, seats reserved for a cohort (named "2024级", never an id), the cancel shows the students
 * affected before anything happens (not confirmed: other journeys share the demo), and a student's
 * whole selection looked up.
 */
describe('course selection: the office’s class tools', () => {
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

  it('raises a capacity, reserves seats for a cohort, and previews a cancel', async () => {
    await page.getByRole('menuitem', { name: '选课管理' }).click();
    await page.getByRole('menuitem', { name: '选课轮次' }).click();
    await rows(page, 'table-rounds').filter({ hasText: '补退选' }).first().getByRole('link').click();
    await page.getByTestId('round-title').waitFor();
    const first = rows(page, 'table-round-classes').first();
    await first.waitFor();
    await first.locator('[data-testid^="manage-class-"]').click();

    await page.getByTestId('class-enrolled-now').waitFor();
    const before = await page.getByTestId('class-enrolled-now').innerText();
    const capacity = Number(/容量 (\d+)/.exec(before)![1]);
    await page.getByTestId('class-capacity').fill(String(capacity + 1));
    await page.getByTestId('class-capacity-save').click();
    await expect.poll(() => page.getByTestId('class-enrolled-now').innerText()).toContain(`容量 ${capacity + 1}`);

    await page.getByRole('tab', { name: '预留名额' }).click();
    await page.getByTestId('reserved-add').click();
    await page.locator('.ant-form-item').filter({ hasText: '预留给' }).locator('input').last().waitFor();
    await page.getByPlaceholder('入学年份，如 2023').fill('2024');
    // The date first: Enter confirms the picker (and may submit the form, still missing the seats).
    const until = page.getByTestId('reserved-until');
    await until.click();
    await until.fill('2030-01-01 08:00:00');
    await until.press('Enter');
    await page.getByTestId('reserved-seats').fill('1');
    await page.getByTestId('reserved-save').click();
    const reserved = rows(page, 'reserved-table').filter({ hasText: '2024级' });
    await reserved.waitFor();
    expect(await reserved.innerText()).toContain('年级');

    await page.getByRole('tab', { name: '停开' }).click();
    await page.getByTestId('cancel-count').waitFor();
    expect(await page.getByTestId('cancel-count').innerText()).toMatch(/将影响 \d+ 名已选学生/);
    await screenshot(page, 'selection-class-tools');
  });

  it('looks up a student’s selection of the term', async () => {
    // Close the class's dialog by its button (Escape may only close a picker inside it), and wait
    // until no dialog covers the page's tabs.
    await page.locator('.ant-modal-close:visible').first().click();
    await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
    await page.getByRole('tab', { name: '学生选课查询' }).click();
    await page.getByTestId('lookup-student').click();
    await visibleOptions(page).first().click();
    await page.getByTestId('lookup-summary').waitFor();
    expect(await page.getByTestId('lookup-summary').innerText()).toMatch(/本学期已选 [\d.]+ 学分/);
  });
});
