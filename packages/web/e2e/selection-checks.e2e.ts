import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

const rows = (page: Page, testId: string) => page.getByTestId(testId).locator('tbody tr.ant-table-row');

/**
 * 选课审核 and 批量选课/退课 by the academic office on the demo's open add/drop round: the checks
 * run and list their findings in words, one is dismissed with a note; a bulk file with an unknown
 * student and class is dry-run and every problem is shown with its row and column, and the
 * commit stays unavailable.
 */
describe('course selection: after-round checks and bulk operations', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser, { lang: 'zh-CN' })).newPage();
    await login(page, 'office');
    await page.getByRole('menuitem', { name: '选课管理' }).click();
    await page.getByRole('menuitem', { name: '选课轮次' }).click();
    await page.waitForURL(/\/selection\/rounds/);
    await rows(page, 'table-rounds').filter({ hasText: '补退选' }).first().getByRole('link').click();
    await page.getByTestId('round-title').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs the checks, lists findings in words, and dismisses one with a note', async () => {
    await page.getByRole('tab', { name: '选课审核' }).click();
    await page.getByTestId('checks-run').click();
    await page.locator('.ant-message').getByText('审核完成').waitFor();
    // The open findings of the demo's round, each in a sentence with its figures.
    const first = rows(page, 'table-checks').first();
    await first.waitFor();
    expect(await first.innerText()).toMatch(
      /低于最低要求 \d+(\.\d)? 学分|未选培养方案必修课|改变了该教学班的上课时间|低于最低开班人数 \d+ 人/,
    );
    expect(await first.innerText()).toContain('待处理');
    await screenshot(page, 'selection-checks');
    await first.getByTestId('check-dismiss').click();
    await page.getByTestId('check-note').fill('该课程为小班研讨课');
    await page.getByTestId('check-save').click();
    await page.locator('.ant-message').getByText('已保存').waitFor();
    await page.getByTestId('checks-status').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '已忽略' })
      .click();
    await rows(page, 'table-checks').filter({ hasText: '该课程为小班研讨课' }).waitFor();
  });

  it('dry-runs a bulk file and reports every bad row with its column', async () => {
    await page.getByRole('tab', { name: '批量选课/退课' }).click();
    const file = path.join(tmpdir(), `bulk-${Date.now()}.csv`);
    writeFileSync(file, '学号,教学班代码,操作,原因\n0000000000,NOPE-01,选课,测试\n');
    await page.getByTestId('bulk-tab').locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('bulk-dry-run').click();
    await page.getByTestId('bulk-summary').getByText('试运行发现 2 个问题').waitFor();
    const text = (await rows(page, 'bulk-errors').allInnerTexts()).join('\n');
    expect(text).toContain('学号“0000000000”不存在');
    expect(text).toContain('教学班代码“NOPE-01”不是本学期的教学班');
    expect(await page.getByTestId('bulk-commit').isDisabled()).toBe(true);
    await screenshot(page, 'selection-bulk');
  });
});
