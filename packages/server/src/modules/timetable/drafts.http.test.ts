import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftDetail, JobView } from '@jiaowu/contracts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { checkHard } from './core/hard-rules.ts';
import { findDraftLectures } from './drafts.repository.ts';
import { checkContextOf, loadTermFacts, toCheckLecture } from './term-facts.ts';
import { teacherTimeBlocks, timetableDraftLectures } from './timetable.tables.ts';
import { insertVersion } from './versions.repository.ts';
import { and, eq } from 'drizzle-orm';

let ctx: TestContext;
let office: TestClient;
let termId: number;
let prevTermId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  office = await ctx.as('office');
  const terms = (await office.get('/api/terms', { query: { pageSize: 50 } })).json().items as { id: number; code: string }[];
  termId = terms.find((t) => t.code === '2026-2027-1')!.id;
  prevTermId = terms.find((t) => t.code === '2025-2026-2')!.id;
});
afterAll(() => ctx.close());

async function waitJob(id: number, until: (j: JobView) => boolean = (j) => ['succeeded', 'failed', 'cancelled'].includes(j.status)) {
  for (let i = 0; i < 600; i++) {
    const j = (await office.get(`/api/jobs/${id}`)).json() as JobView;
    if (until(j)) return j;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${id} did not get there`);
}

async function newDraft(name: string) {
  const res = await office.post('/api/timetable/drafts', { termId, name });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; total: number; placed: number };
}

async function solveDraft(id: number, body: Record<string, unknown> = { timeLimitSeconds: 2, seed: 7 }) {
  const res = await office.post(`/api/timetable/drafts/${id}/solve`, body);
  expect(res.statusCode, res.body).toBe(202);
  const { jobId } = res.json() as { jobId: number };
  return waitJob(jobId);
}

/** Hard violations of a stored draft by the checker (unplaced lectures apart). */
async function violationsOf(draftId: number) {
  const facts = await loadTermFacts(ctx.db, termId);
  const rows = await findDraftLectures(ctx.db, draftId);
  return checkHard(
    rows.map((r) => toCheckLecture(r, facts)),
    checkContextOf(facts),
  ).filter((v) => v.rule !== 'unplaced');
}

describe('drafts 排课方案: create, solve, explain', () => {
  let draftId: number;

  it('a new empty draft holds every lecture of the term, none placed, each saying it is not solved yet', async () => {
    const d = await newDraft('方案一');
    draftId = d.id;
    expect(d.total).toBeGreaterThan(0);
    expect(d.placed).toBe(0);
    const detail = (await office.get(`/api/timetable/drafts/${d.id}`)).json() as DraftDetail;
    expect(detail.unplaced).toHaveLength(d.total);
    expect(detail.unplaced[0].reasons[0].message).toBe('尚未求解');
    const list = (await office.get('/api/timetable/drafts', { query: { termId } })).json();
    expect(list.items.map((x: { id: number }) => x.id)).toContain(d.id);
  });

  it('a solve runs as a job with progress, stores a timetable the checker accepts, and explains what it left out', async () => {
    const job = await solveDraft(draftId);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.detail).toMatchObject({ phase: 'done' });
    expect((job.detail as { total: number }).total).toBeGreaterThan(0);
    const detail = (await office.get(`/api/timetable/drafts/${draftId}`)).json() as DraftDetail;
    expect(detail.version).toBe(2);
    expect(detail.solveSummary).toMatchObject({ seed: 7, total: detail.total, placed: detail.placed, cancelled: false });
    expect(detail.placed).toBeGreaterThan(detail.total * 0.8);
    expect(await violationsOf(draftId)).toEqual([]);
    for (const u of detail.unplaced) {
      expect(u.reasons.length).toBeGreaterThan(0);
      for (const r of u.reasons) expect(r.message).toMatch(/[\u4e00-\u9fff]/);
    }
    // Lectures carry the acceptance fields.
    const placed = detail.lectures.find((l) => l.day !== null)!;
    expect(placed).toMatchObject({ teachingClassId: expect.any(Number), day: expect.any(Number), startPeriod: expect.any(Number) });
    expect(placed.weeks.length).toBeGreaterThan(0);
    expect(placed.roomId).not.toBeNull();
    expect(placed.teacherIds.length).toBeGreaterThan(0);
  });

  it('unplaced reasons come in English for an English reader', async () => {
    // Force an impossible lecture: a class bigger than any room.
    const rows = await findDraftLectures(ctx.db, draftId);
    const facts = await loadTermFacts(ctx.db, termId);
    const big = [...facts.rooms.values()].reduce((m, r) => Math.max(m, r.capacity), 0);
    const target = facts.classes.get(rows[0].teachingClassId)!;
    await ctx.db.execute(`update teaching_classes set capacity = ${big + 50} where id = ${target.id}`);
    const job = await solveDraft(draftId);
    expect(job.status).toBe('succeeded');
    const en = (await office.get(`/api/timetable/drafts/${draftId}`, { headers: { 'accept-language': 'en' } })).json() as DraftDetail;
    const mine = en.unplaced.filter((u) => u.lecture.teachingClassId === target.id);
    expect(mine.length).toBe(target.sessions.length);
    expect(mine[0].reasons[0].message).toContain(`with ${big + 50} seats`);
    const zh = (await office.get(`/api/timetable/drafts/${draftId}`)).json() as DraftDetail;
    expect(zh.unplaced.find((u) => u.lecture.teachingClassId === target.id)!.reasons[0].message).toContain(`容纳 ${big + 50} 人`);
    await ctx.db.execute(`update teaching_classes set capacity = ${target.capacity} where id = ${target.id}`);
  });

  it('a locked lecture stays where it is through a re-solve', async () => {
    const rows = (await findDraftLectures(ctx.db, draftId)).filter((r) => r.day !== null);
    const pick = rows[Math.floor(rows.length / 2)];
    await ctx.db
      .update(timetableDraftLectures)
      .set({ lockTime: true, lockRoom: true })
      .where(and(eq(timetableDraftLectures.draftId, draftId), eq(timetableDraftLectures.lectureKey, pick.lectureKey)));
    const job = await solveDraft(draftId, { timeLimitSeconds: 2, seed: 99 });
    expect(job.status).toBe('succeeded');
    const after = (await findDraftLectures(ctx.db, draftId)).find((r) => r.lectureKey === pick.lectureKey)!;
    expect(after).toMatchObject({ day: pick.day, startPeriod: pick.startPeriod, roomId: pick.roomId, lockTime: true, lockRoom: true });
  });

  it('while a solve runs the draft cannot be changed or solved again; cancel keeps the best so far', async () => {
    const res = await office.post(`/api/timetable/drafts/${draftId}/solve`, { timeLimitSeconds: 120, seed: 3 });
    expect(res.statusCode).toBe(202);
    const { jobId } = res.json();
    await waitJob(jobId, (j) => j.status === 'running' && (j.detail as { phase?: string } | null)?.phase !== undefined);
    const again = await office.post(`/api/timetable/drafts/${draftId}/solve`, { timeLimitSeconds: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('正在求解');
    expect((await office.patch(`/api/timetable/drafts/${draftId}`, { name: 'x' })).statusCode).toBe(409);
    expect((await office.delete(`/api/timetable/drafts/${draftId}`)).statusCode).toBe(409);
    const list = (await office.get('/api/timetable/drafts', { query: { termId } })).json();
    expect(list.items.find((x: { id: number }) => x.id === draftId).solving).toBe(true);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await office.post(`/api/jobs/${jobId}/cancel`)).statusCode).toBe(200);
    const job = await waitJob(jobId);
    expect(job.status).toBe('cancelled');
    await ctx.app.jobs.idle();
    const detail = (await office.get(`/api/timetable/drafts/${draftId}`)).json() as DraftDetail;
    expect(detail.solveSummary).toMatchObject({ cancelled: true, seed: 3 });
    expect(detail.solving).toBe(false);
    expect(await violationsOf(draftId)).toEqual([]);
    expect((await office.patch(`/api/timetable/drafts/${draftId}`, { name: '方案一（改）' })).json().name).toBe('方案一（改）');
  });

  it('compare puts two drafts side by side, cost by constraint in words, per college, with the moves', async () => {
    const other = await newDraft('方案二');
    await solveDraft(other.id, { timeLimitSeconds: 2, seed: 11 });
    const res = await office.get('/api/timetable/drafts/compare', { query: { ids: `${draftId},${other.id}` } });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c.drafts.map((d: { id: number }) => d.id)).toEqual([draftId, other.id]);
    expect(c.byConstraint.find((x: { key: string }) => x.key === 'minDays').label).toBe('课次分散');
    expect(c.byCollege.length).toBeGreaterThan(0);
    expect(c.byCollege[0].collegeName).not.toBe('');
    expect(c.moves[0].otherId).toBe(other.id);
    expect(c.moves[0].count).toBeGreaterThan(0);
    const moved = c.moves[0].items.find((m: { kind: string }) => m.kind === 'time' || m.kind === 'room');
    expect(moved.from.text).toMatch(/^周. 第\d/);
    expect(moved.to.text).toMatch(/^周. 第\d/);
  });
});

describe('minimal perturbation re-solve', () => {
  it('after the published timetable breaks (a teacher can no longer come), the re-solve moves few lectures and lists them', async () => {
    const d = await newDraft('发布用');
    await solveDraft(d.id, { timeLimitSeconds: 3, seed: 5 });
    const rows = (await findDraftLectures(ctx.db, d.id)).flatMap((r) =>
      r.day !== null && r.startPeriod !== null ? [{ ...r, day: r.day, startPeriod: r.startPeriod, kind: 'regular' as const }] : [],
    );
    await ctx.db.transaction((tx) =>
      insertVersion(tx, termId, { source: 'publish', draftId: d.id, publishedBy: null, at: new Date() }, rows),
    );
    const victim = rows.find((r) => r.teacherIds.length === 1)!;
    await ctx.db.insert(teacherTimeBlocks).values({
      termId,
      teacherId: victim.teacherIds[0],
      kind: 'never',
      day: victim.day!,
      fromPeriod: victim.startPeriod!,
      toPeriod: victim.startPeriod! + victim.length - 1,
    });
    const res = await office.post('/api/timetable/drafts/resolve', { termId, timeLimitSeconds: 3 });
    expect(res.statusCode, res.body).toBe(202);
    const { jobId, draftId } = res.json();
    const job = await waitJob(jobId);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    const moves = (await office.get(`/api/timetable/drafts/${draftId}/moves`)).json();
    const keys = moves.items.map((m: { key: string }) => m.key);
    expect(keys).toContain(victim.lectureKey);
    expect(moves.items.length).toBeLessThanOrEqual(5);
    const m = moves.items.find((x: { key: string }) => x.key === victim.lectureKey);
    expect(m.from.text).toMatch(/^周/);
    expect(await violationsOf(draftId)).toEqual([]);
    const detail = (await office.get(`/api/timetable/drafts/${draftId}`)).json();
    expect(detail.basedOnVersionId).not.toBeNull();
  });
});

describe('who may', () => {
  it('teacher, secretary and student get 403 on every drafts route', async () => {
    for (const who of ['teacher', 'secretary', 'student']) {
      const c = await ctx.as(who);
      expect((await c.get('/api/timetable/drafts', { query: { termId } })).statusCode).toBe(403);
      expect((await c.post('/api/timetable/drafts', { termId, name: 'x' })).statusCode).toBe(403);
      expect((await c.post('/api/timetable/drafts/1/solve', {})).statusCode).toBe(403);
      expect((await c.get('/api/timetable/drafts/1')).statusCode).toBe(403);
      expect((await c.post('/api/timetable/drafts/resolve', { termId })).statusCode).toBe(403);
    }
  });

  it('nonexistent ids are 404; a copy or a comparison across terms is refused', async () => {
    expect((await office.get('/api/timetable/drafts/999999')).statusCode).toBe(404);
    expect((await office.post('/api/timetable/drafts/999999/solve', {})).statusCode).toBe(404);
    expect((await office.delete('/api/timetable/drafts/999999')).statusCode).toBe(404);
    expect((await office.post('/api/timetable/drafts', { termId: 999999, name: 'x' })).statusCode).toBe(404);
    const mine = await newDraft('本学期');
    const copy = await office.post('/api/timetable/drafts', { termId: prevTermId, name: 'x', from: { kind: 'draft', draftId: mine.id } });
    expect([404, 409]).toContain(copy.statusCode);
    expect((await office.post('/api/timetable/drafts/1/solve', { timeLimitSeconds: 601 })).statusCode).toBe(400);
  });
});
