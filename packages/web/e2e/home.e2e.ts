import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

// The home page as each role meets it on the demo school: the office sees
// the approvals waiting for it and the school's charts (with values on their
// axes); a teacher's 学生 count is the students of their own classes.

/** The texts an SVG chart draws (axis labels, legend). */
const chartTexts = (page: Page, testId: string) => page.getByTestId(testId).locator('svg text').allTextContents();

describe('home page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the office the approvals waiting for it and a dashboard with axis values', async () => {
    const page = await (await newContext(browser)).newPage();
    await login(page, 'office');
    const waiting = page.getByTestId('home-waiting');
    await waiting.locator('.ant-list-item').first().waitFor();
    // The two demo requests under review (one overdue) and the demo teacher's change wait for the office.
    expect(await page.getByTestId('waiting-count').locator('.ant-scroll-number').first().getAttribute('title')).toBe('3');
    expect(await waiting.locator('.ant-list-item').count()).toBe(3);
    // At least the overdue demo request; the teacher's change filed in week 13 joins it once its days pass.
    const overdue = await page.evaluate(
      async () => ((await (await fetch('/api/home')).json()) as { waiting: { overdue: number } }).waiting.overdue,
    );
    expect(overdue).toBeGreaterThanOrEqual(1);
    await waiting.getByText(`${overdue} 项已超期`).waitFor();

    const requests = page.getByTestId('chart-requests');
    await requests.locator('svg').waitFor();
    await page.waitForTimeout(500); // the bars animate in
    const texts = await chartTexts(page, 'chart-requests');
    // College names whole on the axis, not cut to an ellipsis.
    expect(texts).toContain('计算机科学与技术学院');
    // The value axis is labelled with counts (0 and at least one more tick).
    const ticks = texts.filter((x) => /^\d+$/.test(x)).map(Number);
    expect(ticks).toContain(0);
    expect(Math.max(...ticks)).toBeGreaterThan(0);
    expect(texts).toContain('已通过');
    const weeks = await chartTexts(page, 'chart-decisions');
    expect(weeks.some((x) => /^第\d+周$/.test(x))).toBe(true);
    expect(weeks.filter((x) => /^\d+$/.test(x)).length).toBeGreaterThan(1);
    await page.getByTestId('chart-students').locator('svg').waitFor();
    await screenshot(page, 'home-office');
    await page
      .getByTestId('home-charts')
      .screenshot({ path: fileURLToPath(new URL('./screenshots/home-office-charts.png', import.meta.url)) });

    // An item opens the request it is about.
    await waiting.locator('.ant-list-item a').first().click();
    await page.waitForURL(/\/course-requests\/\d+$/);
    await page.close();
  });

  it('shows a demo request the secretary had rejected with its reason and the rejection in its history', async () => {
    const page = await (await newContext(browser)).newPage();
    await login(page, 'secretary');
    const items = (await (await page.request.get('/api/course-requests?pageSize=100')).json()).items as { id: number; status: string }[];
    const rejected = items.find((r) => r.status === 'rejected')!;
    await page.goto(`/course-requests/${rejected.id}`);
    const alert = page.getByTestId('review-comment');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('驳回理由');
    expect(await alert.textContent()).not.toContain('退回');
    const history = page.getByTestId('workflow-history');
    await history.getByText('驳回', { exact: true }).waitFor();
    expect(await history.textContent()).toContain('教务处王老师');
    await screenshot(page, 'request-rejected');
    await page.close();
  });

  it('shows the flow metrics of the seeded history', async () => {
    const page = await (await newContext(browser)).newPage();
    await login(page, 'office');
    await page.goto('/flow-metrics');
    const table = page.getByTestId('table-metrics');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const first = await table.locator('tbody tr.ant-table-row').first().locator('td').allTextContents();
    // 整体: the nine demo requests that went to approval, with a median duration in hours.
    expect(Number(first[1])).toBeGreaterThanOrEqual(9);
    expect(first[2]).not.toBe('—');
    await screenshot(page, 'flow-metrics-seeded');
    await page.close();
  });

  it("shows a teacher their students: the total of their classes' rosters", async () => {
    const page = await (await newContext(browser)).newPage();
    await login(page, 'teacher');
    const card = page.getByTestId('count-students');
    await card.waitFor();
    expect(await card.locator('.ant-statistic-title').textContent()).toContain('我的学生');
    const shown = Number((await card.locator('.ant-statistic-content-value').textContent())?.replace(/\D/g, ''));
    // The rosters as the teacher's own session reads them.
    // Everyone on one of their rosters, counted once (a lecture and its lab groups reach the same students).
    const classes = (await (await page.request.get('/api/teaching-classes?pageSize=100')).json()).items as { id: number }[];
    const roster = new Set<number>();
    for (const c of classes)
      for (const s of (await (await page.request.get(`/api/teaching-classes/${c.id}/students?pageSize=200`)).json()).items as {
        id: number;
      }[])
        roster.add(s.id);
    expect(roster.size).toBeGreaterThan(0);
    expect(shown).toBe(roster.size);
    expect(await page.getByTestId('home-charts').count()).toBe(0);
    // No approver tools for a teacher without an approving role.
    expect(await page.getByTestId('home-waiting').count()).toBe(0);
    expect(await page.getByTestId('quick-inbox').count()).toBe(0);
    await screenshot(page, 'home-teacher');
    await page.close();
  });

  it('shows a student their term and no school totals, on a phone', async () => {
    const context = await newContext(browser, { viewport: { width: 390, height: 844 }, mobile: true });
    const page = await context.newPage();
    await login(page, 'student');
    await page.getByTestId('current-term').waitFor();
    expect(await page.getByTestId('home-numbers').count()).toBe(0);
    await page.getByTestId('quick-profile').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'home-student-mobile');
    await page.close();
  });
});
