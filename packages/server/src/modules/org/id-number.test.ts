import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '@jiaowu/contracts';
import { multipartFile } from '../../test/multipart.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { students } from './org.tables.ts';

let ctx: TestContext;
let admin: TestClient;
let office: TestClient;
let leader: TestClient;
let secretary: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  [admin, office, leader, secretary] = await Promise.all(['admin', 'office', 'leader', 'secretary'].map((u) => ctx.as(u)));
});
afterAll(() => ctx.close());

/** A checksum-valid 18-character ID number (born 2006-01-01 in 北京市西城区) with this sequence. */
const validId = (seq: number) => {
  const first17 = `11010220060101${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
};
const masked = (id: string) => `${id.slice(0, 6)}**********${id.slice(-2)}`;

type Row = { id: number; code: string; version: number; collegeId: number; idNumber: string | null };

async function studentOf(collegeId: number): Promise<Row> {
  const res = await admin.get('/api/students', { query: { collegeId, pageSize: 1 } });
  return res.json().items[0];
}

async function setIdNumber(s: Row, idNumber: string) {
  const fresh = (await admin.get(`/api/students/${s.id}`)).json();
  const res = await office.patch(`/api/students/${s.id}`, { idNumber, version: fresh.version });
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('ID numbers of students and teachers', () => {
  it('the demo gives its people checksum-valid ID numbers born the right years before their cohort', async () => {
    const rows = await ctx.db.select({ idNumber: students.idNumber, cohort: students.cohort }).from(students).limit(200);
    for (const r of rows) {
      expect(r.idNumber).toMatch(/^42\d{15}[\dX]$/);
      expect(idCheckChar(r.idNumber!)).toBe(r.idNumber![17]);
      const age = r.cohort - Number(r.idNumber!.slice(6, 10));
      expect(age).toBeGreaterThanOrEqual(17);
      expect(age).toBeLessThanOrEqual(19);
    }
  });

  it('is shown in full only to a manager of the row: the leader, and a secretary for the teachers she only reads, see it masked', async () => {
    const own = await studentOf(1); // the secretary's college
    const other = await studentOf(2);
    const a = validId(101);
    const b = validId(102);
    await setIdNumber(own, a);
    await setIdNumber(other, b);

    expect((await office.get(`/api/students/${own.id}`)).json().idNumber).toBe(a);
    const officeList = (await office.get('/api/students', { query: { q: own.code } })).json().items;
    expect(officeList.find((s: Row) => s.id === own.id).idNumber).toBe(a);

    expect((await leader.get(`/api/students/${own.id}`)).json().idNumber).toBe(masked(a));
    const leaderList = (await leader.get('/api/students', { query: { q: other.code } })).json().items;
    expect(leaderList.find((s: Row) => s.id === other.id).idNumber).toBe(masked(b));

    // The secretary manages the students of college 1 only.
    expect((await secretary.get(`/api/students/${own.id}`)).json().idNumber).toBe(a);
    // Teachers: the secretary reads them but does not manage them.
    const teacher = (await secretary.get('/api/teachers', { query: { pageSize: 1 } })).json().items[0];
    expect(teacher.idNumber).toMatch(/^\d{6}\*{10}[\dX]{2}$/);
    expect((await admin.get(`/api/teachers/${teacher.id}`)).json().idNumber).toMatch(/^\d{17}[\dX]$/);
  });

  it('exports are masked for everybody, the administrator included', async () => {
    const s = await studentOf(3);
    const id = validId(103);
    await setIdNumber(s, id);
    const res = await admin.get('/api/students/export', { query: { format: 'xlsx', q: s.code } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const column = header.indexOf('身份证号') + 1;
    expect(column).toBeGreaterThan(0);
    expect(String(ws.getRow(2).getCell(column).value)).toBe(masked(id));
    expect(res.rawPayload.toString('latin1')).not.toContain(id);
  });

  it('audit diffs and snapshots show it masked', async () => {
    const s = await studentOf(4);
    const before = validId(104);
    const after = validId(105);
    await setIdNumber(s, before);
    await setIdNumber(s, after);
    const res = await admin.get('/api/audit', { query: { entityType: 'students', entityId: String(s.id), action: 'students.update' } });
    const [latest] = res.json().items;
    expect(latest.changes).toContainEqual({ field: 'idNumber', label: '证件号码', before: masked(before), after: masked(after) });
    expect(JSON.stringify(res.json())).not.toContain(after);
    expect(JSON.stringify(res.json())).not.toContain(before);
  });

  it('refuses a wrong check character with a message naming the field, and a number someone else holds without repeating it', async () => {
    const s = await studentOf(1);
    const fresh = (await office.get(`/api/students/${s.id}`)).json();
    const bad = await office.patch(`/api/students/${s.id}`, { idNumber: '110105194912310021', version: fresh.version });
    expect(bad.statusCode).toBe(400);
    const [issue] = bad.json().error.details.fields;
    expect(issue).toMatchObject({ field: 'idNumber', code: 'id_number_checksum' });
    expect(issue.message).toContain('证件号码');

    const taken = validId(106);
    const holder = await studentOf(2);
    await setIdNumber(holder, taken);
    const dup = await office.patch(`/api/students/${s.id}`, { idNumber: taken.toLowerCase(), version: fresh.version });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('duplicate_id_number');
    expect(dup.json().error.message).toBe('证件号码已被另一人使用');
    expect(dup.body).not.toContain(taken);
    const en = await office.patch(`/api/students/${s.id}`, { idNumber: taken, version: fresh.version }, { lang: 'en' });
    expect(en.json().error.message).toBe('This ID number is already recorded for someone else');
    // A passport is fine.
    const passport = await office.patch(`/api/students/${s.id}`, { idNumber: 'e12345678', version: fresh.version });
    expect(passport.statusCode).toBe(200);
    expect(passport.json().idNumber).toBe('E12345678');
  });

  it('imports the 身份证号 column: stored upper-case, a wrong checksum, a repeat in the file and a number held by another person refused by row', async () => {
    const holder = await studentOf(5);
    const held = validId(107);
    await setIdNumber(holder, held);
    const header = '学号,姓名,性别,行政班代码,年级,学籍状态,邮箱,电话,身份证号';
    const upload = (csv: string, dryRun: boolean) => {
      const { payload, headers } = multipartFile(csv, 'students.csv');
      return office.request('POST', '/api/imports/students', payload, { headers, query: { dryRun } });
    };
    const good = validId(108);
    const checked = await upload(
      [
        header,
        `G90001,甲一,男,CS2401,2024,,,,${good.slice(0, 17)}${good[17].toLowerCase()}`,
        'G90002,甲二,女,CS2401,2024,,,,110105194912310021',
        `G90003,甲三,女,CS2401,2024,,,,${good}`,
        `G90004,甲四,男,CS2401,2024,,,,${held}`,
        'G90005,甲五,男,CS2401,2024,,,,',
      ].join('\n'),
      true,
    );
    expect(checked.statusCode).toBe(200);
    expect(checked.json().errors).toEqual([
      expect.objectContaining({ row: 3, column: '身份证号', message: expect.stringContaining('校验位不正确') }),
      expect.objectContaining({ row: 4, column: '身份证号', message: '身份证号与第 2 行相同：同一证件号码只能属于一个人' }),
      expect.objectContaining({ row: 5, column: '身份证号', message: '身份证号已被另一人使用：同一证件号码只能属于一个人' }),
    ]);

    const res = await upload(
      [header, `G90001,甲一,男,CS2401,2024,,,,${good.toLowerCase()}`, 'G90005,甲五,男,CS2401,2024,,,,'].join('\n'),
      false,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 2 });
    const [g1] = await ctx.db.select().from(students).where(eq(students.code, 'G90001'));
    expect(g1.idNumber).toBe(good);
    const [g5] = await ctx.db.select().from(students).where(eq(students.code, 'G90005'));
    expect(g5.idNumber).toBeNull();
  });
});
