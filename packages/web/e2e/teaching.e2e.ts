import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newContext, screenshot, waitForPath } from './helpers.ts';

async function signIn(browser: Browser, user: string): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await login(page, user);
  return page;
}

const rows = (page: Page, testId: string) => page.getByTestId(testId).locator('tbody tr.ant-table-row');

/** Teaching classes and their rosters, the office's request list, and who sees the approver tools. */
describe('teaching classes, request lists and approver tools', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the demo teacher opens their teaching class and sees its roster', async () => {
    const page = await signIn(browser, 'teacher');
    await page.goto('/teaching-classes');
    const row = rows(page, 'table-teaching-classes').filter({ hasText: 'CS201-01' });
    await row.waitFor();
    await row.getByRole('link', { name: 'CS201-01' }).click();
    await waitForPath(page, '**/teaching-classes/*');
    const detail = page.getByTestId('class-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('CS201');
    // The roster: the students of the class's admin classes (CS2501, CS2502), one page from the server.
    const roster = rows(page, 'table-roster');
    await roster.first().waitFor();
    expect(await roster.count()).toBeGreaterThan(0);
    const text = (await page.getByTestId('table-roster').textContent()) ?? '';
    expect(text).toMatch(/计科250[12]/);
    const total = (await page.locator('.ant-pagination-total-text').first().textContent()) ?? '';
    expect(Number(/共 (\d+) 名学生/.exec(total)?.[1])).toBeGreaterThan(20);
    await screenshot(page, 'teaching-class-roster-zh');
    // Their 学生 list is the students they teach.
    await page.goto('/students');
    await rows(page, 'table-students').first().waitFor();
    // /me is their own staff record, never a student's 学籍.
    await page.goto('/me');
    const record = page.getByTestId('profile-record');
    await record.locator('.ant-descriptions').waitFor();
    const own = (await record.textContent()) ?? '';
    expect(own).toContain('教职工信息');
    expect(own).toContain('张伟');
    expect(own).not.toContain('学号');
  });

  it('the office filters the request list by college, opens a request and comes back to the same list', async () => {
    const page = await signIn(browser, 'office');
    await page.goto('/course-requests');
    await page.getByTestId('request-summary-card').locator('tbody tr.ant-table-row').first().waitFor();
    await rows(page, 'table-requests').first().waitFor();
    const select = page.getByTestId('filter-college');
    await select.click();
    await page.keyboard.type('计算机');
    const option = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '计算机科学与技术学院' })
      .first();
    await option.waitFor();
    await option.click();
    await waitForPath(page, '**/course-requests?*collegeId=*');
    const filtered = page.url();
    await rows(page, 'table-requests').first().waitFor();
    const header = (await page.getByTestId('table-requests').locator('thead').textContent()) ?? '';
    for (const col of ['学院', '申请人', '提交时间']) expect(header).toContain(col);
    await screenshot(page, 'requests-office-college-zh');

    await rows(page, 'table-requests').first().locator('td').nth(3).click();
    await waitForPath(page, '**/course-requests/*');
    await page.getByTestId('request-back').click();
    // Back lands on the very list it left: the same term, college, page and sort in the URL.
    await page
      .waitForFunction((url) => location.href === url, filtered, { timeout: 10_000 })
      .catch(() => expect(page.url()).toBe(filtered));
    expect(await page.getByTestId('filter-college').textContent()).toContain('计算机科学与技术学院');
    await rows(page, 'table-requests').first().waitFor();
  });

  it('the secretary previews 按培养方案预填 with every draft ticked, and chooses', async () => {
    const page = await signIn(browser, 'secretary');
    await page.goto('/course-requests');
    await rows(page, 'table-requests').first().waitFor();
    await page.getByTestId('prefill').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '按培养方案预填：预览' });
    const drafts = modal.locator('tbody tr.ant-table-row');
    await drafts.first().waitFor();
    const n = await drafts.count();
    expect(n).toBeGreaterThan(0);
    expect(await drafts.locator('.ant-checkbox-checked').count()).toBe(n);
    const create = page.locator('#prefill-create');
    expect(await create.textContent()).toContain(`生成选中的 ${n} 份草稿`);
    await drafts.first().locator('.ant-checkbox-input').click();
    expect(await create.textContent()).toContain(`生成选中的 ${n - 1} 份草稿`);
    await screenshot(page, 'prefill-preview-zh');
    // Cancelled: nothing is created (the integration test covers the creation of the chosen ones).
    await modal.getByRole('button', { name: /取\s*消/ }).click();
    await modal.waitFor({ state: 'hidden' });
  });

  it('the metrics page charts only what happened: an empty period says so instead of drawing bars', async () => {
    const page = await signIn(browser, 'office');
    await page.goto('/flow-metrics');
    const first = rows(page, 'table-metrics').first();
    await first.waitFor();
    const count = Number(await first.locator('td').nth(1).textContent());
    if (count === 0) {
      await page.getByTestId('metrics-empty').waitFor();
      expect(await page.locator('canvas').count()).toBe(0);
    } else {
      await page.locator('canvas').first().waitFor();
      expect(await page.getByTestId('metrics-empty').count()).toBe(0);
    }
    await screenshot(page, 'flow-metrics-zh');
  });

  it('a student sees their applications, not 待办审批 or batch approve', async () => {
    const page = await signIn(browser, 'student');
    await page.goto('/inbox');
    await page.getByTestId('table-inbox').waitFor();
    // On the inbox its menu group is open: the entry is 我的申请, never 待办审批.
    const menu = page.getByTestId('main-menu');
    await menu.getByText('我的申请').waitFor();
    expect(await menu.textContent()).not.toContain('待办审批');
    expect(await page.getByTestId('batch-approve').count()).toBe(0);
    expect(await page.locator('.ant-tabs').count()).toBe(0);
    expect(await page.locator('.ant-card-head').first().textContent()).toContain('我的申请');
  });
});
