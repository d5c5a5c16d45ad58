import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createSelectionStats } from './stats.ts';

/** The dashboard's live counters with two API processes on one database: each sees the sum. */

let ctx: TestContext;
let roundId: number;
beforeAll(async () => {
  ctx = await createTestContext();
  const { rows } = (await ctx.db.execute(sql`select id from selection_rounds order by id limit 1`)) as unknown as {
    rows: { id: number }[];
  };
  roundId = rows[0].id;
});
afterAll(() => ctx.close());

describe('live selection counters', () => {
  it("add up every process's requests, errors and refusals by rule, whichever process is asked", async () => {
    let now = Date.parse('2026-09-01T02:00:00Z');
    const clock = () => now;
    const a = createSelectionStats(clock);
    const b = createSelectionStats(clock);
    for (let i = 0; i < 90; i++) a.request(roundId, i % 3 === 0 ? 'class_full' : null);
    for (let i = 0; i < 30; i++) b.request(roundId, i % 10 === 0 ? 'internal' : 'time_conflict');
    // b writes on its own timer; a writes its own when it answers the dashboard.
    await b.flush(ctx.db);
    const seen = await a.read(ctx.db, roundId);
    expect(seen).toEqual({ requestsPerSecond: 2, errors: 3, refusals: { class_full: 30, time_conflict: 27 } });
    // A process that stopped writing no longer counts towards the rate; its totals stay.
    now += 30_000;
    const later = await a.read(ctx.db, roundId);
    expect(later.requestsPerSecond).toBe(1.5);
    expect(later.refusals).toEqual({ class_full: 30, time_conflict: 27 });
  });
});
