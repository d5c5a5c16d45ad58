import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExamItem, ExamPlanView, ExamSitting, InvigilationItem, JobView } from '@jiaowu/contracts';
import { approveWaiting } from '../../test/approve-tasks.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { ticketToken } from './tickets.token.ts';

/**
 * 考务 end to end through the API on the demo school: the office opens the final-exam plan of the
 * current term, each college's list is confirmed and approved, the solver schedules it, rooms,
 * seats and invigilators are given out, and the office publishes it. The result is then checked
 * straight from enrolments and the stored sittings, not from the solver's own cost.
 */

let ctx: TestContext;
let office: TestClient;
let secretary: TestClient;
let student: TestClient;
let teacher: TestClient;
let termId: number;
let plan: ExamPlanView;
const KEY = randomBytes(32);

const rows = async <T>(q: ReturnType<typeof sql>) => ((await ctx.db.execute(q)) as unknown as { rows: T[] }).rows;

async function waitJob(id: number) {
  for (let i = 0; i < 1200; i++) {
    const j = (await office.get(`/api/jobs/${id}`)).json() as JobView;
    if (['succeeded', 'failed', 'cancelled'].includes(j.status)) return j;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${id} did not finish`);
}

beforeAll(async () => {
  ctx = await createTestContext({ app: { logger: { level: 'error' }, secretKey: KEY } });
  [office, secretary, student, teacher] = await Promise.all([ctx.as('office'), ctx.as('secretary'), ctx.as('student'), ctx.as('teacher')]);
  [{ id: termId }] = await rows<{ id: number }>(sql`select id from terms where is_current`);
}, 120_000);
afterAll(() => ctx?.close());

describe('exam plan 考试安排', () => {
  it('opens a plan over the last two weeks with four sessions a day, listing every exam course of the term', async () => {
    const res = await office.post('/api/exams/plans', {
      termId,
      name: '期末考试（测试）',
      startDate: '2026-12-28',
      endDate: '2027-01-08',
      dailySessions: [
        { start: '08:30', end: '10:30' },
        { start: '10:50', end: '12:50' },
        { start: '14:30', end: '16:30' },
        { start: '19:00', end: '21:00' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    plan = res.json();
    // Ten weekdays × four sessions; weekends hold none.
    expect(plan.sessions).toBe(40);
    const [{ n }] = await rows<{ n: number }>(
      sql`select count(distinct tc.course_id)::int as n from teaching_classes tc join courses c on c.id = tc.course_id
           where tc.term_id = ${termId} and c.assessment = 'exam'`,
    );
    expect(plan.exams).toBe(n);
    expect(plan.status).toBe('draft');
    expect(plan.colleges.length).toBeGreaterThan(1);
  });

  it('refuses sessions that overlap, naming the field', async () => {
    const res = await office.post('/api/exams/plans', {
      termId,
      name: '重叠',
      startDate: '2026-12-28',
      endDate: '2027-01-08',
      dailySessions: [
        { start: '08:30', end: '10:30' },
        { start: '10:00', end: '12:00' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('dailySessions');
  });

  it('shows a college secretary only their college’s exams, a student only the exams they sit', async () => {
    const all = (await office.get(`/api/exams/plans/${plan.id}/exams`, { query: { pageSize: 200 } })).json();
    const mine = (await secretary.get(`/api/exams/plans/${plan.id}/exams`, { query: { pageSize: 200 } })).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.total).toBeLessThan(all.total);
    expect(new Set((mine.items as ExamItem[]).map((e) => e.collegeId)).size).toBe(1);
    const own = (await student.get(`/api/exams/plans/${plan.id}/exams`, { query: { pageSize: 200 } })).json();
    const [{ n }] = await rows<{ n: number }>(
      sql`select count(*)::int as n from exams e
           where e.plan_id = ${plan.id} and exists (select 1 from enrolments en join users u on u.student_id = en.student_id
             where u.username = 'student' and en.term_id = ${termId} and en.status = 'enrolled' and en.course_id = e.course_id)`,
    );
    expect(n).toBeGreaterThan(0);
    expect(own.total).toBe(n);
  });

  it('cannot be scheduled before approval', async () => {
    const res = await office.post(`/api/exams/plans/${plan.id}/solve`, { timeLimitSec: 5 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('exam_plan_not_approved');
  });

  it('is approved when every college has confirmed its list and the office approved them', async () => {
    const submitted = (await office.post(`/api/exams/plans/${plan.id}/submit`)).json() as ExamPlanView;
    expect(submitted.status).toBe('pending');
    const ids = new Set(submitted.colleges.map((c) => c.workflowInstanceId!));
    // The computer college's secretary confirms theirs; the office stands in for colleges without one.
    expect(await approveWaiting(secretary, ids)).toBe(1);
    while ((await approveWaiting(office, ids)) > 0);
    plan = (await office.get(`/api/exams/plans/${plan.id}`)).json();
    expect(plan.colleges.every((c) => c.status === 'approved')).toBe(true);
    expect(plan.status).toBe('approved');
  });
});

describe('scheduling and publication', () => {
  let rule: { after: number; before: number; avoid: number; session: number };

  it('keeps rules between exams: one after another, and a session one exam must avoid', async () => {
    const items = (await office.get(`/api/exams/plans/${plan.id}/exams`, { query: { pageSize: 200 } })).json().items as ExamItem[];
    const sessions = (await office.get(`/api/exams/plans/${plan.id}/sessions`)).json().items as { id: number }[];
    const [a, b, c] = [...items].sort((x, y) => y.students - x.students);
    rule = { after: a.id, before: b.id, avoid: c.id, session: sessions[0].id };
    const after = await office.post(`/api/exams/plans/${plan.id}/rules`, { kind: 'after', examId: a.id, otherExamId: b.id });
    expect(after.statusCode, after.body).toBe(201);
    const avoid = await office.post(`/api/exams/plans/${plan.id}/rules`, {
      kind: 'avoid_session',
      examId: c.id,
      sessionId: sessions[0].id,
    });
    expect(avoid.statusCode, avoid.body).toBe(201);
    const same = await office.post(`/api/exams/plans/${plan.id}/rules`, { kind: 'exclusion', examId: a.id, otherExamId: a.id });
    expect(same.statusCode).toBe(400);
    expect(JSON.stringify(same.json())).toContain('规则的两门考试不能相同');
    const [foreign] = await rows<{ id: number }>(sql`select id from exams where plan_id <> ${plan.id} limit 1`);
    const other = await office.post(`/api/exams/plans/${plan.id}/rules`, { kind: 'exclusion', examId: a.id, otherExamId: foreign.id });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.code).toBe('exam_rule_not_in_plan');
    const listed = (await secretary.get(`/api/exams/plans/${plan.id}/rules`)).json().items;
    expect(listed.map((r: { kind: string }) => r.kind)).toEqual(['after', 'avoid_session']);
    expect(listed[1].courseName).toBe(c.courseName);
  });

  it('solves the plan as a job: every exam placed, no student in two exams at once', async () => {
    const started = await office.post(`/api/exams/plans/${plan.id}/solve`, { timeLimitSec: 8, seed: 7 });
    expect(started.statusCode, started.body).toBe(202);
    const job = await waitJob(started.json().jobId);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    plan = (await office.get(`/api/exams/plans/${plan.id}`)).json();
    expect(plan.scheduleStatus).toBe('draft');
    expect(plan.solveSummary?.unplaced).toEqual([]);
    expect(plan.placed).toBe(plan.exams);
  });

  it('from the stored data: no student sits two exams in one session, every student has one seat, rooms within exam capacity', async () => {
    const clashes = await rows<{ n: number }>(
      sql`select en.student_id, e.session_id, count(*)::int as n
            from exams e join enrolments en on en.term_id = ${termId} and en.status = 'enrolled' and en.course_id = e.course_id
           where e.plan_id = ${plan.id}
           group by 1, 2 having count(*) > 1`,
    );
    expect(clashes).toEqual([]);
    const [{ missing }] = await rows<{ missing: number }>(
      sql`select count(*)::int as missing
            from exams e join enrolments en on en.term_id = ${termId} and en.status = 'enrolled' and en.course_id = e.course_id
           where e.plan_id = ${plan.id}
             and not exists (select 1 from exam_seats s where s.exam_id = e.id and s.student_id = en.student_id)`,
    );
    expect(missing).toBe(0);
    const over = await rows(
      sql`select s.room_id, e.session_id, count(*) as n, r.exam_capacity
            from exam_seats s join exams e on e.id = s.exam_id join rooms r on r.id = s.room_id
           where e.plan_id = ${plan.id}
           group by 1, 2, r.exam_capacity having count(*) > r.exam_capacity`,
    );
    expect(over).toEqual([]);
    const doubleBooked = await rows(
      sql`select teacher_id, session_id from exam_invigilations where plan_id = ${plan.id} group by 1, 2 having count(*) > 1`,
    );
    expect(doubleBooked).toEqual([]);
  });

  it('kept the rules in the schedule it stored', async () => {
    const placed = await rows<{ id: number; session_id: number; date: string; start_min: number }>(
      sql`select e.id, e.session_id, to_char(s.date, 'YYYY-MM-DD') as date, s.start_min
            from exams e join exam_sessions s on s.id = e.session_id where e.id in (${rule.after}, ${rule.before}, ${rule.avoid})`,
    );
    const at = (id: number) => placed.find((p) => p.id === id)!;
    const key = (p: { date: string; start_min: number }) => `${p.date} ${String(p.start_min).padStart(4, '0')}`;
    expect(key(at(rule.after)) > key(at(rule.before))).toBe(true);
    expect(at(rule.avoid).session_id).not.toBe(rule.session);
  });

  it('uses both weeks of the period rather than packing the first days', async () => {
    const days = await rows<{ date: string }>(
      sql`select distinct to_char(s.date, 'YYYY-MM-DD') as date from exams e join exam_sessions s on s.id = e.session_id where e.plan_id = ${plan.id}`,
    );
    expect(days.some((d) => d.date >= '2027-01-04')).toBe(true);
  });

  it('refuses a hand move that puts students in two exams at once, naming how many and who', async () => {
    const items = (await office.get(`/api/exams/plans/${plan.id}/exams`, { query: { pageSize: 200 } })).json().items as ExamItem[];
    const big = [...items].sort((a, b) => b.students - a.students);
    // Two exams sharing students: the students of the biggest and another course of the same students.
    const [pair] = await rows<{ a: number; b: number }>(
      sql`select e1.id as a, e2.id as b
            from exams e1 join exams e2 on e2.plan_id = e1.plan_id and e2.id <> e1.id and e2.session_id <> e1.session_id
           where e1.plan_id = ${plan.id}
             and exists (select 1 from enrolments x join enrolments y on y.student_id = x.student_id and y.term_id = x.term_id
                          where x.term_id = ${termId} and x.status = 'enrolled' and y.status = 'enrolled'
                            and x.course_id = e1.course_id and y.course_id = e2.course_id)
           limit 1`,
    );
    expect(big.length).toBeGreaterThan(1);
    const target = items.find((e) => e.id === pair.b)!;
    const check = (await office.post(`/api/exams/plans/${plan.id}/exams/${pair.a}/check-move`, { sessionId: target.sessionId })).json();
    expect(check.ok).toBe(false);
    expect(check.clashes[0].students).toBeGreaterThan(0);
    const refused = await office.post(`/api/exams/plans/${plan.id}/exams/${pair.a}/move`, { sessionId: target.sessionId });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/^移动后 \d+ 名学生同一场次有两门考试（.+（\d+）/);
  });

  it('submits the schedule for confirmation: locked and unseen until the office head confirms it', async () => {
    const res = await office.post(`/api/exams/plans/${plan.id}/publish`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().scheduleStatus).toBe('submitted');
    const items = (await office.get(`/api/exams/plans/${plan.id}/exams`)).json().items as ExamItem[];
    const locked = await office.post(`/api/exams/plans/${plan.id}/exams/${items[0].id}/move`, {
      sessionId: items[1].sessionId,
      force: true,
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.message).toBe('考试安排已提交发布确认，确认前不能修改；如需修改请先撤回');
    const [me] = await rows<{ student_id: number }>(sql`select student_id from users where username = 'student'`);
    const seen = (await student.get('/api/exams/sittings', { query: { termId, planId: plan.id, studentId: me.student_id } })).json();
    expect(seen.items).toHaveLength(0);
    expect(await approveWaiting(office, new Set([res.json().instanceId]))).toBe(1);
    expect((await office.get(`/api/exams/plans/${plan.id}`)).json().scheduleStatus).toBe('published');
  });

  it('publishes: students see their own exams with date, time, room and seat; a teacher sees duties', async () => {
    const [me] = await rows<{ student_id: number; teacher_id: number }>(
      sql`select u.student_id, (select teacher_id from users where username = 'teacher') as teacher_id from users u where u.username = 'student'`,
    );
    const mine = (await student.get('/api/exams/sittings', { query: { termId, planId: plan.id, studentId: me.student_id } })).json()
      .items as ExamSitting[];
    const expected = await rows<{ n: number }>(
      sql`select count(*)::int as n from exam_seats s join exams e on e.id = s.exam_id where e.plan_id = ${plan.id} and s.student_id = ${me.student_id}`,
    );
    expect(mine).toHaveLength(expected[0].n);
    expect(mine.length).toBeGreaterThan(0);
    for (const s of mine) {
      expect(s.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(s.start).toMatch(/^\d{2}:\d{2}$/);
      expect(s.end > s.start).toBe(true);
      expect(s.seat).toBeGreaterThan(0);
      expect(s.roomId).toBeGreaterThan(0);
    }
    // Another student's exams are not the student's to read.
    const [other] = await rows<{ id: number }>(sql`select id from students where id <> ${me.student_id} limit 1`);
    expect((await student.get('/api/exams/sittings', { query: { termId, studentId: other.id } })).statusCode).toBe(403);
    // The office can give the demo teacher a duty to check the teacher's view.
    const duties = (await office.get('/api/exams/invigilations', { query: { planId: plan.id } })).json().items as InvigilationItem[];
    expect(duties.length).toBeGreaterThan(0);
    const own = (await teacher.get('/api/exams/invigilations', { query: { teacherId: me.teacher_id } })).json().items as InvigilationItem[];
    expect(own.every((d) => d.teacherId === me.teacher_id)).toBe(true);
    const notices = await rows<{ n: number }>(sql`select count(*)::int as n from notifications where kind = 'exam_published'`);
    expect(notices[0].n).toBeGreaterThan(1000);
  });

  it('gives a student their admission ticket as a PDF, never another student’s; a forged QR code checks as invalid', async () => {
    const [me] = await rows<{ student_id: number }>(sql`select student_id from users where username = 'student'`);
    const res = await student.get(`/api/exams/tickets/${me.student_id}`, { query: { format: 'pdf', termId } });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const [other] = await rows<{ id: number }>(sql`select id from students where id <> ${me.student_id} limit 1`);
    expect((await student.get(`/api/exams/tickets/${other.id}`)).statusCode).toBe(404);
    expect((await office.get(`/api/exams/tickets/${other.id}`)).statusCode).toBe(200);
    const forged = await ctx.anonymous().get(`/api/exams/tickets/verify/${me.student_id}.${termId}.AAAAAAAAAAAAAAAAAAAAAA`);
    expect(forged.statusCode).toBe(200);
    expect(forged.json()).toEqual({ valid: false });
    // The QR code's genuine token shows who the ticket is for and their exams as they are now.
    const check = (await ctx.anonymous().get(`/api/exams/tickets/verify/${ticketToken(KEY, me.student_id, termId)}`)).json();
    expect(check.valid).toBe(true);
    expect(check.student.code).toMatch(/^\d+$/);
    const seats = await rows<{ n: number }>(
      sql`select count(*)::int as n from exam_seats s join exams e on e.id = s.exam_id join exam_plans p on p.id = e.plan_id
           where s.student_id = ${me.student_id} and p.schedule_status = 'published' and p.term_id = ${termId}`,
    );
    expect(check.exams).toHaveLength(seats[0].n);
  });

  it('cannot change a published plan', async () => {
    const res = await office.post(`/api/exams/plans/${plan.id}/solve`, { timeLimitSec: 5 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('exam_plan_published');
  });
});
