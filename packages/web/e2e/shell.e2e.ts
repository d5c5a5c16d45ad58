import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, login, newContext, pickFirst, screenshot, waitForPath } from './helpers.ts';

/** Types into a search select and clicks the option containing `text`. */
async function pickCourse(page: Page, select: ReturnType<Page['getByTestId']>, text: string): Promise<void> {
  await select.click();
  await page.keyboard.type(text);
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text });
  await option.first().waitFor();
  await option.first().click();
}

/** Cells of the visible tables narrower than two characters of their own font (what wraps one character per line). */
async function narrowCells(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const cell of document.querySelectorAll<HTMLElement>('.ant-table-thead th, .ant-table-tbody td')) {
      const r = cell.getBoundingClientRect();
      // Hidden cells: the measure row, colSpan 0 cells, tables in closed cards.
      if (r.width === 0 || r.height === 0 || cell.closest('.ant-table-measure-row')) continue;
      const style = getComputedStyle(cell);
      const content = r.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (content < 2 * parseFloat(style.fontSize)) out.push(`${cell.textContent ?? ''} (${Math.round(content)} px)`);
    }
    return out;
  });
}

describe('web shell', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('as the academic office on a desktop', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      context = await newContext(browser, { lang: 'zh-CN' });
      page = await context.newPage();
      await login(page, 'office');
    });
    afterAll(async () => {
      await context?.close();
    });

    it('shows the product name in the title and the header', async () => {
      expect(await page.title()).toBe('教务 Jiaowu');
      expect(await page.getByTestId('side-menu').textContent()).toContain('教务 Jiaowu');
    });

    it('shows a failed list request as an error with its reason, and the rows after a retry', async () => {
      // The network is down for the rooms list (only the list: the filters' own lookups still work).
      await page.route(/\/api\/rooms(\?|$)/, (route) => route.abort('internetdisconnected'));
      await page.goto('/rooms');
      const error = page.getByTestId('query-error');
      await error.waitFor();
      expect(await error.textContent()).toContain('加载失败');
      expect(await error.textContent()).toContain('无法连接服务器');
      // Never "no data" as if the school had no rooms.
      expect(await page.getByText('暂无数据').count()).toBe(0);
      await screenshot(page, 'shell-list-error');

      await page.unroute(/\/api\/rooms(\?|$)/);
      await page.getByTestId('query-retry').click();
      await page.getByTestId('table-rooms').locator('tbody tr.ant-table-row').first().waitFor();
      expect(await page.getByTestId('query-error').count()).toBe(0);
    });

    it('shows the server’s reason when it refuses a list', async () => {
      await page.route(/\/api\/curriculum-plans(\?|$)/, (route) =>
        route.fulfill({
          status: 403,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'forbidden', message: '没有查看培养方案的权限', details: {} } }),
        }),
      );
      await page.goto('/plans');
      await page.getByTestId('query-error').getByText('没有查看培养方案的权限').waitFor();
      await page.unroute(/\/api\/curriculum-plans(\?|$)/);
      await page.getByTestId('query-retry').click();
      await page.getByTestId('table-plans').locator('tbody tr.ant-table-row').first().waitFor();
    });

    it('takes a field’s error away as soon as the field is corrected', async () => {
      await page.goto('/terms');
      await page.getByTestId('create-button').click();
      await page.getByTestId('field-code').fill('2031-2032-1');
      await page.getByTestId('field-name').fill('2031-2032学年第一学期');
      // The example shows the expected format before anything is typed.
      expect(await page.getByTestId('field-academicYear').getAttribute('placeholder')).toBe('例如 2026-2027');
      await page.getByTestId('field-academicYear').fill('2031');
      await page.getByTestId('form-save').click();
      const yearItem = page.locator('.ant-form-item', { has: page.getByTestId('field-academicYear') });
      await yearItem.locator('.ant-form-item-explain-error').getByText('学年格式应为 2026-2027').waitFor();

      await page.getByTestId('field-academicYear').fill('2031-2032');
      await yearItem.locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });
      // The other fields were not touched: their errors stay until they are filled in.
      const weeksItem = page.locator('.ant-form-item', { has: page.getByTestId('field-weeks') });
      expect(await weeksItem.locator('.ant-form-item-explain-error').count()).toBe(1);

      // Every drawer has 取消.
      await page.getByTestId('form-cancel').click();
      await page.locator('.ant-drawer-content').waitFor({ state: 'detached' });
    });

    it('builds a prerequisite by picking courses into all-of / any-of groups', async () => {
      await page.goto('/courses');
      await page.getByTestId('create-button').click();
      await page.getByTestId('field-code').fill('SH901');
      await page.getByTestId('field-name').fill('壳层测试课');
      await page.getByTestId('field-credits').fill('2.0');
      await pickFirst(page, 'field-category');
      await pickFirst(page, 'field-departmentId');

      const groups = page.getByTestId('prereq-group');
      await pickCourse(page, groups.first().getByTestId('prereq-pick'), 'CS101');
      await groups.first().getByTestId('prereq-add-group').click();
      // A new group inside 全部满足 is 任一满足: "CS101 and one of MA101, MA102".
      await pickCourse(page, groups.nth(1).getByTestId('prereq-pick'), 'MA101');
      await pickCourse(page, groups.nth(1).getByTestId('prereq-pick'), 'MA102');
      expect(await page.getByTestId('prereq-summary').textContent()).toContain('CS101 & (MA101 | MA102)');
      // The text form reads the same expression (the advanced mode).
      await page.getByTestId('prereq-mode').getByText('文本（高级）').click();
      expect(await page.getByTestId('field-prerequisites').inputValue()).toBe('CS101 & (MA101 | MA102)');
      await screenshot(page, 'shell-prereq-editor');

      await page.getByTestId('form-save').click();
      await page.locator('.ant-drawer-content').waitFor({ state: 'detached' });
      await page.getByTestId('table-search').locator('input').fill('SH901');
      await page.getByTestId('table-search').locator('input').press('Enter');
      await screenshot(page, 'shell-prereq-saved');
      await page
        .getByTestId('table-courses')
        .locator('tbody tr.ant-table-row')
        .filter({ hasText: 'CS101 & (MA101 | MA102)' })
        .waitFor({ timeout: 40_000 });
    });

    it('opens a notification’s link on the canonical page with its menu entry lit', async () => {
      // A link stored before the canonical path existed still opens the request's page.
      await page.goto('/offerings/requests/1');
      await waitForPath(page, '**/course-requests/1');
      const selected = page.getByTestId('main-menu').locator('.ant-menu-item-selected');
      await selected.waitFor();
      expect(await selected.textContent()).toBe('开课申请');
    });

    it('puts a breadcrumb on the plan detail page that leads back to the filtered list, beside a full-height menu', async () => {
      await page.goto('/plans?cohort=2024');
      const rows = page.getByTestId('table-plans').locator('tbody tr.ant-table-row');
      await rows.first().waitFor();
      await rows.first().click();
      await waitForPath(page, '**/plans/*');
      await page.getByTestId('plan-grid').locator('tbody tr.ant-table-row').first().waitFor();
      // The plan is longer than the window: the side menu's dark column still reaches its bottom.
      const heights = await page.evaluate(() => ({
        page: document.documentElement.scrollHeight,
        menu: document.querySelector('[data-testid="side-menu"]')!.getBoundingClientRect().height,
      }));
      expect(heights.page).toBeGreaterThan(900);
      expect(heights.menu).toBe(heights.page);
      const crumbs = page.getByTestId('breadcrumbs');
      await crumbs.getByRole('link', { name: '培养方案' }).click();
      await waitForPath(page, '**/plans?cohort=2024');
      expect(await page.getByTestId('filter-cohort').inputValue()).toBe('2024');
    });
  });

  describe('on a phone (390 × 844)', () => {
    it('shows every organisation and catalog list without a column narrower than two characters', async () => {
      const context = await newContext(browser, { viewport: { width: 390, height: 844 }, mobile: true });
      const page = await context.newPage();
      try {
        await login(page, 'office');
        const lists = [
          'terms',
          'campuses',
          'buildings',
          'rooms',
          'colleges',
          'departments',
          'majors',
          'admin-classes',
          'teachers',
          'students',
          'courses',
        ];
        for (const list of lists) {
          await page.goto(`/${list}`);
          await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
          expect({ list, narrow: await narrowCells(page) }).toEqual({ list, narrow: [] });
        }
      } finally {
        await context.close();
      }
    });

    for (const lang of ['zh-CN', 'en'] as const) {
      it(`shows the curriculum plans without a column narrower than two characters (${lang})`, async () => {
        const context = await newContext(browser, { lang, viewport: { width: 390, height: 844 }, mobile: true });
        const page = await context.newPage();
        try {
          await login(page, 'office');
          expect(await page.getByTestId('phone-brand').textContent()).toBe('教务 Jiaowu');

          await page.goto('/plans');
          const cards = page.getByTestId('plan-card');
          await cards.first().waitFor();
          expect(await narrowCells(page)).toEqual([]);
          await screenshot(page, `shell-plans-phone-${lang}`);

          await cards.first().click();
          await waitForPath(page, '**/plans/*');
          await page.getByTestId('plan-grid').locator('tbody tr.ant-table-row').first().waitFor();
          await page.getByTestId('plan-by-category').locator('tbody tr.ant-table-row').first().waitFor();
          expect(await narrowCells(page)).toEqual([]);
          await screenshot(page, `shell-plan-phone-${lang}`);
        } finally {
          await context.close();
        }
      });
    }
  });
});
