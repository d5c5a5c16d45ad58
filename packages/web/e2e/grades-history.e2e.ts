import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { GradeSheetList, GradeSheetView, StudentGrades } from '@jiaowu/contracts';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

const HEADER = ['学号', '学期', '课程代码', '成绩', '考试性质', '学分', '课程名称'];
const csv = (lines: string[][]) => [HEADER, ...lines].map((l) => l.join(',')).join('\r\n');

/**
 * 历史成绩导入 in the browser: the office downloads the template, checks a file with one bad row
 * (the row is named with its column and reason), checks the fixed file, imports it, and the grade
 * is the student's.
 */
describe('grades: the office imports past grades', () => {
  let browser: Browser;
  let page: Page;
  const dir = mkdtempSync(path.join(tmpdir(), 'jiaowu-ghist-'));
  const stamp = String(Date.now() % 1_000_000).padStart(6, '0');
  const courseCode = `HIST${stamp}`;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
    await login(page, 'office');
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the bad row, imports the fixed file, the student has the grade', async () => {
    const student = (await (await page.request.get('/api/students?pageSize=1')).json()).items[0] as { id: number; code: string };
    const row = (code: string) => [code, '2019-2020-1', courseCode, '87', '正常', '3', '旧系统课程'];
    const bad = path.join(dir, '历史成绩-有错.csv');
    const good = path.join(dir, '历史成绩.csv');
    writeFileSync(bad, csv([row(student.code), row('NOPE999')]));
    writeFileSync(good, csv([row(student.code)]));

    await page.goto('/grades/import');
    await page.getByTestId('ghist-page').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ghist-template-csv').click()]);
    const template = path.join(dir, download.suggestedFilename());
    await download.saveAs(template);
    expect(readFileSync(template, 'utf8')).toContain('学号');

    const input = page.getByTestId('ghist-page').locator('input[type=file]');
    await input.setInputFiles(bad);
    await page.getByTestId('ghist-create-courses').click();
    await page.getByTestId('ghist-create-terms').click();
    expect(await page.getByTestId('ghist-commit').isDisabled()).toBe(true);
    await page.getByTestId('ghist-check').click();
    await page.getByTestId('ghist-bad').waitFor();
    const bad1 = page.getByTestId('ghist-errors').locator('tbody tr.ant-table-row');
    expect(await bad1.count()).toBe(1);
    const cells = await bad1.first().locator('td').allInnerTexts();
    expect(cells[0]).toBe('3');
    expect(cells[1]).toBe('学号');
    expect(cells[3]).toContain('NOPE999');
    expect(await page.getByTestId('ghist-commit').isDisabled()).toBe(true);
    await screenshot(page, 'grades-import-bad-zh');

    await input.setInputFiles(good);
    await page.getByTestId('ghist-check').click();
    await page.getByTestId('ghist-ok').waitFor();
    expect(await page.getByTestId('ghist-report').textContent()).toContain(courseCode);
    await page.getByTestId('ghist-commit').click();
    const result = page.getByTestId('ghist-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toContain('已导入 1 条成绩');
    expect(await result.textContent()).toContain(courseCode);
    await screenshot(page, 'grades-import-done-zh');

    const grades = (await (await page.request.get(`/api/grades/students/${student.id}`)).json()) as StudentGrades;
    const item = grades.items.find((i) => i.courseCode === courseCode);
    expect(item).toMatchObject({ termName: expect.any(String), credits: '3', grade: { kind: 'score', tenths: 870 }, passed: true });
  });

  it('a teacher’s published sheet links each grade to 申请更正', async () => {
    // A published sheet of 2025-2026-2 (the demo graded it in Jiaowu) and its teacher, who signs in with 工号.
    const terms = (await (await page.request.get('/api/terms?q=2025-2026-2')).json()).items as { id: number; code: string }[];
    const term = terms.find((x) => x.code === '2025-2026-2');
    expect(term, 'the demo has no term 2025-2026-2').toBeDefined();
    const list = (await (
      await page.request.get(`/api/grades/sheets?termId=${term!.id}&status=published&pageSize=50`)
    ).json()) as GradeSheetList;
    let found: { teachingClassId: number; teacherCode: string } | undefined;
    for (const item of list.items.filter((s) => s.kind === 'normal' && s.entered > 0 && s.teacherNames.length === 1)) {
      const teachers = (await (await page.request.get(`/api/teachers?q=${encodeURIComponent(item.teacherNames[0])}`)).json()).items as {
        code: string;
        name: string;
      }[];
      const same = teachers.filter((x) => x.name === item.teacherNames[0]);
      if (same.length === 1) {
        found = { teachingClassId: item.teachingClassId, teacherCode: same[0].code };
        break;
      }
    }
    expect(found, 'no published sheet of 2025-2026-2 with a teacher found by name').toBeDefined();
    const teacher = await (await newContext(browser)).newPage();
    await login(teacher, found!.teacherCode);
    const view = (await (await teacher.request.get(`/api/grades/classes/${found!.teachingClassId}`)).json()) as GradeSheetView;
    expect(view.sheet.status).toBe('published');
    const row = view.rows.find((r) => r.recordId !== null)!;
    await teacher.goto(`/grades/classes/${found!.teachingClassId}`);
    const link = teacher.getByTestId(`correction-link-${row.studentCode}`);
    await link.waitFor();
    expect(await link.textContent()).toBe('申请更正');
    await screenshot(teacher, 'grades-sheet-correction-links-zh');
    await link.click();
    await teacher.waitForURL(new RegExp(`/grades/corrections\\?recordId=${row.recordId}$`));
    await teacher.context().close();
  });

  it('reads in English', async () => {
    const en = await (await newContext(browser, { lang: 'en' })).newPage();
    await login(en, 'office');
    await en.goto('/grades/import');
    await en
      .getByTestId('ghist-page')
      .locator('input[type=file]')
      .setInputFiles({
        name: 'grades.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv([['NOPE999', '2019-2020-1', courseCode, '87', '', '3', '']])),
      });
    await en.getByTestId('ghist-check').click();
    await en.getByTestId('ghist-bad').waitFor();
    expect(await en.getByTestId('ghist-errors').textContent()).toContain('Student No.');
    await screenshot(en, 'grades-import-bad-en');
    await en.context().close();
  });
});
