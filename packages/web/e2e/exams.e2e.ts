import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

async function signIn(browser: Browser, user: string, opts: Parameters<typeof newContext>[1] = {}): Promise<Page> {
  const page = await (await newContext(browser, opts)).newPage();
  await login(page, user);
  return page;
}

/** A JSON call with the page's session (and its CSRF token), as the web app makes it. */
async function call<T>(page: Page, method: 'GET' | 'POST', url: string, data?: unknown): Promise<{ status: number; body: T }> {
  const { csrfToken } = (await (await page.request.get('/api/me')).json()) as { csrfToken: string };
  const res = await page.request.fetch(url, {
    method,
    data: data ?? (method === 'POST' ? {} : undefined),
    headers: { 'x-csrf-token': csrfToken },
  });
  return { status: res.status(), body: (await res.json().catch(() => null)) as T };
}

/** Approves every waiting task of these workflow instances in the user's inbox; how many it approved. */
async function approveWaiting(page: Page, instanceIds: Set<number>): Promise<number> {
  const inbox = await call<{ items: { instanceId: number; taskId: number }[] }>(
    page,
    'GET',
    '/api/workflow/inbox?box=waiting&pageSize=200',
  );
  let n = 0;
  for (const task of inbox.body.items) {
    if (!instanceIds.has(task.instanceId)) continue;
    const res = await call(page, 'POST', `/api/workflow/tasks/${task.taskId}/approve`, { comment: '同意' });
    expect(res.status).toBe(200);
    n++;
  }
  return n;
}

/** Where a long journey got to (printed with the test output when it fails). */
const step = (what: string) => console.log(`[exams e2e] ${new Date().toISOString().slice(11, 19)} ${what}`);

const pickDate = async (page: Page, testId: string, date: string) => {
  await page.getByTestId(testId).click();
  await page.getByTestId(testId).fill(date);
  await page.keyboard.press('Enter');
};

/** 考务: the office opens, approves, schedules and publishes an exam plan; a teacher and a student read theirs. */
describe('exams', () => {
  let browser: Browser;
  let office: Page;
  let planId: number;

  beforeAll(async () => {
    browser = await launchBrowser();
    office = await signIn(browser, 'office');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the office creates a plan, submits it, and after the colleges approve, schedules it with live progress and publishes', async () => {
    await office.goto('/');
    await office.getByRole('menuitem', { name: '考务' }).click();
    await office.getByRole('menuitem', { name: '考试安排' }).click();
    await office.getByTestId('exam-plans-page').waitFor();

    step('plans page');
    // A wrong end time is shown at the field, in Chinese, before anything is sent.
    await office.getByTestId('exam-plan-create').click();
    await office.getByTestId('exam-plan-name').fill('期末考试（浏览器测试）');
    await pickDate(office, 'exam-plan-start', '2026-12-28');
    await pickDate(office, 'exam-plan-end', '2027-01-08');
    await office.getByTestId('exam-session-end-0').fill('08:00');
    await office.getByTestId('exam-plan-create-ok').click();
    await office.getByText('每个场次的结束时间应晚于开始时间').waitFor();
    await office.getByTestId('exam-session-end-0').fill('10:30');
    await office.getByTestId('exam-plan-create-ok').click();

    step('form submitted');
    const row = office.getByTestId('exam-plans-table').locator('tbody tr.ant-table-row').filter({ hasText: '期末考试（浏览器测试）' });
    await row.waitFor();
    expect(await row.innerText()).toContain('草稿');
    expect(await row.innerText()).toContain('未排考');
    await row.getByRole('link', { name: '期末考试（浏览器测试）' }).click();
    await office.getByTestId('exam-plan-page').waitFor();
    planId = Number(/\/exams\/plans\/(\d+)/.exec(office.url())![1]);

    step('plan page');
    // Every college's list waits for its confirmation; the exam list is paginated on the server.
    const colleges = office.getByTestId('exam-colleges');
    expect(await colleges.innerText()).toContain('待确认');
    const list = office.getByTestId('exam-list');
    await list.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await list.innerText()).toContain('未排');
    expect(await list.innerText()).not.toMatch(/\bnull\b|undefined/);

    step('list loaded');
    await office.getByTestId('exam-submit').click();
    await office.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => office.getByTestId('plan-status').innerText(), { timeout: 20_000 }).toBe('审批中');
    expect(await colleges.innerText()).toContain('审批中');

    step('submitted');
    // The colleges confirm their lists: the secretary hers, the office stands in for the others.
    const plan = (await call<{ colleges: { workflowInstanceId: number }[] }>(office, 'GET', `/api/exams/plans/${planId}`)).body;
    const ids = new Set(plan.colleges.map((c) => c.workflowInstanceId));
    const secretary = await signIn(browser, 'secretary');
    expect(await approveWaiting(secretary, ids)).toBe(1);
    await secretary.context().close();
    while ((await approveWaiting(office, ids)) > 0);

    step('approved by API');
    await office.reload();
    await expect.poll(() => office.getByTestId('plan-status').innerText()).toBe('已通过');
    expect(await colleges.innerText()).not.toContain('待确认');

    step('approved shown');
    // A rule the solve keeps: the first exam avoids the first session.
    const rules = office.getByTestId('exam-rules');
    await rules.getByText('暂无规则', { exact: false }).waitFor();
    await rules.locator('.ant-select').first().click();
    await office.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await rules.getByTestId('exam-rule-kind').click();
    await office.locator('.ant-select-dropdown:visible').getByText('避开场次').click();
    await rules.locator('.ant-select').nth(2).click();
    // A session reads "12月28日 周一 08:30–10:30": the kinds' list may still be closing.
    await office.locator('.ant-select-dropdown:visible').last().locator('.ant-select-item-option').filter({ hasText: '–' }).first().click();
    await rules.getByTestId('exam-rule-add').click();
    await rules.locator('.ant-table-row').getByText('避开场次').waitFor();
    step('rule added');
    await office.getByTestId('exam-solve').click();
    await office.getByTestId('exam-solve-seconds').fill('8');
    await office.getByTestId('exam-solve-ok').click();
    const progress = office.getByTestId('exam-solve-progress');
    await progress.waitFor();
    expect(await progress.innerText()).toContain('排考进度');
    const ended = office.locator(
      ['succeeded', 'failed', 'cancelled'].map((st) => `[data-testid="exam-solve-progress"][data-status="${st}"]`).join(', '),
    );
    await ended.waitFor({ timeout: 150_000 });
    expect(await progress.getAttribute('data-status'), await progress.innerText()).toBe('succeeded');
    expect(await office.getByTestId('exam-solve-phase').innerText()).toBe('完成');
    expect(await office.getByTestId('exam-solve-placed').innerText()).toMatch(/^\d+ \/ \d+$/);

    step('solved');
    // The summary says what the run found, in words.
    const summary = office.getByTestId('exam-solve-summary');
    await summary.waitFor();
    const summaryText = await summary.innerText();
    expect(summaryText).toMatch(/已排 \d+ \/ \d+ 门/);
    expect(summaryText).toMatch(/所有考试均已安排场次|未安排的考试（\d+）/);
    expect(summaryText).not.toMatch(/no_room_type|too_large|no_session|search/);
    await expect.poll(() => office.getByTestId('plan-schedule-status').innerText()).toBe('已排考（未发布）');

    step('summary');
    // A hand move is checked live before it is confirmed.
    const first = list.locator('tbody tr.ant-table-row').first();
    await first.getByRole('button', { name: '调整场次' }).click();
    await office.getByTestId('exam-move-session').click();
    // By the keyboard: the rules' pickers left their own dropdowns in the page.
    for (let i = 0; i < 3; i++) await office.keyboard.press('ArrowDown');
    await office.keyboard.press('Enter');
    const check = office.getByTestId('exam-move-check');
    await check.waitFor();
    expect(await check.innerText()).toMatch(/可以调整|名学生冲突（.+）|考场座位不足，还差 \d+ 座/);
    await office.locator('.ant-modal-close').click();
    await office.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });

    step('move checked');
    // The invigilation load lists the teachers given duties.
    await office.getByTestId('exam-load').locator('tbody tr.ant-table-row').first().waitFor();

    step('load shown');
    await office.getByTestId('exam-publish').click();
    await office.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => office.getByTestId('plan-schedule-status').innerText(), { timeout: 30_000 }).toBe('待发布确认');
    await office.getByTestId('exam-awaiting-confirmation').waitFor();
    expect(await office.getByTestId('exam-solve').count()).toBe(0);

    step('submitted for confirmation');
    // The office head confirms it from the inbox; only then is it published.
    await office.getByTestId('exam-awaiting-confirmation').getByRole('link').click();
    const task = office.getByTestId('table-inbox').locator('tbody tr.ant-table-row').filter({ hasText: '考试安排“' }).first();
    await task.getByTestId('open-task').click();
    await office.getByTestId('task-approve').click();
    await office.getByTestId('task-drawer').waitFor({ state: 'hidden' });
    await office.goto(`/exams/plans/${planId}`);
    await expect.poll(() => office.getByTestId('plan-schedule-status').innerText(), { timeout: 30_000 }).toBe('已发布');
    await office.evaluate(() => window.scrollTo(0, 0));
    await screenshot(office, 'exams-plan-zh');
  }, 300_000);

  it('a teacher sees their invigilation duties with time, room, role and the exams in the room', async () => {
    // Give the demo teacher a duty (the office's swap), in a session they are free.
    const teacher = await signIn(browser, 'teacher');
    const me = (await call<{ user: { teacherId: number } }>(teacher, 'GET', '/api/me')).body;
    const duties = (await call<{ items: { id: number; teacherId: number }[] }>(office, 'GET', `/api/exams/invigilations?planId=${planId}`))
      .body.items;
    let given = duties.some((d) => d.teacherId === me.user.teacherId);
    for (const d of duties) {
      if (given) break;
      given = (await call(office, 'POST', `/api/exams/invigilations/${d.id}/swap`, { teacherId: me.user.teacherId })).status === 200;
    }
    expect(given).toBe(true);

    await teacher.goto('/');
    await teacher.getByRole('menuitem', { name: '考务' }).click();
    await teacher.getByRole('menuitem', { name: '我的监考' }).click();
    const duty = teacher.getByTestId('my-duty').first();
    await duty.waitFor();
    const text = await duty.innerText();
    expect(text).toMatch(/\d{4}-\d{2}-\d{2} 周[一二三四五六日] \d{2}:\d{2}–\d{2}:\d{2}/);
    expect(text).toMatch(/主监考|监考/);
    expect(text).toMatch(/（\d+ 人）/);
    await teacher.context().close();
  });

  it('a student on a phone sees their exams by date with room and seat, and the admission ticket button', async () => {
    const student = await signIn(browser, 'student', { viewport: { width: 390, height: 844 }, mobile: true });
    await student.goto('/exams/mine');
    await student.getByTestId('my-exams-page').waitFor();
    await student.getByTestId('my-exam').first().waitFor();
    const exams = await student.getByTestId('my-exam').allInnerTexts();
    expect(exams.length).toBeGreaterThan(0);
    for (const e of exams) expect(e).toMatch(/\d{2}:\d{2}–\d{2}:\d{2}/);
    const seats = await student.getByTestId('my-exam-seat').allInnerTexts();
    expect(seats.length).toBe(exams.length);
    for (const s of seats) expect(s).toMatch(/^座位号 \d+$/);
    // Days in order, each headed by its date and weekday.
    const days = await student.getByTestId('my-exams-day').allInnerTexts();
    const dates = days.map((d) => /^\d{4}-\d{2}-\d{2}/.exec(d)![0]);
    expect([...dates].sort()).toEqual(dates);
    const ticket = student.getByTestId('exam-ticket');
    expect(await ticket.innerText()).toContain('下载准考证');
    expect(await ticket.getAttribute('href')).toMatch(/^\/api\/exams\/tickets\/\d+\?format=pdf$/);
    // Nothing wider than the phone.
    expect(await student.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(student, 'exams-mine-phone-zh');
    await student.context().close();
  });
});
