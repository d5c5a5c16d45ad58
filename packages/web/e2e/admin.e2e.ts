import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newContext, pickFirst, screenshot } from './helpers.ts';

describe('admin: organisation data', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
    await login(page, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the dashboard with counts', async () => {
    await page.getByTestId('count-students').locator('.ant-statistic-content-value').filter({ hasText: /[1-9]/ }).waitFor();
    await screenshot(page, 'home-admin-zh');
  });

  it('creates a room and finds it in the rooms list', async () => {
    const code = `E2E-${Date.now() % 100000}`;
    await page.goto('/rooms');
    await page.getByTestId('table-rooms').locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('create-button').click();
    await page.getByTestId('field-code').fill(code);
    await page.getByTestId('field-name').fill(`端到端测试教室 ${code}`);
    await pickFirst(page, 'field-buildingId');
    await pickFirst(page, 'field-type', '多媒体');
    await page.getByTestId('field-capacity').fill('120');
    await page.getByTestId('field-examCapacity').fill('60');
    await pickFirst(page, 'field-features', '投影');
    await page.getByRole('button', { name: /添加不可用时段/ }).click();
    await screenshot(page, 'room-form-zh');
    await page.getByTestId('form-save').click();
    await page
      .locator('.ant-drawer-open')
      .waitFor({ state: 'detached' })
      .catch(() => {});
    await page.getByTestId('table-search').locator('input').fill(code);
    await page.getByTestId('table-search').locator('input').press('Enter');
    const row = page.getByTestId('table-rooms').locator('tbody tr.ant-table-row', { hasText: code });
    await row.waitFor();
    expect(await row.textContent()).toContain('多媒体教室');
    await screenshot(page, 'rooms-zh');

    await row.getByTestId('row-edit').click();
    await page.getByTestId('field-capacity').fill('150');
    await page.getByTestId('form-save').click();
    await row.getByText('150').waitFor();
  });

  it('shows the server field error for a duplicate code', async () => {
    await page.goto('/campuses');
    const first = page.getByTestId('table-campuses').locator('tbody tr.ant-table-row').first();
    await first.waitFor();
    const existing = (await first.locator('td').first().textContent())!.trim();
    await page.getByTestId('create-button').click();
    await page.getByTestId('field-code').fill(existing);
    await page.getByTestId('field-name').fill('重复校区');
    await page.getByTestId('form-save').click();
    await page.getByTestId('form-error').waitFor();
    await expect(page.locator('.ant-form-item-explain-error').first().textContent()).resolves.toContain(existing);
    await page.keyboard.press('Escape');
  });

  it('shows a stale edit with the server message and reloads the record', async () => {
    await page.goto('/campuses');
    const first = page.getByTestId('table-campuses').locator('tbody tr.ant-table-row').first();
    await first.waitFor();
    await first.getByTestId('row-edit').click();
    const code = (await page.getByTestId('field-code').inputValue()).trim();
    // Someone else saves the same campus after the form was opened.
    const { csrfToken } = await (await page.request.get('/api/me')).json();
    const [campus] = (await (await page.request.get('/api/campuses', { params: { q: code } })).json()).items;
    const other = await page.request.patch(`/api/campuses/${campus.id}`, {
      data: { address: `他人修改 ${Date.now() % 100000}`, version: campus.version },
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(other.status()).toBe(200);
    await page.getByTestId('field-name').fill(`${campus.name}（改）`);
    await page.getByTestId('form-save').click();
    await page.getByTestId('form-error').getByText('已被他人修改，请刷新后重试').waitFor();
    await page.getByTestId('form-reload').click();
    await page.getByTestId('form-error').waitFor({ state: 'detached' });
    expect(await page.getByTestId('field-name').inputValue()).toBe(campus.name);
    await page.getByTestId('field-name').fill(`${campus.name}（改）`);
    await page.getByTestId('form-save').click();
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
    await page.getByTestId('table-campuses').getByText(`${campus.name}（改）`).waitFor();
  });

  it('exports the filtered list as XLSX and CSV', async () => {
    await page.goto('/rooms');
    await page.getByTestId('table-rooms').locator('tbody tr.ant-table-row').first().waitFor();
    for (const format of ['xlsx', 'csv']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${format}`).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${format}$`));
    }
  });

  it('refuses to delete a campus that still has buildings, with the server message', async () => {
    await page.goto('/campuses');
    const first = page.getByTestId('table-campuses').locator('tbody tr.ant-table-row').first();
    await first.waitFor();
    await first.getByTestId('row-delete').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await page.locator('.ant-message').getByText('该记录正被其他数据引用，无法删除').waitFor();
    await expect(first.isVisible()).resolves.toBe(true);
  });

  it('opens the audit log, users and roles pages', async () => {
    await page.goto('/audit');
    const update = page.getByTestId('audit-table').locator('tbody tr.ant-table-row', { hasText: '修改教室' }).first();
    await update.locator('.ant-table-row-expand-icon').click();
    await page.getByTestId('audit-diff').getByText('150').waitFor();
    await screenshot(page, 'audit-zh');
    await page.goto('/roles');
    await page.locator('tbody tr.ant-table-row').first().waitFor();
    await page.goto('/users');
    await page.locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, 'users-zh');
  });
});
