import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

/**
 * 考务 pages as each role opens them from the menu: the student's 缓考申请 on a phone (no
 * sideways scrolling), the office's 缓考名单 and 违纪审核, the teacher's 登记违纪. The demo school
 * has no exam plan yet, so each page shows its empty state in words, never a raw key.
 */
describe('exam deferrals and incidents pages', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('student opens 缓考申请 from the menu on a phone', async () => {
    const context = await newContext(browser, { viewport: { width: 390, height: 844 }, mobile: true });
    const page = await context.newPage();
    await login(page, 'student');
    await page.getByTestId('menu-toggle').click();
    const menu = page.getByTestId('main-menu');
    await menu.getByText('考务').click();
    await menu.getByText('缓考申请').click();
    const body = page.getByTestId('my-deferrals');
    await body.getByText('暂无考试安排').waitFor();
    await body.getByText('还没有缓考申请').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect((await body.textContent()) ?? '').not.toMatch(/examdef\.|incidents\./);
    await screenshot(page, 'exam-deferrals-student-mobile');
    await context.close();
  });

  it('office sees the deferral list and the incident review; a teacher the incident form', async () => {
    const office = await (await newContext(browser)).newPage();
    await login(office, 'office');
    await office.goto('/exams/deferrals/list');
    await office.getByTestId('deferrals-list').getByText('缓考名单').first().waitFor();
    await screenshot(office, 'exam-deferrals-office-list');
    await office.goto('/exams/incidents');
    await office.getByTestId('incident-review').getByText('违纪审核').first().waitFor();
    await screenshot(office, 'exam-incidents-office-review');

    const teacher = await (await newContext(browser)).newPage();
    await login(teacher, 'teacher');
    await teacher.goto('/exams/incidents/record');
    await teacher.getByText('你目前没有监考任务').waitFor();
    await screenshot(teacher, 'exam-incidents-teacher-form');
  });
});
