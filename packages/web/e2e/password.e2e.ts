import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newContext, screenshot, submitSignIn, waitForPath } from './helpers.ts';

describe('password reset and forced change', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('admin creates a user; the user must change the initial password at first sign-in', async () => {
    const username = `e2e${Date.now() % 100000}`;
    await login(page, 'admin');
    await page.goto('/users');
    await page.getByRole('button', { name: '新建用户' }).click();
    const drawer = page.locator('.ant-drawer-open');
    await drawer.getByLabel('用户名').fill(username);
    await drawer.getByLabel('姓名').fill('端到端教师');
    await drawer.getByLabel('初始密码').fill('initial-pass-1');
    await drawer.getByRole('button', { name: '添加角色' }).click();
    await drawer.locator('.ant-select').filter({ hasText: '角色' }).first().click();
    const teacherOption = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '教师' })
      .first();
    await teacherOption.waitFor();
    await page.waitForTimeout(400); // let the dropdown finish sliding in, or the click may miss
    await teacherOption.click();
    await drawer.locator('.ant-select', { hasText: '教师' }).first().waitFor();
    await screenshot(page, 'user-form-zh');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('tbody tr.ant-table-row', { hasText: username }).waitFor();

    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await page.waitForURL('**/login');
    await submitSignIn(page, username, 'initial-pass-1');
    await waitForPath(page, '**/change-password');
    await page.locator('input[type=password]').first().waitFor();
    await screenshot(page, 'forced-password-change-zh');
    const inputs = page.locator('input[type=password]');
    await inputs.nth(0).fill('initial-pass-1');
    await inputs.nth(1).fill('changed-pass-1');
    await inputs.nth(2).fill('changed-pass-1');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByTestId('welcome').waitFor();
    expect(page.url()).toMatch(/\/$/);

    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await login(page, username, 'changed-pass-1');
  });
});
