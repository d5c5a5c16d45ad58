import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { GradeSheetList, GradeSheetView, StudentGrades } from '@jiaowu/contracts';
import { launchBrowser, login, newContext, pickFirst, screenshot } from './helpers.ts';

async function signIn(browser: Browser, user: string, opts: Parameters<typeof newContext>[1] = {}): Promise<Page> {
  const page = await (await newContext(browser, opts)).newPage();
  await login(page, user);
  return page;
}

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.status(), `${url} answered ${res.status()}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

const step = (what: string) => console.log(`[grades e2e] ${new Date().toISOString().slice(11, 19)} ${what}`);

/**
 * 成绩 from entry to the student's phone: the demo teacher pastes a column of grades from a
 * spreadsheet into the grid of a current class (one the demo student sits in), sees the
 * distribution change and submits; the college secretary approves in the inbox (the drawer links
 * to the sheet); the office publishes; the student sees the grade on a phone-sized screen and
 * downloads the transcript, a PDF.
 */
describe('grades: entry, review, publication, the student reads them', () => {
  let browser: Browser;
  let teacher: Page;
  let sheet: GradeSheetView['sheet'];
  let studentCode: string;
  /** The phone of a student on the class's roster (the demo's own student sits in none of the teacher's classes). */
  let phone: BrowserContext;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the teacher pastes a column from a spreadsheet, sees the distribution, submits', async () => {
    teacher = await signIn(browser, 'teacher');
    // A current class of the teacher's, still in draft, with students on its roster.
    const list = await getJson<GradeSheetList>(teacher, '/api/grades/sheets?status=draft&pageSize=200');
    let found: GradeSheetView | undefined;
    for (const item of list.items.filter((s) => s.kind === 'normal' && s.total > 0)) {
      const view = await getJson<GradeSheetView>(teacher, `/api/grades/classes/${item.teachingClassId}`);
      if (view.sheet.canEdit && view.rows.some((r) => !r.fixedMark)) {
        found = view;
        break;
      }
    }
    expect(found, 'the demo teacher has no draft class this term with a roster').toBeDefined();
    sheet = found!.sheet;
    const rows = found!.rows;
    step(`class ${sheet.classCode} (${rows.length} students)`);

    // The student who will read the grade: the first of the roster (the demo's own `student` sits
    // in none of the teacher's classes); every demo student signs in with 学号 and the demo password.
    studentCode = (rows.find((r) => !r.fixedMark && !r.isRetake) ?? rows.find((r) => !r.fixedMark)!).studentCode;
    phone = await newContext(browser, { viewport: { width: 375, height: 740 }, mobile: true });
    await login(await phone.newPage(), studentCode);
    expect((await getJson<StudentGrades>(await phone.newPage(), '/api/grades/me')).student.code).toBe(studentCode);

    await teacher.goto('/grades/entry');
    await teacher.getByTestId(`open-sheet-${sheet.classCode}`).first().click();
    await teacher.getByTestId('grade-grid').waitFor();
    const statsBefore = await teacher.getByTestId('stat-count').innerText();

    // The columns the teacher types in: one per component (or one grade column), then the mark.
    const firstRow = rows.find((r) => !r.fixedMark)!;
    const inputs = teacher.locator(`[data-testid^="cell-${firstRow.studentCode}-"]`);
    const columns = (await inputs.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!))).map((id) => id.split('-').pop()!);
    const scoreColumns = columns.filter((c) => c !== 'mark');
    // A block as Excel copies it: a score per student (rows with a fixed mark are skipped by the grid), tab-separated columns.
    const scores = rows.map((_, i) => 55 + ((20 + i * 7) % 44));
    const block = scores.map((s) => scoreColumns.map((_, j) => String(Math.min(100, s + j))).join('\t')).join('\r\n') + '\r\n';
    await teacher.getByTestId(`cell-${rows[0].studentCode}-${scoreColumns[0]}`).focus();
    await teacher.evaluate((text) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, block);
    // The grid holds the pasted scores and the distribution moved, before the server has answered.
    expect(await teacher.getByTestId(`cell-${firstRow.studentCode}-${scoreColumns[0]}`).inputValue()).toMatch(/^\d+$/);
    await teacher.getByTestId('stat-count').filter({ hasNotText: statsBefore }).waitFor();
    expect(await teacher.getByTestId(`total-${studentCode}`).innerText()).toMatch(/^\d+$/);
    await teacher.getByTestId('save-status').and(teacher.locator('[data-state="saved"]')).waitFor({ timeout: 30_000 });
    await screenshot(teacher, 'grades-entry-grid');

    await teacher.getByTestId('sheet-submit').click();
    await teacher.getByTestId('submit-confirm').click();
    await teacher.getByTestId('sheet-status').getByText('待审核').waitFor({ timeout: 60_000 });
    await teacher.getByTestId('sheet-readonly').waitFor();
    step('submitted');
  });

  it('the secretary approves in the inbox, where the drawer links to the sheet', async () => {
    const secretary = await signIn(browser, 'secretary');
    await secretary.goto('/inbox');
    const row = secretary
      .getByTestId('table-inbox')
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: `成绩 — ${sheet.classCode} ${sheet.courseName}` })
      .first();
    await row.getByTestId('open-task').click();
    const link = secretary.getByTestId('task-subject-link');
    await link.waitFor();
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^\/grades\//);
    // 逐项意见 names a course request's fields: a grade sheet's drawer has no such list.
    await secretary.getByTestId('task-approve').waitFor();
    expect(await secretary.getByTestId('add-field-comment').count()).toBe(0);
    await screenshot(secretary, 'grades-inbox-drawer');
    await secretary.getByTestId('task-approve').click();
    await secretary.getByTestId('task-drawer').waitFor({ state: 'hidden' });
    // The sheet the link opens is read-only for the secretary.
    await secretary.goto(href);
    await secretary.getByTestId('grade-grid').waitFor();
    expect(await secretary.locator('[data-testid^="cell-"]:not([readonly])').count()).toBe(0);
    await secretary.context().close();
    step('approved');
  });

  it('the office publishes the approved sheet', async () => {
    const office = await signIn(browser, 'office');
    await office.goto('/grades/review?status=approved');
    await office.getByTestId(`publish-${sheet.classCode}`).first().click();
    await office.getByTestId('publish-confirm').click();
    await office.getByText('已公布 1 个成绩表').waitFor({ timeout: 30_000 });
    await office.goto(`/grades/review?status=published`);
    await office.getByTestId(`sheet-status-${sheet.classCode}`).first().getByText('已公布').waitFor();
    await screenshot(office, 'grades-review');
    await office.context().close();
    step('published');
  });

  it('the student sees the grade on a phone and downloads the transcript as a PDF', async () => {
    const page = await phone.newPage();
    await page.goto('/grades/me');
    await page.getByTestId('my-grades-term').waitFor();
    await pickFirst(page, 'my-grades-term', '全部学期');
    await page.getByTestId(`my-grade-card-${sheet.courseCode}`).first().waitFor();
    expect(await page.getByTestId(`my-grade-${sheet.courseCode}`).first().innerText()).toMatch(/\d/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'grades-student-mobile');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('transcript-zh').click()]);
    const file = await readFile((await download.path())!);
    expect(file.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await phone.close();
    await teacher?.context().close();
    step('transcript downloaded');
  });
});
