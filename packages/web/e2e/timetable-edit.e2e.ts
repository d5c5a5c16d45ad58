import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newContext, screenshot } from './helpers.ts';

/**
 * The office edits a draft by hand: opens the demo teacher's week in a draft, drags one of her
 * lectures onto a slot where she already teaches and is told why it is refused, then drags it
 * onto a free slot and it moves.
 */

type Json = Record<string, unknown>;

async function api(page: Page, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const me = (await (await page.request.get('/api/me')).json()) as { csrfToken?: string };
  const res = await page.request.fetch(path, {
    method,
    data: body,
    headers: { 'x-csrf-token': me.csrfToken ?? '', 'accept-language': 'zh-CN' },
  });
  return { status: res.status(), json: (await res.json().catch(() => ({}))) as Json };
}

/** A solved draft of the current term through the solve module's API (a short solve). */
async function solvedDraft(page: Page, termId: number): Promise<number | null> {
  const created = await api(page, 'POST', '/api/timetable/drafts', { termId, name: '手工调整（浏览器测试）' });
  if (created.status === 404) return null;
  expect(created.status).toBe(201);
  const id = Number(created.json.id);
  const solve = await api(page, 'POST', `/api/timetable/drafts/${id}/solve`, { timeLimitSeconds: 5, seed: 1 });
  expect(solve.status).toBe(202);
  const jobId = Number(solve.json.jobId ?? (solve.json.job as Json | undefined)?.id);
  for (let i = 0; i < 120; i++) {
    const job = await api(page, 'GET', `/api/jobs/${jobId}`);
    if (['succeeded', 'failed', 'cancelled'].includes(String(job.json.status))) {
      expect(job.json.status).toBe('succeeded');
      return id;
    }
    await page.waitForTimeout(1000);
  }
  throw new Error('the solve did not finish');
}

/**
 * Without the solve module (this part built alone), the draft is written straight into the
 * server's PostgreSQL database (run with DATABASE_URL): each teaching class's sessions on their
 * own half-day, in the smallest suitable room.
 */
async function draftInDatabase(termId: number): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('no draft API (solve module) and no DATABASE_URL to write a draft into');
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const draft = await client.query<{ id: number }>(
      `insert into timetable_drafts (term_id, name) values ($1, '手工调整（浏览器测试）') returning id`,
      [termId],
    );
    const id = draft.rows[0].id;
    await client.query(
      `insert into timetable_draft_lectures (draft_id, lecture_key, teaching_class_id, session_index, day, start_period, length, week_mask, room_id, teacher_ids)
       select $1, s.tc_id || ':' || s.idx, s.tc_id, s.idx, (s.n % 5) + 1, case when s.n < 5 then 1 else 5 end, s.len, s.week_mask,
              (select r.id from rooms r where r.is_active and r.capacity >= s.capacity and (s.room_type is null or r.type = s.room_type)
                 and r.unavailable = '[]'::jsonb order by r.capacity, r.id limit 1),
              s.teacher_ids
         from (select tc.id as tc_id, i - 1 as idx, tc.sessions[i] as len, tc.week_mask, tc.capacity, tc.room_type, tc.teacher_ids,
                      (row_number() over (order by tc.code, i) - 1)::int as n
                 from teaching_classes tc, generate_subscripts(tc.sessions, 1) i
                where tc.term_id = $2 and tc.capacity <= 200) s
        where s.n < 10`,
      [id, termId],
    );
    return id;
  } finally {
    await client.end();
  }
}

describe('editing a timetable draft by hand', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the office drags a lecture onto a conflicting slot and is told why, then onto a free one', async () => {
    // Tall enough for the whole week: a drag near the window's edge would scroll the page under the pointer.
    const page = await (await newContext(browser, { viewport: { width: 1440, height: 1600 } })).newPage();
    await login(page, 'office');
    const terms = await api(page, 'GET', '/api/terms?q=2026-2027-1');
    const termId = Number((terms.json.items as Json[])[0].id);
    const draftId = (await solvedDraft(page, termId)) ?? (await draftInDatabase(termId));
    // The demo teacher's record: the teacher of CS201-01.
    const classes = await api(page, 'GET', `/api/teaching-classes?termId=${termId}&q=CS201-01`);
    const cs201 = (classes.json.items as Json[])[0];
    const teacherId = Number((cs201.teacherIds as number[] | undefined)?.[0] ?? (cs201.teachers as { teacherId: number }[])[0].teacherId);

    await page.goto(`/timetable/drafts/${draftId}/grid?kind=teacher&teacherId=${teacherId}`);
    const grid = page.getByTestId('edit-grid');
    await grid.waitFor();
    const cards = page.locator('[data-testid^="lecture-"]');
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'timetable-edit-grid-zh');

    // Two lectures of hers: dragging the second onto the first's slot is a clash.
    const placed = await cards.evaluateAll((els) =>
      els.map((e) => {
        const box = e.getBoundingClientRect();
        return { id: e.getAttribute('data-testid')!, x: box.x + box.width / 2, y: box.y + 8 };
      }),
    );
    const [first, second] = placed;
    const drag = async (from: { x: number; y: number }, to: { x: number; y: number }) => {
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(from.x + 10, from.y + 10, { steps: 3 });
      // The live check colours the cells while the card is held.
      // The check is a server round trip per cell: slow while the other browser tests load the machine.
      await page.locator('[data-status="conflict"], [data-status="free"]').first().waitFor({ timeout: 60_000 });
      await page.mouse.move(to.x, to.y, { steps: 8 });
      await page.waitForTimeout(200);
      await page.mouse.up();
    };
    const firstCell = await cellOf(page, first.id);
    await drag(second, firstCell);
    const refusal = page.getByTestId('edit-refusal');
    await refusal.waitFor();
    const why = (await refusal.textContent()) ?? '';
    expect(why).toContain('不能这样调整');
    // Whatever collides there (the teacher, or in the demo's full week the room or a class) is named.
    expect(why).toMatch(/(教师|教室|班级) \S+ 在 周. 第\d+(-\d+)?节（.+） 同时有 /);
    await screenshot(page, 'timetable-edit-refused-zh');

    // Then onto a slot free for her and her classes: it moves there (in another free room when
    // its own is taken at that time, picked in the dialog), and the undo button counts the edit.
    // (The refusal above the grid moved the cards down: measure the card again.)
    const again = (await page.getByTestId(second.id).boundingBox())!;
    const from = { x: again.x + again.width / 2, y: again.y + 8 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 10, from.y + 10, { steps: 3 });
    const target = page.locator('[data-status="free"], [data-status="otherRoom"]').first();
    await target.waitFor({ timeout: 60_000 });
    const to = { day: Number(await target.getAttribute('data-day')), period: Number(await target.getAttribute('data-period')) };
    const otherRoom = (await target.getAttribute('data-status')) === 'otherRoom';
    const box = (await target.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
    await page.waitForTimeout(200);
    await page.mouse.up();
    if (otherRoom) await page.getByTestId('room-choices').getByRole('button').first().click();
    await page.getByText(new RegExp(`已移到 周. 第${to.period}节`)).waitFor();
    await page.getByTestId('undo').filter({ hasText: '撤销（1）' }).waitFor();
    const key = second.id.replace(/^lecture-/, '');
    const after = await api(page, 'GET', `/api/timetable/drafts/${draftId}/grid?teacherId=${teacherId}`);
    const moved = (after.json.items as Json[]).find((i) => i.key === key)!;
    expect({ day: moved.day, startPeriod: moved.startPeriod }).toEqual({ day: to.day, startPeriod: to.period });
    // The conflict report and the summaries of the same draft.
    await page.getByRole('tab', { name: '冲突报告' }).click();
    const report = page.getByTestId('conflict-report');
    await report.waitFor();
    expect(await report.textContent()).toMatch(/硬冲突 \d+ 项/);
    await page.getByRole('tab', { name: '教室使用率' }).click();
    await page.getByTestId('table-room-use').locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByRole('tab', { name: '教师课时' }).click();
    const load = page.getByTestId('table-teacher-load');
    await load.locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, 'timetable-edit-teacher-load-zh');
  });
});

/** The centre of the top cell of a card's slot (where a drop means "start there"). */
async function cellOf(page: Page, testId: string) {
  const box = (await page.getByTestId(testId).boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + 10 };
}
