import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { COURSE_IMPORT_COLUMNS, type CurriculumPlan } from '@jiaowu/contracts';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

type CourseRow = Record<string, string | number>;

async function writeCoursesXlsx(file: string, rows: CourseRow[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('课程');
  ws.addRow(COURSE_IMPORT_COLUMNS.map((c) => c.zh));
  for (const r of rows) ws.addRow(COURSE_IMPORT_COLUMNS.map((c) => r[c.key] ?? ''));
  await wb.xlsx.writeFile(file);
  return file;
}

/** The input of an antd InputNumber carrying `testId` (on the input or on its wrapper). */
const numberInput = (page: Page, testId: string) =>
  page.locator(`[data-testid="${testId}"]`).locator('xpath=descendant-or-self::input').first();

/** Office edits a plan's credit requirements and imports courses. */
describe('office: plan credit requirements and course import', () => {
  let browser: Browser;
  let page: Page;
  let pageEn: Page;
  const dir = mkdtempSync(path.join(tmpdir(), 'jiaowu-catalog-'));
  const stamp = String(Date.now() % 100_000).padStart(5, '0');

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
    await login(page, 'office');
    pageEn = await (await newContext(browser, { lang: 'en' })).newPage();
    await login(pageEn, 'office');
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('raises a category requirement above the planned credits, sees the warning, sets it back', async () => {
    const list = await (await page.request.get('/api/curriculum-plans?pageSize=1')).json();
    const planId = list.items[0].id as number;
    const plan = (await (await page.request.get(`/api/curriculum-plans/${planId}`)).json()) as CurriculumPlan;
    const row = plan.creditsByCategory.find((c) => Number(c.planned) > 0 && Number(c.planned) + 5 <= 30)!;
    expect(row).toBeTruthy();
    const original = plan.creditRequirements.find((r) => r.category === row.category)?.credits ?? null;
    const raised = (Number(row.planned) + 4.5).toFixed(1);

    await page.goto(`/plans/${planId}`);
    await page.getByTestId('plan-by-category').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('plan-warnings').count()).toBe(0);
    await page.getByTestId('edit-requirements').click();
    const input = numberInput(page, `requirement-${row.category}`);
    await input.fill(raised);
    await screenshot(page, 'plan-requirements-editor-zh');
    await page.getByTestId('save-requirements').click();
    await page.getByTestId('requirements-editor').waitFor({ state: 'hidden' });
    const warnings = page.getByTestId('plan-warnings');
    await warnings.locator('li', { hasText: `要求 ${raised} 学分` }).waitFor();
    expect(await warnings.textContent()).toContain(`只有 ${row.planned} 学分`);
    // The table follows: the required column shows the new value, the planned one turns red.
    await page.getByTestId('plan-by-category').locator('tbody tr', { hasText: raised }).locator('.ant-tag-red').waitFor();
    await screenshot(page, 'plan-category-short-zh');

    // The English page shows the same plan and the same problem.
    await pageEn.goto(`/plans/${planId}`);
    await pageEn
      .getByTestId('plan-warnings')
      .locator('li', { hasText: `requires ${raised} credits` })
      .waitFor();
    await pageEn.getByTestId('edit-requirements').click();
    await numberInput(pageEn, `requirement-${row.category}`).waitFor();
    await screenshot(pageEn, 'plan-requirements-editor-en');
    await pageEn.keyboard.press('Escape');

    await page.getByTestId('edit-requirements').click();
    await input.fill(original ?? '');
    await page.getByTestId('save-requirements').click();
    await page.getByTestId('requirements-editor').waitFor({ state: 'hidden' });
    await page.locator('.ant-alert-success', { hasText: '方案学分要求均可满足' }).waitFor();
    const after = (await (await page.request.get(`/api/curriculum-plans/${planId}`)).json()) as CurriculumPlan;
    expect(after.creditRequirements).toEqual(plan.creditRequirements);
    expect(after.warnings).toEqual([]);
  });

  it('imports courses: unknown prerequisite → row error → fixed file → committed → listed', async () => {
    const depts = await (await page.request.get('/api/departments?pageSize=1')).json();
    const dept = depts.items[0].code as string;
    const codes = [`E2E${stamp}A`, `E2E${stamp}B`];
    const row = (i: number, prerequisites = ''): CourseRow => ({
      code: codes[i],
      name: ['端到端测试课程甲', '端到端测试课程乙'][i],
      nameEn: ['E2E course A', 'E2E course B'][i],
      credits: 2.5,
      lectureHours: 40,
      departmentCode: dept,
      category: '专业选修课',
      prerequisites,
    });
    const bad = await writeCoursesXlsx(path.join(dir, 'courses-bad.xlsx'), [row(0), row(1, `${codes[0]} & NOSUCH99`)]);
    const good = await writeCoursesXlsx(path.join(dir, 'courses-good.xlsx'), [row(0), row(1, codes[0])]);

    await page.goto('/courses');
    await page.getByTestId('import-courses').click();
    await page.waitForURL(/\/imports\?kind=courses/);
    await page.getByTestId('import-hint').filter({ hasText: '先修课程' }).waitFor();
    const input = page.getByTestId('import-wizard').locator('input[type=file]');
    await input.setInputFiles(bad);
    await page.getByTestId('import-bad').waitFor();
    const errors = page.getByTestId('import-errors');
    await errors.locator('tbody tr', { hasText: 'NOSUCH99' }).waitFor();
    expect(await errors.locator('tbody tr.ant-table-row').first().locator('td').first().textContent()).toBe('3');
    await screenshot(page, 'import-courses-errors-zh');
    // The message says what the cell should hold, and the rows to fix can be downloaded.
    await errors.locator('tbody tr', { hasText: '先修课程中的课程代码 NOSUCH99 不存在：应为课程库或本文件中已有的课程代码' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-bad-rows').click()]);
    const fixFile = path.join(dir, download.suggestedFilename());
    await download.saveAs(fixFile);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(fixFile);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(1).getCell(ws.columnCount).value).toBe('错误说明');
    expect(ws.getRow(2).getCell(1).value).toBe(codes[1]);
    expect(String(ws.getRow(2).getCell(ws.columnCount).value)).toContain('NOSUCH99 不存在');

    await input.setInputFiles(good);
    await page.getByTestId('import-ok').waitFor();
    await page.getByTestId('import-commit').click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('新增 2');
    await screenshot(page, 'import-courses-done-zh');

    await page.getByTestId('import-goto-list').click();
    await page.getByTestId('table-search').locator('input').fill(codes[1]);
    await page.getByTestId('table-search').locator('input').press('Enter');
    await page.getByTestId('table-courses').locator('tbody tr.ant-table-row', { hasText: codes[1] }).waitFor();
    expect(await page.getByTestId('table-courses').locator('tbody tr.ant-table-row', { hasText: codes[1] }).textContent()).toContain(
      codes[0],
    );

    // English: the kinds include the catalog; the dry-run report of the same file.
    await pageEn.goto('/imports?kind=curriculumPlans');
    await pageEn.getByTestId('import-hint').filter({ hasText: 'One row per course' }).waitFor();
    await screenshot(pageEn, 'import-plans-en');
    await pageEn.getByTestId('import-kind').getByText('Courses', { exact: true }).click();
    await pageEn.getByTestId('import-wizard').locator('input[type=file]').setInputFiles(bad);
    await pageEn.getByTestId('import-errors').locator('tbody tr', { hasText: 'NOSUCH99' }).waitFor();
    await screenshot(pageEn, 'import-courses-errors-en');
  });
});
