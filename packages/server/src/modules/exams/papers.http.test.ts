import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { notifications } from '../notifications/notifications.tables.ts';
import { courses } from '../catalog/catalog.tables.ts';
import { exams } from './exams.tables.ts';
import { seedExamPapersDemo } from './papers.demo.ts';
import { notifyPaperFlags } from './papers.notices.ts';
import { buildPapersFixture, type PapersFixture } from './test/papers-fixture.ts';

/**
 * 试卷流转 end to end through the API: a paper from 命题 to 归档 with every handover confirmed by
 * its receiver (in the app or with the giver's one-time code); a review by the author, a skipped
 * step and counts that do not add up are refused; another college's secretary cannot see the
 * paper; a count changed in the database behind the app's back breaks the chain at that record;
 * overdue steps are flagged and their person told once.
 */

let ctx: TestContext;
let f: PapersFixture;
let office: TestClient, keeper: TestClient, secretary: TestClient, teacher: TestClient, chief: TestClient, student: TestClient;

beforeAll(async () => {
  ctx = await createTestContext({ app: { logger: { level: 'error' } } });
  f = await buildPapersFixture(ctx.db, ctx.clock());
  [office, keeper, secretary, teacher, chief, student] = await Promise.all([
    ctx.as('office'),
    ctx.as(f.usernames.keeper),
    ctx.as('secretary'),
    ctx.as('teacher'),
    ctx.as(f.usernames.chief),
    ctx.as('student'),
  ]);
}, 120_000);
afterAll(() => ctx?.close());

/** SQL as the database superuser, the attacker the chain is for (on PGlite, the app's own connection). */
type Raw = { query(text: string, params?: unknown[]): Promise<unknown> };
async function asSuperuser(text: string, params: unknown[] = []) {
  const urls = ctx.database.urls;
  if (!urls) return (ctx.db as unknown as { $client: Raw }).$client.query(text, params);
  const client = new pg.Client({ connectionString: urls.superuser });
  await client.connect();
  try {
    return await client.query(text, params);
  } finally {
    await client.end();
  }
}
/** Rewrites a record the way the append-only trigger cannot stop: trigger off, change, trigger on. */
const tamper = (statement: string, params: unknown[]) =>
  asSuperuser('ALTER TABLE exam_paper_records DISABLE TRIGGER USER')
    .then(() => asSuperuser(statement, params))
    .finally(() => asSuperuser('ALTER TABLE exam_paper_records ENABLE TRIGGER USER'));

let paperId: number;
interface Handover {
  record: { id: number; kind: string; copies: number | null; confirmation: unknown };
  oneTimeCode: string | null;
}

async function step(giver: TestClient, body: Record<string, unknown>): Promise<Handover> {
  const res = await giver.post(`/api/exams/papers/${paperId}/handovers`, { place: '教务处 201', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const confirm = (who: TestClient, recordId: number, code?: string) =>
  who.post(`/api/exams/papers/${paperId}/handovers/${recordId}/confirm`, code ? { code } : {});
const chain = async (who: TestClient = office) => {
  const res = await who.get(`/api/exams/papers/${paperId}/chain`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('a paper from drafted to archived', () => {
  it('the teacher of the course registers paper A; it starts drafted with one chained record', async () => {
    const res = await teacher.post('/api/exams/papers', { examId: f.examId, version: 'A', copies: 30 });
    expect(res.statusCode, res.body).toBe(201);
    paperId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'drafted', nextStep: 'reviewed', copies: 30, sessionDate: f.sessionDate });
    const c = await chain(teacher);
    expect(c.valid).toBe(true);
    expect(c.records).toHaveLength(1);
    expect(c.records[0]).toMatchObject({ seq: 1, kind: 'drafted', prevHash: '' });
  });

  it('keeps the exam of a paper in the list: its custody records cannot be deleted with it', async () => {
    const res = await office.delete(`/api/exams/plans/${f.planId}/exams/${f.examId}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('该考试已有试卷及其流转记录，不能从考试清单中删除');
    expect((await chain(office)).valid).toBe(true);
  });

  it('refuses a review by the author and a skipped step, in words', async () => {
    const self = await teacher.post(`/api/exams/papers/${paperId}/handovers`, { kind: 'reviewed', receiverUserId: f.users.teacher });
    expect(self.statusCode).toBe(400); // giving to oneself is refused before anything else
    const author = await secretary.post(`/api/exams/papers/${paperId}/handovers`, { kind: 'reviewed', receiverUserId: f.users.teacher });
    expect(author.statusCode).toBe(409);
    expect(author.json().error).toMatchObject({ code: 'exam_paper_review_by_author', message: '审核人不能是命题人本人' });
    const skip = await teacher.post(`/api/exams/papers/${paperId}/handovers`, {
      kind: 'sealed',
      receiverUserId: f.users.office,
      copies: 30,
    });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.message).toBe('试卷当前处于“命题”，下一步应为“审核”');
  });

  it('offers the course’s people as receivers, named', async () => {
    const items = (await teacher.get(`/api/exams/papers/${paperId}/receivers`)).json().items as { id: number; name: string }[];
    expect(items.map((u) => u.id)).toEqual(expect.arrayContaining([f.users.secretary, f.users.office, f.users.chief, f.users.keeper]));
    expect(items.map((u) => u.id)).not.toContain(f.users.teacher);
    expect(items.every((u) => u.name.length > 0)).toBe(true);
  });

  it('review: the reviewer confirms in the app; only the receiver may confirm without the code', async () => {
    const r = await step(teacher, { kind: 'reviewed', receiverUserId: f.users.secretary });
    expect(r.oneTimeCode).toMatch(/^\d{6}$/);
    expect((await confirm(office, r.record.id)).json().error.code).toBe('exam_paper_not_receiver');
    const ok = await confirm(secretary, r.record.id);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().confirmation).toMatchObject({ method: 'app' });
    expect((await confirm(secretary, r.record.id)).json().error.code).toBe('exam_paper_already_confirmed');
  });

  it('the next step waits for the previous confirmation; a wrong code is refused, the right one confirms', async () => {
    const r = await step(secretary, { kind: 'sent_to_print', receiverUserId: f.users.office });
    const early = await office.post(`/api/exams/papers/${paperId}/handovers`, {
      kind: 'sealed',
      receiverUserId: f.users.keeper,
      copies: 30,
    });
    expect(early.json().error.code).toBe('exam_paper_unconfirmed');
    const wrong = r.oneTimeCode === '000000' ? '111111' : '000000';
    expect((await confirm(keeper, r.record.id, wrong)).json().error.code).toBe('exam_paper_code_invalid');
    const ok = await confirm(keeper, r.record.id, r.oneTimeCode!);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().confirmation).toMatchObject({ method: 'code' });
  });

  it('sealing needs at least the copies the exam needs', async () => {
    const few = await office.post(`/api/exams/papers/${paperId}/handovers`, { kind: 'sealed', receiverUserId: f.users.keeper, copies: 29 });
    expect(few.statusCode).toBe(409);
    expect(few.json().error.message).toBe('密封份数 29 少于所需份数 30');
    const r = await step(office, { kind: 'sealed', receiverUserId: f.users.keeper, copies: 32 });
    expect((await confirm(keeper, r.record.id)).statusCode).toBe(200);
    const s = await step(keeper, { kind: 'stored', receiverUserId: f.users.office, copies: 32, place: '保密室' });
    expect((await confirm(office, s.record.id)).statusCode).toBe(200);
  });

  it('hands out only to the chief invigilator of the session', async () => {
    const wrong = await office.post(`/api/exams/papers/${paperId}/handovers`, {
      kind: 'handed_out',
      receiverUserId: f.users.teacher,
      copies: 32,
    });
    expect(wrong.json().error.code).toBe('exam_paper_not_chief');
    const r = await step(office, { kind: 'handed_out', receiverUserId: f.users.chief, copies: 32, place: '考场' });
    expect((await confirm(chief, r.record.id, r.oneTimeCode!)).statusCode).toBe(200);
  });

  it('collection: returned + used must equal handed out', async () => {
    const bad = await chief.post(`/api/exams/papers/${paperId}/handovers`, {
      kind: 'collected',
      receiverUserId: f.users.office,
      returned: 2,
      used: 29,
    });
    expect(bad.statusCode).toBe(409);
    expect(bad.json().error.message).toMatch(/^回收 2 份 \+ 使用 29 份 ≠ 发放 32 份/);
    const r = await step(chief, { kind: 'collected', receiverUserId: f.users.office, returned: 3, used: 29 });
    expect(r.record.copies).toBe(32);
    expect((await confirm(office, r.record.id)).statusCode).toBe(200);
  });

  it('to the marker and archived; the chain holds every step in order', async () => {
    const m = await step(office, { kind: 'to_marker', receiverUserId: f.users.teacher, copies: 29 });
    expect((await confirm(teacher, m.record.id)).statusCode).toBe(200);
    const a = await step(teacher, { kind: 'archived', receiverUserId: f.users.office, copies: 29 });
    expect((await confirm(office, a.record.id)).statusCode).toBe(200);
    const again = await office.post(`/api/exams/papers/${paperId}/handovers`, { kind: 'archived', receiverUserId: f.users.teacher });
    expect(again.json().error.code).toBe('exam_paper_archived');
    const c = await chain();
    expect(c.valid).toBe(true);
    expect(c.records.map((r: { kind: string }) => r.kind)).toEqual([
      'drafted',
      'reviewed',
      'sent_to_print',
      'sealed',
      'stored',
      'handed_out',
      'collected',
      'to_marker',
      'archived',
    ]);
    expect(c.records.every((r: { confirmation: unknown; receiver: unknown }) => r.receiver === null || r.confirmation !== null)).toBe(true);
    expect((await office.get(`/api/exams/papers/${paperId}`)).json()).toMatchObject({ status: 'archived', nextStep: null, flags: [] });
  });
});

describe('who sees a paper', () => {
  it('another college’s secretary gets 404, a student 403; the college’s secretary lists it', async () => {
    const other = await ctx.as(f.usernames.otherSecretary);
    expect((await other.get(`/api/exams/papers/${paperId}`)).statusCode).toBe(404);
    expect((await other.get(`/api/exams/papers/${paperId}/chain`)).statusCode).toBe(404);
    expect((await other.post('/api/exams/papers', { examId: f.examId, version: 'B', copies: 30 })).statusCode).toBe(404);
    expect((await other.get('/api/exams/papers', { query: { planId: f.planId } })).json()).toMatchObject({ items: [], total: 0 });
    expect((await student.get('/api/exams/papers')).statusCode).toBe(403);
    const mine = (await secretary.get('/api/exams/papers', { query: { planId: f.planId } })).json();
    expect(mine.items.map((p: { id: number }) => p.id)).toEqual([paperId]);
  });
});

describe('tamper evidence', () => {
  it('the database refuses an UPDATE of a record', async () => {
    await expect(asSuperuser('UPDATE exam_paper_records SET copies = 1 WHERE paper_id = $1', [paperId])).rejects.toThrow(/append-only/);
  });

  it('a count changed behind the app’s back breaks the chain at that record; restored, it holds again', async () => {
    const before = await chain();
    const sealed = before.records.find((r: { kind: string }) => r.kind === 'sealed');
    await tamper('UPDATE exam_paper_records SET copies = 40 WHERE id = $1', [sealed.id]);
    const after = await chain();
    expect(after.valid).toBe(false);
    expect(after.firstBreak).toMatchObject({ recordId: sealed.id, seq: sealed.seq, reason: 'hash', found: sealed.hash });
    expect(after.records.find((r: { id: number }) => r.id === sealed.id).copies).toBe(40);
    await tamper('UPDATE exam_paper_records SET copies = 32 WHERE id = $1', [sealed.id]);
    expect((await chain()).valid).toBe(true);
  });

  it('a corrected record is a new record naming it; the chain still holds', async () => {
    const before = await chain();
    const stored = before.records.find((r: { kind: string }) => r.kind === 'stored');
    const noNote = await office.post(`/api/exams/papers/${paperId}/handovers`, {
      kind: 'correction',
      correctsId: stored.id,
      place: '保密室 2',
    });
    expect(noNote.statusCode).toBe(400);
    const c = await step(office, { kind: 'correction', correctsId: stored.id, place: '保密室 2', note: '地点登记错误' });
    expect(c.oneTimeCode).toBeNull();
    const after = await chain();
    expect(after.valid).toBe(true);
    expect(after.records.at(-1)).toMatchObject({ kind: 'correction', correctsId: stored.id, seq: before.records.length + 1 });
    expect(after.records.find((r: { id: number }) => r.id === stored.id).place).toBe('保密室');
  });
});

describe('flags', () => {
  it('flags a paper not sealed two days before its exam, counts that do not add up, and a handover unconfirmed for a day; told once', async () => {
    const late = await buildPapersFixture(ctx.db, ctx.clock(), 1);
    const created = await office.post('/api/exams/papers', { examId: late.examId, version: 'A', copies: 10 });
    expect(created.statusCode, created.body).toBe(201);
    const lateId = created.json().id;
    expect(created.json().flags).toMatchObject([{ kind: 'not_sealed', params: { date: late.sessionDate } }]);

    // A paper whose collection came back one copy short (explained in the note, so accepted and flagged).
    const short = await buildPapersFixture(ctx.db, ctx.clock(), 5);
    paperId = (await office.post('/api/exams/papers', { examId: short.examId, version: 'B', copies: 2 })).json().id;
    const go = async (giver: TestClient, receiver: TestClient, body: Record<string, unknown>) => {
      const r = await step(giver, body);
      expect((await confirm(receiver, r.record.id, r.oneTimeCode!)).statusCode).toBe(200);
      return r;
    };
    await go(office, secretary, { kind: 'reviewed', receiverUserId: short.users.secretary });
    await go(secretary, office, { kind: 'sent_to_print', receiverUserId: short.users.office });
    await go(office, office, { kind: 'sealed', receiverUserId: short.users.keeper, copies: 2 });
    await go(office, office, { kind: 'stored', receiverUserId: short.users.secretary, copies: 2 });
    await go(secretary, office, { kind: 'handed_out', receiverUserId: short.users.chief, copies: 2 });
    const shortChief = await ctx.as(short.usernames.chief);
    const collected = await step(shortChief, {
      kind: 'collected',
      receiverUserId: short.users.office,
      returned: 0,
      used: 1,
      note: '一份缺失，已报告',
    });
    // Left unconfirmed: a day later it is flagged too.
    ctx.clock.advance(25 * 3_600_000);
    office = await ctx.as('office'); // the session did not outlive the day

    const flags = (await office.get('/api/exams/papers/flags')).json().items as {
      paperId: number;
      kind: string;
      recordId: number | null;
    }[];
    expect(flags.filter((x) => x.paperId === lateId).map((x) => x.kind)).toEqual(['not_sealed']);
    expect(flags.filter((x) => x.paperId === paperId).map((x) => [x.kind, x.recordId])).toEqual([
      ['counts_mismatch', collected.record.id],
      ['unconfirmed', collected.record.id],
    ]);
    const mismatch = (await office.get(`/api/exams/papers/${paperId}`)).json().flags[0];
    expect(mismatch).toMatchObject({ params: { returned: 0, used: 1, handedOut: 2 }, responsibleUserId: short.users.chief });

    const { notify } = ctx.app.notifications;
    const first = await notifyPaperFlags(ctx.db, notify, ctx.clock());
    expect(first).toBeGreaterThanOrEqual(3);
    expect(await notifyPaperFlags(ctx.db, notify, ctx.clock())).toBe(0);
    const told = await ctx.db.select().from(notifications).where(eq(notifications.userId, short.users.chief));
    expect(told.filter((n) => n.kind === 'exam_paper_flagged')).toHaveLength(1);
    expect(told.find((n) => n.kind === 'exam_paper_flagged')!.params).toMatchObject({
      problem: { 'zh-CN': '回收 0 份 + 使用 1 份 ≠ 发放 2 份' },
    });
  });
});

describe('demo papers', () => {
  it('seedExamPapersDemo leaves papers at different steps with intact chains, one flagged for its count', async () => {
    const d = await buildPapersFixture(ctx.db, ctx.clock(), 20);
    const [course] = await ctx.db.select().from(courses).where(eq(courses.id, d.courseId));
    for (let i = 0; i < 5; i++) {
      const [c] = await ctx.db
        .insert(courses)
        .values({
          code: `${course.code}-${i}`,
          name: `演示课程 ${i}`,
          credits: '2',
          departmentId: course.departmentId,
          category: 'required',
        })
        .returning();
      await ctx.db.insert(exams).values({ planId: d.planId, courseId: c.id });
    }
    const ids = await seedExamPapersDemo(ctx.db, {
      planId: d.planId,
      authorUserId: d.users.teacher,
      reviewerUserId: d.users.secretary,
      officeUserId: d.users.office,
      now: ctx.clock(),
    });
    expect(ids).toHaveLength(6);
    const list = (await office.get('/api/exams/papers', { query: { planId: d.planId } })).json();
    expect(list.total).toBe(6);
    expect(list.items.map((p: { status: string }) => p.status).sort()).toEqual(
      ['archived', 'collected', 'drafted', 'reviewed', 'sealed', 'stored'].sort(),
    );
    const collected = list.items.find((p: { status: string }) => p.status === 'collected');
    expect(collected.flags.map((x: { kind: string }) => x.kind)).toEqual(['counts_mismatch']);
    for (const id of ids) {
      paperId = id;
      expect((await chain()).valid).toBe(true);
    }
  });
});
