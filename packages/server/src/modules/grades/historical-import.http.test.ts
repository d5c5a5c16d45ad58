import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradeImportResult } from '@jiaowu/contracts';
import { multipartFile } from '../../test/multipart.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';

/**
 * 历史成绩导入 through the API on the demo school: a dry run lists every bad row with its row and
 * column and writes nothing; one bad row keeps the whole file out; GBK CSV and XLSX read alike; a
 * formula is never run; courses missing from the catalog become archived courses only when asked;
 * the records are published, marked migrated, and the passed/failed courses follow them.
 */

let ctx: TestContext;
let office: TestClient;
let teacher: TestClient;
let s1: string;
let s2: string;
let course: { id: number; code: string };

const rows = async <T>(q: ReturnType<typeof sql>) => ((await ctx.db.execute(q)) as unknown as { rows: T[] }).rows;
const HEADER = ['学号', '学期', '课程代码', '成绩', '考试性质', '学分', '课程名称'];
const csv = (lines: string[][]) => [HEADER, ...lines].map((l) => l.join(',')).join('\r\n');
const upload = (
  data: Buffer | string,
  query: Record<string, string> = {},
  { lang = 'zh-CN', name = '历史成绩.csv', as = office }: { lang?: 'zh-CN' | 'en'; name?: string; as?: TestClient } = {},
) => {
  const { payload, headers } = multipartFile(data, name);
  return as.request('POST', '/api/grades/imports/historical', payload, { headers, query: { dryRun: 'true', ...query }, lang });
};
/** Migrated records of the years this test imports (the demo has its own, of autumn 2025). */
const migratedCount = async () =>
  Number(
    (
      await rows<{ n: string }>(
        sql`select count(*) as n from grade_records r join terms t on t.id = r.term_id where r.source = 'migrated' and t.code like '2019-%'`,
      )
    )[0].n,
  );

beforeAll(async () => {
  ctx = await createTestContext({ app: { logger: { level: 'error' } } });
  [office, teacher] = await Promise.all([ctx.as('office'), ctx.as('teacher')]);
  [{ code: s1 }, { code: s2 }] = await rows<{ code: string }>(sql`select code from students where deleted_at is null order by id limit 2`);
  [course] = await rows<{ id: number; code: string }>(sql`select id, code from courses where is_active order by id limit 1`);
});
afterAll(() => ctx.close());

describe('historical grades import', () => {
  it('is the office’s: a teacher is refused', async () => {
    const res = await upload(csv([[s1, '2019-2020-1', course.code, '85', '正常', '3', '']]), {}, { as: teacher });
    expect(res.statusCode).toBe(403);
  });

  it('a dry run lists every bad row with its row and column, in the reader’s language, and writes nothing', async () => {
    const file = csv([
      [s1, '2019-2020-1', course.code, '85', '正常', '3', ''],
      ['NOPE999', '2019-2020-1', course.code, '良', '', '2', ''],
      [s1, '2019-2020-1', course.code, '85.55', '', '3', ''],
      [s1, '2019-2020', course.code, '优', '期中', 'x', ''],
      [s1, '2019-2020-1', course.code, '90', '正常', '3', ''],
      [s2, '2019-2020-1', 'ZZ_NONE_1', '合格', '', '1', ''],
    ]);
    const zh = (await upload(file, { createMissingTerms: 'true' })).json() as GradeImportResult;
    expect(zh).toMatchObject({ dryRun: true, committed: false, rows: 6, termsCreated: ['2019-2020-1'] });
    const where = zh.errors.map((e) => `${e.row}:${e.column}:${e.code}`);
    expect(where).toEqual([
      '3:学号:unknown_student',
      '4:成绩:grade',
      '5:学期:term_format',
      '5:考试性质:attempt_unknown',
      '5:学分:credits_format',
      '6:课程代码:duplicate_row',
      '7:课程代码:unknown_course',
    ]);
    expect(zh.errors.find((e) => e.row === 6)!.message).toContain('第 2 行');
    expect(zh.errors.find((e) => e.row === 4)!.message).toContain('小数');
    const en = (await upload(file, { createMissingTerms: 'true' }, { lang: 'en' })).json() as GradeImportResult;
    expect(en.errors.find((e) => e.row === 3)).toMatchObject({ column: 'Student No.', message: 'Student No. “NOPE999” does not exist' });
    expect(await migratedCount()).toBe(0);
  });

  it('an unknown term is an error unless the office asks for it as a past term; a future one never', async () => {
    const r = (await upload(csv([[s1, '2018-2019-2', course.code, '85', '', '3', '']]))).json() as GradeImportResult;
    expect(r.errors.map((e) => e.code)).toEqual(['unknown_term']);
    const future = (await upload(csv([[s1, '2030-2031-1', course.code, '85', '', '3', '']]), { createMissingTerms: 'true' })).json();
    expect((future as GradeImportResult).errors.map((e) => e.code)).toEqual(['term_not_past']);
  });

  it('one bad row keeps the whole file out', async () => {
    const res = await upload(
      csv([
        [s1, '2019-2020-1', course.code, '85', '', '3', ''],
        [s2, '2019-2020-1', course.code, '不存在的成绩', '', '3', ''],
      ]),
      { dryRun: 'false', createMissingTerms: 'true' },
    );
    expect(res.json()).toMatchObject({ committed: false, errorCount: 1 });
    expect(await migratedCount()).toBe(0);
    expect(await rows(sql`select 1 from terms where code = '2019-2020-1'`)).toEqual([]);
  });

  it('a missing course is created archived only when asked; a formula stays text', async () => {
    const evil = '=HYPERLINK("http://evil.example","点我")';
    const file = csv([[s1, '2019-2020-1', 'OLD_MATH_1', '72', '', '4', `"${evil.replace(/"/g, '""')}"`]]);
    const refused = (await upload(file, { createMissingTerms: 'true' })).json() as GradeImportResult;
    expect(refused.errors.map((e) => e.code)).toEqual(['unknown_course']);
    const asked = (await upload(file, { createMissingTerms: 'true', createMissingCourses: 'true' })).json() as GradeImportResult;
    expect(asked).toMatchObject({ errorCount: 0, coursesCreated: ['OLD_MATH_1'], added: 1 });
    expect(await rows(sql`select 1 from courses where code = 'OLD_MATH_1'`)).toEqual([]);

    const bad = (await upload(csv([[s1, '2019-2020-1', course.code, '=1+1', '', '3', '']]), { createMissingTerms: 'true' })).json();
    expect((bad as GradeImportResult).errors[0]).toMatchObject({ column: '成绩', value: "'=1+1" });

    const done = await upload(file, { dryRun: 'false', createMissingTerms: 'true', createMissingCourses: 'true' });
    expect(done.json()).toMatchObject({ committed: true, added: 1 });
    const [created] = await rows<{ name: string; is_active: boolean; credits: string }>(
      sql`select name, is_active, credits::text from courses where code = 'OLD_MATH_1'`,
    );
    expect(created).toEqual({ name: evil, is_active: false, credits: '4.0' });
  });

  it('GBK CSV and XLSX commit; the records are published, migrated, with the old text; passed/failed follow', async () => {
    const gbk = iconv.encode(
      csv([
        [s2, '2019-2020-2', course.code, '不及格', '正常', '3', ''],
        [s2, '2019-2020-2', course.code, '75', '补考', '3', ''],
        [s2, '2019-2020-2', 'OLD_MATH_1', '缺考', '', '4', ''],
      ]),
      'gbk',
    );
    const r1 = (await upload(gbk, { dryRun: 'false', createMissingTerms: 'true' })).json() as GradeImportResult;
    expect(r1).toMatchObject({ committed: true, added: 3, encoding: 'gb18030', termsCreated: ['2019-2020-2'] });

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('成绩');
    ws.addRow(HEADER);
    ws.addRow([s1, '2019-2020-2', course.code, { formula: '80+5', result: 85 }, '重修', 3, '']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const r2 = (await upload(xlsx, { dryRun: 'false' }, { name: '历史成绩.xlsx' })).json() as GradeImportResult;
    expect(r2).toMatchObject({ committed: true, added: 1, errorCount: 0 });

    const recs = await rows<{ code: string; attempt: string; raw_grade: string; entry: unknown; version: number; reason: string }>(
      sql`select s.code, r.attempt, r.raw_grade, r.entry, r.version, v.reason from grade_records r
            join students s on s.id = r.student_id join grade_record_versions v on v.record_id = r.id
            join terms t on t.id = r.term_id
           where r.source = 'migrated' and r.published_at is not null and r.course_id = ${course.id} and t.code like '2019-%'
           order by r.id`,
    );
    expect(recs).toEqual([
      { code: s2, attempt: 'normal', raw_grade: '不及格', entry: { kind: 'five_level', level: 'fail' }, version: 1, reason: 'migrated' },
      { code: s2, attempt: 'makeup', raw_grade: '75', entry: { kind: 'score', tenths: 750 }, version: 1, reason: 'migrated' },
      { code: s1, attempt: 'retake', raw_grade: '85', entry: { kind: 'score', tenths: 850 }, version: 1, reason: 'migrated' },
    ]);
    // The make-up passed: the course is passed (shown capped at 60); the absence in OLD_MATH_1 failed.
    const outcomes = await rows<{ kind: string; code: string; score: string }>(
      sql`select 'passed' as kind, c.code, p.score from passed_courses p join courses c on c.id = p.course_id
            join students s on s.id = p.student_id where s.code = ${s2} and c.code in (${course.code}, 'OLD_MATH_1')
          union all
          select 'failed', c.code, f.score from failed_courses f join courses c on c.id = f.course_id
            join students s on s.id = f.student_id where s.code = ${s2} and c.code in (${course.code}, 'OLD_MATH_1')
          order by 1, 2`,
    );
    expect(outcomes).toEqual([
      { kind: 'failed', code: 'OLD_MATH_1', score: '缺考' },
      { kind: 'passed', code: course.code, score: '60' },
    ]);
    const audit = await rows<{ after: { count: number } }>(
      sql`select after from audit_log where action = 'grade_records.import_historical' order by id`,
    );
    expect(audit.map((a) => a.after.count)).toEqual([1, 3, 1]);
  });

  it('a grade already on record is refused, naming the row', async () => {
    const r = (await upload(csv([[s2, '2019-2020-2', course.code, '88', '补考', '3', '']]))).json() as GradeImportResult;
    expect(r.errors).toMatchObject([{ row: 2, code: 'already_recorded' }]);
  });

  it('the template names the columns in the reader’s language', async () => {
    const res = await office.get('/api/grades/imports/historical/template', { query: { format: 'csv' }, lang: 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Student No.,Term,Course code,Grade,Attempt,Credits,Course name');
  });
});
