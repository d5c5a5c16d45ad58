import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

describe('ID numbers (证件号码)', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the office edits it in full and is told what is wrong with a bad check character', async () => {
    page = await (await newContext(browser)).newPage();
    await login(page, 'office');
    await page.goto('/students');
    await page.getByTestId('table-search').locator('input').fill('2024010101');
    await page.getByTestId('table-search').locator('input').press('Enter');
    const row = page.getByTestId('table-students').locator('tbody tr.ant-table-row', { hasText: '2024010101' });
    await row.waitFor();
    await row.getByRole('button', { name: /编\s*辑/ }).click();
    const input = page.getByTestId('field-idNumber');
    await expect.poll(() => input.inputValue()).toMatch(/^42\d{15}[\dX]$/);
    await input.fill('110105194912310021');
    await page.getByTestId('form-save').click();
    await page.locator('.ant-form-item-explain-error', { hasText: '校验位不正确' }).waitFor();
    await screenshot(page, 'id-number-checksum-zh');
  });

  it('a student sees their own number masked', async () => {
    page = await (await newContext(browser)).newPage();
    await login(page, 'student');
    await page.goto('/me');
    const record = page.getByTestId('profile-record');
    await record.waitFor();
    await expect.poll(() => record.textContent()).toMatch(/证件号码42\d{4}\*{10}[\dX]{2}/);
  });

  it('the policy card explains what happens to people without an ID number', async () => {
    page = await (await newContext(browser)).newPage();
    await login(page, 'office');
    await page.goto('/users');
    const card = page.getByTestId('password-policy');
    await card.getByText('身份证号后六位').click();
    await expect.poll(() => page.getByTestId('id-last6-note').textContent()).toContain('没有证件号码');
    await screenshot(page, 'id-last6-policy-zh');
  });
});
