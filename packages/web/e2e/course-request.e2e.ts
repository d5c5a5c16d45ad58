import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

/** Opens a searchable select, types `text` and clicks the first option containing it. */
async function pickSearch(page: Page, testId: string, text: string): Promise<void> {
  const select = page.getByTestId(testId);
  await select.click();
  await page.keyboard.type(text);
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: text })
    .first();
  await option.waitFor();
  await page.waitForTimeout(300);
  await option.click();
  await page.keyboard.press('Escape').catch(() => {});
}

/** Opens a (non-searching) select and clicks the option containing `text`, waiting for it to show as chosen. */
async function pickOption(page: Page, testId: string, text: string): Promise<void> {
  const select = page.getByTestId(testId);
  await select.click();
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: text })
    .first();
  await option.waitFor();
  await page.waitForTimeout(400);
  await option.click();
  await select.filter({ hasText: text }).waitFor();
}

async function signIn(browser: Browser, user: string, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
  const page = await (await newContext(browser, { lang })).newPage();
  await login(page, user);
  return page;
}

/** Secretary files a course request, office returns it, secretary revises, office approves → teaching class. */
describe('course request journey', () => {
  let browser: Browser;
  let secretary: Page;
  let office: Page;
  let requestUrl = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    secretary = await signIn(browser, 'secretary');
    office = await signIn(browser, 'office');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('secretary files a request; the server’s rules show on the fields', async () => {
    const page = secretary;
    await page.goto('/course-requests');
    await page.getByTestId('table-requests').locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, 'course-requests-zh');
    await page.getByTestId('create-request').click();
    await pickSearch(page, 'field-courseId', 'CS203');
    await page.getByTestId('add-teacher').click();
    await pickSearch(page, 'field-teacher-0', '张伟');
    await page.getByTestId('field-share-0').fill('100');
    await page.getByTestId('field-capacity').fill('60');
    await pickSearch(page, 'field-adminClassIds', 'CS2401');
    await page.getByTestId('field-sessions').fill('2');
    await pickOption(page, 'field-roomType', '多媒体');
    // A cell of the time wish grid: Monday, period 1 → prefer.
    await page.getByTestId('time-wishes').locator('tbody tr').first().locator('td').nth(1).click();
    await page.getByTestId('submit-request').click();
    // 2 h × 16 weeks = 32 h, but 操作系统 has 64: the server's rule marks the sessions field.
    await page
      .locator('.ant-form-item-has-error')
      .filter({ has: page.getByTestId('field-sessions') })
      .waitFor();
    await page.getByTestId('field-capacity').scrollIntoViewIfNeeded();
    await screenshot(page, 'course-request-rule-error-zh');
    await page.getByTestId('field-sessions').fill('2+2');
    await page.getByTestId('submit-request').click();
    await page.getByTestId('request-status').filter({ hasText: '审批中' }).waitFor();
    await page.getByTestId('workflow-history').waitFor();
    requestUrl = new URL(page.url()).pathname;
    expect(requestUrl).toMatch(/^\/course-requests\/\d+$/);
    await screenshot(page, 'course-request-submitted-zh');
  });

  it('office sees a notification and returns the request with comments', async () => {
    const page = office;
    await page.reload();
    await page.getByTestId('notification-badge').locator('.ant-badge-count').waitFor();
    await page.getByTestId('notification-bell').click();
    await page
      .getByTestId('notification-popover')
      .getByText(/操作系统|CS203/)
      .first()
      .waitFor();
    await screenshot(page, 'notifications-popover-zh');
    await page.keyboard.press('Escape');
    await page.goto('/inbox');
    const row = page.getByTestId('table-inbox').locator('tbody tr.ant-table-row').filter({ hasText: '操作系统' }).first();
    await row.waitFor();
    await screenshot(page, 'inbox-zh');
    await row.getByTestId('open-task').click();
    await page.getByTestId('request-summary').waitFor();
    await page.getByTestId('task-comment').fill('请减少容量后重新提交');
    await page.getByTestId('add-field-comment').click();
    await pickOption(page, 'fc-field-0', '容量');
    await page.getByTestId('fc-text-0').fill('容量请改为 55');
    await screenshot(page, 'task-drawer-zh');
    await page.getByTestId('task-return').click();
    await page.getByTestId('task-drawer').waitFor({ state: 'hidden' });
  });

  it('secretary sees the comments, revises and resubmits', async () => {
    const page = secretary;
    await page.goto(requestUrl);
    await page.getByTestId('review-comment').getByText('请减少容量后重新提交').waitFor();
    await page.getByTestId('comment-capacity').getByText('容量请改为 55').waitFor();
    await screenshot(page, 'course-request-returned-zh');
    await page.getByTestId('field-capacity').fill('55');
    await page.getByTestId('submit-request').click();
    await page.getByTestId('request-status').filter({ hasText: '审批中' }).waitFor();
  });

  it('office approves; the teaching class appears', async () => {
    const page = office;
    await page.goto('/inbox');
    const row = page.getByTestId('table-inbox').locator('tbody tr.ant-table-row').filter({ hasText: '操作系统' }).first();
    await row.getByTestId('open-task').click();
    await page.getByTestId('workflow-history').getByText('退回').first().waitFor();
    await page.getByTestId('task-approve').click();
    await page.getByTestId('task-drawer').waitFor({ state: 'hidden' });
    // The term has hundreds of classes: the office finds the new one by its code.
    await page.goto('/teaching-classes?q=CS203');
    await page.getByTestId('table-teaching-classes').locator('tbody tr.ant-table-row').filter({ hasText: 'CS203-01' }).waitFor();
    await screenshot(page, 'teaching-classes-zh');
    await secretary.goto(requestUrl);
    await secretary.getByTestId('request-status').filter({ hasText: '已通过' }).waitFor();
  });

  it('draws the flow with every step', async () => {
    const page = office;
    await page.goto('/flows');
    await page.getByTestId('table-flows').locator('tbody tr.ant-table-row').first().click();
    await page.getByTestId('flow-diagram').waitFor();
    expect(await page.getByTestId('flow-step').count()).toBe(2);
    await page.getByTestId('table-responsibility').locator('tbody tr.ant-table-row').nth(1).waitFor();
    await page.getByTestId('developer-toggle').click();
    await page.getByTestId('mermaid-text').waitFor();
    await screenshot(page, 'flow-detail-zh');
  });
});
