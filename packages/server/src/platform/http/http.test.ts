import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ template: 'base' });
});
afterAll(() => ctx.close());

describe('operations endpoints', () => {
  it('answers the health check without signing in', async () => {
    const res = await ctx.anonymous().get('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('publishes an OpenAPI document generated from the routes, with their zod schemas', async () => {
    const res = await ctx.anonymous().get('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/students', '/api/students/{id}', '/api/audit']),
    );
    const login = doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema;
    expect(login.required).toEqual(['username', 'password']);
    expect((await ctx.anonymous().get('/api/docs')).statusCode).toBeLessThan(400);
  });

  // /metrics (token or separate listener): edge.test.ts
});

describe('error shape', () => {
  it('answers an unknown API path with the one error shape, translated', async () => {
    const zh = await ctx.anonymous().get('/api/nope');
    expect(zh.statusCode).toBe(404);
    expect(zh.json()).toEqual({ error: { code: 'route_not_found', message: '接口不存在', details: {} } });
    const en = await ctx.anonymous().get('/api/nope', { lang: 'en' });
    expect(en.json().error.message).toBe('No such endpoint');
  });

  it('names every invalid field of a body, in the caller language', async () => {
    const res = await ctx.anonymous().post('/api/auth/login', { username: '', password: 5 }, { lang: 'en' });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe('Some fields are invalid');
    expect(error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['password', 'username']);
    expect(error.details.fields.every((f: { message: string }) => /^[A-Z]/.test(f.message))).toBe(true);
  });

  it('refuses malformed JSON with a 400 in the same shape', async () => {
    const res = await ctx
      .anonymous()
      .request('POST', '/api/auth/login', '{"username":', { headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });
});
