import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkResult } from '@jiaowu/contracts';
import { multipartFile } from '../../test/multipart.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { buildSelectionFixture, seatOf, type SelectionFixture } from './test/selection-fixture.ts';
import { enrolments } from './selection.tables.ts';

/**
 * 批量选课/退课 through the HTTP API: a GBK CSV from Excel on Chinese Windows, every bad row
 * reported with its row, column and words (a refusal in the rule's own words), a dry run that
 * changes nothing, a commit of all rows or none, and the office only.
 */

let ctx: TestContext;
let fx: SelectionFixture;
let office: TestClient;
let secretary: TestClient;
let codes: { students: string[]; studentIds: number[]; overlapping: string[]; plain: string[] };

const rows = async <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => ((await ctx.db.execute(q)) as unknown as { rows: T[] }).rows;
const upload = async (who: TestClient, data: Buffer, filename: string, dryRun: boolean) => {
  const { payload, headers } = multipartFile(data, filename);
  return who.request('POST', `/api/selection/rounds/${fx.roundId}/bulk`, payload, { headers, query: { dryRun: String(dryRun) } });
};
const gbkCsv = (lines: string[][]) => iconv.encode(lines.map((l) => l.join(',')).join('\r\n'), 'gbk');
const enrolledOf = (studentIds: number[]) =>
  ctx.db
    .select()
    .from(enrolments)
    .where(and(inArray(enrolments.studentId, studentIds), eq(enrolments.status, 'enrolled')));

beforeAll(async () => {
  ctx = await createTestContext();
  fx = await buildSelectionFixture(ctx.db, ctx.clock());
  [office, secretary] = await Promise.all([ctx.as('office'), ctx.as('secretary')]);
  const studentIds = fx.studentIds.slice(10, 14);
  const s = await rows<{ id: number; code: string }>(
    sql`select id, code from students where id in ${sql.raw(`(${studentIds.join(',')})`)} order by id`,
  );
  const classCode = async (ids: number[]) =>
    Promise.all(ids.map(async (id) => (await rows<{ code: string }>(sql`select code from teaching_classes where id = ${id}`))[0].code));
  const plainIds = fx.classIds.filter((id) => !fx.overlapping.includes(id)).slice(0, 3);
  codes = {
    students: s.map((r) => r.code),
    studentIds: s.map((r) => r.id),
    overlapping: await classCode(fx.overlapping.slice(0, 2)),
    plain: await classCode(plainIds),
  };
});
afterAll(() => ctx.close());

const HEAD = ['学号', '教学班代码', '操作', '原因', '忽略规则'];

describe('批量选课/退课', () => {
  it('a dry run of a GBK CSV reports every bad row with its column and words, and changes nothing', async () => {
    const [a, b] = codes.students;
    const file = gbkCsv([
      HEAD,
      [a, codes.overlapping[0], '选课', '教务代选', ''], // 2: fine
      [a, codes.overlapping[0], '选课', '重复', ''], // 3: the same student and class again
      ['9999999999', codes.plain[0], '选课', '不存在的学生', ''], // 4
      [b, 'NOPE-99', '选课', '不存在的教学班', ''], // 5
      ['=HYPERLINK("http://evil")', codes.plain[0], '选课', '公式', ''], // 6: formula-looking cell, never run
      [a, codes.overlapping[1], '选课', '时间冲突', '否'], // 7: clashes with row 2's class
      [b, codes.plain[1], '换班', '未知操作', ''], // 8
      [b, codes.plain[2], '退课', '未选', ''], // 9: nothing to drop
    ]);
    const seatsBefore = (await seatOf(ctx.db, fx.overlapping[0])).enrolled;
    const res = await upload(office, file, '批量选课.csv', true);
    expect(res.statusCode).toBe(200);
    const out = res.json() as BulkResult;
    expect(out).toMatchObject({ dryRun: true, committed: false, fileName: '批量选课.csv', rows: 8, enrol: 1 });
    const byRow = new Map(out.errors.map((e) => [e.row, e]));
    expect([...byRow.keys()].sort((x, y) => x - y)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(byRow.get(3)).toMatchObject({ column: '教学班代码', code: 'duplicate_row' });
    expect(byRow.get(3)!.message).toContain('第 2 行');
    expect(byRow.get(4)).toMatchObject({ column: '学号', code: 'unknown_student', message: '学号“9999999999”不存在' });
    expect(byRow.get(5)).toMatchObject({ column: '教学班代码', code: 'unknown_class' });
    expect(byRow.get(6)!.value.startsWith("'=")).toBe(true);
    expect(byRow.get(7)).toMatchObject({ column: '教学班代码', code: 'time_conflict' });
    expect(byRow.get(7)!.message).toMatch(/冲突/);
    expect(byRow.get(8)).toMatchObject({ column: '操作', code: 'invalid_action' });
    expect(byRow.get(9)).toMatchObject({ column: '教学班代码', code: 'not_enrolled' });
    // Nothing was written: the dry run's enrolment of row 2 rolled back with everything else.
    expect(await enrolledOf(codes.studentIds)).toEqual([]);
    expect((await seatOf(ctx.db, fx.overlapping[0])).enrolled).toBe(seatsBefore);

    // The commit of the same file refuses all of it.
    const commit = (await upload(office, file, '批量选课.csv', false)).json() as BulkResult;
    expect(commit).toMatchObject({ dryRun: false, committed: false });
    expect(commit.errors.length).toBe(7);
    expect(await enrolledOf(codes.studentIds)).toEqual([]);
  });

  it('a refusal in the rule words, an override, and all-or-nothing', async () => {
    const [, , c, d] = codes.students;
    const hold = await office.post('/api/selection/holds', { studentId: codes.studentIds[2], reason: '学费未缴清' });
    expect(hold.statusCode).toBe(201);
    const file = gbkCsv([HEAD, [d, codes.plain[0], '选课', '教务代选', ''], [c, codes.plain[1], '选课', '教务代选', '']]);
    const out = (await upload(office, file, 'hold.csv', false)).json() as BulkResult;
    expect(out.committed).toBe(false);
    expect(out.errors).toEqual([expect.objectContaining({ row: 3, column: '学号', code: 'hold' })]);
    expect(out.errors[0].message).toContain('学费未缴清');
    // Row 2 was fine, but nothing was written.
    expect(await enrolledOf([codes.studentIds[3]])).toEqual([]);

    // With 忽略规则 = 是 the office enrols despite the hold: both rows commit.
    const ok = gbkCsv([HEAD, [d, codes.plain[0], '选课', '教务代选', ''], [c, codes.plain[1], '选课', '教务代选', '是']]);
    const done = (await upload(office, ok, 'ok.csv', false)).json() as BulkResult;
    expect(done).toMatchObject({ committed: true, enrol: 2, drop: 0, errors: [] });
    expect((await enrolledOf([codes.studentIds[2], codes.studentIds[3]])).map((e) => e.source)).toEqual(['office', 'office']);
    const [audit] = await rows<{ after: Record<string, unknown> }>(
      sql`select after from audit_log where action = 'enrolments.bulk' order by id desc limit 1`,
    );
    expect(audit.after).toMatchObject({ fileName: 'ok.csv', enrol: 2, drop: 0 });
  });

  it('an XLSX with English headers drops and enrols', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['Student No.', 'Class code', 'Action', 'Reason']);
    ws.addRow([codes.students[3], codes.plain[0], 'drop', 'office drop']);
    ws.addRow([codes.students[3], codes.plain[2], 'enrol', 'office enrol']);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const out = (await upload(office, data, 'bulk.xlsx', false)).json() as BulkResult;
    expect(out).toMatchObject({ committed: true, enrol: 1, drop: 1, errors: [] });
    const held = await enrolledOf([codes.studentIds[3]]);
    expect(held.map((e) => e.teachingClassId)).toEqual([fx.classIds.filter((id) => !fx.overlapping.includes(id))[2]]);
  });

  it('offers a template, and is the office’s only', async () => {
    const t = await office.get('/api/selection/bulk-template', { query: { format: 'xlsx' } });
    expect(t.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual(HEAD);
    expect((await secretary.get('/api/selection/bulk-template')).statusCode).toBe(403);
    const file = gbkCsv([HEAD, [codes.students[0], codes.plain[0], '选课', 'x', '']]);
    expect((await upload(secretary, file, 'x.csv', true)).statusCode).toBe(403);
  });
});
