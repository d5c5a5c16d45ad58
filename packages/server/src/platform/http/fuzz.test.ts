import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';

/**
 * Fuzzes every route of the OpenAPI document with values derived from its own
 * schema (types, enums, bounds) mixed with hostile ones (integers beyond
 * PostgreSQL's `integer`, NUL bytes, prototype keys, huge strings, wrong
 * types, truncated multipart bodies), signed in as admin and anonymous.
 * Whatever comes back must not be a 500, and every error must have the one
 * shape `{ error: { code, message, details } }`. A failure prints the seed:
 * `FUZZ_SEED=<seed> FUZZ_RUNS=<n> npx vitest run …/fuzz.test.ts` replays it.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS_ADMIN = Number(process.env.FUZZ_RUNS ?? 8);
const RUNS_ANONYMOUS = Math.max(2, Math.round(RUNS_ADMIN / 4));

/** Routes that would end the admin's session rather than exercise input handling. */
const SKIP = new Set(['POST /api/auth/logout', 'POST /api/me/password']);

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  default?: unknown;
}
interface Operation {
  parameters?: { in: 'path' | 'query' | 'header'; name: string; schema?: JsonSchema; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

const INT_EDGES = [0, -1, 1, 2, 2_147_483_647, 2_147_483_648, -2_147_483_649, 99_999_999_999, 9_007_199_254_740_992, 1e308, 1.5];
const HOSTILE: unknown[] = [
  ...INT_EDGES,
  '2147483648',
  '99999999999',
  '-1',
  '1e3',
  'NaN',
  'Infinity',
  '0x10',
  ' 7 ',
  '\u0000',
  'a\u0000b',
  '%00',
  '__proto__',
  'constructor',
  'toString',
  '',
  ' ',
  'x'.repeat(5000),
  '😀'.repeat(100),
  "'; drop table users; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '2026-02-30',
  '9999-12-31T23:59:59Z',
  '24:61',
  null,
  true,
  false,
  [],
  {},
  [null],
  { __proto__: { polluted: true } },
  { constructor: { prototype: {} } },
];
const hostile = fc.constantFrom(...HOSTILE);

/** A value for a JSON schema: mostly well-typed (so validation passes and handlers run), sometimes hostile. */
function valueOf(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return hostile;
  const typed = typedValueOf(schema, depth);
  return fc.oneof({ weight: 4, arbitrary: typed }, { weight: 1, arbitrary: hostile });
}

function typedValueOf(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => valueOf(s, depth + 1)));
  if (schema.allOf?.length) return valueOf(schema.allOf[0], depth + 1);
  const type = [schema.type].flat().find((t) => t !== 'null') ?? (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'integer':
    case 'number': {
      const lo = schema.minimum ?? -1000;
      const hi = schema.maximum ?? 100_000;
      return fc.oneof(
        fc.integer({ min: Math.max(lo, -1e9), max: Math.min(hi, 1e9) }),
        fc.constantFrom(...INT_EDGES, lo - 1, hi + 1),
        type === 'number' ? fc.double({ noNaN: true }) : fc.constant(1),
      );
    }
    case 'boolean':
      return fc.boolean();
    case 'string':
      return fc.oneof(
        fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) }),
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        fc.constantFrom('S2026001', 'CS', 'course_request', '2026-09-01', '08:00', 'admin', 'students'),
        fc.constantFrom('\u0000', 'a\u0000b', 'x'.repeat((schema.maxLength ?? 100) + 1)),
      );
    case 'array':
      return fc.array(valueOf(schema.items, depth + 1), { maxLength: 4 });
    case 'object': {
      const props = schema.properties ?? {};
      const keys = Object.keys(props);
      if (!keys.length) return fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'a', 'id'), hostile, { maxKeys: 2 });
      return fc.record(Object.fromEntries(keys.map((k) => [k, valueOf(props[k], depth + 1)])), { requiredKeys: [] });
    }
    default:
      return hostile;
  }
}

/** A query-string or path value: strings as they would arrive in a URL. */
const asParam = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

interface FuzzRequest {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

function requestOf(op: Operation): fc.Arbitrary<FuzzRequest> {
  const params = op.parameters ?? [];
  const path = fc.record(Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, valueOf(p.schema)])));
  const query = fc.record(Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, valueOf(p.schema)])), {
    requiredKeys: [],
  });
  const content = op.requestBody?.content ?? {};
  const json = content['application/json']?.schema;
  const body: fc.Arbitrary<unknown> = json
    ? fc.oneof({ weight: 6, arbitrary: valueOf(json) }, { weight: 1, arbitrary: hostile })
    : fc.constant(undefined);
  return fc.record({ path, query, body });
}

/** Multipart bodies: well-framed, truncated anywhere, or garbage under a multipart content type. */
const multipartBody = fc
  .tuple(fc.uint8Array({ maxLength: 300 }), fc.nat({ max: 400 }), fc.boolean(), fc.constantFrom('file', 'other', 'fi\u0000le'))
  .map(([data, cut, framed, field]) => {
    const boundary = 'fuzzboundary';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="x.csv"\r\nContent-Type: text/csv\r\n\r\n`;
    const full = Buffer.concat([Buffer.from(head), Buffer.from(data), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const payload = framed ? full.subarray(0, Math.min(cut + head.length, full.length)) : Buffer.from(data);
    return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
  });

let ctx: TestContext;
let admin: TestClient;
let doc: { paths: Record<string, Record<string, Operation>> };
/** The fuzzing admin's own account and role: left alone, or the rest of the run would be refused. */
const protectedIds: Record<string, Set<string>> = {};
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('admin');
  doc = (await ctx.anonymous().get('/api/docs/json')).json();
  const me = (await admin.get('/api/me')).json();
  const roles = (await admin.get('/api/roles')).json() as { id: number; code: string }[];
  protectedIds['/api/users/'] = new Set([String(me.id ?? me.user?.id)]);
  protectedIds['/api/roles/'] = new Set(roles.filter((r) => r.code === 'admin').map((r) => String(r.id)));
});

/** Path parameter values, with the admin's own user and role swapped for an id that does not exist. */
function pathValue(template: string, value: unknown) {
  const text = asParam(value);
  const guarded = Object.entries(protectedIds).some(([prefix, ids]) => template.startsWith(prefix) && ids.has(String(Number(text.trim()))));
  return guarded ? '999999' : text;
}
afterAll(() => ctx.close());

function problemsOf(label: string, res: { statusCode: number; body: string }): string[] {
  if (res.statusCode >= 500) return [`${label} → ${res.statusCode} ${res.body.slice(0, 200)}`];
  if (res.statusCode < 400) return [];
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return [`${label} → ${res.statusCode} not JSON: ${res.body.slice(0, 100)}`];
  }
  const error = (body as { error?: Record<string, unknown> }).error;
  const ok =
    Object.keys(body as object).length === 1 &&
    typeof error?.code === 'string' &&
    typeof error.message === 'string' &&
    !!error.details &&
    typeof error.details === 'object';
  return ok ? [] : [`${label} → ${res.statusCode} wrong error shape: ${res.body.slice(0, 200)}`];
}

describe('fuzzing every route', () => {
  it('never answers 500 and always uses the one error shape', { timeout: 120_000 }, async () => {
    const problems: string[] = [];
    let requests = 0;
    const operations = Object.entries(doc.paths).flatMap(([template, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ template, method: method.toUpperCase(), op })),
    );
    expect(operations.length).toBeGreaterThan(100);
    for (const [index, { template, method, op }] of operations.entries()) {
      if (SKIP.has(`${method} ${template}`)) continue;
      const multipart = !!op.requestBody?.content?.['multipart/form-data'];
      const seed = SEED + index;
      const samples = fc.sample(fc.tuple(requestOf(op), multipartBody), { numRuns: RUNS_ADMIN + RUNS_ANONYMOUS, seed });
      for (const [n, [req, upload]] of samples.entries()) {
        const client = n < RUNS_ADMIN ? admin : ctx.anonymous();
        const url = template.replace(/\{(\w+)\}/g, (_m, k: string) => encodeURIComponent(pathValue(template, req.path[k])) || '%20');
        const query = Object.fromEntries(
          Object.entries(req.query)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => [k, asParam(v)]),
        );
        const qs = new URLSearchParams(query).toString();
        const full = qs ? `${url}?${qs}` : url;
        const res = multipart
          ? await client.request(method, full, upload.payload, { headers: { 'content-type': upload.contentType } })
          : await client.request(method, full, method === 'GET' || method === 'DELETE' ? undefined : (req.body ?? {}));
        requests++;
        const who = client === admin ? 'admin' : 'anonymous';
        problems.push(
          ...problemsOf(`[seed ${seed}] ${who} ${method} ${full.slice(0, 200)} ${JSON.stringify(req.body)?.slice(0, 200) ?? ''}`, res),
        );
        // A fuzzed call may have ended the admin's session (e.g. a reset of its own password): sign in again.
        if (client === admin && res.statusCode === 401) admin = await ctx.as('admin');
      }
    }
    expect(problems).toEqual([]);
    expect(requests).toBeGreaterThan(1000);
  });
});
