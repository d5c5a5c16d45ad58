import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { MyEnrolments, Round, RoundClassItem } from '@jiaowu/contracts';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

const PHONE = { width: 375, height: 812 };

type Lecture = RoundClassItem['lectures'][number];
const clash = (a: Lecture, b: Lecture) =>
  a.day === b.day &&
  a.startPeriod < b.startPeriod + b.length &&
  b.startPeriod < a.startPeriod + a.length &&
  a.weeks.some((w) => b.weeks.includes(w));
const classesClash = (a: RoundClassItem, b: RoundClassItem) => a.lectures.some((x) => b.lectures.some((y) => clash(x, y)));

/** No seat for the student: with no other refusal, the page offers 候补. */
const FULLNESS = ['class_full', 'reserved_seats'];

/** Types a class code into the search box and waits for that class's card alone. */
async function showClass(page: Page, code: string) {
  const search = page.getByTestId('class-search').locator('input');
  await search.fill(code);
  await search.press('Enter');
  const card = page.locator(`[data-testid="class-card"][data-code="${code}"]`);
  await card.waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="class-card"]').length === 1);
  return card;
}

describe('选课 on a phone', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, { viewport: PHONE, mobile: true });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('filters classes that fit, takes one (through a busy server), is refused a clashing one, waits for a full one, drops, and sees the week', async () => {
    await login(page, 'student');
    await page.getByTestId('menu-toggle').click();
    const menu = page.getByTestId('main-menu');
    await menu.waitFor();
    await page.waitForTimeout(500); // the drawer slides in
    await menu.getByText('选课', { exact: true }).click();
    await page.waitForURL(/\/selection/);
    await page.getByTestId('round-select').waitFor();

    // What the demo school offers this student now, read from the API the page uses.
    const get = async <T>(path: string) => {
      const res = await page.request.get(path);
      expect(res.status(), path).toBe(200);
      return (await res.json()) as T;
    };
    const terms = await get<{ items: { id: number; isCurrent?: boolean }[] }>('/api/terms?pageSize=200&sort=startDate&order=desc');
    const termId = (terms.items.find((x) => x.isCurrent) ?? terms.items[0]).id;
    const { items: rounds } = await get<{ items: Round[] }>(`/api/selection/rounds?termId=${termId}`);
    const round = rounds.find((r) => r.mode === 'add_drop' && r.isOpen);
    expect(round, 'an open 补退选 round in the demo school').toBeDefined();
    const all: RoundClassItem[] = [];
    for (let p = 1; ; p++) {
      const page_ = await get<{ items: RoundClassItem[]; total: number }>(
        `/api/selection/rounds/${round!.id}/classes?pageSize=200&page=${p}`,
      );
      all.push(...page_.items);
      if (all.length >= page_.total || page_.items.length === 0) break;
    }
    // A full class to wait for (F) …
    const full = all.find((c) => c.reasons.some((r) => r.code === 'class_full') && c.reasons.every((r) => FULLNESS.includes(r.code)));
    expect(full, 'a full class with a waitlist').toBeDefined();
    // … a class to take (A), not in F's way, and another course's class that clashes with A (B).
    const eligible = all.filter((c) => c.eligible && c.lectures.length > 0);
    let a: RoundClassItem | undefined;
    let b: RoundClassItem | undefined;
    for (const x of eligible) {
      if (x.courseId === full!.courseId || classesClash(x, full!)) continue;
      b = eligible.find((y) => y.courseId !== x.courseId && classesClash(x, y));
      if (b) {
        a = x;
        break;
      }
    }
    expect(a && b, 'two eligible classes of different courses that clash').toBeTruthy();

    // The open add/drop round is the one shown, with its window and no countdown.
    expect(await page.getByTestId('round-select').textContent()).toContain(round!.name);
    expect(await page.getByTestId('selection-page').getByText('补退选', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('round-window').textContent()).toMatch(/选课时间：\d{4}-\d\d-\d\d \d\d:\d\d 至/);
    expect(await page.getByTestId('round-countdown').count()).toBe(0);
    await page.getByTestId('class-card').first().waitFor();
    await screenshot(page, 'selection-phone');

    // 只看不冲突: the list is the server's "fits" list, and no card in it speaks of a clash.
    const fitsTotal = (await get<{ total: number }>(`/api/selection/rounds/${round!.id}/classes?fits=true&pageSize=1`)).total;
    const fitsLoaded = page.waitForResponse((r) => r.url().includes('/classes?') && r.url().includes('fits=true'));
    await page.getByTestId('fits-switch').click();
    await fitsLoaded;
    await page
      .getByTestId('class-total')
      .filter({ hasText: `共 ${fitsTotal} 个教学班` })
      .waitFor();
    for (const text of await page.getByTestId('class-reasons').allTextContents()) expect(text).not.toContain('时间冲突');
    await page.getByTestId('fits-switch').click();

    // B is on screen and selectable in this tab …
    const cardB = await showClass(page, b!.code);
    const enrolB = cardB.getByTestId('enrol-button');
    await enrolB.waitFor();

    // … while in a second tab the student takes A. The server is busy at first: the button says
    // so, the client waits Retry-After and sends the same request again, with the same key.
    const tab2 = await context.newPage();
    const keys: string[] = [];
    let refusals = 0;
    await tab2.route('**/api/selection/enrolments', async (route) => {
      keys.push((await route.request().headerValue('idempotency-key')) ?? '');
      if (refusals++ < 2) {
        await route.fulfill({
          status: 429,
          headers: { 'Retry-After': '1', 'Content-Type': 'application/json' },
          body: JSON.stringify({ error: { code: 'selection_busy', message: '选课人数较多，正在排队，请 1 秒后重试' } }),
        });
      } else await route.continue();
    });
    await tab2.goto('/selection');
    const cardA = await showClass(tab2, a!.code);
    await cardA.getByTestId('enrol-button').click();
    await cardA.getByText('排队中，正在重试…').waitFor();
    await screenshot(tab2, 'selection-phone-queued');
    await cardA.getByTestId('class-own').filter({ hasText: '已选' }).waitFor();
    expect(keys.length).toBe(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    await tab2.close();

    // Back in the first tab (its list from before), B is refused for the clash with A — said on
    // B's card and in a toast naming B; the list stays, B now showing why it cannot be taken.
    await enrolB.click();
    const error = cardB.getByTestId('class-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('时间冲突');
    expect(await error.textContent()).toContain(a!.code);
    const toast = page.locator('.ant-message-notice').filter({ hasText: b!.code });
    await toast.waitFor();
    expect(await toast.textContent()).toContain('时间冲突');
    // The list reloaded: B offers 换课 (give up A for it) instead of 选课.
    await cardB.getByTestId('swap-button').waitFor();
    expect(await cardB.getByTestId('enrol-button').count()).toBe(0);
    await screenshot(page, 'selection-phone-refused');

    // A full class: 候补, and the card tells the place in the queue.
    const cardF = await showClass(page, full!.code);
    expect(await cardF.getByTestId('class-seats').textContent()).toContain('已满');
    await cardF.getByTestId('waitlist-button').click();
    await cardF
      .getByTestId('class-own')
      .filter({ hasText: /候补第 \d+ 位/ })
      .waitFor();

    // 我的选课: A taken, F waiting, the credits, and A in the week.
    await page.getByTestId('selection-tabs').getByText('我的选课').click();
    const mine = page.getByTestId('my-selection');
    await mine.waitFor();
    const itemA = mine.locator(`[data-testid="my-item"][data-code="${a!.code}"]`);
    await itemA.waitFor();
    expect(await itemA.getAttribute('data-status')).toBe('enrolled');
    expect(await mine.locator(`[data-testid="my-item"][data-code="${full!.code}"]`).getByTestId('my-item-status').textContent()).toMatch(
      /候补第 \d+ 位/,
    );
    const me = await get<MyEnrolments>(`/api/selection/me?termId=${termId}`);
    expect(await page.getByTestId('my-credits').textContent()).toBe(`已选学分：${me.totalCredits}`);
    const week = page.getByTestId('selection-timetable');
    await week.waitFor();
    const dayOfA = page.getByTestId(`sel-day-${a!.lectures[0].day}`);
    expect(await dayOfA.textContent()).toContain(a!.courseName);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'selection-phone-mine');

    // Drop A (and leave F's waitlist): the lines go, A leaves the week.
    await itemA.getByTestId('drop-button').click();
    await page.locator('.ant-popover:not(.ant-popover-hidden)').getByTestId('confirm-ok').click();
    await page
      .locator('.ant-message-notice')
      .filter({ hasText: `已退选 ${a!.code}` })
      .waitFor();
    await itemA.waitFor({ state: 'detached' });
    await page.waitForFunction(
      (name) => !document.querySelector('[data-testid="my-selection"]')?.textContent?.includes(name),
      a!.courseName,
    );
    const itemF = mine.locator(`[data-testid="my-item"][data-code="${full!.code}"]`);
    await itemF.getByTestId('leave-button').click();
    await page.locator('.ant-popover:not(.ant-popover-hidden)').getByTestId('confirm-ok').click();
    await itemF.waitFor({ state: 'detached' });
    const after = await get<MyEnrolments>(`/api/selection/me?termId=${termId}`);
    expect(after.items.some((i) => i.teachingClassId === a!.teachingClassId && i.status === 'enrolled')).toBe(false);
    expect(after.items.some((i) => i.teachingClassId === full!.teachingClassId && i.status === 'waitlisted')).toBe(false);
  });
});
