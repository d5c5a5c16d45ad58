import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Buffer } from 'node:buffer';
import type { Browser } from 'playwright-core';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

/**
 * 考务 pages as each role opens them from the menu: the student's 缓考申请 on a phone (no
 * sideways scrolling) over the demo term's published exams, with an application and its medical
 * certificate sent; the office's 缓考名单 with the certificate to download, and 违纪审核; the teacher's 登记违纪 over their invigilation duties.
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
    await body.getByText('还没有缓考申请').waitFor();
    // The demo's exams are published: each can be deferred until it starts.
    const apply = body.locator('[data-testid^="defer-"]').first();
    await apply.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await apply.click();
    await page.getByTestId('defer-reason').fill('住院治疗，附医院证明');
    await page.getByTestId('defer-attachment-input').setInputFiles({
      name: '医院证明.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    await page.getByTestId('defer-attachment-chosen').getByText('医院证明.pdf').waitFor();
    await page.getByTestId('defer-submit').click();
    await page.getByText('缓考申请已提交，等待学院审核').waitFor();
    await body.locator('[data-testid^="deferral-"]').getByText('审批中').first().waitFor();
    expect((await body.textContent()) ?? '').not.toMatch(/examdef\.|incidents\./);
    await screenshot(page, 'exam-deferrals-student-mobile');
    await context.close();
  });

  it('office sees the deferral list and the incident review; a teacher the incident form', async () => {
    const office = await (await newContext(browser)).newPage();
    await login(office, 'office');
    await office.goto('/exams/deferrals/list');
    await office.getByTestId('deferrals-list').getByText('缓考名单').first().waitFor();
    // The student's certificate is a download link; fetched with the office's session it is the PDF.
    const link = office.locator('[data-testid^="deferral-attachment-"]').filter({ hasText: '医院证明.pdf' }).first();
    await link.waitFor();
    const href = (await link.getAttribute('href'))!;
    const file = await office.request.get(href);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('application/pdf');
    expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await screenshot(office, 'exam-deferrals-office-list');
    await office.goto('/exams/incidents');
    await office.getByTestId('incident-review').getByText('违纪审核').first().waitFor();
    await screenshot(office, 'exam-incidents-office-review');

    const teacher = await (await newContext(browser)).newPage();
    await login(teacher, 'teacher');
    await teacher.goto('/exams/incidents/record');
    // The demo teacher invigilates in the published exams: the form offers those duties.
    await teacher.getByTestId('incident-duty').waitFor();
    expect(await teacher.getByText('你目前没有监考任务').count()).toBe(0);
    await screenshot(teacher, 'exam-incidents-teacher-form');
  });
});
