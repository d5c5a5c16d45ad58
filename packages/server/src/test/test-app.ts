import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions } from '../app.ts';
import type { Db } from '../db/client.ts';
import type { App } from '../platform/http/types.ts';
import { cloneTestDatabase, type TestDatabase } from './test-db.ts';

export interface TestClock {
  now: Date;
  (): Date;
  advance(ms: number): void;
}

/** A clock tests can move (session expiry, lockouts). */
export function testClock(start = new Date('2026-09-01T08:00:00Z')): TestClock {
  const clock = (() => clock.now) as TestClock;
  clock.now = start;
  clock.advance = (ms) => {
    clock.now = new Date(clock.now.getTime() + ms);
  };
  return clock;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  lang?: 'zh-CN' | 'en';
}

/** Calls the API as one signed-in user (or nobody): keeps the cookie and sends the CSRF token. */
export class TestClient {
  cookie: string | null = null;
  csrfToken: string | null = null;
  readonly app: App;
  readonly ip: string;
  constructor(app: App, ip = '127.0.0.1') {
    this.app = app;
    this.ip = ip;
  }

  async request(method: string, url: string, body?: unknown, opts: RequestOptions = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { 'accept-language': opts.lang ?? 'zh-CN', ...(opts.headers ?? {}) };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET') headers['x-csrf-token'] ??= this.csrfToken;
    const query = opts.query
      ? Object.fromEntries(
          Object.entries(opts.query)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => [k, String(v)]),
        )
      : undefined;
    const res = await this.app.inject({
      method,
      url,
      query,
      headers,
      remoteAddress: this.ip,
      ...(body instanceof Buffer || typeof body === 'string' ? { payload: body } : body !== undefined ? { payload: body as object } : {}),
    });
    const setCookie = res.cookies.find((c) => c.name === 'jw_session');
    if (setCookie) this.cookie = setCookie.value ? `jw_session=${setCookie.value}` : null;
    return res;
  }

  get(url: string, opts?: RequestOptions) {
    return this.request('GET', url, undefined, opts);
  }
  post(url: string, body?: unknown, opts?: RequestOptions) {
    return this.request('POST', url, body ?? {}, opts);
  }
  patch(url: string, body: unknown, opts?: RequestOptions) {
    return this.request('PATCH', url, body, opts);
  }
  put(url: string, body: unknown, opts?: RequestOptions) {
    return this.request('PUT', url, body, opts);
  }
  delete(url: string, opts?: RequestOptions) {
    return this.request('DELETE', url, undefined, opts);
  }

  async login(username: string, password = 'demo1234'): Promise<LightMyRequestResponse> {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.statusCode === 200) this.csrfToken = res.json().csrfToken;
    return res;
  }
}

export interface TestContext {
  app: App;
  db: Db;
  database: TestDatabase;
  clock: TestClock;
  /** A client signed in as `username` (demo password by default); throws if sign-in fails. */
  as(username: string, password?: string): Promise<TestClient>;
  anonymous(): TestClient;
  close(): Promise<void>;
}

/**
 * The app on its own database cloned from a template; one per test file
 * (Outline's and Immich's "medium" tests). No web assets are served.
 */
export async function createTestContext(
  opts: { template?: 'base' | 'demo'; app?: Omit<AppOptions, 'db' | 'clock'> } = {},
): Promise<TestContext> {
  const database = await cloneTestDatabase(opts.template ?? 'demo');
  const clock = testClock(new Date());
  const app = await buildApp({ webDist: '/nonexistent', ...opts.app, db: database.db, clock });
  await app.ready();
  return {
    app,
    db: database.db,
    database,
    clock,
    anonymous: () => new TestClient(app),
    async as(username, password) {
      const client = new TestClient(app);
      const res = await client.login(username, password);
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return client;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
