import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { users } from '../iam/iam.tables.ts';
import { buildSelectionFixture, setSeats, type SelectionFixture } from './test/selection-fixture.ts';

// The lottery through the HTTP API as the office and a student use it: a round, a choice, the
// draw after the window, the re-run, /me, the lock and the roster files.

let ctx: TestContext;
let fx: SelectionFixture;
let office: TestClient;
let student: TestClient;
let studentId: number;
let roundId: number;
let cls: number;
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

beforeAll(async () => {
  ctx = await createTestContext();
  fx = await buildSelectionFixture(ctx.db, ctx.clock());
  office = await ctx.as('office');
  student = await ctx.as('student');
  const [u] = await ctx.db.select({ studentId: users.studentId }).from(users).where(eq(users.username, 'student'));
  studentId = u.studentId!;
  cls = fx.classIds[0];
  await setSeats(ctx.db, cls, 30);
}, 120_000);
afterAll(() => ctx?.close());

describe('lottery over HTTP', () => {
  it('a student chooses in an open lottery round and sees the choice as pending', async () => {
    const now = ctx.clock();
    const res = await office.post('/api/selection/rounds', {
      termId: fx.termId,
      name: '预选（HTTP）',
      mode: 'lottery',
      opensAt: iso(new Date(now.getTime() - 3600_000)),
      closesAt: iso(new Date(now.getTime() + 3600_000)),
    });
    expect(res.statusCode, res.body).toBe(201);
    roundId = res.json().id;
    expect((await office.put(`/api/selection/rounds/${roundId}/classes`, { teachingClassIds: [cls] })).statusCode).toBeLessThan(300);
    const chosen = await student.post('/api/selection/lottery-choices', { roundId, teachingClassId: cls, rank: 1 });
    expect(chosen.statusCode, chosen.body).toBeLessThan(300);
    expect(chosen.json()).toMatchObject({ teachingClassId: cls, rank: 1 });
    const me = await student.get('/api/selection/me', { query: { termId: fx.termId } });
    expect(me.json().items).toContainEqual(expect.objectContaining({ teachingClassId: cls, status: 'lottery_pending', rank: 1 }));
    const early = await office.post(`/api/selection/rounds/${roundId}/draw`, { seed: 42 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'round_window_open' });
    expect(early.json().error.message).toContain('结束后才能抽签');
  });

  it('the office draws after the window, re-runs it identically, and the student is enrolled', async () => {
    ctx.clock.advance(2 * 3600_000);
    const drawn = await office.post(`/api/selection/rounds/${roundId}/draw`, { seed: 42 });
    expect(drawn.statusCode, drawn.body).toBe(200);
    expect(drawn.json()).toEqual({ roundId, seed: 42, choices: 1, won: 1, lost: 0, sameAsRecorded: null });
    const again = await office.post(`/api/selection/rounds/${roundId}/draw`, {});
    expect(again.json()).toMatchObject({ seed: 42, sameAsRecorded: true });
    const me = await student.get('/api/selection/me', { query: { termId: fx.termId } });
    const items = me.json().items as { teachingClassId: number; status: string }[];
    expect(items.filter((i) => i.teachingClassId === cls).map((i) => i.status)).toEqual(['enrolled']);
    expect((await student.post(`/api/selection/rounds/${roundId}/draw`, {})).statusCode).toBe(403);
  });

  it('the office locks the round; rosters come as XLSX and PDF, not for students', async () => {
    const locked = await office.post(`/api/selection/rounds/${roundId}/lock`);
    expect(locked.statusCode, locked.body).toBe(200);
    expect(locked.json()).toMatchObject({ status: 'locked' });
    const roster = await office.get(`/api/selection/rosters/${cls}`);
    expect(roster.statusCode, roster.body).toBe(200);
    expect(roster.json()).toMatchObject({ teachingClassId: cls, locked: true });
    const { rows } = (await ctx.db.execute(sql`select code from students where id = ${studentId}`)) as unknown as {
      rows: { code: string }[];
    };
    expect(roster.json().students.map((s: { studentNo: string }) => s.studentNo)).toContain(rows[0].code);
    const xlsx = await office.get(`/api/selection/rosters/${cls}`, { query: { format: 'xlsx' } });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(String(xlsx.headers['content-disposition'])).toContain('attachment');
    const pdf = await office.get(`/api/selection/rosters/${cls}`, { query: { format: 'pdf' } });
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await student.get(`/api/selection/rosters/${cls}`)).statusCode).toBe(404);
  });
});
