import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../../test/multipart.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';

let ctx: TestContext;
let admin: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('admin');
});
afterAll(() => ctx.close());

type Lang = 'zh-CN' | 'en';
const HEADER_ZH = '学号,姓名,性别,行政班代码,年级,学籍状态,邮箱,电话';

function upload(
  client: TestClient,
  kind: string,
  file: Buffer | string,
  opts: { name?: string; dryRun?: boolean; async?: boolean; lang?: Lang } = {},
) {
  const { payload, headers } = multipartFile(file, opts.name ?? 'students.csv');
  return client.request('POST', `/api/imports/${kind}`, payload, {
    headers,
    lang: opts.lang,
    query: { dryRun: opts.dryRun ?? true, async: opts.async },
  });
}

async function total(path: string, query: Record<string, string | number> = {}): Promise<number> {
  const res = await admin.get(path, { query: { pageSize: 1, ...query } });
  expect(res.statusCode).toBe(200);
  return res.json().total;
}

async function studentByCode(code: string) {
  const res = await admin.get('/api/students', { query: { q: code } });
  return res.json().items.find((s: { code: string }) => s.code === code);
}

async function classByCode(code: string) {
  const res = await admin.get('/api/admin-classes', { query: { q: code } });
  return res.json().items.find((c: { code: string }) => c.code === code);
}

describe('dry run', () => {
  const bad = [
    HEADER_ZH,
    'D0001,王一,男,CS2401,2024,在读,,13800000000',
    'D0002,王二,未知,CS2401,2024,,,',
    'D0003,王三,女,NOPE9999,2024,,,',
    '',
    'D0004,,女,CS2401,2024,,,',
    'D0005,王五,male,CS2401,2024,enrolled,not-an-email,',
    'D0001,王六,女,CS2401,2024,,,',
    'D0007,王七,女,CS2401,1800,,,',
  ].join('\n');

  it('reports every bad row with its row number, column and a Chinese message saying what is expected, and writes nothing', async () => {
    const before = await total('/api/students');
    const res = await upload(admin, 'students', bad);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ dryRun: true, rows: 7, valid: 1, encoding: 'utf-8', errorCount: 6, truncated: false });
    expect(body.errors).toEqual([
      { row: 3, column: '性别', code: 'invalid_choice', message: '性别应为 男 或 女，不能是“未知”' },
      {
        row: 4,
        column: '行政班代码',
        code: 'reference_not_found',
        message: '行政班代码“NOPE9999”不存在（应为已有行政班的班级代码，如 CS2401；专业随行政班确定）',
      },
      { row: 6, column: '姓名', code: 'required', message: '姓名不能为空' },
      { row: 7, column: '邮箱', code: 'invalid_format', message: '邮箱格式应为 name@example.edu.cn' },
      { row: 8, column: '学号', code: 'duplicate_in_file', message: '学号与第 2 行重复：同一文件中每个代码只能出现一次' },
      { row: 9, column: '年级', code: 'too_small', message: '年级应不小于 1990' },
    ]);
    expect(await total('/api/students')).toBe(before);
  });

  it('translates the messages by Accept-Language', async () => {
    const res = await upload(admin, 'students', bad, { lang: 'en' });
    const messages = res.json().errors.map((e: { message: string }) => e.message);
    expect(messages).toEqual([
      'Gender must be Male or Female, not “未知”',
      'Admin class code “NOPE9999” does not exist (expected: Code of an existing admin class, e.g. CS2401; the major follows the class)',
      'Name is required',
      'Email must look like name@example.edu.cn',
      'Student No. repeats row 2: each code may appear once in a file',
      'Cohort must be at least 1990',
    ]);
  });

  it('matches English, key and oddly spaced headers, ignores unknown columns, and names a missing required column', async () => {
    const ok = await upload(admin, 'students', 'Student No., NAME ,adminClassCode,　年 级　,Remarks\nD0100,Amy,CS2401,2024,hi\n');
    expect(ok.json()).toMatchObject({ rows: 1, valid: 1, errors: [] });

    const zh = await upload(admin, 'students', '学号,姓名,年级\nD0101,王一,2024\n');
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error).toMatchObject({ code: 'import_missing_column', message: '缺少必需的列“行政班代码”' });
    const en = await upload(admin, 'students', '学号,姓名,年级\nD0101,王一,2024\n', { lang: 'en' });
    expect(en.json().error.message).toBe('Required column “Admin class code” is missing');
  });

  it('refuses empty files, other formats and a request without a file', async () => {
    expect((await upload(admin, 'students', `${HEADER_ZH}\n\n`)).json().error.code).toBe('import_empty');
    const pdf = await upload(admin, 'students', Buffer.from('%PDF-1.4 binary'), { name: 'x.pdf' });
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.code).toBe('unsupported_format');
    const none = await admin.post('/api/imports/students', { file: 'x' });
    expect(none.json().error.code).toBe('import_no_file');
    expect((await admin.post('/api/imports/courses', {})).statusCode).toBe(400);
  });
});

describe('commit', () => {
  const good = [
    HEADER_ZH,
    'C0001,赵一,男,CS2401,2024,在读,c1@example.edu.cn,13800000001',
    'C0002,赵二,女,CS2401,2024级,休学,,',
    'C0003,赵三,Female,ACC2401,2024,,,',
  ].join('\r\n');

  it('writes nothing when any row has an error', async () => {
    const before = await total('/api/students');
    const res = await upload(admin, 'students', `${good}\nC0004,赵四,男,NOPE,2024,,,\n`, { dryRun: false });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'import_has_errors', message: '文件有 1 处错误，未导入任何数据' });
    expect(res.json().error.details).toMatchObject({
      dryRun: false,
      rows: 4,
      valid: 3,
      errors: [{ row: 5, column: '行政班代码', code: 'reference_not_found' }],
    });
    expect(await total('/api/students')).toBe(before);
    expect(await studentByCode('C0001')).toBeUndefined();
  });

  it('creates the students in one go, with the major of their class and one audit record each', async () => {
    const before = await total('/api/students');
    const res = await upload(admin, 'students', good, { dryRun: false });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, rows: 3, valid: 3, errors: [], created: 3, updated: 0 });
    expect(await total('/api/students')).toBe(before + 3);

    const s1 = await studentByCode('C0001');
    expect(s1).toMatchObject({
      name: '赵一',
      gender: 'male',
      cohort: 2024,
      status: 'enrolled',
      email: 'c1@example.edu.cn',
      phone: '13800000001',
    });
    expect(s1.majorId).toBe((await classByCode('CS2401')).majorId);
    expect(await studentByCode('C0002')).toMatchObject({ status: 'suspended', gender: 'female', email: null });
    const s3 = await studentByCode('C0003');
    expect(s3.majorId).toBe((await classByCode('ACC2401')).majorId);

    const audit = await admin.get('/api/audit', { query: { action: 'students.create', entityId: String(s1.id) } });
    expect(audit.json().items).toHaveLength(1);
    expect(audit.json().items[0]).toMatchObject({ actorName: 'admin', after: { code: 'C0001', name: '赵一' } });
    const summary = await admin.get('/api/audit', { query: { action: 'students.import' } });
    expect(summary.json().items[0].after).toMatchObject({ file: 'students.csv', rows: 3, created: 3, updated: 0 });
  });

  it('updates on re-import instead of duplicating, keeps values of absent columns, and restores a deleted student', async () => {
    const s2 = await studentByCode('C0002');
    expect((await admin.delete(`/api/students/${s2.id}`, { headers: { 'if-match': String(s2.version) } })).statusCode).toBe(200);
    const before = await total('/api/students');

    // No 学籍状态 / 邮箱 / 电话 columns: those keep their stored values.
    const file = [
      '学号,姓名,性别,行政班代码,年级',
      'C0001,赵一一,男,CS2402,2024',
      'C0002,赵二,女,CS2401,2024',
      'C0003,赵三,女,ACC2401,2024',
    ].join('\n');
    const res = await upload(admin, 'students', file, { dryRun: false });
    expect(res.json()).toMatchObject({ created: 0, updated: 3, unchanged: 1 });
    expect(await total('/api/students')).toBe(before + 1); // C0002 is back
    const s1 = await studentByCode('C0001');
    expect(s1).toMatchObject({ name: '赵一一', adminClassCode: 'CS2402', email: 'c1@example.edu.cn', status: 'enrolled' });
    expect(s1.majorId).toBe((await classByCode('CS2402')).majorId);
    expect(await studentByCode('C0002')).toMatchObject({ id: s2.id, status: 'suspended' });

    const audit = await admin.get('/api/audit', { query: { action: 'students.update', entityId: String(s1.id) } });
    expect(audit.json().items[0]).toMatchObject({ before: { name: '赵一' }, after: { name: '赵一一' } });
  });

  it('reads GBK CSV with Chinese headers and labels', async () => {
    const text = [HEADER_ZH, 'G0001,钱多多,女,CS2401,2025,休学,,', 'G0002,孙悟空,男,CS2401,2025,毕业,,'].join('\r\n');
    const res = await upload(admin, 'students', iconv.encode(text, 'gbk'), { dryRun: false });
    expect(res.json()).toMatchObject({ encoding: 'gb18030', created: 2, errors: [] });
    expect(await studentByCode('G0001')).toMatchObject({ name: '钱多多', gender: 'female', status: 'suspended', cohort: 2025 });
    expect(await studentByCode('G0002')).toMatchObject({ name: '孙悟空', status: 'graduated' });
  });

  it('imports an XLSX with numeric 学号 cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('学生');
    ws.addRow(HEADER_ZH.split(','));
    ws.addRow([9024010101, '周一', '男', 'CS2401', 2024, '在读', null, 13900000000]);
    const res = await upload(admin, 'students', Buffer.from(await wb.xlsx.writeBuffer()), { name: 'students.xlsx', dryRun: false });
    expect(res.json()).toMatchObject({ created: 1, errors: [] });
    expect(await studentByCode('9024010101')).toMatchObject({ name: '周一', phone: '13900000000' });
  });

  it('runs a commit as a job: 202 with a jobId, then the job holds the result', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `J${String(i).padStart(4, '0')},吴${i},男,CS2401,2024,,,`);
    const res = await upload(admin, 'students', [HEADER_ZH, ...rows].join('\n'), { dryRun: false, async: true });
    expect(res.statusCode).toBe(202);
    const { jobId } = res.json();
    let job;
    for (let i = 0; i < 100; i++) {
      job = (await admin.get(`/api/jobs/${jobId}`)).json();
      if (job.status !== 'queued' && job.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(job).toMatchObject({
      kind: 'import.students',
      status: 'succeeded',
      progress: 30,
      total: 30,
      result: { created: 30, updated: 0 },
    });
    expect(await studentByCode('J0029')).toBeDefined();

    const bad = await upload(admin, 'students', `${HEADER_ZH}\nJ9999,x,男,NOPE,2024,,,`, { dryRun: false, async: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('import_has_errors');
  });
});

describe('other kinds', () => {
  it('imports rooms with feature lists and booleans, teachers with titles, and admin classes', async () => {
    const rooms = await upload(
      admin,
      'rooms',
      '教室代码,名称,楼宇代码,类型,容量,考试容量,设施,启用\nR-T1,测试教室,A,多媒体教室,60,30,投影仪、空调 | recording,否\n',
      { dryRun: false },
    );
    expect(rooms.json()).toMatchObject({ created: 1, errors: [] });
    const room = (await admin.get('/api/rooms', { query: { q: 'R-T1' } })).json().items[0];
    expect(room).toMatchObject({
      type: 'multimedia',
      capacity: 60,
      features: ['projector', 'air_conditioning', 'recording'],
      isActive: false,
      unavailable: [],
    });

    const teachers = await upload(admin, 'teachers', 'Staff No.,Name,Department code,Title,Status\nT-900,Ann Lee,0101,副教授,在职\n', {
      dryRun: false,
    });
    expect(teachers.json()).toMatchObject({ created: 1, errors: [] });
    expect((await admin.get('/api/teachers', { query: { q: 'T-900' } })).json().items[0]).toMatchObject({
      title: 'associate_professor',
      departmentCode: '0101',
    });

    const classes = await upload(admin, 'admin-classes', '班级代码,班级名称,专业代码,年级\nCS2499,计科2499,080901,2024\n', {
      dryRun: false,
    });
    expect(classes.json()).toMatchObject({ created: 1, errors: [] });
    expect(await classByCode('CS2499')).toMatchObject({ name: '计科2499', cohort: 2024 });
  });
});

describe('export → import round trip', () => {
  for (const [path, format, lang] of [
    ['students', 'xlsx', 'zh-CN'],
    ['students', 'csv', 'en'],
    ['teachers', 'csv', 'zh-CN'],
    ['rooms', 'xlsx', 'en'],
    ['admin-classes', 'csv', 'zh-CN'],
  ] as const) {
    it(`${path} as ${format} in ${lang}: 0 created, N updated, data unchanged`, async () => {
      const query = path === 'students' ? { collegeId: 1, pageSize: 200 } : { pageSize: 200 };
      const listBefore = (await admin.get(`/api/${path}`, { query })).json().items;
      const exported = await admin.get(`/api/${path}/export`, { query: { ...query, format }, lang });
      expect(exported.statusCode).toBe(200);
      const n = path === 'students' ? await total('/api/students', { collegeId: 1 }) : await total(`/api/${path}`);
      const res = await upload(admin, path, exported.rawPayload, { name: `${path}.${format}`, dryRun: false, lang });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ rows: n, valid: n, errors: [], created: 0, updated: n, unchanged: n });
      expect((await admin.get(`/api/${path}`, { query })).json().items).toEqual(listBefore);
    });
  }

  it('exports exactly the import columns with labels in the request language', async () => {
    const csv = await admin.get('/api/students/export', { query: { format: 'csv', q: 'C0001' } });
    const lines = csv.rawPayload.subarray(3).toString('utf8').trim().split('\n');
    expect(lines[0]).toBe(`${HEADER_ZH},身份证号`);
    expect(lines[1]).toBe('C0001,赵一一,男,CS2402,2024,在读,c1@example.edu.cn,13800000001,');
    const en = await admin.get('/api/rooms/export', { query: { format: 'csv', q: 'R-T1' }, lang: 'en' });
    const enLines = en.rawPayload.subarray(3).toString('utf8').trim().split('\n');
    expect(enLines[0]).toBe('Room code,Name,Building code,Type,Capacity,Exam capacity,Features,Active');
    expect(enLines[1]).toBe('R-T1,测试教室,A,Multimedia room,60,30,"Projector,Air conditioning,Lecture recording",No');
  });
});

describe('templates', () => {
  it('serves an XLSX template with English headers and a notes sheet', async () => {
    const res = await admin.get('/api/imports/students/template', { query: { format: 'xlsx' }, lang: 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('students-import-template.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual([
      'Student No.',
      'Name',
      'Gender',
      'Admin class code',
      'Cohort',
      'Status',
      'Email',
      'Phone',
      'ID number',
    ]);
    expect(wb.worksheets[0].getColumn(1).numFmt).toBe('@');
    // 18 digits would lose their last three as an Excel number.
    expect(wb.worksheets[0].getColumn(9).numFmt).toBe('@');
    const notes = wb.worksheets[1];
    expect(notes.name).toBe('Notes');
    expect(notes.getRow(4).values).toContain('One of: Male, Female');
  });

  it('serves a CSV template in Chinese that imports back as empty', async () => {
    const res = await admin.get('/api/imports/rooms/template', { query: { format: 'csv' } });
    expect(res.rawPayload.subarray(3).toString('utf8').trim()).toBe('教室代码,名称,楼宇代码,类型,容量,考试容量,设施,启用');
    expect((await upload(admin, 'rooms', res.rawPayload)).json().error.code).toBe('import_empty');
  });
});

describe('permissions and scope', () => {
  it('lets the academic office import and refuses a secretary without imports.run', async () => {
    const office = await ctx.as('office');
    expect((await upload(office, 'students', `${HEADER_ZH}\nP0001,一,男,CS2401,2024,,,`)).statusCode).toBe(200);
    const secretary = await ctx.as('secretary');
    const res = await upload(secretary, 'students', `${HEADER_ZH}\nP0001,一,男,CS2401,2024,,,`);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect((await secretary.get('/api/imports/students/template')).statusCode).toBe(403);
    // students.manage is theirs, org.manage is not.
    const role = (await admin.get('/api/roles')).json().find((r: { code: string }) => r.code === 'secretary');
    // nameZh is sent too: a grants-only PATCH currently fails in the iam module (empty SET).
    const grants = [...role.grants, { permission: 'imports.run', scope: 'all' }];
    const patched = await admin.patch(`/api/roles/${role.id}`, { nameZh: role.nameZh, grants });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await upload(secretary, 'admin-classes', '班级代码,班级名称,专业代码,年级\nCS2498,x,080901,2024')).statusCode).toBe(403);
  });

  it('keeps a college secretary with imports.run inside their college', async () => {
    const secretary = await ctx.as('secretary');
    const acc = await classByCode('ACC2401');
    const otherCollege = (await admin.get('/api/students', { query: { adminClassId: acc.id, pageSize: 1 } })).json().items[0];
    const file = [
      HEADER_ZH,
      'S0001,本院,男,CS2401,2024,,,',
      'S0002,外院,女,ACC2401,2024,,,',
      `${otherCollege.code},抢人,女,CS2401,2024,,,`,
    ].join('\n');
    const res = await upload(secretary, 'students', file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: 3, valid: 1 });
    expect(res.json().errors).toEqual([
      {
        row: 3,
        column: '行政班代码',
        code: 'out_of_scope',
        message: '行政班代码所指的记录不在您的管辖范围内：只能导入您所在学院（系）的记录',
      },
      { row: 4, column: '学号', code: 'out_of_scope', message: '学号所指的记录不在您的管辖范围内：只能导入您所在学院（系）的记录' },
    ]);
    const commit = await upload(secretary, 'students', [HEADER_ZH, 'S0001,本院,男,CS2401,2024,,,'].join('\n'), { dryRun: false });
    expect(commit.json()).toMatchObject({ created: 1 });
    expect((await studentByCode(otherCollege.code)).name).toBe(otherCollege.name);
  });
});

describe('the rows to fix, as a file', () => {
  /** The bad-rows XLSX of an upload: its header row and data rows as text, and the sheet for the cell checks. */
  async function badRows(file: Buffer | string, name: string, lang: Lang = 'zh-CN') {
    const { payload, headers } = multipartFile(file, name);
    const res = await admin.request('POST', '/api/imports/students/bad-rows', payload, { headers, lang });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
    return { header: rows[0], rows: rows.slice(1), ws, wb, disposition: String(res.headers['content-disposition']) };
  }

  const file = [
    // Columns in the file's own order, one the import does not know: both kept.
    '姓名,学号,性别,行政班代码,年级,备注',
    'F0001,F0001,男,CS2401,2024,好的一行',
    '"=HYPERLINK(""http://evil.example"",""点我"")",F0002,男,NOPE9999,2024,公式',
    '坏性别,F0003,未知,CS2401,2024,',
    '坏年级,F0004,女,CS2401,1800,',
  ].join('\n');

  it('dry run with bad rows → download → the file has those rows, their cells as uploaded and the messages', async () => {
    const { header, rows, ws, disposition } = await badRows(file, 'students.csv');
    expect(decodeURIComponent(disposition)).toContain('学生导入错误行.xlsx');
    expect(header).toEqual(['姓名', '学号', '性别', '行政班代码', '年级', '备注', '错误说明']);
    expect(rows).toEqual([
      [
        '=HYPERLINK("http://evil.example","点我")',
        'F0002',
        '男',
        'NOPE9999',
        '2024',
        '公式',
        '行政班代码“NOPE9999”不存在（应为已有行政班的班级代码，如 CS2401；专业随行政班确定）',
      ],
      ['坏性别', 'F0003', '未知', 'CS2401', '2024', '', '性别应为 男 或 女，不能是“未知”'],
      ['坏年级', 'F0004', '女', 'CS2401', '1800', '', '年级应不小于 1990'],
    ]);
    // The formula-looking cell is text, not a formula, and stays text when edited (the column is formatted as text).
    const cell = ws.getCell('A2');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(ws.getColumn(1).numFmt).toBe('@');

    const en = await badRows(file, 'students.csv', 'en');
    expect(en.header.at(-1)).toBe('Errors');
    expect(en.rows[1].at(-1)).toBe('Gender must be Male or Female, not “未知”');
  });

  it('the fixed file imports as it is, error column and all', async () => {
    const { ws, wb } = await badRows(file, 'students.csv');
    // Fix what the messages say, in the downloaded file itself.
    ws.getCell('A2').value = '改好的名字';
    ws.getCell('D2').value = 'CS2401';
    ws.getCell('C3').value = '女';
    ws.getCell('E4').value = '2024';
    const fixed = Buffer.from(await wb.xlsx.writeBuffer());
    const dry = (await upload(admin, 'students', fixed, { name: 'fixed.xlsx' })).json();
    expect(dry).toMatchObject({ rows: 3, valid: 3, errors: [] });
    const commit = await upload(admin, 'students', fixed, { name: 'fixed.xlsx', dryRun: false });
    expect(commit.json()).toMatchObject({ created: 3 });
    expect((await studentByCode('F0002')).name).toBe('改好的名字');
    expect((await studentByCode('F0003')).gender).toBe('female');

    // A bad-rows file uploaded again replaces its old error column instead of adding a second one.
    ws.getCell('C3').value = '还是不对';
    const again = await badRows(Buffer.from(await wb.xlsx.writeBuffer()), 'again.xlsx');
    expect(again.header.filter((h) => h === '错误说明')).toHaveLength(1);
    expect(again.rows.map((r) => r[1])).toEqual(['F0003']);
  });

  it('needs the same permissions as the import', async () => {
    const { payload, headers } = multipartFile(file, 'students.csv');
    const res = await (await ctx.as('teacher')).request('POST', '/api/imports/students/bad-rows', payload, { headers });
    expect(res.statusCode).toBe(403);
  });
});
