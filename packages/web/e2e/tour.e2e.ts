import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

/** Visits the remaining admin pages in both languages, for the screenshots and a smoke check. */
describe('admin tour', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser, { lang: 'en' })).newPage();
    await login(page, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('edits a term time grid', async () => {
    await page.goto('/terms');
    await page.getByTestId('table-terms').locator('tbody tr.ant-table-row a').first().click();
    await page.getByTestId('time-grid').waitFor();
    await page.getByRole('button', { name: 'Fill with default times' }).click();
    await page.getByTestId('time-grid-save').click();
    await page.getByText('Time grid saved').waitFor();
    await screenshot(page, 'term-time-grid-en');
  });

  it('opens the role matrix, tokens, import and password pages', async () => {
    await page.goto('/roles');
    await page.locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, 'roles-en');
    await page.locator('tbody tr.ant-table-row', { hasText: 'secretary' }).getByRole('button', { name: 'Edit' }).click();
    await page.getByTestId('grant-matrix').waitFor();
    expect(await page.getByTestId('grant-matrix').locator('input[type=checkbox]:checked').count()).toBeGreaterThan(0);
    await page.waitForTimeout(400);
    await screenshot(page, 'role-matrix-en');
    await page.keyboard.press('Escape');

    await page.goto('/api-tokens');
    await page.getByRole('button', { name: 'New token' }).click();
    await page.getByLabel('Name').fill('finance sync');
    await page.getByText('View students').click();
    await page.locator('.ant-modal').getByRole('button', { name: 'OK' }).click();
    await page.getByTestId('new-token').waitFor();
    expect((await page.getByTestId('new-token').textContent())!.length).toBeGreaterThan(10);
    await screenshot(page, 'api-token-en');
    await page.keyboard.press('Escape');

    await page.goto('/imports');
    await page.getByTestId('import-wizard').waitFor();
    await screenshot(page, 'imports-en');
    await page.goto('/change-password');
    await screenshot(page, 'change-password-en');
    await page.goto('/admin-classes');
    await page.getByTestId('table-adminClasses').locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, 'admin-classes-en');
  });
});
