import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

describe('student on a phone', () => {
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

  it('signs in and sees the home page with a drawer menu', async () => {
    await login(page, 'student');
    await screenshot(page, 'student-home-mobile');
    await page.getByTestId('menu-toggle').click();
    const menu = page.getByTestId('main-menu');
    await menu.waitFor();
    await page.waitForTimeout(500); // let the drawer finish sliding in
    const text = (await menu.textContent()) ?? '';
    expect(text).toContain('我的学籍');
    for (const hidden of ['用户', '审计日志', '批量导入', '系统管理', '基础数据']) expect(text).not.toContain(hidden);
    await screenshot(page, 'student-menu-mobile');
    await menu.getByText('我的学籍').click();
    await page.getByTestId('profile-record').locator('.ant-descriptions').waitFor();
    const record = (await page.getByTestId('profile-record').textContent()) ?? '';
    expect(record).toContain('学号');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'student-profile-mobile');
    await page.getByTestId('lang-switch').getByText('EN').click();
    await page.getByTestId('profile-record').getByText('Student No.').waitFor();
    await screenshot(page, 'student-profile-mobile-en');
    await page.getByTestId('lang-switch').getByText('中文').click();
  });

  it('cannot open admin pages', async () => {
    for (const path of ['/users', '/audit', '/imports', '/roles', '/students']) {
      await page.goto(path);
      await page.getByText('403').first().waitFor();
    }
    await screenshot(page, 'student-403-mobile');
    const res = await page.request.get('/api/users');
    expect(res.status()).toBe(403);
  });
});
