import { describe, expect, it } from 'vitest';
import { ApiError } from './client.ts';
import { MAX_BUSY_TRIES, newIdempotencyKey, retryWhenBusy } from './selection.ts';

const busy = (retryAfter: number | null) => {
  const e = new ApiError(429, 'too_busy', '系统繁忙');
  e.retryAfter = retryAfter;
  return e;
};

describe('retryWhenBusy', () => {
  it('waits what Retry-After says and sends again until the server takes the request', async () => {
    const waits: number[] = [];
    const queued: number[] = [];
    let calls = 0;
    const result = await retryWhenBusy(
      () => {
        calls++;
        if (calls < 3) return Promise.reject(busy(calls));
        return Promise.resolve('enrolled');
      },
      { sleep: (ms) => (waits.push(ms), Promise.resolve()), onQueued: (attempt) => queued.push(attempt) },
    );
    expect(result).toBe('enrolled');
    expect(calls).toBe(3);
    expect(queued).toEqual([1, 2]);
    // 1 s then 2 s, each with up to a quarter more of spread.
    expect(waits[0]).toBeGreaterThanOrEqual(1000);
    expect(waits[0]).toBeLessThanOrEqual(1250);
    expect(waits[1]).toBeGreaterThanOrEqual(2000);
    expect(waits[1]).toBeLessThanOrEqual(2500);
  });

  it('gives up after the cap and throws the last refusal', async () => {
    let calls = 0;
    const error = await retryWhenBusy(
      () => {
        calls++;
        return Promise.reject(busy(null));
      },
      { sleep: () => Promise.resolve() },
    ).catch((e: unknown) => e);
    expect(calls).toBe(MAX_BUSY_TRIES);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
  });

  it('does not retry a refusal by the rules (409) nor wait longer than a minute and a quarter', async () => {
    let calls = 0;
    const refusal = new ApiError(409, 'time_conflict', '与 CS201-01 时间冲突');
    await expect(
      retryWhenBusy(() => {
        calls++;
        return Promise.reject(refusal);
      }),
    ).rejects.toBe(refusal);
    expect(calls).toBe(1);

    const waits: number[] = [];
    let n = 0;
    await retryWhenBusy(() => (n++ === 0 ? Promise.reject(busy(3600)) : Promise.resolve(1)), {
      sleep: (ms) => (waits.push(ms), Promise.resolve()),
    });
    expect(waits[0]).toBeGreaterThanOrEqual(60_000);
    expect(waits[0]).toBeLessThanOrEqual(75_000);
  });

  it('makes a fresh UUID per call', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });
});
