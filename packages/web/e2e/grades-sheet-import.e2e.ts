import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { GRADE_WORDS, type GradeSheetList, type GradeSheetView } from '@jiaowu/contracts';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.status(), `${url} answered ${res.status()}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

/** A CSV of the class's file: 学号 and the columns the teacher types in (headers in Chinese). */
function csvOf(view: GradeSheetView, lines: [string, string][]) {
  const columns = view.sheet.scheme.components.length
    ? view.sheet.scheme.components.map((c) => GRADE_WORDS.component[c.component]['zh-CN'])
    : ['成绩'];
  return Buffer.from(
    ['学号,' + columns.join(','), ...lines.map(([code, v]) => `${code},${columns.map(() => v).join(',')}`)].join('\r\n') + '\r\n',
  );
}

/**
 * 成绩导入: on the grid page the teacher downloads the class's template, imports a filled file; the
 * dialog lists the bad rows (row, column, what is wrong) or the changes; confirming saves them and
 * the grid shows the new grades.
 */
describe('grades: template and import on the grid page', () => {
  let browser: Browser;
  let view: GradeSheetView;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function openSheet(lang: 'zh-CN' | 'en') {
    const page = await (await newContext(browser, { lang })).newPage();
    await login(page, 'teacher');
    if (!view) {
      const list = await getJson<GradeSheetList>(page, '/api/grades/sheets?status=draft&pageSize=200');
      // The last of the teacher's draft classes with a roster (grades.e2e takes the first).
      for (const item of list.items.filter((s) => s.kind === 'normal' && s.total > 1).reverse()) {
        const v = await getJson<GradeSheetView>(page, `/api/grades/classes/${item.teachingClassId}`);
        if (v.sheet.canEdit && v.sheet.scheme.scale === 'percent' && v.rows.filter((r) => !r.fixedMark).length >= 2) {
          view = v;
          break;
        }
      }
      expect(view, 'the demo teacher has no draft class with two students').toBeDefined();
    }
    await page.goto(`/grades/classes/${view.sheet.teachingClassId}`);
    await page.getByTestId('grade-grid').waitFor();
    return page;
  }

  const upload = (page: Page, name: string, buffer: Buffer) =>
    page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer });

  it('downloads the template, shows the bad rows of a file, then imports a good one into the grid', async () => {
    const page = await openSheet('zh-CN');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('grades-template').click()]);
    expect(download.suggestedFilename()).toMatch(/^成绩登记表-.*\.xlsx$/);

    const [a, b] = view.rows.filter((r) => !r.fixedMark);
    await upload(
      page,
      '成绩.csv',
      csvOf(view, [
        [a.studentCode, '88'],
        [b.studentCode, '八十'],
        ['NO-SUCH-STUDENT', '60'],
      ]),
    );
    await page.getByTestId('grades-import-errors').waitFor();
    const errors = await page.getByTestId('grades-import-errors').innerText();
    expect(errors).toContain('无法识别“八十”');
    expect(errors).toContain('学号“NO-SUCH-STUDENT”不存在');
    await expect.poll(() => page.getByTestId('grades-import-confirm').isDisabled()).toBe(true);
    await screenshot(page, 'grades-import-errors-zh');
    await page.getByTestId('grades-import-cancel').click();
    await page.getByTestId('grades-import-dialog').waitFor({ state: 'hidden' });

    await upload(
      page,
      '成绩.csv',
      csvOf(view, [
        [a.studentCode, '88'],
        [b.studentCode, '91.5'],
      ]),
    );
    await page.getByTestId('grades-import-changes').waitFor();
    expect(await page.getByTestId('grades-import-changes').innerText()).toContain(a.studentCode);
    await screenshot(page, 'grades-import-preview-zh');
    await page.getByTestId('grades-import-confirm').click();
    await page.getByTestId('grades-import-dialog').waitFor({ state: 'hidden' });
    const column = view.sheet.scheme.components.length ? view.sheet.scheme.components[0].component : 'entry';
    await expect.poll(() => page.getByTestId(`cell-${a.studentCode}-${column}`).inputValue()).toBe('88');
    await expect.poll(() => page.getByTestId(`cell-${b.studentCode}-${column}`).inputValue()).toBe('91.5');
    await screenshot(page, 'grades-import-done-zh');
  });

  it('speaks English to an English reader', async () => {
    const page = await openSheet('en');
    const [a] = view.rows.filter((r) => !r.fixedMark);
    await upload(
      page,
      'grades.csv',
      csvOf(view, [
        [a.studentCode, '101'],
        ['NO-SUCH-STUDENT', '60'],
      ]),
    );
    await page.getByTestId('grades-import-errors').waitFor();
    expect(await page.getByTestId('grades-import-errors').innerText()).toContain('“NO-SUCH-STUDENT” does not exist');
    await screenshot(page, 'grades-import-errors-en');
  });
});
