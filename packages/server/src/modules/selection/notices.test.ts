import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { terms } from '../org/org.tables.ts';
import { sendSelectionNotices } from './notices.ts';

/** 选课通知: pushed to the students of the round N days before it opens and at the opening, once each. */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const DAY = 86_400_000;

describe('selection notices', () => {
  it('reach the students in scope before the opening and at it, once, and nobody else', async () => {
    const [term] = await ctx.db.select().from(terms).where(eq(terms.isCurrent, true));
    const office = await ctx.as('office');
    const now = ctx.clock();
    const student = await ctx.as('student');
    const round = await office.post('/api/selection/rounds', {
      termId: term.id,
      name: '2027 春季预选（通知测试）',
      mode: 'first_come',
      opensAt: iso(new Date(now.getTime() + 2 * DAY)),
      closesAt: iso(new Date(now.getTime() + 9 * DAY)),
      noticeDaysBefore: 3,
      scope: { cohorts: [2024], majorIds: [], collegeIds: [] },
      notice: '每人限选 2 门通识课',
    });
    expect(round.statusCode).toBe(201);
    const notify = ctx.app.notifications.notify;
    const first = await sendSelectionNotices(ctx.db, notify, now);
    expect(first).toBeGreaterThan(100);
    expect(await sendSelectionNotices(ctx.db, notify, new Date(now.getTime() + 60_000))).toBe(0);
    const inbox = (await student.get('/api/notifications')).json();
    const notice = inbox.items.find((n: { kind: string }) => n.kind === 'selection_notice');
    expect(notice.title).toContain('2027 春季预选（通知测试）');
    expect(notice.body).toContain('每人限选 2 门通识课');
    // A 2023 student is outside the scope.
    const other = await ctx.db.execute(
      sql`select count(*)::int as n from notifications n join users u on u.id = n.user_id
        join students s on s.id = u.student_id where n.kind = 'selection_notice' and s.cohort <> 2024`,
    );
    expect(Number((other as unknown as { rows: { n: number }[] }).rows[0].n)).toBe(0);

    const opened = await sendSelectionNotices(ctx.db, notify, new Date(now.getTime() + 2 * DAY + 1000));
    expect(opened).toBe(first);
    expect((await student.get('/api/notifications')).json().items.some((n: { kind: string }) => n.kind === 'selection_opened')).toBe(true);
    expect(await sendSelectionNotices(ctx.db, notify, new Date(now.getTime() + 3 * DAY))).toBe(0);
  });

  it("tell each staggered cohort about its own opening, and the rest about the round's", async () => {
    const [term] = await ctx.db.select().from(terms).where(eq(terms.isCurrent, true));
    const office = await ctx.as('office');
    const now = ctx.clock();
    // Whole seconds, as the round stores them.
    const second = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);
    const seniorsOpen = second(now.getTime() + 2 * DAY);
    const othersOpen = second(now.getTime() + 5 * DAY);
    const made = await office.post('/api/selection/rounds', {
      termId: term.id,
      name: '分批开放（通知测试）',
      mode: 'first_come',
      opensAt: iso(othersOpen),
      closesAt: iso(new Date(now.getTime() + 12 * DAY)),
      noticeDaysBefore: 1,
      staggered: [{ cohorts: [2023], opensAt: iso(seniorsOpen) }],
    });
    expect(made.statusCode).toBe(201);
    const notify = ctx.app.notifications.notify;
    const countOf = async (kind: string, cohortIs2023: boolean) =>
      Number(
        (
          (await ctx.db.execute(
            sql`select count(*)::int as n from notifications n join users u on u.id = n.user_id
              join students s on s.id = u.student_id
              where n.kind = ${kind} and n.params->>'round' = '分批开放（通知测试）' and (s.cohort = 2023) = ${cohortIs2023}`,
          )) as unknown as { rows: { n: number }[] }
        ).rows[0].n,
      );
    // Nothing is due yet: the seniors open in 2 days, the notice goes 1 day before.
    expect(await sendSelectionNotices(ctx.db, notify, now)).toBe(0);
    // A day and a half on: only the seniors hear, about their own opening.
    await sendSelectionNotices(ctx.db, notify, new Date(now.getTime() + 1.5 * DAY));
    const seniors = await countOf('selection_notice', true);
    expect(seniors).toBeGreaterThan(10);
    expect(await countOf('selection_notice', false)).toBe(0);
    const [senior] = (
      (await ctx.db.execute(
        sql`select n.params->>'opensAt' as at from notifications n where n.kind = 'selection_notice' and n.params->>'round' = '分批开放（通知测试）' limit 1`,
      )) as unknown as { rows: { at: string }[] }
    ).rows;
    expect(new Date(senior.at).getTime()).toBe(seniorsOpen.getTime());
    // The seniors' opening: they are told it is open; the others are told nothing yet.
    await sendSelectionNotices(ctx.db, notify, new Date(seniorsOpen.getTime() + 1000));
    expect(await countOf('selection_opened', true)).toBe(seniors);
    expect(await countOf('selection_opened', false)).toBe(0);
    // The others' notice the day before their opening, then their opening; each once.
    await sendSelectionNotices(ctx.db, notify, new Date(othersOpen.getTime() - 0.5 * DAY));
    const others = await countOf('selection_notice', false);
    expect(others).toBeGreaterThan(10);
    await sendSelectionNotices(ctx.db, notify, new Date(othersOpen.getTime() + 1000));
    expect(await sendSelectionNotices(ctx.db, notify, new Date(othersOpen.getTime() + 2000))).toBe(0);
    expect(await countOf('selection_opened', false)).toBe(others);
    expect(await countOf('selection_notice', true)).toBe(seniors);
  });
});
