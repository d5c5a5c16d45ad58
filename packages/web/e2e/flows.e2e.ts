import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

async function signIn(browser: Browser, user: string, lang: 'zh-CN' | 'en'): Promise<Page> {
  const page = await (await newContext(browser, { lang })).newPage();
  await login(page, user);
  return page;
}

/** The flow pages speak the reader's language: no keys, no codes, conditions as sentences, Mermaid only for developers. */
describe('flows in words', () => {
  let browser: Browser;
  let zh: Page;
  let en: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    zh = await signIn(browser, 'office', 'zh-CN');
    en = await signIn(browser, 'office', 'en');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists flows by name and the kind they approve, without a key column or a raw kind', async () => {
    await zh.goto('/flows');
    const table = zh.getByTestId('table-flows');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const headers = await table.locator('thead th').allInnerTexts();
    expect(headers.map((h) => h.trim().toLowerCase())).not.toContain('key');
    const text = await table.innerText();
    expect(text).toContain('开课申请');
    expect(text).not.toContain('course_request');
  });

  it('reads the condition in words in Chinese and English; the Mermaid text waits for the developer toggle', async () => {
    await zh.goto('/flows/course_request');
    const table = zh.getByTestId('table-responsibility');
    await table.locator('tbody tr.ant-table-row').nth(1).waitFor();
    expect(await table.innerText()).toContain('容量大于 200');
    expect(await zh.getByTestId('flow-diagram').innerHTML()).toContain('容量大于 200');
    const page = await zh.locator('body').innerText();
    expect(page).not.toMatch(/capacity|course_request|flowchart/);
    expect(await zh.getByTestId('mermaid-text').count()).toBe(0);
    await zh.getByTestId('developer-toggle').click();
    await zh.getByTestId('mermaid-text').waitFor();
    expect(await zh.getByTestId('mermaid-text').innerText()).toContain('flowchart TD');
    await screenshot(zh, 'flow-detail-words-zh');

    await en.goto('/flows/course_request');
    const enTable = en.getByTestId('table-responsibility');
    await enTable.locator('tbody tr.ant-table-row').nth(1).waitFor();
    expect(await enTable.innerText()).toContain('Capacity is more than 200');
    expect(await en.getByTestId('mermaid-text').count()).toBe(0);
    expect(await en.getByTestId('flow-diagram').innerHTML()).toContain('Capacity is more');
    await screenshot(en, 'flow-detail-words-en');
  });

  it('edits a condition by field label and comparison words, not by code', async () => {
    const admin = await signIn(browser, 'admin', 'zh-CN');
    await admin.goto('/flows/course_request');
    await admin.getByTestId('edit-flow').click();
    const drawer = admin.locator('.ant-drawer').filter({ has: admin.getByTestId('save-flow') });
    await drawer.getByTestId('condition-field').nth(1).filter({ hasText: '容量' }).waitFor();
    const text = await drawer.innerText();
    expect(text).toContain('大于');
    expect(text).toContain('无条件（始终执行）');
    expect(text).not.toMatch(/capacity/);
    await admin.context().close();
  });
});
