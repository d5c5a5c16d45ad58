import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { IMPORT_COLUMNS } from '@jiaowu/contracts';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

type StudentRow = Record<string, string | number>;

async function writeStudentsXlsx(file: string, rows: StudentRow[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('学生');
  const cols = IMPORT_COLUMNS.students;
  ws.addRow(cols.map((c) => c.zh));
  for (const r of rows) ws.addRow(cols.map((c) => r[c.key] ?? ''));
  await wb.xlsx.writeFile(file);
  return file;
}

describe('admin: student import wizard', () => {
  let browser: Browser;
  let page: Page;
  const dir = mkdtempSync(path.join(tmpdir(), 'jiaowu-import-'));
  const stamp = String(Date.now() % 1_000_000).padStart(6, '0');
  const codes = [`E2E${stamp}1`, `E2E${stamp}2`, `E2E${stamp}3`];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
    await login(page, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports a bad row, accepts the fixed file, imports it in the background', async () => {
    const classes = await (await page.request.get('/api/admin-classes?pageSize=1')).json();
    const cls = classes.items[0] as { code: string; cohort: number };
    const row = (i: number, classCode: string): StudentRow => ({
      code: codes[i],
      name: ['测试甲', '测试乙', '测试丙'][i],
      gender: i % 2 ? '女' : '男',
      adminClassCode: classCode,
      cohort: cls.cohort,
      status: '在读',
    });
    const bad = await writeStudentsXlsx(path.join(dir, 'students-bad.xlsx'), [row(0, cls.code), row(1, 'NO-SUCH-CLASS'), row(2, cls.code)]);
    const good = await writeStudentsXlsx(path.join(dir, 'students-good.xlsx'), [row(0, cls.code), row(1, cls.code), row(2, cls.code)]);

    await page.goto('/imports?kind=students');
    const input = page.getByTestId('import-wizard').locator('input[type=file]');
    await input.setInputFiles(bad);
    await page.getByTestId('import-bad').waitFor();
    const errors = page.getByTestId('import-errors');
    await errors.locator('tbody tr', { hasText: 'NO-SUCH-CLASS' }).waitFor();
    expect(await errors.locator('tbody tr.ant-table-row').first().locator('td').first().textContent()).toBe('3');
    await screenshot(page, 'import-dry-run-errors-zh');

    // The rows to fix, as a file: the bad row with its cells and the message in an added column.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-bad-rows').click()]);
    const fixFile = path.join(dir, download.suggestedFilename());
    await download.saveAs(fixFile);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(fixFile);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(1).getCell(ws.columnCount).value).toBe('错误说明');
    expect(ws.getRow(2).getCell(1).value).toBe(codes[1]);
    expect(String(ws.getRow(2).getCell(ws.columnCount).value)).toContain('行政班代码“NO-SUCH-CLASS”不存在');

    await input.setInputFiles(good);
    await page.getByTestId('import-ok').waitFor();
    await page.getByTestId('import-commit').click();
    await page.locator('[data-testid="job-progress"][data-status="succeeded"]').waitFor({ timeout: 60_000 });
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('新增 3');
    await screenshot(page, 'import-done-zh');

    await page.goto('/students');
    await page.getByTestId('table-search').locator('input').fill(codes[1]);
    await page.getByTestId('table-search').locator('input').press('Enter');
    await page.getByTestId('table-students').locator('tbody tr.ant-table-row', { hasText: codes[1] }).waitFor();
    await page.getByTestId('table-search').locator('input').fill('');
    await page.getByTestId('table-search').locator('input').press('Enter');
    await page.getByTestId('table-students').locator('tbody tr.ant-table-row').nth(5).waitFor();
    await page.locator('h4').first().click(); // drop the focus ring of the search box
    await screenshot(page, 'students');
  });
});
