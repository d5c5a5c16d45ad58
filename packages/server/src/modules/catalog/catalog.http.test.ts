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
