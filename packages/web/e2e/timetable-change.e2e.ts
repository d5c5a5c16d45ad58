import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newContext, screenshot, waitForPath } from './helpers.ts';

async function signIn(browser: Browser, user: string): Promise<Page> {
  const page = await (await newContext(browser, { lang: 'zh-CN' })).newPage();
  await login(page, user);
  return page;
}

/** Approves the open task of the change `course` from the inbox. */
async function approveFromInbox(page: Page, course: string) {
  await page.goto('/inbox');
  const row = page.getByTestId('table-inbox').locator('tbody tr.ant-table-row').filter({ hasText: course }).first();
  await row.getByTestId('open-task').click();
  await page.getByTestId('task-approve').click();
  await page.getByTestId('task-drawer').waitFor({ state: 'hidden' });
}

/**
 * 调课: the teacher picks a lecture of the published timetable, a week and a proposed free slot,
 * files the request for three weeks (over the college's 4 periods); the college secretary approves,
 * then the academic office; the request shows as applied with the new slot. The demo's timetable is published at seed time and
 * its term runs on the real calendar: the journey picks a lesson still ahead of today.
 */
describe('timetable change journey', () => {
  let browser: Browser;
  let teacher: Page;
  let changeUrl = '';
  let course = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    teacher = await signIn(browser, 'teacher');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the teacher files a move of three lessons still ahead to a proposed free slot', async () => {
    const page = teacher;
    await page.goto('/timetable/changes/new');
    await page.getByTestId('change-rules').waitFor();
    expect(await page.getByTestId('change-rules').innerText()).toContain('只能调整今天以后的课');
    // A class of the demo teacher with a week still ahead and no request waiting for any of its lectures.
    const pick = await page.evaluate(async () => {
      const json = async (u: string) => (await fetch(u)).json();
      const terms = await json('/api/terms?pageSize=200');
      const term = terms.items.find((t: { isCurrent: boolean }) => t.isCurrent);
      const q = `termId=${term.id}`;
      const [lectures, rules, mine] = await Promise.all([
        json(`/api/timetable/changes/lectures?${q}`),
        json(`/api/timetable/changes/rules?${q}`),
        json(`/api/timetable/changes?${q}&mine=true&pageSize=100`),
      ]);
      const waiting = new Set(
        (mine.items as { teachingClassCode: string; status: string }[])
          .filter((c) => c.status === 'submitted')
          .map((c) => c.teachingClassCode),
      );
      const ahead = (w: number, day: number) => w > rules.today.week || (w === rules.today.week && day > rules.today.day);
      type L = { key: string; weeks: number[]; day: number; length: number; teachingClassCode: string; courseName: string };
      // Three lessons ahead of a lecture of two periods or more: over the college's 4 periods, so the office approves too.
      const l = (lectures as L[]).find(
        (x) => !waiting.has(x.teachingClassCode) && x.length >= 2 && x.weeks.filter((w) => ahead(w, x.day)).length >= 3,
      );
      return l
        ? { key: l.key, code: l.teachingClassCode, course: l.courseName, today: rules.today as { week: number; day: number } }
        : null;
    });
    expect(pick, 'a lecture of the demo teacher with three lessons ahead').not.toBeNull();
    course = `${pick!.course}（${pick!.code}）`;
    // The dropdown opened last (a closing one stays in the page for a moment).
    const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
    const enabled = '.ant-select-item-option:not(.ant-select-item-option-disabled)';
    await page.getByTestId('change-lecture').click();
    await page.keyboard.type(pick!.code);
    await open.getByTestId(`lecture-option-${pick!.key}`).click();
    await page.getByTestId('change-weeks').click();
    await open.locator('.ant-select-item-option').first().waitFor();
    // Weeks already taught are listed greyed out; the first week still ahead is picked.
    const weeks = await open
      .locator('.ant-select-item-option')
      .evaluateAll((els) =>
        els.map((e) => ({ week: parseInt(e.textContent ?? '', 10), disabled: e.classList.contains('ant-select-item-option-disabled') })),
      );
    expect(weeks.filter((w) => w.week < pick!.today.week).every((w) => w.disabled)).toBe(true);
    expect(weeks.filter((w) => w.week > pick!.today.week).every((w) => !w.disabled)).toBe(true);
    for (let i = 0; i < 3; i++) await open.locator(`${enabled}:not(.ant-select-item-option-selected)`).first().click();
    await page.keyboard.press('Escape');
    const free = page.getByTestId('slot-picker').locator('button[data-testid^="slot-"]:not([disabled])').first();
    await free.waitFor();
    const slotLabel = (await free.getAttribute('aria-label')) ?? '';
    await free.click();
    await page.getByTestId('target-room').waitFor();
    await page.getByTestId('change-reason').fill('参加学术会议');
    await screenshot(page, 'timetable-change-form-zh');
    await page.getByTestId('change-submit').click();
    await waitForPath(page, /\/timetable\/changes\/\d+$/);
    changeUrl = page.url();
    await page.getByTestId('change-status').filter({ hasText: '审批中' }).waitFor();
    const day = slotLabel.split(' ')[0];
    expect(day).not.toBe('');
    expect(await page.getByTestId('change-targets').innerText()).toContain(day);
  });

  it('the college secretary approves, then the office (over 4 periods); the change is applied', async () => {
    expect(changeUrl).not.toBe('');
    const secretary = await signIn(browser, 'secretary');
    await approveFromInbox(secretary, course);
    // Still waiting: the office's step follows for a change beyond the college's limit.
    await teacher.goto(changeUrl);
    await teacher.getByTestId('change-status').filter({ hasText: '审批中' }).waitFor();
    const office = await signIn(browser, 'office');
    await approveFromInbox(office, course);
    // The drawer closes as the decision is sent: reload until the page shows it applied.
    let status = '';
    for (let i = 0; i < 10 && status !== '已生效'; i++) {
      await teacher.goto(changeUrl);
      await teacher.locator('[data-testid="change-status"], [data-testid="query-error"]').first().waitFor({ timeout: 60_000 });
      if (await teacher.getByTestId('query-error').count()) {
        await screenshot(teacher, 'dbg-error');
        throw new Error(await teacher.getByTestId('query-error').innerText());
      }
      status = await teacher.getByTestId('change-status').innerText();
      if (status !== '已生效') await teacher.waitForTimeout(1000);
    }
    expect(status).toBe('已生效');
    await screenshot(teacher, 'timetable-change-applied-zh');
    await teacher.goto('/timetable/changes');
    await teacher.getByTestId('table-changes').locator('tbody tr.ant-table-row').first().waitFor();
  });
});
