import iconv from 'iconv-lite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExamPlanView, ExamSitting, JobView, MakeupCandidate, MakeupImportResult } from '@jiaowu/contracts';
import { multipartFile } from '../../test/multipart.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { terms } from '../org/org.tables.ts';
import { approveWaiting } from '../../test/approve-tasks.ts';

/**
 * 补考 end to end through the API on the demo school: the office opens a make-up plan in the next
 * term for the current term's exams, imports failed students (a dry run lists the bad rows and
 * saves nothing; the fixed file commits), adds the approved deferrals, gets the lists approved,
 * solves and publishes with the final exams' machinery. Checked from the candidates and the stored
 * seats and sittings: every candidate seated once, nobody else, no student in two exams at once.
 */

let ctx: TestContext;
let office: TestClient;
let secretary: TestClient;
let sourceTermId: number;
let nextTermId: number;
let plan: ExamPlanView;
/** S1 failed courses A and B; S2 failed A; S3 failed B; D1, D2 have approved deferrals. */
const fx = {} as {
  s1: { id: number; code: string };
  s2: { id: number; code: string };
  s3: { id: number; code: string };
  a: { id: number; code: string };
  b: { id: number; code: string };
  notS2: string;
  deferred: { studentId: number; courseId: number }[];
};

const rows = async <T>(q: ReturnType<typeof sql>) => ((await ctx.db.execute(q)) as unknown as { rows: T[] }).rows;
const base = () => `/api/exams/plans/${plan.id}/makeup-candidates`;
const csv = (lines: string[][]) => lines.map((l) => l.join(',')).join('\r\n');
const upload = async (data: Buffer | string, dryRun: boolean, lang: 'zh-CN' | 'en' = 'zh-CN', planId = plan.id) => {
  const { payload, headers } = multipartFile(data, '补考名单.csv');
  return office.request('POST', `/api/exams/plans/${planId}/makeup-candidates/import`, payload, {
    headers,
    query: { dryRun: String(dryRun) },
    lang,
  });
};
const candidates = async (planId = plan.id) =>
  (await office.get(`/api/exams/plans/${planId}/makeup-candidates`, { query: { pageSize: 200 } })).json() as {
    items: MakeupCandidate[];
    total: number;
  };

async function waitJob(id: number) {
  for (let i = 0; i < 1200; i++) {
    const j = (await office.get(`/api/jobs/${id}`)).json() as JobView;
    if (['succeeded', 'failed', 'cancelled'].includes(j.status)) return j;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${id} did not finish`);
}

/** Submits the plan's lists and approves every task (secretary first, then the office). */
async function approvePlan() {
  const submitted = (await office.post(`/api/exams/plans/${plan.id}/submit`)).json() as ExamPlanView;
  const ids = new Set(submitted.colleges.map((c) => c.workflowInstanceId!));
  for (const who of [secretary, office, office, office]) await approveWaiting(who, ids);
  plan = (await office.get(`/api/exams/plans/${plan.id}`)).json();
}

const makeupInput = (name: string) => ({
  termId: nextTermId,
  kind: 'makeup',
  sourceTermId,
  name,
  startDate: '2027-03-01',
  endDate: '2027-03-05',
  dailySessions: [
    { start: '08:30', end: '10:30' },
    { start: '14:30', end: '16:30' },
  ],
});

beforeAll(async () => {
  ctx = await createTestContext({ app: { logger: { level: 'error' } } });
  [office, secretary] = await Promise.all([ctx.as('office'), ctx.as('secretary')]);
  [{ id: sourceTermId }] = await rows<{ id: number }>(sql`select id from terms where is_current`);
  [{ id: nextTermId }] = await ctx.db
    .insert(terms)
    .values({
      code: '2026-2027-2',
      name: '2026-2027学年第二学期',
      academicYear: '2026-2027',
      semester: 2,
      startDate: '2027-03-01',
      weeks: 18,
    })
    .returning({ id: terms.id });
  // The demo's final exams of the current term: unified exams 统考 and who was enrolled.
  const finalExams = sql`select e.course_id from exams e join exam_plans p on p.id = e.plan_id
                          where p.term_id = ${sourceTermId} and p.kind = 'final' and e.teaching_class_id is null`;
  const [pair] = await rows<{ s: number; sCode: string; a: number; aCode: string; b: number; bCode: string }>(
    sql`select x.student_id as s, st.code as "sCode", x.course_id as a, ca.code as "aCode", y.course_id as b, cb.code as "bCode"
          from enrolments x join enrolments y on y.student_id = x.student_id and y.term_id = x.term_id and y.course_id > x.course_id
          join students st on st.id = x.student_id join courses ca on ca.id = x.course_id join courses cb on cb.id = y.course_id
         where x.term_id = ${sourceTermId} and x.status = 'enrolled' and y.status = 'enrolled'
           and x.course_id in (${finalExams}) and y.course_id in (${finalExams})
         order by x.student_id, x.course_id, y.course_id limit 1`,
  );
  const other = async (courseId: number, not: number[]) =>
    (
      await rows<{ id: number; code: string }>(
        sql`select st.id, st.code from enrolments en join students st on st.id = en.student_id
             where en.term_id = ${sourceTermId} and en.status = 'enrolled' and en.course_id = ${courseId}
               and st.id not in (${sql.join(
                 not.map((n) => sql`${n}`),
                 sql`, `,
               )})
             order by st.id limit 1`,
      )
    )[0]!;
  fx.s1 = { id: pair.s, code: pair.sCode };
  fx.a = { id: pair.a, code: pair.aCode };
  fx.b = { id: pair.b, code: pair.bCode };
  fx.s2 = await other(pair.a, [pair.s]);
  fx.s3 = await other(pair.b, [pair.s, fx.s2.id]);
  [{ code: fx.notS2 }] = await rows<{ code: string }>(
    sql`select c.code from courses c where c.id in (${finalExams})
           and not exists (select 1 from enrolments en where en.student_id = ${fx.s2.id} and en.course_id = c.id and en.term_id = ${sourceTermId})
         order by c.code limit 1`,
  );
  // Two approved deferrals 缓考 of the final exams, of students not in the file.
  const seats = await rows<{ examId: number; studentId: number; courseId: number }>(
    sql`select s.exam_id as "examId", s.student_id as "studentId", e.course_id as "courseId"
          from exam_seats s join exams e on e.id = s.exam_id join exam_plans p on p.id = e.plan_id
         where p.term_id = ${sourceTermId} and p.kind = 'final'
           and s.student_id not in (${fx.s1.id}, ${fx.s2.id}, ${fx.s3.id})
         order by s.student_id desc, s.exam_id limit 2`,
  );
  for (const s of seats)
    await ctx.db.execute(
      sql`insert into exam_deferrals (exam_id, student_id, reason, status, decided_at) values (${s.examId}, ${s.studentId}, '病假', 'approved', now())`,
    );
  fx.deferred = seats.map((s) => ({ studentId: s.studentId, courseId: s.courseId }));
}, 120_000);
afterAll(() => ctx?.close());

describe('make-up plan 补考', () => {
  it('needs the term whose exams it makes up, and that term must exist', async () => {
    const { sourceTermId: _, ...noSource } = makeupInput('补考（无来源）');
    const missing = await office.post('/api/exams/plans', noSource);
    expect(missing.statusCode).toBe(400);
    expect(JSON.stringify(missing.json())).toContain('补考安排须选择补考的来源学期');
    const unknown = await office.post('/api/exams/plans', { ...makeupInput('补考（未知学期）'), sourceTermId: 999_999 });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json())).toContain('sourceTermId');
  });

  it('opens an empty make-up plan in the next term', async () => {
    const res = await office.post('/api/exams/plans', makeupInput('2026-2027学年第一学期补考'));
    expect(res.statusCode, res.body).toBe(201);
    plan = res.json();
    expect(plan).toMatchObject({ kind: 'makeup', sourceTermId, termId: nextTermId, exams: 0, sessions: 10 });
    expect((await candidates()).total).toBe(0);
  });

  it('a dry run lists every bad row with its row number and words, and saves nothing', async () => {
    const file = csv([
      ['学号', '课程代码', '备注'],
      [fx.s1.code, fx.a.code, '卷面不及格'],
      ['NOPE-404', fx.a.code, ''],
      [fx.s2.code, 'NO-SUCH-COURSE', ''],
      [fx.s2.code, fx.notS2, ''],
      [fx.s1.code, fx.a.code, '重复'],
    ]);
    const res = await upload(file, true);
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json() as MakeupImportResult;
    expect(out).toMatchObject({ dryRun: true, committed: false, rows: 5, added: 1 });
    expect(out.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [3, '学号', '学号“NOPE-404”不存在'],
      [4, '课程代码', '课程代码“NO-SUCH-COURSE”不存在'],
      [5, '课程代码', `该学生在2026-2027学年第一学期没有课程“${fx.notS2}”的期末考试`],
      [6, '课程代码', '与第 2 行重复：同一学生和课程在一个文件中只能出现一次'],
    ]);
    // A commit of the same file writes nothing either: all rows or none.
    const commit = (await upload(file, false)).json() as MakeupImportResult;
    expect(commit.committed).toBe(false);
    expect((await candidates()).total).toBe(0);
    expect((await office.get(`/api/exams/plans/${plan.id}`)).json().exams).toBe(0);
  });

  it('commits the fixed file: one exam per course with candidates; the same rows again are already listed', async () => {
    const file = csv([
      ['学号', '课程代码', '备注'],
      [fx.s1.code, fx.a.code, '卷面不及格'],
      [fx.s1.code, fx.b.code, ''],
      [fx.s2.code, fx.a.code, ''],
      [fx.s3.code, fx.b.code, ''],
    ]);
    const out = (await upload(file, false)).json() as MakeupImportResult;
    expect(out).toMatchObject({ committed: true, added: 4, errors: [] });
    const list = await candidates();
    expect(list.total).toBe(4);
    expect(list.items.every((c) => c.source === 'failed' && c.studentName.length > 0 && c.courseName.length > 0)).toBe(true);
    expect(list.items.find((c) => c.studentId === fx.s1.id && c.courseId === fx.a.id)?.note).toBe('卷面不及格');
    plan = (await office.get(`/api/exams/plans/${plan.id}`)).json();
    expect(plan.exams).toBe(2);
    const again = (await upload(file, true, 'en')).json() as MakeupImportResult;
    expect(again.errors).toHaveLength(4);
    expect(again.errors[0].message).toBe(`The student is already on the make-up list for course “${fx.a.code}”`);
  });

  it('adds the approved deferrals of the source term once', async () => {
    const first = (await office.post(`${base()}/deferrals`)).json();
    expect(first).toEqual({ added: 2, deferrals: 2 });
    expect((await office.post(`${base()}/deferrals`)).json()).toEqual({ added: 0, deferrals: 2 });
    const list = await candidates();
    expect(list.total).toBe(6);
    expect(list.items.filter((c) => c.source === 'deferral').map((c) => [c.studentId, c.courseId])).toEqual(
      expect.arrayContaining(fx.deferred.map((d) => [d.studentId, d.courseId])),
    );
    plan = (await office.get(`/api/exams/plans/${plan.id}`)).json();
    const courses = new Set([fx.a.id, fx.b.id, ...fx.deferred.map((d) => d.courseId)]);
    expect(plan.exams).toBe(courses.size);
  });

  it('is for the office only', async () => {
    expect((await secretary.get(base())).statusCode).toBe(403);
    expect((await secretary.post(`${base()}/deferrals`)).statusCode).toBe(403);
  });

  it('is approved per college; removing a candidate afterwards sends that college’s list back to draft', async () => {
    await approvePlan();
    expect(plan.status).toBe('approved');
    const s3 = (await candidates()).items.find((c) => c.studentId === fx.s3.id)!;
    const res = await office.delete(`${base()}/${s3.id}`);
    expect(res.statusCode, res.body).toBe(200);
    plan = (await office.get(`/api/exams/plans/${plan.id}`)).json();
    expect(plan.status).toBe('draft');
    expect(plan.colleges.some((c) => c.status === 'draft')).toBe(true);
    // Put back: the list is edited again and approved again.
    const back = await upload(
      csv([
        ['学号', '课程代码'],
        [fx.s3.code, fx.b.code],
      ]),
      false,
    );
    expect(back.json().committed).toBe(true);
    await approvePlan();
    expect(plan.status).toBe('approved');
  });

  it('solves and seats it with the final exams’ machinery: every candidate seated once, nobody else, no clash', async () => {
    const started = await office.post(`/api/exams/plans/${plan.id}/solve`, { timeLimitSec: 3, seed: 11 });
    expect(started.statusCode, started.body).toBe(202);
    const job = await waitJob(started.json().jobId);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    plan = (await office.get(`/api/exams/plans/${plan.id}`)).json();
    expect(plan.solveSummary?.unplaced).toEqual([]);
    expect(plan.placed).toBe(plan.exams);
    const [{ missing }] = await rows<{ missing: number }>(
      sql`select count(*)::int as missing from exam_makeup_candidates mc join exams e on e.plan_id = mc.plan_id and e.course_id = mc.course_id
           where mc.plan_id = ${plan.id}
             and (select count(*) from exam_seats s where s.exam_id = e.id and s.student_id = mc.student_id) <> 1`,
    );
    expect(missing).toBe(0);
    const [{ others, seated }] = await rows<{ others: number; seated: number }>(
      sql`select count(*) filter (where not exists (select 1 from exam_makeup_candidates mc
                  where mc.plan_id = e.plan_id and mc.course_id = e.course_id and mc.student_id = s.student_id))::int as others,
                 count(*)::int as seated
            from exam_seats s join exams e on e.id = s.exam_id where e.plan_id = ${plan.id}`,
    );
    expect(others).toBe(0);
    expect(seated).toBe(6);
    const clashes = await rows(
      sql`select mc.student_id, e.session_id from exam_makeup_candidates mc join exams e on e.plan_id = mc.plan_id and e.course_id = mc.course_id
           where mc.plan_id = ${plan.id} group by 1, 2 having count(*) > 1`,
    );
    expect(clashes).toEqual([]);
  });

  it('publishes: the student’s sittings show both make-up exams at different times, and the ticket prints', async () => {
    const res = await office.post(`/api/exams/plans/${plan.id}/publish`);
    expect(res.statusCode, res.body).toBe(200);
    expect(await approveWaiting(office, new Set([res.json().instanceId]))).toBe(1);
    const mine = (await office.get('/api/exams/sittings', { query: { termId: nextTermId, planId: plan.id, studentId: fx.s1.id } })).json()
      .items as ExamSitting[];
    expect(mine.map((s) => s.courseId).sort()).toEqual([fx.a.id, fx.b.id].sort());
    expect(new Set(mine.map((s) => `${s.date} ${s.start}`)).size).toBe(2);
    expect(mine.every((s) => (s.seat ?? 0) > 0 && s.roomId > 0)).toBe(true);
    const ticket = await office.get(`/api/exams/tickets/${fx.s1.id}`, { query: { format: 'pdf', termId: nextTermId } });
    expect(ticket.statusCode).toBe(200);
    expect(ticket.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // A published list is not edited.
    const s2 = (await candidates()).items.find((c) => c.studentId === fx.s2.id)!;
    expect((await office.delete(`${base()}/${s2.id}`)).json().error.code).toBe('exam_plan_published');
  });
});

describe('make-up import file', () => {
  it('reads a GBK CSV from Excel on Chinese Windows, with Chinese headers and notes', async () => {
    const other = (await office.post('/api/exams/plans', makeupInput('补考（GBK）'))).json() as ExamPlanView;
    const data = iconv.encode(
      csv([
        ['学号', '课程代码', '备注'],
        [fx.s2.code, fx.a.code, '缺考补考'],
      ]),
      'gbk',
    );
    const out = (await upload(data, false, 'zh-CN', other.id)).json() as MakeupImportResult;
    expect(out).toMatchObject({ encoding: 'gb18030', committed: true, added: 1, errors: [] });
    expect((await candidates(other.id)).items[0]).toMatchObject({ studentId: fx.s2.id, note: '缺考补考' });
  });

  it('downloads the template with the columns in the reader’s language; a final plan has no candidates', async () => {
    const res = await office.get(`${base()}/template`, { query: { format: 'csv' } });
    expect(res.statusCode).toBe(200);
    expect(res.body.replace(/^\ufeff/, '').split(/\r?\n/)[0]).toBe('学号,课程代码,备注');
    const [final] = await rows<{ id: number }>(sql`select id from exam_plans where kind = 'final' limit 1`);
    const refused = await office.get(`/api/exams/plans/${final.id}/makeup-candidates`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('只有补考安排才有补考名单');
  });
});
