import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseURL, launchBrowser, login, newContext } from './helpers.ts';

/**
 * The server sends a strict Content-Security-Policy (scripts only from our
 * origin, no framing). The built SPA (Ant Design injects <style> elements,
 * ECharts draws on canvas) and the Swagger UI at /api/docs must run under it:
 * any violation the browser reports fails here.
 */
describe('content security policy', () => {
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(msg.text())) violations.push(msg.text());
    });
    await login(page, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs the web app without a violation', async () => {
    for (const path of ['/', '/students', '/rooms', '/courses', '/flows', '/flow-metrics', '/audit']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle').catch(() => {});
    }
    await page
      .getByTestId('welcome')
      .waitFor()
      .catch(() => {});
    expect(violations).toEqual([]);
  });

  it('runs the API docs UI without a violation', async () => {
    await page.goto('/api/docs');
    await page.locator('.swagger-ui .opblock').first().waitFor();
    expect(violations).toEqual([]);
  });

  it('sends the headers with the web app', async () => {
    const res = await fetch(`${baseURL()}/`);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
