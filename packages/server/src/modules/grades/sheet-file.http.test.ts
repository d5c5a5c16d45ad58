import { and, eq, notInArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import { multipartFile } from '../../test/multipart.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { users } from '../iam/iam.tables.ts';
import { teachingClasses } from '../offerings/offerings.tables.ts';
import { students } from '../org/org.tables.ts';
import { gradeSheets } from './grades.tables.ts';
import { buildSheetsFixture, type SheetsFixture } from './test/sheets-fixture.ts';

/**
 * 成绩导入 through the API: the teacher downloads the class's template (roster, components,
 * current grades), fills it in and uploads it; the dry run lists every bad row with its row and
 * column and saves nothing; the commit saves through the grid's save path, all or nothing.
 */

let ctx: TestContext;
let f: SheetsFixture;
let teacher: TestClient;
let otherTeacher: TestClient;
let student: TestClient;
let url: string;
let S: number[];
let codeOf: Map<number, string>;

type Row = { studentId: number; studentCode: string; entry: unknown; components: Record<string, number> };
const view = async () => (await teacher.get(url)).json() as { sheet: { version: number; status: string }; rows: Row[] };

async function template(client: TestClient, lang: 'zh-CN' | 'en' = 'zh-CN') {
  return client.request('GET', `${url}/template`, undefined, { lang, query: { kind: 'normal' } });
}
async function workbookOf(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}
async function upload(
  client: TestClient,
  data: Buffer | string,
  opts: { dryRun: boolean; version: number; name?: string; lang?: 'zh-CN' | 'en' },
) {
  const { payload, headers } = multipartFile(data, opts.name ?? '成绩.xlsx');
  return client.request('POST', `${url}/import`, payload, {
    headers,
    query: { dryRun: String(opts.dryRun), version: String(opts.version), kind: 'normal' },
    lang: opts.lang ?? 'zh-CN',
  });
}

beforeAll(async () => {
  ctx = await createTestContext({ app: { logger: { level: 'error' } } });
  f = await buildSheetsFixture(ctx.db, ctx.clock());
  S = f.studentIds;
  url = `/api/grades/classes/${f.classId}`;
  const [other] = await ctx.db
    .select({ teacherIds: teachingClasses.teacherIds })
    .from(teachingClasses)
    .where(eq(teachingClasses.id, f.otherClassId));
  const [otherUser] = await ctx.db.select({ username: users.username }).from(users).where(eq(users.teacherId, other.teacherIds[0]));
  // A name that looks like a formula must reach the file as text.
  await ctx.db.update(students).set({ name: '=1+1' }).where(eq(students.id, S[3]));
  [teacher, otherTeacher, student] = await Promise.all([ctx.as('teacher'), ctx.as(otherUser.username), ctx.as('student')]);
  codeOf = new Map((await view()).rows.map((r) => [r.studentId, r.studentCode]));
}, 120_000);
afterAll(() => ctx?.close());

describe('grade sheet template and import 成绩导入', () => {
  it('gives the teacher a template with the roster, the components, the grades so far and a notes sheet', async () => {
    const saved = await teacher.put(url, { version: 0, rows: [{ studentId: S[0], components: { regular: '80', final: '90.5' } }] });
    expect(saved.statusCode, saved.body).toBe(200);
    const res = await template(teacher);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('成绩登记表-GRD101-GRD101-01.xlsx');
    const wb = await workbookOf(res.rawPayload);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['学号', '姓名', '行政班', '平时', '期末', '成绩标记']);
    expect(ws.rowCount).toBe(1 + S.length);
    const rowOfCode = (code: string) => {
      for (let i = 2; i <= ws.rowCount; i++) if (ws.getRow(i).getCell(1).value === code) return ws.getRow(i);
      throw new Error(`no row for ${code}`);
    };
    expect(rowOfCode(codeOf.get(S[0])!).getCell(4).value).toBe(80);
    expect(rowOfCode(codeOf.get(S[0])!).getCell(5).value).toBe(90.5);
    expect(rowOfCode(codeOf.get(S[6])!).getCell(6).value).toBe('作弊');
    // The formula-looking name is a text cell, not a formula.
    const named = rowOfCode(codeOf.get(S[3])!).getCell(2);
    expect(named.type).toBe(ExcelJS.ValueType.String);
    expect(named.value).toBe('=1+1');
    expect(wb.worksheets[1].name).toBe('填写说明');
    const notes = wb.worksheets[1].getSheetValues().flat().join(' ');
    expect(notes).toContain('0–100');
    expect(notes).toContain('缓考');
    // English headers for an English reader.
    const en = await workbookOf((await template(teacher, 'en')).rawPayload);
    expect((en.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual([
      'Student No.',
      'Name',
      'Class',
      'Coursework',
      'Final exam',
      'Mark',
    ]);
  });

  it('lists every bad row with its row and column in the dry run and saves nothing', async () => {
    const before = await view();
    const wb = await workbookOf((await template(teacher)).rawPayload);
    const ws = wb.worksheets[0];
    const rowNo = (id: number) => {
      for (let i = 2; i <= ws.rowCount; i++) if (ws.getRow(i).getCell(1).value === codeOf.get(id)) return i;
      throw new Error('missing');
    };
    ws.getRow(rowNo(S[1])).getCell(4).value = 75;
    ws.getRow(rowNo(S[1])).getCell(5).value = 85;
    ws.getRow(rowNo(S[2])).getCell(5).value = 'abc';
    ws.getRow(rowNo(S[6])).getCell(6).value = '缺考';
    ws.addRow(['NO-SUCH-STUDENT', '某人', '', 60, 60]);
    ws.addRow([codeOf.get(S[1]), '', '', 10, 10]);
    const res = await upload(teacher, Buffer.from(await wb.xlsx.writeBuffer()), { dryRun: true, version: before.sheet.version });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out).toMatchObject({ dryRun: true, committed: false });
    const errors = out.errors.map((e: { row: number; column: string; message: string }) => [e.row, e.column, e.message]);
    expect(errors).toEqual(
      expect.arrayContaining([
        [rowNo(S[2]), '期末', expect.stringContaining('无法识别“abc”')],
        [rowNo(S[6]), '成绩标记', expect.stringContaining('已由考务确定（作弊）')],
        [ws.rowCount - 1, '学号', '学号“NO-SUCH-STUDENT”不存在'],
        [ws.rowCount, '学号', expect.stringContaining(`与第 ${rowNo(S[1])} 行重复`)],
      ]),
    );
    expect(out.errors).toHaveLength(4);
    // The good row's change is shown, before → after.
    expect(out.changes).toEqual([
      expect.objectContaining({
        row: rowNo(S[1]),
        studentId: S[1],
        cells: [
          { column: '平时', before: null, after: '75' },
          { column: '期末', before: null, after: '85' },
          { column: '总评', before: null, after: '82' },
        ],
      }),
    ]);
    const after = await view();
    expect(after.sheet.version).toBe(before.sheet.version);
    expect(after.rows.find((r) => r.studentId === S[1])!.components).toEqual({});
    // A commit of the same file saves nothing either: all or nothing.
    const commit = await upload(teacher, Buffer.from(await wb.xlsx.writeBuffer()), { dryRun: false, version: before.sheet.version });
    expect(commit.json()).toMatchObject({ committed: false });
    expect((await view()).sheet.version).toBe(before.sheet.version);
  });

  it('reads a GBK CSV and names a student of another class', async () => {
    const { version } = (await view()).sheet;
    const [outsider] = await ctx.db.select({ code: students.code }).from(students).where(notInArray(students.id, S)).limit(1);
    const csv = `学号,平时,期末\r\n${codeOf.get(S[2])},70,80\r\n${outsider.code},70,80\r\n`;
    const res = await upload(teacher, iconv.encode(csv, 'gbk'), { dryRun: true, version, name: '成绩.csv' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ encoding: 'gb18030' });
    expect(res.json().errors).toEqual([
      expect.objectContaining({ row: 3, column: '学号', message: `学号“${outsider.code}”的学生不在本成绩登记表中` }),
    ]);
    expect(res.json().changes).toEqual([
      expect.objectContaining({ studentId: S[2], cells: expect.arrayContaining([{ column: '总评', before: null, after: '77' }]) }),
    ]);
  });

  it('commits the file through the save path: the grid shows the grades, and the import is audited', async () => {
    const { version } = (await view()).sheet;
    const csv = `学号,平时,期末,成绩标记\r\n${codeOf.get(S[1])},75,85,\r\n${codeOf.get(S[2])},60,70.5,\r\n${codeOf.get(S[4])},,,缺考\r\n`;
    const res = await upload(teacher, csv, { dryRun: false, version, name: 'grades.csv', lang: 'en' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, committed: true, errors: [] });
    expect(res.json().changes).toHaveLength(3);
    const after = await view();
    expect(after.sheet.version).toBe(version + 1);
    const row = (id: number) => after.rows.find((r) => r.studentId === id)!;
    expect(row(S[1]).components).toEqual({ regular: 750, final: 850 });
    expect(row(S[2]).components).toEqual({ regular: 600, final: 705 });
    expect(row(S[4]).entry).toEqual({ kind: 'mark', mark: 'absent' });
    const audits = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'grade_sheets.import')));
    expect(audits).toHaveLength(1);
    // The old version is refused (409) and nothing changes.
    const stale = await upload(teacher, csv, { dryRun: false, version, name: 'grades.csv' });
    expect(stale.statusCode).toBe(409);
  });

  it('hides the class from another teacher (404) and a student', async () => {
    const { version } = (await view()).sheet;
    expect((await template(otherTeacher)).statusCode).toBe(404);
    expect(
      (await upload(otherTeacher, `学号,平时\r\n${codeOf.get(S[1])},1\r\n`, { dryRun: true, version, name: 'x.csv' })).statusCode,
    ).toBe(404);
    expect([403, 404]).toContain((await template(student)).statusCode);
    expect([403, 404]).toContain((await upload(student, `学号\r\nx\r\n`, { dryRun: true, version, name: 'x.csv' })).statusCode);
  });

  it('refuses an import into a sheet that is no longer a draft (409)', async () => {
    const { version } = (await view()).sheet;
    await ctx.db
      .update(gradeSheets)
      .set({ status: 'submitted' })
      .where(and(eq(gradeSheets.teachingClassId, f.classId), eq(gradeSheets.kind, 'normal')));
    const res = await upload(teacher, `学号,平时,期末\r\n${codeOf.get(S[3])},70,80\r\n`, { dryRun: true, version, name: 'x.csv' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('grade_sheet_not_draft');
  });
});
