import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

/**
 * 试卷流转 in the browser. The office finds 考务 → 试卷流转 in the menu and the (server-paged) list
 * loads. The demo school has no exams yet (their seed is wired separately), so the chain page is
 * shown for a paper whose API answers this test gives: its steps as a timeline with giver,
 * receiver, place, copies and confirmation, under a "链完整" banner; a broken chain names its record.
 */

const user = (id: number, name: string) => ({ id, name });
const rec = (seq: number, kind: string, extra: Record<string, unknown> = {}) => ({
  id: 500 + seq,
  seq,
  kind,
  correctsId: null,
  giver: user(1, '王老师'),
  receiver: user(2, '李秘书'),
  at: `2026-12-0${seq}T02:00:00.000Z`,
  place: '教务处 201',
  copies: null,
  returned: null,
  used: null,
  note: '',
  recordedAt: `2026-12-0${seq}T02:00:00.000Z`,
  prevHash: seq === 1 ? '' : `${'a'.repeat(63)}${seq - 1}`,
  hash: `${'a'.repeat(63)}${seq}`,
  confirmation: { method: 'app', at: `2026-12-0${seq}T03:00:00.000Z`, by: '李秘书' },
  ...extra,
});
const records = [
  rec(1, 'drafted', { receiver: null, confirmation: null }),
  rec(2, 'reviewed'),
  rec(3, 'sent_to_print', {
    giver: user(2, '李秘书'),
    receiver: user(3, '教务处'),
    confirmation: { method: 'code', at: '2026-12-03T02:05:00.000Z', by: '张三' },
  }),
  rec(4, 'sealed', { giver: user(3, '教务处'), receiver: user(4, '保密室'), place: '印刷厂', copies: 32, confirmation: null }),
];
const paper = (id: number) => ({
  id,
  examId: 9,
  planId: 3,
  termId: 1,
  course: { id: 7, code: 'CS201', name: '数据结构' },
  version: 'A',
  copies: 30,
  status: 'sealed',
  sessionDate: '2026-12-20',
  sessionStartMin: 540,
  author: user(1, '王老师'),
  nextStep: 'stored',
  flags: [],
  createdAt: '2026-12-01T02:00:00.000Z',
});

async function answer(page: Page) {
  const json = (body: unknown) => ({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  await page.route(/\/api\/exams\/papers\/(42|43)$/, (r) => r.fulfill(json(paper(Number(r.request().url().split('/').pop())))));
  await page.route(/\/api\/exams\/papers\/42\/chain$/, (r) => r.fulfill(json({ records, valid: true })));
  await page.route(/\/api\/exams\/papers\/43\/chain$/, (r) =>
    r.fulfill(
      json({
        records,
        valid: false,
        firstBreak: { recordId: 504, seq: 4, reason: 'hash', expected: 'b'.repeat(64), found: records[3].hash },
      }),
    ),
  );
  await page.route(/\/api\/exams\/papers\/\d+\/receivers$/, (r) => r.fulfill(json({ items: [user(4, '保密室'), user(5, '赵老师')] })));
}

describe('exam paper custody 试卷流转', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser, { lang: 'zh-CN' })).newPage();
    await login(page, 'office');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the office opens 考务 → 试卷流转 and the list loads from the server', async () => {
    await page.getByRole('menuitem', { name: '考务' }).click();
    await page.getByRole('menuitem', { name: '试卷流转' }).click();
    await page.waitForURL(/\/exams\/papers$/);
    await page.getByTestId('table-papers').waitFor();
    expect(await page.getByText('每份试卷从命题到归档').count()).toBe(1);
  });

  it('the office registers a paper through the form and sees it in the list', async () => {
    await page.getByTestId('paper-register').click();
    const form = page.getByTestId('paper-register-form');
    // Saving empty names the missing fields in words.
    await page.getByTestId('paper-register-submit').click();
    await form.getByText('请选择或填写考试安排').waitFor();
    await page.getByTestId('paper-register-plan').click();
    // The demo's own plan: other browser tests running beside this one open plans of their own.
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '学期期末考试' }).first().click();
    await page.getByTestId('paper-register-exam').click();
    // The demo's papers are version A of the plan's first exams: version B of its last exam is new.
    // Options that start with a course code: the plan picker's dropdown may still be closing.
    const option = page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: /^[A-Z]+\d+ / })
      .last();
    const course = ((await option.getAttribute('title')) ?? (await option.textContent()) ?? '').split(' ')[0];
    await option.click();
    await form.getByText('B 卷').click();
    await page.getByTestId('paper-register-copies').fill('45');
    await page.getByTestId('paper-register-submit').click();
    await page.getByText('试卷已登记，你是命题人').waitFor();
    // The list is paged: the new paper is among the ones at 命题.
    await page.goto('/exams/papers?status=drafted');
    const row = page.getByTestId('table-papers').locator('tr').filter({ hasText: course }).filter({ hasText: '45' });
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain('命题');
    await screenshot(page, 'exam-papers-registered');
  });

  it('a paper’s chain page shows each step in order, with people, place, copies and confirmation, under 链完整', async () => {
    await answer(page);
    await page.goto('/exams/papers/42');
    const banner = page.getByTestId('chain-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('链完整：全部 4 条记录的哈希校验通过');
    const steps = await page.locator('[data-testid^="chain-record-"]').allInnerTexts();
    expect(steps.map((s) => s.split('\n')[0])).toEqual(['1. 命题', '2. 审核', '3. 送印', '4. 印刷密封']);
    expect(steps[1]).toContain('交出人：王老师 → 接收人：李秘书');
    expect(steps[2]).toContain('凭确认码确认');
    expect(steps[3]).toContain('地点：印刷厂');
    expect(steps[3]).toContain('份数：32');
    expect(steps[3]).toContain('待接收人确认');
    expect(await page.getByTestId('handover-form').innerText()).toContain('记录下一环节：入保密室');
    await screenshot(page, 'exam-paper-chain');
  });

  it('a broken chain says so and names the record', async () => {
    await page.goto('/exams/papers/43');
    const banner = page.getByTestId('chain-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('链已断开：第 4 条记录（印刷密封）的内容与其哈希值不符');
  });
});
