import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

describe('language switch', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser, { lang: 'zh-CN' })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows server errors in the chosen language on the login page', async () => {
    await page.goto('/login');
    await page.getByTestId('login-username').fill('office');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('用户名或密码错误');
    await page.getByTestId('lang-switch').getByText('EN').click();
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').getByText('Wrong username or password').waitFor();
    await screenshot(page, 'login-en');
    await page.getByTestId('lang-switch').getByText('中文').click();
  });

  it('switches the whole interface to English and back, and remembers it', async () => {
    await login(page, 'office');
    await page.goto('/students');
    await page.getByTestId('table-students').locator('tbody tr.ant-table-row').first().waitFor();
    const header = page.getByTestId('table-students').locator('thead');
    expect(await header.textContent()).toContain('学号');
    expect(await page.getByTestId('main-menu').textContent()).toContain('教师');

    await page.getByTestId('lang-switch').getByText('EN').click();
    await page.getByTestId('main-menu').getByText('Teachers').waitFor();
    expect(await header.textContent()).toContain('Student No.');
    expect(await page.getByTestId('table-students').textContent()).toMatch(/Enrolled|Male|Female/);
    await screenshot(page, 'students-en');

    await page.reload();
    await page.getByTestId('main-menu').getByText('Teachers').waitFor();
    await page.goto('/rooms');
    await page.getByTestId('table-rooms').locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, 'rooms-en');

    await page.getByTestId('lang-switch').getByText('中文').click();
    await page.getByTestId('main-menu').getByText('教室', { exact: true }).waitFor();
    expect(await page.getByTestId('table-rooms').locator('thead').textContent()).toContain('教室代码');
  });
});
