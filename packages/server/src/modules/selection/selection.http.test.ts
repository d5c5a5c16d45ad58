import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { users } from '../iam/iam.tables.ts';
import { buildSelectionFixture, seatOf, setSeats, type SelectionFixture } from './test/selection-fixture.ts';
import { enrolments } from './selection.tables.ts';

/**
 * The selection API as a student and the office use it (issue 13's paths and fields): a round
 * made and opened by the office, the class list with eligibility and reasons, select / refuse /
 * wait / drop, holds from the finance system's token, and who may call what.
 */

let ctx: TestContext;
let fx: SelectionFixture;
let office: TestClient;
let student: TestClient;
let roundId: number;
let studentId: number;

const rows = async <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => ((await ctx.db.execute(q)) as unknown as { rows: T[] }).rows;
const usernameOf = async (id: number) =>
  (await rows<{ username: string }>(sql`select username from users where student_id = ${id}`))[0].username;
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

beforeAll(async () => {
  ctx = await createTestContext();
  fx = await buildSelectionFixture(ctx.db, ctx.clock());
  office = await ctx.as('office');
  student = await ctx.as('student');
  const [u] = await ctx.db.select({ studentId: users.studentId }).from(users).where(eq(users.username, 'student'));
  studentId = u.studentId!;
});
afterAll(() => ctx.close());

describe('rounds (office)', () => {
  it('refuses a window that closes before it opens, naming the field, and creates a valid round', async () => {
    const now = ctx.clock();
    const bad = await office.post('/api/selection/rounds', {
      termId: fx.termId,
      name: '补退选（测试）',
      mode: 'add_drop',
      opensAt: iso(new Date(now.getTime() + 3600_000)),
      closesAt: iso(new Date(now.getTime() - 3600_000)),
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toContain('closesAt');

    const res = await office.post('/api/selection/rounds', {
      termId: fx.termId,
      name: '补退选（测试）',
      mode: 'add_drop',
      opensAt: iso(new Date(now.getTime() - 3600_000)),
      closesAt: iso(new Date(now.getTime() + 7 * 86400_000)),
      notice: '补退选期间可退选已选课程',
    });
    expect(res.statusCode).toBe(201);
    const round = res.json();
    expect(round).toMatchObject({ name: '补退选（测试）', mode: 'add_drop', isOpen: true, status: 'open' });
    roundId = round.id;
    const classes = [...new Set([...fx.classIds.slice(0, 30), ...fx.overlapping])];
    const put = await office.put(`/api/selection/rounds/${roundId}/classes`, { teachingClassIds: classes });
    expect(put.statusCode).toBe(200);
    const list = (await student.get('/api/selection/rounds', { query: { termId: fx.termId } })).json();
    expect(list.items.map((r: { id: number }) => r.id)).toContain(roundId);
  });

  it('refuses a class of another term as a field error of the list', async () => {
    const res = await office.put(`/api/selection/rounds/${roundId}/classes`, { teachingClassIds: [fx.classIds[0], 99_999_999] });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details)).toContain('teachingClassIds.1');
  });

  it('edits with the version read, and refuses a stale one', async () => {
    const round = (await office.get(`/api/selection/rounds/${roundId}`)).json();
    const ok = await office.patch(`/api/selection/rounds/${roundId}`, { version: round.version, noReselectAfterDrop: true });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().noReselectAfterDrop).toBe(true);
    const stale = await office.patch(`/api/selection/rounds/${roundId}`, { version: round.version, name: '改名' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale');
  });
});

describe('a student selects', () => {
  it('lists the classes with eligibility, seats and time, and filters', async () => {
    const res = await student.get(`/api/selection/rounds/${roundId}/classes`, { query: { pageSize: 200 } });
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json();
    expect(total).toBeGreaterThan(5);
    const first = items.find((i: { teachingClassId: number }) => i.teachingClassId === fx.overlapping[0]);
    expect(first).toMatchObject({ eligible: true, reasons: [] });
    expect(first.seatsLeft).toBeGreaterThan(0);
    expect(first.lectures.length).toBeGreaterThan(0);
    const page = (await student.get(`/api/selection/rounds/${roundId}/classes`, { query: { pageSize: 5, page: 2 } })).json();
    expect(page.items).toHaveLength(5);
    expect(page.total).toBe(total);
  });

  it('takes a seat once per Idempotency-Key, and refuses a clash with the rule named in Chinese', async () => {
    const key = { headers: { 'idempotency-key': 'k-0001-abcdef' } };
    const res = await student.post('/api/selection/enrolments', { roundId, teachingClassId: fx.overlapping[0] }, key);
    expect(res.statusCode).toBe(201);
    const again = await student.post('/api/selection/enrolments', { roundId, teachingClassId: fx.overlapping[0] }, key);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: res.json().id, replayed: true });
    expect((await seatOf(ctx.db, fx.overlapping[0])).enrolled).toBe(1);

    const clash = await student.post('/api/selection/enrolments', { roundId, teachingClassId: fx.overlapping[1] });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('time_conflict');
    expect(clash.json().error.message).toMatch(/冲突/);
    expect(clash.json().error.details.reasons[0].code).toBe('time_conflict');

    // The list now says why, and "fits my timetable" hides it.
    const all = (await student.get(`/api/selection/rounds/${roundId}/classes`, { query: { pageSize: 200 } })).json().items;
    const other = all.find((i: { teachingClassId: number }) => i.teachingClassId === fx.overlapping[1]);
    expect(other.eligible).toBe(false);
    expect(other.reasons.map((r: { code: string }) => r.code)).toContain('time_conflict');
    const fits = (await student.get(`/api/selection/rounds/${roundId}/classes`, { query: { pageSize: 200, fits: 'true' } })).json().items;
    expect(fits.map((i: { teachingClassId: number }) => i.teachingClassId)).not.toContain(fx.overlapping[1]);
    expect(fits.length).toBeGreaterThan(0);

    // The student's timetable now shows the class beside their admin class's lectures.
    const timetable = (await student.get('/api/timetable/published', { query: { termId: fx.termId } })).json();
    expect(timetable.lectures.map((l: { teachingClassId: number }) => l.teachingClassId)).toContain(fx.overlapping[0]);

    const me = (await student.get('/api/selection/me', { query: { termId: fx.termId } })).json();
    expect(me.items).toEqual([expect.objectContaining({ id: res.json().id, teachingClassId: fx.overlapping[0], status: 'enrolled' })]);
    expect(Number(me.totalCredits)).toBeGreaterThan(0);
  });

  it('joins the waitlist of a full class, sees the place, and is promoted when a seat frees', async () => {
    const full = fx.classIds.find((id) => !fx.overlapping.includes(id))!;
    // Somebody else holds the only seat.
    const other = await ctx.as(await usernameOf(fx.studentIds[5]));
    expect((await other.post('/api/selection/enrolments', { roundId, teachingClassId: full })).statusCode).toBe(201);
    await setSeats(ctx.db, full, 1);
    const refused = await student.post('/api/selection/enrolments', { roundId, teachingClassId: full });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('class_full');
    const wait = await student.post('/api/selection/waitlist', { roundId, teachingClassId: full });
    expect(wait.statusCode).toBe(201);
    expect(wait.json().position).toBe(1);
    const me = (await student.get('/api/selection/me', { query: { termId: fx.termId } })).json();
    expect(me.items.find((i: { status: string }) => i.status === 'waitlisted')).toMatchObject({
      teachingClassId: full,
      waitlistPosition: 1,
    });

    const theirs = (await other.get('/api/selection/me', { query: { termId: fx.termId } })).json().items[0];
    expect((await other.delete(`/api/selection/enrolments/${theirs.id}`, { query: { roundId } })).statusCode).toBe(200);
    const after = (await student.get('/api/selection/me', { query: { termId: fx.termId } })).json();
    expect(after.items.find((i: { teachingClassId: number }) => i.teachingClassId === full)).toMatchObject({ status: 'enrolled' });
    expect((await seatOf(ctx.db, full)).enrolled).toBe(1);
    // And is told so.
    const inbox = (await student.get('/api/notifications')).json().items;
    expect(inbox.find((n: { kind: string }) => n.kind === 'selection_promoted')?.title).toMatch(/候补成功/);
  });

  it("drops, and cannot drop another student's enrolment", async () => {
    const me = (await student.get('/api/selection/me', { query: { termId: fx.termId } })).json();
    const mine = me.items.find((i: { teachingClassId: number }) => i.teachingClassId === fx.overlapping[0]);
    const other = await ctx.as(await usernameOf(fx.studentIds[6]));
    expect((await other.delete(`/api/selection/enrolments/${mine.id}`)).statusCode).toBe(404);
    const res = await student.delete(`/api/selection/enrolments/${mine.id}`);
    expect(res.statusCode).toBe(200);
    const [row] = await ctx.db.select().from(enrolments).where(eq(enrolments.id, mine.id));
    expect(row.status).toBe('dropped');
    // The round forbids taking a dropped course again.
    const again = await student.post('/api/selection/enrolments', { roundId, teachingClassId: fx.overlapping[0] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('dropped_in_round');
  });

  it('audits every write with the student as actor', async () => {
    const actions = (
      await rows<{ action: string }>(
        sql`select action from audit_log where entity_type = 'enrolments' and action in ('enrolments.enrol', 'enrolments.drop', 'enrolments.promoted')`,
      )
    ).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['enrolments.enrol', 'enrolments.drop', 'enrolments.promoted']));
  });
});

describe('holds 选课限制', () => {
  it('are set by the finance system with a bearer token, stop selection with their reason, and are lifted by the office', async () => {
    const admin = await ctx.as('admin');
    const { token } = (await admin.post('/api/api-tokens', { name: '财务系统', permissions: ['selection.holds'] })).json();
    const finance = ctx.anonymous();
    const bearer = { headers: { authorization: `Bearer ${token}` } };
    const res = await finance.post('/api/selection/holds', { studentId, reason: '2026 学年学费未缴清' }, bearer);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ source: 'api', studentId });
    // The token reaches nothing else of selection.
    expect((await finance.post('/api/selection/enrolments', { roundId, teachingClassId: fx.classIds[1] }, bearer)).statusCode).toBe(403);

    const refused = await student.post('/api/selection/enrolments', { roundId, teachingClassId: fx.classIds[1] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('hold');
    expect(refused.json().error.message).toContain('学费未缴清');
    expect((await student.get('/api/selection/me', { query: { termId: fx.termId } })).json().holds).toEqual([
      { reason: '2026 学年学费未缴清' },
    ]);

    expect((await office.post(`/api/selection/holds/${res.json().id}/lift`)).statusCode).toBe(200);
    const after = await student.post('/api/selection/enrolments', { roundId, teachingClassId: fx.classIds[1] });
    expect(after.json().error?.code ?? null).not.toBe('hold');
  });
});

describe('office tools and who may call what', () => {
  it('enrols for a student with a reason, overriding a rule only when told', async () => {
    const target = fx.overlapping[1];
    const body = { roundId, studentId, teachingClassId: target, reason: '教务处协调' };
    const hold = (await office.post('/api/selection/holds', { studentId, reason: '欠费' })).json();
    const plain = await office.post('/api/selection/office/enrolments', body);
    expect(plain.statusCode).toBe(409);
    expect(plain.json().error.code).toBe('hold');
    const forced = await office.post('/api/selection/office/enrolments', { ...body, override: true });
    expect(forced.statusCode).toBe(201);
    const [row] = await ctx.db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.studentId, studentId), eq(enrolments.teachingClassId, target), eq(enrolments.status, 'enrolled')));
    expect(row.source).toBe('office');
    const [audit] = await rows(sql`select after from audit_log where action = 'enrolments.office_enrol' order by id desc limit 1`);
    expect(JSON.stringify(audit)).toContain('教务处协调');
    const dropped = await office.post(`/api/selection/office/enrolments/${row.id}/drop`, { reason: '学生申请' });
    expect(dropped.statusCode).toBe(200);
    await office.post(`/api/selection/holds/${hold.id}/lift`);
  });

  it('shows the office the live dashboard of the round', async () => {
    const res = await office.get(`/api/selection/rounds/${roundId}/dashboard`);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.enrolled).toBeGreaterThan(0);
    expect(d.refusals.time_conflict).toBeGreaterThanOrEqual(1);
    expect(d.refusals.class_full).toBeGreaterThanOrEqual(1);
  });

  it('keeps students and teachers out of the office tools and teachers out of selecting', async () => {
    const teacher = await ctx.as('teacher');
    expect((await teacher.post('/api/selection/enrolments', { roundId, teachingClassId: fx.classIds[2] })).statusCode).toBe(403);
    expect((await student.get(`/api/selection/rounds/${roundId}/dashboard`)).statusCode).toBe(403);
    expect((await student.patch(`/api/selection/rounds/${roundId}`, { version: 1, name: 'x' })).statusCode).toBe(403);
    expect((await student.post('/api/selection/holds', { studentId, reason: 'x' })).statusCode).toBe(403);
    // The office is not a student: selecting for oneself is refused with words, not an error page.
    const self = await (await ctx.as('admin')).post('/api/selection/enrolments', { roundId, teachingClassId: fx.classIds[2] });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('not_a_student');
  });
});

describe('admission control', () => {
  it('slows one student clicking like a script with 429, Retry-After and words', async () => {
    const slow = await createTestContext({
      app: { selectionAdmission: { maxInFlight: 8, queueLimit: 8, maxWaitMs: 60_000, perStudentPerSecond: 0.5, burst: 2 } },
    });
    try {
      const fxs = await buildSelectionFixture(slow.db, slow.clock());
      const s = await slow.as('student');
      const answers = [];
      for (const id of fxs.classIds.slice(0, 3))
        answers.push(await s.post('/api/selection/enrolments', { roundId: fxs.roundId, teachingClassId: id }));
      expect(answers.slice(0, 2).every((a) => a.statusCode !== 429)).toBe(true);
      const refused = answers[2];
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(refused.json().error.code).toBe('selection_rate_limited');
      expect(refused.json().error.message).toMatch(/频繁/);
    } finally {
      await slow.close();
    }
  });
});
