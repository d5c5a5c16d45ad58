import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Database } from '../../db/client.ts';
import { systemActor } from '../../platform/access.ts';
import type { App } from '../../platform/http/types.ts';
import { cloneTestDatabase } from '../../test/test-db.ts';
import { testClock, TestClient, type TestClock } from '../../test/test-app.ts';
import { sessions, users } from './iam.tables.ts';
import { createSessionCache } from './session-cache.ts';

// The app as production runs it: sessions served from the in-process cache. The cache lives
// a minute here, so every change below must reach the user through invalidation, not expiry.
let database: Database;
let app: App;
let clock: TestClock;
beforeAll(async () => {
  database = await cloneTestDatabase('demo');
  clock = testClock(new Date());
  app = await buildApp({ db: database.db, clock, webDist: '/nonexistent', sessionCacheMs: 60_000 });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function signIn(username: string) {
  const client = new TestClient(app);
  const res = await client.login(username);
  expect(res.statusCode).toBe(200);
  return client;
}

const userId = async (username: string) => (await database.db.select().from(users).where(eq(users.username, username)))[0].id;

describe('cached sessions', () => {
  it('answer from the cache: a change behind the services is not read on every request', async () => {
    const client = await signIn('secretary');
    expect((await client.get('/api/me')).statusCode).toBe(200);
    await database.db.update(users).set({ displayName: '改名了' }).where(eq(users.username, 'secretary'));
    expect((await client.get('/api/me')).json().user.displayName).not.toBe('改名了');
  });

  it('a disabled user loses access at once', async () => {
    const admin = await signIn('admin');
    const victim = await signIn('teacher');
    expect((await victim.get('/api/me')).statusCode).toBe(200);
    expect((await admin.patch(`/api/users/${await userId('teacher')}`, { isDisabled: true })).statusCode).toBe(200);
    expect((await victim.get('/api/me')).statusCode).toBe(401);
  });

  it('a role taken away applies at once, to the user and through a changed role', async () => {
    const admin = await signIn('admin');
    const office = await signIn('office');
    expect((await office.get('/api/students')).statusCode).toBe(200);
    expect((await admin.patch(`/api/users/${await userId('office')}`, { roles: [] })).statusCode).toBe(200);
    expect((await office.get('/api/students')).statusCode).toBe(403);

    const leader = await signIn('leader');
    const before = (await leader.get('/api/me')).json().permissions;
    const granted = Object.keys(before);
    expect(granted.length).toBeGreaterThan(0);
    const roles = (await admin.get('/api/roles')).json() as { id: number; code: string; grants: unknown[] }[];
    const leaderRoles = (await admin.get(`/api/users/${await userId('leader')}`)).json().roles as { roleId: number }[];
    for (const r of leaderRoles) {
      const role = roles.find((x) => x.id === r.roleId)!;
      expect((await admin.patch(`/api/roles/${role.id}`, { grants: [] })).statusCode).toBe(200);
    }
    expect((await leader.get('/api/me')).json().permissions).toEqual({});
  });

  it('sign-out ends the session at once; an idle session still expires', async () => {
    const client = await signIn('student');
    const stolen = client.cookie!;
    expect((await client.post('/api/auth/logout')).statusCode).toBe(200);
    const thief = new TestClient(app);
    thief.cookie = stolen;
    expect((await thief.get('/api/me')).statusCode).toBe(401);

    const idle = await signIn('admin');
    expect((await idle.get('/api/me')).statusCode).toBe(200);
    clock.advance(9 * 3600_000);
    const res = await idle.get('/api/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('session_expired');
  });

  it('slides the expiry in the database at most once a minute', async () => {
    const client = await signIn('admin');
    const id = async () => (await database.db.select().from(sessions).orderBy(sessions.createdAt)).at(-1)!;
    const signedInAt = (await id()).lastSeenAt.getTime();
    clock.advance(30_000);
    await Promise.all(Array.from({ length: 5 }, () => client.get('/api/me')));
    expect((await id()).lastSeenAt.getTime()).toBe(signedInAt);
    clock.advance(31_000);
    await Promise.all(Array.from({ length: 5 }, () => client.get('/api/me')));
    const touched = await id();
    expect(touched.lastSeenAt.getTime()).toBe(clock.now.getTime());
    expect(touched.expiresAt.getTime()).toBeGreaterThan(clock.now.getTime());
  });
});

describe('createSessionCache', () => {
  afterEach(() => vi.useRealTimers());

  it('forgets entries after their lifetime and by user', async () => {
    // The cache keys by session and user id only; any real user row and actor will do.
    const [user] = await database.db.select().from(users).limit(1);
    vi.useFakeTimers({ toFake: ['performance'] });
    const cache = createSessionCache({ ttlMs: 5_000 });
    const entry = (sessionId: string, userId: number) => ({
      session: { id: sessionId, userId, csrfToken: 'x', createdAt: new Date(), lastSeenAt: new Date(), expiresAt: new Date() },
      user,
      actor: systemActor,
    });
    cache.set('a', entry('a', 1));
    cache.set('b', entry('b', 2));
    expect(cache.get('a')).not.toBeNull();
    cache.forgetUser(1);
    expect(cache.get('a')).toBeNull();
    expect(cache.get('b')).not.toBeNull();
    vi.advanceTimersByTime(5_001);
    expect(cache.get('b')).toBeNull();
    expect(createSessionCache({ ttlMs: 0 }).get('a')).toBeNull();
  });
});
