import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

/**
 * The office moves a student to another admin class; the audit log then
 * reads it in words, in Chinese and in English: the action, the field, the
 * old and new class by name — no codes, ids or JSON.
 */
describe('office: the audit log of an update, in words', () => {
  let browser: Browser;
  const moved = { student: '', from: '', to: '' };

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function officePage(lang: 'zh-CN' | 'en'): Promise<Page> {
    const page = await (await newContext(browser, { lang })).newPage();
    await login(page, 'office');
    return page;
  }

  /** The newest entry of "update student" for the moved student, expanded. */
  async function openEntry(page: Page, words: string) {
    await page.goto('/audit');
    const search = page.getByTestId('audit-search').locator('input');
    await search.fill(words);
    await search.press('Enter');
    const table = page.getByTestId('audit-table');
    const row = table.locator('tbody tr.ant-table-row', { hasText: moved.student }).first();
    await row.waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    const diff = table.getByTestId('audit-diff').first();
    await diff.waitFor();
    return { row, diff };
  }

  it('zh-CN: 修改学生, 行政班, old and new class names', async () => {
    const page = await officePage('zh-CN');
    const { csrfToken } = await (await page.request.get('/api/me')).json();
    const classes = (await (await page.request.get('/api/admin-classes?q=CS24&pageSize=5')).json()).items as { id: number; name: string }[];
    const student = (await (await page.request.get('/api/students?q=2023&pageSize=1')).json()).items[0];
    const target = classes.find((c) => c.id !== student.adminClassId)!;
    const res = await page.request.patch(`/api/students/${student.id}`, {
      data: { adminClassId: target.id, version: student.version },
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(res.status()).toBe(200);
    Object.assign(moved, { student: student.name, from: student.adminClassName, to: target.name });

    const { row, diff } = await openEntry(page, '修改学生');
    expect(await row.getByTestId('audit-action').textContent()).toBe('修改学生');
    expect(await row.textContent()).toContain('学生');
    const text = (await diff.textContent()) ?? '';
    expect(text).toContain('行政班');
    expect(text).toContain(moved.from);
    expect(text).toContain(moved.to);
    // Only the change: no version bump, no copies of the class's name and code.
    expect(await diff.locator('tbody tr').count()).toBe(1);
    const shown = `${await row.textContent()} ${text}`;
    expect(shown).not.toMatch(/students\.update|adminClassId|[{}"]|version/);
    expect(shown).not.toContain(`#${target.id}`);
    await screenshot(page, 'audit-words-zh');
    await page.context().close();
  });

  it('en: Update student, Admin class, the same names', async () => {
    const page = await officePage('en');
    const { row, diff } = await openEntry(page, 'update student');
    expect(await row.getByTestId('audit-action').textContent()).toBe('Update student');
    const text = (await diff.textContent()) ?? '';
    expect(text).toContain('Admin class');
    expect(text).toContain(moved.from);
    expect(text).toContain(moved.to);
    expect(`${await row.textContent()} ${text}`).not.toMatch(/students\.update|adminClassId|[{}"]|修改/);
    await screenshot(page, 'audit-words-en');
    await page.context().close();
  });
});
