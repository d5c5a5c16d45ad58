import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '@jiaowu/contracts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { findTermGrid } from '../org/org.read-model.ts';
import { findPublishedLectureTimes } from '../timetable/published-lectures.read-model.ts';
import { lecturesDuring, toDateOfWeek } from './teaching-time.ts';
import { toMinutes } from './sessions.ts';
import { approveWaiting } from '../../test/approve-tasks.ts';

/**
 * Exams inside the teaching weeks (a mid-term test week): the published timetable keeps an exam
 * out of a session its teacher lectures in, moves it off its students' lectures, and keeps
 * lecturing or absent teachers off invigilation duty. Each plan is written straight to the
 * database with one exam, so the solver's choice is down to the lecture rules alone.
 */

let ctx: TestContext;
let office: TestClient;
let teacher: TestClient;
let termId: number;
const rows = async <T>(q: ReturnType<typeof sql>) => ((await ctx.db.execute(q)) as unknown as { rows: T[] }).rows;

/** A lecture at S1; its class X and teacher (the lowest-id teacher of X's college, first asked to invigilate). */
let s1: { date: string; startMin: number; endMin: number };
let sunday: string;
let classX: { id: number; courseId: number; collegeId: number; teacherId: number };
let lecturersAtS1: Set<number>;
let classY: { id: number; courseId: number };

async function waitJob(id: number) {
  for (let i = 0; i < 600; i++) {
    const j = (await office.get(`/api/jobs/${id}`)).json() as JobView;
    if (['succeeded', 'failed', 'cancelled'].includes(j.status)) return j;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${id} did not finish`);
}

/** An approved plan of one exam with two sessions: S1 (the lecture's time) and the Sunday after at the same time. */
async function planOf(name: string, course: { id: number; courseId: number }) {
  const [plan] = await rows<{ id: number }>(
    sql`insert into exam_plans (term_id, name, start_date, end_date, daily_sessions, include_weekends, status)
        values (${termId}, ${name}, ${s1.date}, ${sunday}, '[]'::jsonb, true, 'approved') returning id`,
  );
  const sessions = await rows<{ id: number; date: string }>(
    sql`insert into exam_sessions (plan_id, date, start_min, end_min)
        values (${plan.id}, ${s1.date}, ${s1.startMin}, ${s1.endMin}), (${plan.id}, ${sunday}, ${s1.startMin}, ${s1.endMin})
        returning id, to_char(date, 'YYYY-MM-DD') as date`,
  );
  const [exam] = await rows<{ id: number }>(
    sql`insert into exams (plan_id, course_id, teaching_class_id, duration_min)
        values (${plan.id}, ${course.courseId}, ${course.id}, ${Math.min(60, s1.endMin - s1.startMin)}) returning id`,
  );
  return {
    planId: plan.id,
    examId: exam.id,
    s1: sessions.find((s) => s.date === s1.date)!.id,
    sun: sessions.find((s) => s.date === sunday)!.id,
  };
}

async function solve(planId: number) {
  const started = await office.post(`/api/exams/plans/${planId}/solve`, { timeLimitSec: 2, seed: 3 });
  expect(started.statusCode, started.body).toBe(202);
  const job = await waitJob(started.json().jobId);
  expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
}

const sessionOf = async (examId: number) =>
  (await rows<{ session_id: number | null }>(sql`select session_id from exams where id = ${examId}`))[0]!.session_id;
const dutiesIn = async (sessionId: number) =>
  (await rows<{ teacher_id: number }>(sql`select teacher_id from exam_invigilations where session_id = ${sessionId}`)).map(
    (r) => r.teacher_id,
  );

beforeAll(async () => {
  ctx = await createTestContext({ app: { logger: { level: 'error' } } });
  [office, teacher] = await Promise.all([ctx.as('office'), ctx.as('teacher')]);
  [{ id: termId }] = await rows<{ id: number }>(sql`select id from terms where is_current`);
  const grid = (await findTermGrid(ctx.db, termId))!;
  const lectures = await findPublishedLectureTimes(ctx.db, termId);
  // The lowest-id active teacher of each college: the first the allocation asks to invigilate its exams.
  const firsts = await rows<{ college_id: number; teacher_id: number }>(
    sql`select d.college_id, min(t.id)::int as teacher_id from teachers t join departments d on d.id = t.department_id
         where t.deleted_at is null and t.status = 'active' group by 1`,
  );
  const classes = await rows<{ id: number; course_id: number; college_id: number }>(
    sql`select id, course_id, college_id from teaching_classes where term_id = ${termId}`,
  );
  const firstOf = new Map(firsts.map((f) => [f.college_id, f.teacher_id]));
  const classOf = new Map(classes.map((c) => [c.id, c]));
  const lecture = lectures.find((l) => {
    const c = classOf.get(l.teachingClassId);
    return c && l.day <= 5 && l.weekMask !== 0 && l.teacherIds.includes(firstOf.get(c.college_id) ?? -1);
  });
  expect(lecture, 'a lecture of a college’s first teacher').toBeDefined();
  const week = [...Array(grid.weeks).keys()].map((w) => w + 1).find((w) => (lecture!.weekMask >>> (w - 1)) & 1)!;
  const clock = new Map(grid.periods.map((p) => [p.period, p]));
  s1 = {
    date: toDateOfWeek(grid.startDate, week, lecture!.day),
    startMin: toMinutes(clock.get(lecture!.startPeriod)!.startsAt),
    endMin: toMinutes(clock.get(lecture!.startPeriod + lecture!.length - 1)!.endsAt),
  };
  sunday = toDateOfWeek(grid.startDate, week, 7);
  const x = classOf.get(lecture!.teachingClassId)!;
  classX = { id: x.id, courseId: x.course_id, collegeId: x.college_id, teacherId: firstOf.get(x.college_id)! };
  const during = lecturesDuring([{ id: 1, ...s1 }], grid, lectures).get(1)!;
  lecturersAtS1 = new Set(during.flatMap((l) => l.teacherIds));
  // Class Y: taught by nobody lecturing at S1, with students who have a lecture then (in X or another class).
  const lecturing = [...new Set(during.map((l) => l.teachingClassId))];
  const candidates = await rows<{ id: number; course_id: number; teacher_ids: number[]; n: number }>(
    sql`select tc.id, tc.course_id, tc.teacher_ids, count(*)::int as n
          from teaching_classes tc
          join enrolments en on en.teaching_class_id = tc.id and en.status = 'enrolled'
          join enrolments busy on busy.student_id = en.student_id and busy.status = 'enrolled' and busy.term_id = ${termId}
           and busy.teaching_class_id in (${sql.join(
             lecturing.map((i) => sql`${i}`),
             sql`, `,
           )})
         where tc.term_id = ${termId} and tc.id not in (${sql.join(
           lecturing.map((i) => sql`${i}`),
           sql`, `,
         )})
         group by tc.id order by n desc, tc.id`,
  );
  const y = candidates.find((c) => !c.teacher_ids.some((t) => lecturersAtS1.has(t)))!;
  expect(y, 'a class whose students lecture at S1').toBeDefined();
  classY = { id: y.id, courseId: y.course_id };
}, 180_000);
afterAll(() => ctx?.close());

describe('exams in teaching weeks', () => {
  it('an exam whose students have a lecture in a session goes to the free one, though it is the last', async () => {
    const p = await planOf('期中测验（学生有课）', classY);
    await solve(p.planId);
    // Without the lectures the front-load rule would put the exam in the first session, S1.
    expect(await sessionOf(p.examId)).toBe(p.sun);
  });

  it('an exam never goes where its own teacher lectures', async () => {
    const p = await planOf('期中测验（教师有课）', classX);
    await solve(p.planId);
    expect(await sessionOf(p.examId)).toBe(p.sun);
  });

  it('keeps lecturing teachers and declared absences off invigilation, and refuses declarations after publication', async () => {
    const p = await planOf('期中测验（监考）', classX);
    await solve(p.planId);
    const first = await dutiesIn(p.sun);
    expect(first.length).toBeGreaterThan(0);

    // A teacher declares their own absence; another teacher's is not theirs to declare.
    const [{ teacher_id: own }] = await rows<{ teacher_id: number }>(sql`select teacher_id from users where username = 'teacher'`);
    const mine = await teacher.put(`/api/exams/plans/${p.planId}/unavailability`, { sessions: [{ sessionId: p.s1, reason: '外出开会' }] });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items).toEqual([{ teacherId: own, sessionId: p.s1, reason: '外出开会' }]);
    expect((await teacher.put(`/api/exams/plans/${p.planId}/unavailability`, { teacherId: first[0], sessions: [] })).statusCode).toBe(403);
    expect((await teacher.get(`/api/exams/plans/${p.planId}/unavailability`)).json().items).toHaveLength(1);

    // The office marks the Sunday's first invigilator away; a re-solve gives the duty to someone else.
    const away = first[0]!;
    const put = await office.put(`/api/exams/plans/${p.planId}/unavailability`, { teacherId: away, sessions: [{ sessionId: p.sun }] });
    expect(put.statusCode, put.body).toBe(200);
    const [audit] = await rows<{ action: string }>(
      sql`select action from audit_log where entity_type = 'exam_plans' and entity_id = ${String(p.planId)} order by id desc limit 1`,
    );
    expect(audit?.action).toBe('exam_plans.unavailability');
    await solve(p.planId);
    const second = await dutiesIn(p.sun);
    expect(second.length).toBe(first.length);
    expect(second).not.toContain(away);

    // Moved by hand into S1, where its college's first teacher lectures: nobody lecturing then invigilates.
    const moved = await office.post(`/api/exams/plans/${p.planId}/exams/${p.examId}/move`, { sessionId: p.s1 });
    expect(moved.statusCode, moved.body).toBe(200);
    const atS1 = await dutiesIn(p.s1);
    expect(atS1.length).toBeGreaterThan(0);
    expect(lecturersAtS1.has(classX.teacherId)).toBe(true);
    expect(atS1.filter((t) => lecturersAtS1.has(t))).toEqual([]);
    expect(atS1).not.toContain(own);

    const published = await office.post(`/api/exams/plans/${p.planId}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    const pending = await office.put(`/api/exams/plans/${p.planId}/unavailability`, { teacherId: away, sessions: [] });
    expect(pending.json().error.code).toBe('exam_plan_submitted');
    expect(await approveWaiting(office, new Set([published.json().instanceId]))).toBe(1);
    const late = await office.put(`/api/exams/plans/${p.planId}/unavailability`, { teacherId: away, sessions: [] });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('exam_plan_published');
  });
});
