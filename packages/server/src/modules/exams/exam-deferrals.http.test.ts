import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import { users } from '../iam/iam.tables.ts';
import { notifications } from '../notifications/notifications.tables.ts';
import { findStudentExams } from './deferrals.repository.ts';
import { examSeats } from './exams.tables.ts';
import { findConfirmedIncidents } from './incidents.read-model.ts';
import { buildExamsFixture, type ExamsFixture } from './test/exams-fixture.ts';

/**
 * 缓考 and 考场违纪 through the API: a student defers their own exam before it starts (not
 * another's, not a started one), the college and the office approve and the student leaves the
 * exam's seats and roster; an invigilator records an incident in their room (another teacher
 * cannot) and the office confirms it, which the grades module then reads.
 */

let ctx: TestContext;
let f: ExamsFixture;
let office: TestClient;
let secretary: TestClient;
let student: TestClient;
let teacher: TestClient;

async function taskOf(client: TestClient, instanceId: number) {
  const inbox = (await client.get('/api/workflow/inbox', { query: { box: 'waiting', pageSize: 200 } })).json();
  return inbox.items.find((i: { instanceId: number }) => i.instanceId === instanceId) as { taskId: number } | undefined;
}

const seatsOf = (examId: number, studentId: number) =>
  ctx.db
    .select()
    .from(examSeats)
    .where(and(eq(examSeats.examId, examId), eq(examSeats.studentId, studentId)));

beforeAll(async () => {
  ctx = await createTestContext({ app: { logger: { level: 'error' } } });
  f = await buildExamsFixture(ctx.db, ctx.clock());
  [office, secretary, student, teacher] = await Promise.all([ctx.as('office'), ctx.as('secretary'), ctx.as('student'), ctx.as('teacher')]);
}, 120_000);
afterAll(() => ctx?.close());

describe('deferred exams 缓考', () => {
  it('lists the student’s exams: the coming one deferrable, the started one not, another class’s not at all', async () => {
    const res = await student.get('/api/exams/deferrals/exams', { query: { termId: f.termId } });
    expect(res.statusCode, res.body).toBe(200);
    const items: { examId: number; canDefer: boolean }[] = res.json().items;
    expect(items.find((e) => e.examId === f.futureExamId)?.canDefer).toBe(true);
    expect(items.find((e) => e.examId === f.startedExamId)?.canDefer).toBe(false);
    expect(items.map((e) => e.examId)).not.toContain(f.notMineExamId);
  });

  it('refuses another class’s exam and an exam that has started', async () => {
    const notMine = await student.post('/api/exams/deferrals', { examId: f.notMineExamId, reason: '生病' });
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().error.code).toBe('exam_not_yours');
    const started = await student.post('/api/exams/deferrals', { examId: f.startedExamId, reason: '生病' }, { lang: 'en' });
    expect(started.statusCode).toBe(409);
    expect(started.json().error.message).toMatch(/^The exam of “.+” started at \d{4}-\d\d-\d\d 09:00; it can no longer be deferred$/);
    expect((await student.get('/api/exams/deferrals')).json()).toEqual({ items: [], total: 0 });
  });

  it('lets the student withdraw a pending application, after which they may apply again', async () => {
    const filed = (await student.post('/api/exams/deferrals', { examId: f.futureExamId, reason: '家中有事' })).json();
    const res = await student.post(`/api/exams/deferrals/${filed.id}/withdraw`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: filed.id, status: 'withdrawn' });
    expect(await seatsOf(f.futureExamId, f.studentId)).toHaveLength(1);
  });

  it('college then office approve; the student leaves the seats and the roster and is told', async () => {
    const filed = await student.post('/api/exams/deferrals', { examId: f.futureExamId, reason: '住院治疗，附医院证明' });
    expect(filed.statusCode, filed.body).toBe(201);
    const deferral = filed.json();
    expect(deferral).toMatchObject({ status: 'pending', examId: f.futureExamId, reason: '住院治疗，附医院证明' });
    const again = await student.post('/api/exams/deferrals', { examId: f.futureExamId, reason: '再次' });
    expect(again.json().error.code).toBe('exam_deferral_live');

    // The secretary sees their college's student's application; a teacher sees none.
    const secretaryList = (await secretary.get('/api/exams/deferrals', { query: { status: 'pending' } })).json();
    expect(secretaryList.items.map((d: { id: number }) => d.id)).toContain(deferral.id);
    expect((await teacher.get('/api/exams/deferrals')).json().total).toBe(0);

    const first = await taskOf(secretary, deferral.workflowInstanceId);
    expect(first).toBeDefined();
    expect((await secretary.post(`/api/workflow/tasks/${first!.taskId}/approve`, { comment: '同意' })).statusCode).toBe(200);
    // Still seated while the office has not decided.
    expect(await seatsOf(f.futureExamId, f.studentId)).toHaveLength(1);
    const second = await taskOf(office, deferral.workflowInstanceId);
    expect(second).toBeDefined();
    expect((await office.post(`/api/workflow/tasks/${second!.taskId}/approve`, {})).statusCode).toBe(200);

    expect(await seatsOf(f.futureExamId, f.studentId)).toHaveLength(0);
    expect(await seatsOf(f.futureExamId, f.otherStudentId)).toHaveLength(1);
    expect((await findStudentExams(ctx.db, f.studentId, f.termId)).map((e) => e.examId)).not.toContain(f.futureExamId);
    const mine = (await student.get('/api/exams/deferrals')).json();
    expect(mine.items[0]).toMatchObject({ id: deferral.id, status: 'approved' });
    const afterApproval = await student.post('/api/exams/deferrals', { examId: f.futureExamId, reason: '再次' });
    expect(afterApproval.json().error.code).toBe('exam_deferral_live');

    // The make-up plan's list: the term's approved deferrals, for the office.
    const approved = (await office.get('/api/exams/deferrals', { query: { status: 'approved', termId: f.termId } })).json();
    expect(approved.items.map((d: { studentId: number; examId: number }) => [d.studentId, d.examId])).toContainEqual([
      f.studentId,
      f.futureExamId,
    ]);

    const [u] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, 'student'));
    const told = await ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, u.id), eq(notifications.kind, 'approved')));
    expect(told.length).toBeGreaterThan(0);
    const audited = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'exam_deferrals.approved'));
    expect(audited.map((a) => a.entityId)).toContain(String(deferral.id));
  });

  it('refuses to withdraw a decided application', async () => {
    const mine = (await student.get('/api/exams/deferrals', { query: { status: 'approved' } })).json();
    const refused = await student.post(`/api/exams/deferrals/${mine.items[0].id}/withdraw`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('exam_deferral_not_pending');
  });
});

describe('exam incidents 考场违纪', () => {
  it('refuses a teacher who does not invigilate the room', async () => {
    const other = await ctx.as(f.otherTeacherUsername);
    const res = await other.post('/api/exams/incidents', {
      examId: f.futureExamId,
      studentId: f.otherStudentId,
      kind: 'cheating',
      note: '夹带',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('exam_incident_not_invigilator');
  });

  it('lets the invigilator pick the student from the duty and record; the office confirms once', async () => {
    const duties = (await teacher.get('/api/exams/incidents/duties')).json().items;
    const duty = duties.find((d: { roomId: number }) => d.roomId === f.roomId);
    const exam = duty.exams.find((e: { examId: number }) => e.examId === f.futureExamId);
    expect(exam.students.map((s: { id: number }) => s.id)).toEqual([f.otherStudentId]);

    const recorded = await teacher.post('/api/exams/incidents', {
      examId: f.futureExamId,
      studentId: f.otherStudentId,
      kind: 'cheating',
      note: '携带小抄',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const incident = recorded.json();
    expect(incident).toMatchObject({ status: 'recorded', kind: 'cheating', seatNo: 2, note: '携带小抄' });
    expect((await teacher.get('/api/exams/incidents')).json().items.map((i: { id: number }) => i.id)).toContain(incident.id);
    expect(await findConfirmedIncidents(ctx.db, f.termId)).toEqual([]);

    const byTeacher = await teacher.post(`/api/exams/incidents/${incident.id}/review`, { decision: 'confirm' });
    expect(byTeacher.statusCode).toBe(403);
    const reviewed = await office.post(`/api/exams/incidents/${incident.id}/review`, { decision: 'confirm', note: '证据确凿' });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json()).toMatchObject({ status: 'confirmed', reviewNote: '证据确凿' });
    const twice = await office.post(`/api/exams/incidents/${incident.id}/review`, { decision: 'dismiss' });
    expect(twice.json().error.code).toBe('exam_incident_reviewed');

    const confirmed = await findConfirmedIncidents(ctx.db, f.termId);
    expect(confirmed).toMatchObject([{ id: incident.id, studentId: f.otherStudentId, kind: 'cheating' }]);
  });
});
