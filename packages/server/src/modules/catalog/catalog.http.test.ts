import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../../test/multipart.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';

let ctx: TestContext;
let office: TestClient;
let deptId: number;
let majorId: number;
beforeAll(async () => {
  ctx = await createTestContext();
  office = await ctx.as('office');
  deptId = (await office.get('/api/departments', { query: { q: '0101' } })).json().items[0].id;
  majorId = (await office.get('/api/majors', { query: { q: '080901' } })).json().items[0].id;
});
afterAll(() => ctx.close());

async function course(code: string, extra: Record<string, unknown> = {}) {
  const res = await office.post('/api/courses', {
    code,
    name: `课程 ${code}`,
    credits: 3,
    lectureHours: 48,
    departmentId: deptId,
    category: 'major_core',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** The current version of a course, which an edit must name. */
async function versionOf(id: number): Promise<number> {
  return (await office.get(`/api/courses/${id}`)).json().version;
}
const ifMatch = async (id: number) => ({ headers: { 'if-match': `"${await versionOf(id)}"` } });

describe('courses', () => {
  it('creates, reads, lists, updates and exports a course with decimal credits', async () => {
    const c = await course('T-DS1', { credits: '2.5', nameEn: 'Data Structures', assessment: 'assessment', labHours: 16 });
    expect(c).toMatchObject({
      code: 'T-DS1',
      credits: '2.5',
      assessment: 'assessment',
      departmentId: deptId,
      collegeName: '计算机科学与技术学院',
      isActive: true,
    });
    expect((await office.get(`/api/courses/${c.id}`)).json().credits).toBe('2.5');
    const list = (await office.get('/api/courses', { query: { q: 'T-DS1' } })).json();
    expect(list.total).toBe(1);
    const patched = await office.patch(`/api/courses/${c.id}`, { credits: 4, version: c.version });
    expect(patched.json().credits).toBe('4.0');
    const student = await ctx.as('student');
    expect((await student.get('/api/courses', { query: { q: 'T-DS1' } })).json().total).toBe(1);
    expect((await student.post('/api/courses', {})).statusCode).toBe(403);
    const xlsx = await office.get('/api/courses/export', { query: { q: 'T-DS1' } });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(xlsx.rawPayload).buffer);
    expect(book.worksheets[0].getRow(1).getCell(1).value).toBe('课程代码');
    expect(book.worksheets[0].getRow(2).getCell(4).value).toBe('4.0');
  });

  it('refuses bad credits with a translated message naming the field', async () => {
    const res = await office.post(
      '/api/courses',
      { code: 'T-BAD', name: 'x', credits: '2.55', departmentId: deptId, category: 'general' },
      { lang: 'en' },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toEqual([
      { field: 'credits', code: 'credits_format', message: 'Credits must be 0–30 with at most one decimal' },
    ]);
  });

  it('validates prerequisites: existing courses, no self reference, no cycle', async () => {
    const a = await course('T-PA');
    const b = await course('T-PB', { prerequisites: { op: 'all', items: [{ course: 'T-PA' }] } });
    const missing = await office.post('/api/courses', {
      code: 'T-PC',
      name: 'c',
      credits: 1,
      departmentId: deptId,
      category: 'general',
      prerequisites: { course: 'NOPE-1' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields[0]).toMatchObject({
      field: 'prerequisites',
      code: 'reference_not_found',
      message: '找不到“NOPE-1”',
    });
    const self = await office.patch(`/api/courses/${a.id}`, { prerequisites: { course: 'T-PA' }, version: await versionOf(a.id) });
    expect(self.json().error.details.fields[0].code).toBe('prerequisite_self');
    const cycle = await office.patch(`/api/courses/${a.id}`, {
      prerequisites: { op: 'any', items: [{ course: 'T-PB' }, { course: 'T-DS1' }] },
      version: await versionOf(a.id),
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.details.fields[0]).toMatchObject({
      code: 'prerequisite_cycle',
      message: '先修关系构成循环：T-PA → T-PB → T-PA',
    });
    // Renaming a course rewrites the expressions that name it.
    expect((await office.patch(`/api/courses/${a.id}`, { code: 'T-PA2', version: await versionOf(a.id) })).statusCode).toBe(200);
    expect((await office.get(`/api/courses/${b.id}`)).json()).toMatchObject({
      prerequisites: { op: 'all', items: [{ course: 'T-PA2' }] },
      version: b.version + 1,
    });
    const rewritten = (
      await (await ctx.as('admin')).get('/api/audit', { query: { action: 'courses.update', entityId: String(b.id) } })
    ).json();
    expect(rewritten.items[0]?.after).toEqual({ prerequisites: { op: 'all', items: [{ course: 'T-PA2' }] } });
    // A course another course requires cannot be deleted; it can be retired.
    const del = await office.delete(`/api/courses/${a.id}`, await ifMatch(a.id));
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('in_use');
    expect((await office.patch(`/api/courses/${a.id}`, { isActive: false, version: await versionOf(a.id) })).json().isActive).toBe(false);
    expect((await office.get('/api/courses', { query: { q: 'T-PA2', isActive: 'false' } })).json().total).toBe(1);
    // Unused courses are deleted.
    expect((await office.delete(`/api/courses/${b.id}`, await ifMatch(b.id))).statusCode).toBe(200);
    expect((await office.delete(`/api/courses/${a.id}`, await ifMatch(a.id))).statusCode).toBe(200);
  });
});

describe('curriculum plans', () => {
  it('computes credits and warnings, refuses deleting planned courses, copies to a new cohort', async () => {
    const m1 = await course('T-M1', { credits: 4, category: 'foundation' });
    const m2 = await course('T-M2', { credits: 3, category: 'major_core', prerequisites: { course: 'T-M1' } });
    const e1 = await course('T-E1', { credits: 2, category: 'major_elective' });
    const body = {
      majorId,
      cohort: 2031,
      name: '计科 2031 培养方案',
      totalCredits: 12,
      creditRequirements: [{ category: 'major_elective', credits: 4 }],
      groups: [
        {
          name: '必修',
          kind: 'required',
          courses: [
            { courseId: m1.id, term: 2 },
            { courseId: m2.id, term: 1 },
          ],
        },
        { name: '专业选修', kind: 'elective', minCredits: 4, courses: [{ courseId: e1.id, term: 5 }] },
      ],
    };
    const res = await office.post('/api/curriculum-plans', body);
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json();
    expect(plan).toMatchObject({ cohort: 2031, majorCode: '080901', plannedCredits: '9.0' });
    expect(plan.creditsByTerm).toEqual([
      { term: 1, credits: '3.0' },
      { term: 2, credits: '4.0' },
      { term: 5, credits: '2.0' },
    ]);
    expect(plan.warnings.map((w: { code: string }) => w.code).sort()).toEqual([
      'category_short',
      'elective_group_short',
      'prerequisite_order',
      'total_short',
    ]);
    expect(plan.warnings.find((w: { code: string }) => w.code === 'category_short').message).toBe(
      '专业选修课要求 4.0 学分，但方案中该类课程合计只有 2.0 学分',
    );
    expect((await office.post('/api/curriculum-plans', body)).json().error.code).toBe('plan_exists');

    const del = await office.delete(`/api/courses/${e1.id}`, await ifMatch(e1.id));
    expect(del.statusCode).toBe(409);

    const fixed = await office.patch(`/api/curriculum-plans/${plan.id}`, {
      totalCredits: 9,
      creditRequirements: [],
      groups: [
        {
          name: '必修',
          kind: 'required',
          courses: [
            { courseId: m1.id, term: 1 },
            { courseId: m2.id, term: 2 },
          ],
        },
        { name: '专业选修', kind: 'elective', minCredits: 2, courses: [{ courseId: e1.id, term: 5 }] },
      ],
    });
    expect(fixed.json().warnings).toEqual([]);

    const copy = await office.post(`/api/curriculum-plans/${plan.id}/copy`, { cohort: 2032 });
    expect(copy.statusCode, copy.body).toBe(201);
    expect(copy.json()).toMatchObject({ cohort: 2032, name: '计科 2032 培养方案', plannedCredits: '9.0' });
    expect(copy.json().groups.map((g: { courses: unknown[] }) => g.courses.length)).toEqual([2, 1]);

    const list = (await office.get('/api/curriculum-plans', { query: { majorId, pageSize: 50 } })).json();
    expect(list.items.map((p: { cohort: number }) => p.cohort)).toEqual(expect.arrayContaining([2031, 2032]));
    expect((await office.get('/api/curriculum-plans', { query: { cohort: 2032, majorId } })).json().total).toBe(1);
    expect((await (await ctx.as('secretary')).patch(`/api/curriculum-plans/${plan.id}`, { note: 'x' })).statusCode).toBe(403);
  });
});

function upload(path: string, csv: string, dryRun: boolean) {
  const { payload, headers } = multipartFile(csv, 'file.csv');
  return office.request('POST', `/api/imports/${path}`, payload, { headers, query: { dryRun } });
}

describe('imports', () => {
  it('dry-runs courses with every bad row reported, commits all or nothing, re-import updates by code', async () => {
    const bad = [
      '课程代码,课程名称,学分,讲授学时,考核方式,开课系代码,课程类别,先修课程',
      'T-I1,导入课一,2.5,40,考查,0101,专业核心课,',
      'T-I2,导入课二,2.55,32,考试,0101,专业核心课,T-I1',
      'T-I3,导入课三,3,48,考试,9999,专业核心课,',
      'T-I4,导入课四,3,48,考试,0101,不知道,',
      'T-I5,导入课五,3,48,考试,0101,通识教育课,T-I5',
      'T-I6,导入课六,3,48,考试,0101,通识教育课,(T-I1',
    ].join('\n');
    const dry = await upload('courses', bad, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, rows: 6, valid: 1, errorCount: 5 });
    expect(dry.json().errors.map((e: { row: number; column: string; code: string }) => `${e.row}:${e.column}:${e.code}`)).toEqual([
      '3:学分:credits_format',
      '4:开课系代码:reference_not_found',
      '5:课程类别:invalid_choice',
      '6:先修课程:prerequisite_self',
      '7:先修课程:prerequisite_syntax',
    ]);
    // Each message names the column and what it should hold, never a bare "格式不正确".
    expect(dry.json().errors.find((e: { row: number }) => e.row === 6).message).toBe('先修课程不能包含本课程自身');
    const refused = await upload('courses', bad, false);
    expect(refused.statusCode).toBe(400);
    expect((await office.get('/api/courses', { query: { q: 'T-I' } })).json().total).toBe(0);

    const good = [
      '课程代码,课程名称,学分,讲授学时,考核方式,开课系代码,课程类别,先修课程',
      'T-I2,导入课二,2,32,考试,0101,专业核心课,T-I1',
      'T-I1,导入课一,2.5,40,考查,0101,专业核心课,',
    ].join('\n');
    const ok = await upload('courses', good, false);
    expect(ok.json()).toMatchObject({ created: 2, updated: 0 });
    const again = await upload('courses', good.replace('导入课二,2,', '导入课二,3,'), false);
    expect(again.json()).toMatchObject({ created: 0, updated: 2, unchanged: 1 });
    const i2 = (await office.get('/api/courses', { query: { q: 'T-I2' } })).json().items[0];
    expect(i2).toMatchObject({ credits: '3.0', prerequisites: { course: 'T-I1' } });
    // An XLSX export imports back unchanged.
    const xlsx = await office.get('/api/courses/export', { query: { q: 'T-I' } });
    const { payload, headers } = multipartFile(xlsx.rawPayload, 'courses.xlsx');
    const back = await office.request('POST', '/api/imports/courses', payload, { headers, query: { dryRun: false } });
    expect(back.json()).toMatchObject({ rows: 2, valid: 2, created: 0, updated: 2, unchanged: 2 });
  });

  it('imports curriculum plans by major and cohort', async () => {
    const csv = [
      '专业代码,年级,课程组,课程组类型,最低学分,课程代码,建议学期',
      '080901,2035,必修,必修,,T-I1,1',
      '080901,2035,必修,必修,,T-I2,2',
      '080901,2035,选修,选修,,T-I1,3',
      '080901,2035,选修,选修,2,NOPE,3',
    ].join('\n');
    const dry = (await upload('curriculum-plans', csv, true)).json();
    expect(dry.errors.map((e: { row: number; code: string }) => `${e.row}:${e.code}`)).toEqual(['4:required', '5:reference_not_found']);
    expect(dry.errors.map((e: { message: string }) => e.message)).toEqual([
      '最低学分不能为空：选修课程组应填写最低学分，如 4',
      '课程代码“NOPE”不存在（应为课程库中已有课程的代码，如 CS201）',
    ]);
    const good = [
      '专业代码,年级,课程组,课程组类型,最低学分,课程代码,建议学期',
      '080901,2035,必修,必修,,T-I1,1',
      '080901,2035,必修,必修,,T-I2,2',
    ].join('\n');
    expect((await upload('curriculum-plans', good, false)).json()).toMatchObject({ created: 1 });
    const plan = (await office.get('/api/curriculum-plans', { query: { cohort: 2035, majorId } })).json().items[0];
    const detail = (await office.get(`/api/curriculum-plans/${plan.id}`)).json();
    expect(detail.groups[0].courses.map((c: { code: string }) => c.code)).toEqual(['T-I1', 'T-I2']);
    const exported = await office.get('/api/curriculum-plans/export', { query: { cohort: 2035, format: 'csv' } });
    expect(exported.body).toContain('T-I2');
    // The template's example row imports as it stands (dry run).
    const template = await office.get('/api/imports/courses/template', { query: { format: 'csv' } });
    expect(template.body).toContain('课程代码');
    expect((await upload('courses', template.body.replace(/^\uFEFF/, ''), true)).json()).toMatchObject({ rows: 1, valid: 1 });
  });
});

describe('the catalog rows to fix, as a file', () => {
  /** The bad-rows XLSX of an upload: its header row and data rows as text, and the sheet to edit. */
  async function badRows(path: string, file: Buffer | string, name: string, lang: 'zh-CN' | 'en' = 'zh-CN') {
    const { payload, headers } = multipartFile(file, name);
    const res = await office.request('POST', `/api/imports/${path}/bad-rows`, payload, { headers, lang });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(res.rawPayload).buffer);
    const ws = wb.worksheets[0];
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
    return { header: rows[0], rows: rows.slice(1), ws, wb, disposition: decodeURIComponent(String(res.headers['content-disposition'])) };
  }
  const xlsxUpload = async (path: string, wb: ExcelJS.Workbook, dryRun: boolean) => {
    const { payload, headers } = multipartFile(Buffer.from(await wb.xlsx.writeBuffer()), 'fixed.xlsx');
    return office.request('POST', `/api/imports/${path}`, payload, { headers, query: { dryRun } });
  };

  const courses = [
    // The file's own column order, with a column the import does not know: both kept.
    '课程代码,课程名称,学分,讲授学时,考核方式,开课系代码,课程类别,先修课程,备注',
    'T-F1,好的一行,2,32,考试,0101,专业核心课,,',
    'T-F2,"=HYPERLINK(""http://evil.example"",""点我"")",2.55,32,考试,0101,专业核心课,,公式',
    'T-F3,坏系和类别,3,1001,考试,9999,不知道,,',
    'T-F4,坏先修,3,48,考试,0101,专业核心课,T-F2 & NOPE-9,',
    'T-F5,坏写法,3,48,考查,0101,专业核心课,(T-F2,',
  ].join('\n');

  it('courses: the report and the file say what each cell should hold; the fixed file imports as it is', async () => {
    const dry = (await upload('courses', courses, true)).json();
    expect(dry).toMatchObject({ rows: 5, valid: 1, errorCount: 6 });
    const { header, rows, ws, wb, disposition } = await badRows('courses', courses, 'courses.csv');
    expect(disposition).toContain('课程导入错误行.xlsx');
    expect(header).toEqual([
      '课程代码',
      '课程名称',
      '学分',
      '讲授学时',
      '考核方式',
      '开课系代码',
      '课程类别',
      '先修课程',
      '备注',
      '错误说明',
    ]);
    expect(rows.map((r) => r[0])).toEqual(['T-F2', 'T-F3', 'T-F4', 'T-F5']);
    expect(rows[0]).toEqual([
      'T-F2',
      '=HYPERLINK("http://evil.example","点我")',
      '2.55',
      '32',
      '考试',
      '0101',
      '专业核心课',
      '',
      '公式',
      '学分应为 0 到 30 之间的数字，最多一位小数，如 3 或 2.5',
    ]);
    expect(rows[1].at(-1)).toBe(
      '开课系代码“9999”不存在（应为已有系的代码，如 0101）；' +
        '课程类别应为 以下之一：通识教育课、学科基础课、专业核心课、专业选修课、实践教学环节，不能是“不知道”；' +
        '讲授学时应为 0 到 1000 之间的整数，如 32',
    );
    expect(rows[2].at(-1)).toBe('先修课程中的课程代码 NOPE-9 不存在：应为课程库或本文件中已有的课程代码');
    expect(rows[3].at(-1)).toMatch(/^先修课程“\(T-F2”无法识别：应为课程代码，& 表示并且，\| 表示或者/);
    // The report lists the same words, and no message is the old generic one.
    expect(dry.errors.map((e: { message: string }) => e.message)).toContain('学分应为 0 到 30 之间的数字，最多一位小数，如 3 或 2.5');
    // The formula-looking cell is text, not a formula, and the column is formatted as text.
    const cell = ws.getCell('B2');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(ws.getColumn(2).numFmt).toBe('@');

    const en = await badRows('courses', courses, 'courses.csv', 'en');
    expect(en.header.at(-1)).toBe('Errors');
    expect(en.rows[0].at(-1)).toBe('Credits must be a number from 0 to 30 with at most one decimal, e.g. 3 or 2.5');

    // Fixed in the downloaded file itself, error column and all, it imports.
    ws.getCell('B2').value = '改好的课';
    ws.getCell('C2').value = '2.5';
    ws.getCell('D3').value = '48';
    ws.getCell('F3').value = '0101';
    ws.getCell('G3').value = '通识教育课';
    ws.getCell('H4').value = 'T-F2';
    ws.getCell('H5').value = 'T-F2 | T-F4';
    expect((await xlsxUpload('courses', wb, true)).json()).toMatchObject({ rows: 4, valid: 4, errors: [] });
    expect((await xlsxUpload('courses', wb, false)).json()).toMatchObject({ created: 4 });
    const f2 = (await office.get('/api/courses', { query: { q: 'T-F2' } })).json().items[0];
    expect(f2).toMatchObject({ name: '改好的课', credits: '2.5' });

    // Uploaded again with a new mistake, its old error column is replaced, not doubled.
    ws.getCell('C3').value = '很多';
    const again = await badRows('courses', Buffer.from(await wb.xlsx.writeBuffer()), 'again.xlsx');
    expect(again.header.filter((h) => h === '错误说明')).toHaveLength(1);
    expect(again.rows.map((r) => [r[0], r.at(-1)])).toEqual([['T-F3', '学分应为 0 到 30 之间的数字，最多一位小数，如 3 或 2.5']]);
  });

  it('plans: course, group and term rows worded by what they expect; the fixed file imports', async () => {
    await course('T-FP1');
    await course('T-FP2');
    await course('T-FP3');
    const plans = [
      '专业代码,年级,课程组,课程组类型,最低学分,课程代码,建议学期',
      '080901,2037,必修,必修,,T-FP1,1',
      '080901,2037,"=SUM(1,2)",必修,,NOPE,2',
      '080901,2037,选修,选修,,T-FP2,3',
      '080901,2037,必修,必修,,T-FP3,9',
      '080901,1800,必修,选修,,T-FP1,1',
    ].join('\n');
    const { header, rows, ws, wb, disposition } = await badRows('curriculum-plans', plans, 'plans.csv');
    expect(disposition).toContain('培养方案导入错误行.xlsx');
    expect(header.at(-1)).toBe('错误说明');
    expect(rows.map((r) => [r[5], r.at(-1)])).toEqual([
      ['NOPE', '课程代码“NOPE”不存在（应为课程库中已有课程的代码，如 CS201）'],
      ['T-FP2', '最低学分不能为空：选修课程组应填写最低学分，如 4'],
      ['T-FP3', '建议学期应为 1 到 8 之间的整数，如 3'],
      ['T-FP1', '年级应为 1990 到 2100 之间的入学年份，如 2026'],
    ]);
    expect(ws.getCell('C2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('C2').value).toBe('=SUM(1,2)');

    ws.getCell('C2').value = '必修';
    ws.getCell('F2').value = 'T-FP2';
    ws.getCell('E3').value = '2';
    ws.getCell('F3').value = 'T-FP3';
    ws.getCell('G4').value = '4';
    ws.getCell('F4').value = 'T-FP1';
    ws.spliceRows(5, 1);
    expect((await xlsxUpload('curriculum-plans', wb, true)).json()).toMatchObject({ rows: 3, valid: 3, errors: [] });
    expect((await xlsxUpload('curriculum-plans', wb, false)).json()).toMatchObject({ created: 1 });
    const plan = (await office.get('/api/curriculum-plans', { query: { cohort: 2037, majorId } })).json().items[0];
    const detail = (await office.get(`/api/curriculum-plans/${plan.id}`)).json();
    expect(detail.groups.map((g: { name: string; courses: { code: string }[] }) => [g.name, g.courses.map((c) => c.code)])).toEqual([
      ['必修', ['T-FP2', 'T-FP1']],
      ['选修', ['T-FP3']],
    ]);
  });

  it('needs the same permissions as the import', async () => {
    const { payload, headers } = multipartFile(courses, 'courses.csv');
    const res = await (await ctx.as('teacher')).request('POST', '/api/imports/courses/bad-rows', payload, { headers });
    expect(res.statusCode).toBe(403);
  });
});
