import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseURL, launchBrowser, login, newContext, screenshot } from './helpers.ts';

/** Admin pages that the other journeys do not cover, checked by what the admin sees afterwards. */
describe('admin pages', () => {
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

  it('edits a term time grid, and the saved times are there after a reload', async () => {
    await page.goto('/terms');
    await page.getByTestId('table-terms').locator('tbody tr.ant-table-row a').first().click();
    const grid = page.getByTestId('time-grid');
    await grid.waitFor();
    await page.getByRole('button', { name: 'Fill with default times' }).click();
    // Each row: period number (read-only), starts at, ends at.
    const firstStart = grid.locator('tbody tr').first().locator('input').nth(1);
    await firstStart.fill('07:50');
    await page.getByTestId('time-grid-save').click();
    await page.getByText('Time grid saved').waitFor();
    await screenshot(page, 'term-time-grid-en');

    await page.reload();
    await grid.locator('tbody tr').first().waitFor();
    expect(await grid.locator('tbody tr').first().locator('input').nth(1).inputValue()).toBe('07:50');
  });

  it('shows a role’s granted permissions in the matrix', async () => {
    await page.goto('/roles');
    await page.locator('tbody tr.ant-table-row', { hasText: 'secretary' }).getByRole('button', { name: 'Edit' }).click();
    await page.getByTestId('grant-matrix').waitFor();
    expect(await page.getByTestId('grant-matrix').locator('input[type=checkbox]:checked').count()).toBeGreaterThan(0);
    await screenshot(page, 'role-matrix-en');
    await page.keyboard.press('Escape');
  });

  it('creates an API token that another system can read students with', async () => {
    await page.goto('/api-tokens');
    await page.getByRole('button', { name: 'New token' }).click();
    await page.getByLabel('Name').fill('finance sync');
    await page.getByText('View students').click();
    await page.locator('.ant-modal').getByRole('button', { name: 'OK' }).click();
    await page.getByTestId('new-token').waitFor();
    const token = /jw_[\w-]+/.exec((await page.getByTestId('new-token').textContent()) ?? '')?.[0];
    expect(token).toBeDefined();
    await screenshot(page, 'api-token-en');

    const auth = { authorization: `Bearer ${token}` };
    const students = await fetch(new URL('/api/students?pageSize=1', baseURL()), { headers: auth });
    expect(students.status).toBe(200);
    expect((await students.json()).total).toBeGreaterThan(0);
    // Only what was granted: the token cannot list users.
    expect((await fetch(new URL('/api/users', baseURL()), { headers: auth })).status).toBe(403);
    await page.keyboard.press('Escape');
  });
});
