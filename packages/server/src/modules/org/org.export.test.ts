import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { and, count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { adminClasses, colleges, departments, majors, rooms, students, teachers } from './org.tables.ts';

let ctx: TestContext;
let admin: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('admin');
});
afterAll(() => ctx.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function csvRows(res: { rawPayload: Buffer }): string[][] {
  expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // Excel needs the BOM for UTF-8
  return parse(res.rawPayload, { bom: true });
}
async function xlsxRows(res: { rawPayload: Buffer }): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(res.rawPayload).buffer);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return rows;
}

async function studentsOfCollege(collegeId: number) {
  const [{ n }] = await ctx.db
    .select({ n: count() })
    .from(students)
    .innerJoin(majors, eq(majors.id, students.majorId))
    .innerJoin(departments, eq(departments.id, majors.departmentId))
    .where(and(eq(departments.collegeId, collegeId), isNull(students.deletedAt)));
  return Number(n);
}

describe('exports', () => {
  it('CSV of colleges: headers and values in the request language, every row', async () => {
    const zh = await admin.get('/api/colleges/export', { query: { format: 'csv' } });
    expect(zh.statusCode).toBe(200);
    expect(zh.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(zh.headers['content-disposition']).toMatch(/^attachment; filename="colleges\.csv"/);
    const rows = csvRows(zh);
    expect(rows[0]).toEqual(['代码', '名称', '英文名称']);
    expect(rows.length - 1).toBe(await ctx.db.$count(colleges));
    expect(rows).toContainEqual(['01', '计算机科学与技术学院', 'School of Computer Science and Technology']);

    const en = csvRows(await admin.get('/api/colleges/export', { query: { format: 'csv' }, lang: 'en' }));
    expect(en[0]).toEqual(['Code', 'Name', 'English name']);
  });

  it('XLSX by default, with translated headers', async () => {
    const res = await admin.get('/api/colleges/export', { lang: 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="colleges\.xlsx"/);
    const rows = await xlsxRows(res);
    expect(rows[0]).toEqual(['Code', 'Name', 'English name']);
    expect(rows.length - 1).toBe(await ctx.db.$count(colleges));
  });

  it('exports every student matching the filters, not one page', async () => {
    const expected = await studentsOfCollege(1);
    expect(expected).toBeGreaterThan(200);
    const csv = await admin.get('/api/students/export', { query: { format: 'csv', collegeId: 1, pageSize: 5, page: 3 } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/filename="students\.csv"/);
    const rows = csvRows(csv);
    expect(rows.length - 1).toBe(expected);
    expect(rows.flat()).toContain('2024010101'); // 李明, of college 1

    const xlsx = await admin.get('/api/students/export', { query: { format: 'xlsx', collegeId: 2 } });
    expect(xlsx.headers['content-type']).toBe(XLSX);
    const xrows = await xlsxRows(xlsx);
    expect(xrows.length - 1).toBe(await studentsOfCollege(2));
    expect(xrows.flat()).not.toContain('2024010101');
  });

  it('applies q and the caller’s scope to an export', async () => {
    const one = csvRows(await admin.get('/api/students/export', { query: { format: 'csv', q: '2024010101' } }));
    expect(one.length - 1).toBe(1);
    expect(one[1]).toContain('2024010101');

    const secretary = await ctx.as('secretary');
    const scoped = csvRows(await secretary.get('/api/students/export', { query: { format: 'csv' } }));
    expect(scoped.length - 1).toBe(await studentsOfCollege(1));
    expect((await (await ctx.as('student')).get('/api/teachers/export')).statusCode).toBe(403);
  });

  it('exports teachers, rooms and admin classes in full', async () => {
    const t = csvRows(await admin.get('/api/teachers/export', { query: { format: 'csv' } }));
    expect(t.length - 1).toBe(await ctx.db.$count(teachers, isNull(teachers.deletedAt)));
    const [aTeacher] = await ctx.db.select().from(teachers).limit(1);
    expect(t.flat()).toContain(aTeacher.code);

    const labs = csvRows(await admin.get('/api/rooms/export', { query: { format: 'csv', type: 'lab' } }));
    expect(labs.length - 1).toBe(await ctx.db.$count(rooms, eq(rooms.type, 'lab')));
    const [aLab] = await ctx.db.select().from(rooms).where(eq(rooms.type, 'lab')).limit(1);
    expect(labs.flat()).toContain(aLab.code);

    const classes = await xlsxRows(await admin.get('/api/admin-classes/export', { query: { cohort: 2025 } }));
    expect(classes.length - 1).toBe(await ctx.db.$count(adminClasses, eq(adminClasses.cohort, 2025)));
  });

  it('refuses an unknown format', async () => {
    const res = await admin.get('/api/colleges/export', { query: { format: 'pdf' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0]).toMatchObject({ field: 'format', code: 'invalid_value' });
  });
});
