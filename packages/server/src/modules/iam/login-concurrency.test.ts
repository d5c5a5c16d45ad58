import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TestClient, type TestContext } from '../../test/test-app.ts';
import * as repo from './iam.repository.ts';
import { loginThrottle } from './iam.tables.ts';
import { LOGIN_POLICY } from './login-throttle.ts';
import { configureHashLimiter } from './passwords.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());
// Roomy by default so these tests see the throttle, not the hashing queue.
const roomy = { concurrency: 4, queueLimit: 1000 };
afterEach(() => configureHashLimiter(roomy));
beforeAll(() => configureHashLimiter(roomy));

/** Each test signs in from its own address, so the per-address counter of one does not spill into another. */
let lastIp = 0;
const fromNewIp = () => new TestClient(ctx.app, `10.1.0.${++lastIp}`);

const tryLogin = (client: TestClient, username: string, password: string) =>
  client.post('/api/auth/login', { username, password }, { lang: 'en' });

describe('parallel sign-ins', () => {
  it('30 parallel wrong passwords lock the account, and no more than lockAfter passwords are verified', async () => {
    const client = fromNewIp();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => tryLogin(client, 'office', `wrong-${i}`)));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses).not.toContain(200);
    expect(statuses).toContain(423);
    expect(await repo.countAttempts(ctx.db, 'office')).toBeLessThanOrEqual(LOGIN_POLICY.lockAfter);
    // The lock holds for the right password too, and administrators see it.
    const right = await tryLogin(client, 'office', 'demo1234');
    expect(right.statusCode).toBe(423);
    const admin = await ctx.as('admin');
    const listed = (await admin.get('/api/users', { query: { q: 'office' } }))
      .json()
      .items.find((u: { username: string }) => u.username === 'office');
    expect(listed.lockedUntil).not.toBeNull();
  });

  it('29 wrong and 1 right in parallel: the right one is refused once the lock is reached', async () => {
    const client = fromNewIp();
    const attempts = Array.from({ length: 29 }, (_, i) => tryLogin(client, 'teacher', `wrong-${i}`));
    attempts.push(tryLogin(client, 'teacher', 'demo1234'));
    const results = await Promise.all(attempts);
    expect(results.at(-1)!.statusCode).toBe(423);
    expect(results.at(-1)!.json().error.code).toBe('account_locked');
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(0);
    expect(await repo.countAttempts(ctx.db, 'teacher')).toBeLessThanOrEqual(LOGIN_POLICY.lockAfter);
  });

  it('80 parallel failures from one address: at most ipMaxFailures are verified, the rest get 429 with Retry-After', async () => {
    const client = fromNewIp();
    const results = await Promise.all(Array.from({ length: 80 }, (_, i) => tryLogin(client, `ghost-${i}`, 'guess')));
    const throttled = results.filter((r) => r.statusCode === 429);
    expect(throttled).toHaveLength(80 - LOGIN_POLICY.ipMaxFailures);
    for (const r of throttled) {
      expect(r.json().error.code).toBe('too_many_attempts');
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(results.filter((r) => r.statusCode === 401)).toHaveLength(LOGIN_POLICY.ipMaxFailures);
    // A good password from the same address waits too: the address is throttled, whoever it is.
    expect((await tryLogin(client, 'student', 'demo1234')).statusCode).toBe(429);
  });
});

describe('unknown account names', () => {
  /** Signs in wrongly until locked, waiting out each slow-down; returns what the caller saw. */
  async function failUntilLocked(username: string) {
    const client = fromNewIp();
    const seen: string[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await tryLogin(client, username, `wrong-${i}`);
      seen.push(`${res.statusCode} ${res.json().error.code} ${res.json().error.message}`);
      if (res.statusCode === 429) ctx.clock.advance(61_000);
      if (res.statusCode === 423) break;
    }
    return seen;
  }

  it('get the same answers as an existing account, lock included', async () => {
    const existing = await failUntilLocked('leader');
    const unknown = await failUntilLocked('no-such-user');
    expect(existing.at(-1)).toMatch(/^423 account_locked/);
    expect(unknown).toEqual(existing);
  });
});

describe('hashing queue', () => {
  it('bounds concurrent password hashes and answers 429 with Retry-After beyond its queue', async () => {
    configureHashLimiter({ concurrency: 1, queueLimit: 2 });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => tryLogin(new TestClient(ctx.app, `10.2.0.${i}`), `busy-${i}`, 'guess')),
    );
    const busy = results.filter((r) => r.json().error.code === 'sign_in_busy');
    expect(busy.length).toBeGreaterThan(0);
    for (const r of busy) {
      expect(r.statusCode).toBe(429);
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(results.filter((r) => r.statusCode === 401).length).toBeGreaterThanOrEqual(1);
    // A refused attempt was never verified, so it does not count against the account.
    const refusedName = `busy-${results.findIndex((r) => r.json().error.code === 'sign_in_busy')}`;
    const [row] = await ctx.db
      .select()
      .from(loginThrottle)
      .where(eq(loginThrottle.key, `user:${refusedName}`));
    expect(row.failures).toBe(0);
  });
});

describe('counter rows', () => {
  it('are pruned once their window has passed, but not while they hold a lock', async () => {
    const now = ctx.clock();
    const minutes = (m: number) => new Date(now.getTime() + m * 60_000);
    await ctx.db.insert(loginThrottle).values([
      { key: 'user:prune-old', failures: 2, windowStart: minutes(-16) },
      { key: 'user:prune-current', failures: 2, windowStart: minutes(-5) },
      { key: 'user:prune-locked', failures: 10, windowStart: minutes(-16), lockedUntil: minutes(3) },
      { key: 'user:prune-lock-over', failures: 10, windowStart: minutes(-30), lockedUntil: minutes(-1) },
    ]);
    await repo.deleteStaleThrottleRows(ctx.db, minutes(-LOGIN_POLICY.windowMinutes), now);
    const left = (await ctx.db.select({ key: loginThrottle.key }).from(loginThrottle))
      .map((r) => r.key)
      .filter((k) => k.startsWith('user:prune-'));
    expect(left.sort()).toEqual(['user:prune-current', 'user:prune-locked']);
  });
});
