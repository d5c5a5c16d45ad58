import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { createAdmission } from './admission.ts';

/** Admission control without HTTP: the bound in flight, the queue, the per-student bucket. */

const never = () => new Promise<void>(() => {});
/** One student on one client. */
const k = (id: string) => ({ student: id, client: id });
const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? e.code : 'other';
  }
};

describe('admission', () => {
  it('runs at most maxInFlight at once, queues queueLimit more, and refuses the rest at once with a wait', async () => {
    const a = createAdmission({ maxInFlight: 2, queueLimit: 3, perStudentPerSecond: 1000, burst: 1000, maxWaitMs: 60_000 });
    const held = Array.from({ length: 5 }, (_, i) => a.run(k(`s${i}`), never));
    expect(a.stats).toMatchObject({ active: 2, waiting: 3 });
    let refusal: unknown;
    await a.run(k('s9'), async () => 1).catch((e) => (refusal = e));
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe('selection_busy');
    expect(Number((refusal as AppError).params.seconds)).toBeGreaterThanOrEqual(1);
    expect(a.stats.refused).toBe(1);
    void held;
  });

  it('queues only what would wait at most maxWaitMs, however long the queue may be', async () => {
    // Before any task has finished a task is taken to last maxWaitMs: one fits in the wait, two do not.
    const a = createAdmission({ maxInFlight: 1, queueLimit: 100, perStudentPerSecond: 1000, burst: 1000, maxWaitMs: 100 });
    const held = [a.run(k('s0'), never), a.run(k('s1'), never)];
    expect(a.stats).toMatchObject({ active: 1, waiting: 1 });
    expect(await codeOf(a.run(k('s2'), async () => 1))).toBe('selection_busy');
    void held;
  });

  it('tells a crowd to come back spread over the time it takes to serve them, not all in a second', async () => {
    // One slot, a task taken to last 250 ms before any finished: 4 served per second.
    const a = createAdmission({ maxInFlight: 1, queueLimit: 0, perStudentPerSecond: 1000, burst: 1000, maxWaitMs: 60_000 });
    const held = a.run(k('s0'), never);
    const waits: number[] = [];
    for (let i = 1; i <= 300; i++) await a.run(k(`s${i}`), async () => 1).catch((e: AppError) => waits.push(Number(e.params.seconds)));
    expect(waits).toHaveLength(300);
    // The 8th refused comes back in 2 s, the 40th in 10 s; never more than a minute.
    expect(waits[7]).toBe(2);
    expect(waits[39]).toBe(10);
    expect(Math.max(...waits)).toBe(60);
    expect(a.stats.comingBack).toBe(300);
    void held;
  });

  it('sheds before the caller is resolved only while the work would be refused anyway', async () => {
    const a = createAdmission({ maxInFlight: 1, queueLimit: 0, perStudentPerSecond: 1000, burst: 1000, maxWaitMs: 60_000 });
    expect(a.shed('cookie-a')).toBeNull();
    const held = a.run(k('s0'), never);
    const shed = a.shed('cookie-b');
    expect(shed?.code).toBe('selection_busy');
    expect(Number(shed?.params.seconds)).toBeGreaterThanOrEqual(1);
    expect(a.stats).toMatchObject({ refused: 1, comingBack: 1 });
    void held;
  });

  it('lets work through again once slots free', async () => {
    const a = createAdmission({ maxInFlight: 1, queueLimit: 0, perStudentPerSecond: 1000, burst: 1000, maxWaitMs: 60_000 });
    expect(await a.run(k('s1'), async () => 'first')).toBe('first');
    expect(await a.run(k('s2'), async () => 'second')).toBe('second');
  });

  it('gives each student a bucket: a burst, then one request per 1/rate seconds', async () => {
    let now = 0;
    const a = createAdmission({ maxInFlight: 10, queueLimit: 10, perStudentPerSecond: 2, burst: 3, maxWaitMs: 60_000 }, () => now);
    const ok = async () => 'ok';
    expect([await codeOf(a.run(k('s'), ok)), await codeOf(a.run(k('s'), ok)), await codeOf(a.run(k('s'), ok))]).toEqual(['ok', 'ok', 'ok']);
    expect(await codeOf(a.run(k('s'), ok))).toBe('selection_rate_limited');
    // Another student is not slowed by the first.
    expect(await codeOf(a.run(k('t'), ok))).toBe('ok');
    now += 500;
    expect(await codeOf(a.run(k('s'), ok))).toBe('ok');
    expect(await codeOf(a.run(k('s'), ok))).toBe('selection_rate_limited');
  });
});
