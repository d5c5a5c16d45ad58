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
});
