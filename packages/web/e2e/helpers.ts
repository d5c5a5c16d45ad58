import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const DEMO_PASSWORD = 'demo1234';
const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));

export function baseURL(): string {
  return inject('baseURL');
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh context (own cookies and localStorage) in the given language. */
export async function newContext(
  browser: Browser,
  opts: { lang?: 'zh-CN' | 'en'; viewport?: { width: number; height: number }; mobile?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseURL(),
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    isMobile: opts.mobile,
    hasTouch: opts.mobile,
    deviceScaleFactor: 1,
    locale: opts.lang === 'en' ? 'en-US' : 'zh-CN',
  });
  const lang = opts.lang ?? 'zh-CN';
  await context.addInitScript((l) => {
    if (!localStorage.getItem('jiaowu.lang')) localStorage.setItem('jiaowu.lang', l);
  }, lang);
  context.setDefaultTimeout(20_000);
  return context;
}

export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('welcome').waitFor();
}

/**
 * Types a user name and password into the sign-in page the browser is on and submits. The page
 * settles first (its settings load, a signed-out session is forgotten): on a loaded machine the
 * fields were once filled and then rendered anew, empty.
 */
export async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** waitForURL that, when it times out, says where the page is and what it shows (alerts, messages). */
export async function waitForPath(page: Page, pattern: string | RegExp): Promise<void> {
  try {
    await page.waitForURL(pattern);
  } catch (e) {
    const shown = await page
      .locator('.ant-alert, .ant-message, .ant-form-item-explain-error, .ant-notification')
      .allInnerTexts()
      .catch(() => []);
    await page.screenshot({ path: path.join(shots, 'failure.png') }).catch(() => {});
    throw new Error(`${(e as Error).message}\nat ${page.url()}, showing: ${JSON.stringify(shown)}`, { cause: e });
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => {});
  // Tables fade while they load; wait for the spinners to go.
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'hidden', timeout: 10_000 })
    .catch(() => {});
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: false });
}

/** Opens an antd Select and clicks its first option (or the first containing `text`). */
export async function pickFirst(page: Page, testId: string, text?: string): Promise<void> {
  const select = page.getByTestId(testId);
  await select.click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  let options = dropdown.locator('.ant-select-item-option');
  if (text) options = options.filter({ hasText: text });
  await options.first().waitFor();
  // Let the slide-in animation and the (server-loaded) option list settle first.
  await page.waitForTimeout(400);
  await options.first().click();
  const isMultiple = ((await select.getAttribute('class')) ?? '').includes('ant-select-multiple');
  // A multiple select stays open: click on a neutral spot (Escape would also close the drawer).
  if (isMultiple) await page.locator('.ant-drawer-title').last().click();
  await dropdown.first().waitFor({ state: 'hidden' });
}
