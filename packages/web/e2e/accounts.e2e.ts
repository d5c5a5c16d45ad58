import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newContext, screenshot, submitSignIn, waitForPath } from './helpers.ts';

/** The rows of a downloaded handout list by 学号: [学号, 姓名, 班级, 初始密码]. */
async function handoutRows(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
  const rows = new Map<string, string[]>();
  wb.worksheets[0].eachRow((row, i) => {
    if (i > 1) {
      const cells = (row.values as unknown[]).slice(1).map(String);
      rows.set(cells[0], cells);
    }
  });
  return rows;
}

describe('accounts of people', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a new student gets an account; the office issues the initial password; the student signs in with the 学号 and must change it', async () => {
    const code = `E2E${Date.now() % 1000000}`;
    await login(page, 'office');
    // A non-demo student, created through the API as the office (the account follows in the same write).
    const { csrfToken } = await (await page.request.get('/api/me')).json();
    const headers = { 'x-csrf-token': csrfToken as string };
    const cls = await page.request.get('/api/admin-classes', { params: { pageSize: 1 } });
    const adminClass = (await cls.json()).items[0];
    const created = await page.request.post('/api/students', {
      headers,
      data: { code, name: '端到端学生', adminClassId: adminClass.id, cohort: adminClass.cohort },
    });
    expect(created.status()).toBe(201);

    // The office finds the account (no password yet) and resets it: a job makes the handout list.
    await page.goto('/users');
    await page.getByPlaceholder('搜索').fill(code);
    await page.getByPlaceholder('搜索').press('Enter');
    const row = page.locator('tbody tr.ant-table-row', { hasText: code });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('未发放初始密码');
    await row.locator('input[type=checkbox]').check();
    await page.getByTestId('account-bulk-bar').getByRole('button', { name: '重置密码' }).click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    const download = page.waitForEvent('download');
    await page.getByTestId('download-handout').click();
    await screenshot(page, 'accounts-handout-zh');
    const file = await (await download).path();
    const rows = await handoutRows(file);
    const [, name, , password] = rows.get(code)!;
    expect(name).toBe('端到端学生');
    expect(password).toMatch(/^[A-Za-z0-9]{10}$/);
    const printView = await page.locator('.ant-modal a', { hasText: '打印名单' }).getAttribute('href');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s*闭/ })
      .click();
    await row.waitFor();
    await expect(row.textContent()).resolves.not.toContain('未发放初始密码');
    // The same list, printable.
    await page.goto(printView!);
    await page.getByTestId('handout-print').getByText(password).waitFor();
    await screenshot(page, 'accounts-handout-print-zh');
    await page.goto('/users');

    // The student signs in with the 学号 and is sent to change the initial password first.
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await page.waitForURL('**/login');
    await submitSignIn(page, code, password);
    await waitForPath(page, '**/change-password');
    const inputs = page.locator('input[type=password]');
    await inputs.nth(0).fill(password);
    await inputs.nth(1).fill('student-own-pass-1');
    await inputs.nth(2).fill('student-own-pass-1');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByTestId('welcome').waitFor();

    // The new password works with the 学号; the initial one no longer does.
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await login(page, code, 'student-own-pass-1');
  });
});
