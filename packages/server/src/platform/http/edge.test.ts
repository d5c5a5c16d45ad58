import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, type ErrorCode } from '@jiaowu/contracts';
import { buildApp } from '../../app.ts';
import type { Database } from '../../db/client.ts';
import { multipartFile } from '../../test/multipart.ts';
import { cloneTestDatabase } from '../../test/test-db.ts';
import { createTestContext, TestClient, type TestContext } from '../../test/test-app.ts';
import { AppError, STATUS_BY_CODE } from '../errors.ts';
import { registerErrorHandler } from './error-handler.ts';
import { buildMetricsServer } from './metrics.ts';
import type { App } from './types.ts';

let ctx: TestContext;
let admin: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('admin');
});
afterAll(() => ctx.close());

/** Asserts the one error body: `{ error: { code, message, details } }` and nothing else. */
function expectErrorShape(body: unknown) {
  expect(Object.keys(body as object)).toEqual(['error']);
  const { error } = body as { error: Record<string, unknown> };
  expect(Object.keys(error).sort()).toEqual(['code', 'details', 'message']);
  expect(typeof error.code).toBe('string');
  expect(typeof error.message).toBe('string');
  expect(typeof error.details).toBe('object');
  expect(error.details).not.toBeNull();
}

describe('security headers', () => {
  it('sends CSP without framing, nosniff and a referrer policy on API answers and refusals, and no HSTS over HTTP', async () => {
    for (const res of [await admin.get('/api/me'), await ctx.anonymous().get('/api/me'), await ctx.anonymous().get('/api/nope')]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('keeps the API docs UI working under the CSP (no inline script in its page)', async () => {
    const page = await ctx.anonymous().get('/api/docs');
    expect(page.statusCode).toBe(200);
    const scripts = page.body.match(/<script[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    // script-src 'self' runs only scripts loaded from our origin: each tag must load a file, none inline.
    expect(scripts.filter((tag) => !/\bsrc="[^"]+"/.test(tag))).toEqual([]);
    expect((await ctx.anonymous().get('/api/docs/static/swagger-initializer.js')).statusCode).toBe(200);
    expect((await ctx.anonymous().get('/api/docs/json')).statusCode).toBe(200);
  });

  it('adds HSTS when cookies are secure (SECURE_COOKIES=1, behind HTTPS)', async () => {
    const database = await cloneTestDatabase('base');
    const app = await buildApp({ db: database.db, webDist: '/nonexistent', secureCookies: true });
    try {
      const res = await app.inject({ method: 'GET', url: '/healthz' });
      expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    } finally {
      await app.close();
      await database.close();
    }
  });
});

describe('metrics', () => {
  it('is not served to the public listener without a token', async () => {
    const res = await ctx.anonymous().get('/metrics');
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('http_request_duration_seconds');
  });

  it('needs the METRICS_TOKEN as a Bearer token when one is configured', async () => {
    const database: Database = await cloneTestDatabase('base');
    const app = await buildApp({ db: database.db, webDist: '/nonexistent', metricsToken: 'scrape-secret' });
    try {
      const anon = await app.inject({ method: 'GET', url: '/metrics' });
      expect(anon.statusCode).toBe(401);
      expectErrorShape(anon.json());
      const wrong = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer nope' } });
      expect(wrong.statusCode).toBe(401);
      const ok = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-secret' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('http_request_duration_seconds');
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('serves them on the separate listener (METRICS_PORT), with the routes of the app', async () => {
    await admin.get('/api/colleges');
    const server = buildMetricsServer(ctx.app.metricsRegistry);
    const res = await server.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/colleges",status="200"\}/);
    await server.close();
  });
});

describe('rate limits', () => {
  it('says when to retry on every 429', async () => {
    const client = new TestClient(ctx.app, '10.9.8.7');
    let limited;
    for (let i = 0; i < 10 && !limited; i++) {
      const res = await client.post('/api/auth/login', { username: 'office', password: `wrong${i}` });
      if (res.statusCode === 429) limited = res;
    }
    expect(limited?.statusCode).toBe(429);
    const retryAfter = Number(limited?.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
    expect(limited?.json().error.message).toContain(String(retryAfter));
  });
});

describe('bad input gives a 400 naming the field, never a 500', () => {
  it('refuses numbers beyond the integer columns in paths, filters and bodies', async () => {
    const path = await admin.get('/api/students/2147483648');
    expect(path.statusCode).toBe(400);
    expect(path.json().error.details.fields[0].field).toBe('id');
    const filter = await admin.get('/api/students', { query: { collegeId: '99999999999' } });
    expect(filter.statusCode).toBe(400);
    expect(filter.json().error.details.fields[0].field).toBe('collegeId');
    const body = await admin.post('/api/departments', { code: 'X1', name: 'X', collegeId: 2147483648 });
    expect(body.statusCode).toBe(400);
    expect(body.json().error.details.fields[0].field).toBe('collegeId');
    expect((await admin.get('/api/students/2147483647')).statusCode).toBe(404);
  });

  it('refuses NUL characters in query and body strings, in the caller language', async () => {
    const q = await admin.get('/api/students?q=%00', { lang: 'en' });
    expect(q.statusCode).toBe(400);
    expect(q.json().error.details.fields).toEqual([{ field: 'q', code: 'nul_char', message: 'Must not contain a NUL character (\\0)' }]);
    const body = await admin.post('/api/colleges', { code: 'NUL1', name: 'a\u0000b' });
    expect(body.statusCode).toBe(400);
    expect(body.json().error.details.fields[0]).toMatchObject({ field: 'name', code: 'nul_char' });
    const nested = await admin.patch('/api/students/1', { phone: '\u0000' });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().error.details.fields[0].field).toBe('phone');
  });

  it('takes sort keys from the resource allow-list only', async () => {
    for (const sort of ['__proto__', 'constructor', 'password_hash', 'toString']) {
      const res = await admin.get('/api/students', { query: { sort } });
      expect(res.statusCode, sort).toBe(400);
      expect(res.json().error.details.fields[0].field).toBe('sort');
    }
    expect((await admin.get('/api/students', { query: { sort: 'name', order: 'desc' } })).statusCode).toBe(200);
  });

  it('answers a truncated multipart upload with 400', async () => {
    const { payload, headers } = multipartFile('code,name\nS1,张三\n'.repeat(50));
    const res = await admin.request('POST', '/api/imports/students', payload.subarray(0, payload.length - 30), { headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('malformed_body');
    expectErrorShape(res.json());
  });
});

describe('error shape', () => {
  it('always has code, message and details, for 404 and 500 too', async () => {
    expectErrorShape((await ctx.anonymous().get('/api/nope')).json());
    expectErrorShape((await ctx.anonymous().get('/api/me')).json());
    const app = Fastify() as unknown as App;
    registerErrorHandler(app);
    app.get('/boom', async () => {
      throw new Error('a bug');
    });
    app.get('/limited', async () => {
      throw new AppError('too_many_attempts', { params: { seconds: 7 } });
    });
    const boom = await app.inject({ method: 'GET', url: '/boom' });
    expect(boom.statusCode).toBe(500);
    expectErrorShape(boom.json());
    expect(boom.json().error.code).toBe('internal');
    const limited = await app.inject({ method: 'GET', url: '/limited' });
    expect(limited.headers['retry-after']).toBe('7');
    await app.close();
  });

  it('maps every error code to a status, 5xx only for the server own faults', () => {
    const codes = Object.keys(ERROR_MESSAGES) as ErrorCode[];
    expect(codes.filter((c) => typeof STATUS_BY_CODE[c] !== 'number')).toEqual([]);
    // job_lease_expired and job_interrupted are stored on jobs whose process died or stopped, never a request's answer.
    expect(codes.filter((c) => STATUS_BY_CODE[c] >= 500).sort()).toEqual([
      'internal',
      'job_interrupted',
      'job_lease_expired',
      'workflow_unknown_subject',
    ]);
  });
});
