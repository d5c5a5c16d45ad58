import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';

// The demo is consistent with itself: what a request page says happened is
// what its approval history says, by the people who could do it, and the
// flow metrics count that history.

let ctx: TestContext;
let office: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  office = await ctx.as('office');
});
afterAll(() => ctx.close());

interface Request {
  id: number;
  courseCode: string;
  status: string;
  workflowInstanceId: number | null;
  teachingClassId: number | null;
  reviewComments: Record<string, string> | null;
}
interface HistoryEntry {
  at: string;
  action: string;
  actorName: string | null;
  comment: string | null;
  data: { fieldComments?: Record<string, string> } | null;
}

async function requests(): Promise<Request[]> {
  return (await office.get('/api/course-requests', { query: { pageSize: 100 } })).json().items;
}
async function instance(id: number) {
  const res = await office.get(`/api/workflow/instances/${id}`);
  expect(res.statusCode).toBe(200);
  return res.json() as { state: string; submittedAt: string; finishedAt: string | null; history: HistoryEntry[] };
}

describe('demo course requests and their approval history', () => {
  it('an approved request was submitted by the secretary, approved by the office at every step, and has its teaching class', async () => {
    const approved = (await requests()).filter((r) => r.status === 'approved');
    expect(approved.length).toBeGreaterThanOrEqual(3);
    for (const r of approved) {
      const i = await instance(r.workflowInstanceId!);
      expect(i.state).toBe('approved');
      expect(i.history[0]).toMatchObject({ action: 'submit', actorName: '计算机学院刘老师' });
      expect(i.history.at(-1)).toMatchObject({ action: 'approve', actorName: '教务处王老师' });
      expect(r.teachingClassId).not.toBeNull();
      // In order, in the past, at plausible working hours of the school (08:00–18:00 in Beijing).
      const times = i.history.map((h) => Date.parse(h.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      // The demo's history lies before its present, week 13 of the autumn term (1 December 2026).
      expect(Math.max(...times)).toBeLessThan(Date.parse('2026-12-01T00:00:00+08:00'));
      for (const t of times) {
        const hour = (new Date(t).getUTCHours() + 8) % 24;
        expect(hour).toBeGreaterThanOrEqual(8);
        expect(hour).toBeLessThan(18);
      }
    }
    // The large lecture passed both steps: the office review and the head's approval.
    const big = approved.find((r) => r.courseCode === 'CS205')!;
    expect((await instance(big.workflowInstanceId!)).history.filter((h) => h.action === 'approve')).toHaveLength(2);
  });

  it('a rejected request shows the rejection with its reason, not return comments', async () => {
    const rejected = (await requests()).filter((r) => r.status === 'rejected');
    expect(rejected.length).toBeGreaterThanOrEqual(1);
    for (const r of rejected) {
      const i = await instance(r.workflowInstanceId!);
      const last = i.history.at(-1)!;
      expect(last).toMatchObject({ action: 'reject', actorName: '教务处王老师' });
      expect(last.comment).toBeTruthy();
      expect(i.history.some((h) => h.action === 'return')).toBe(false);
      expect(r.reviewComments).toEqual({ _: last.comment });
      expect(r.teachingClassId).toBeNull();
    }
  });

  it('a returned request carries the return comments of its history', async () => {
    const returned = (await requests()).filter((r) => r.status === 'returned');
    expect(returned.length).toBeGreaterThanOrEqual(1);
    for (const r of returned) {
      const i = await instance(r.workflowInstanceId!);
      const last = i.history.at(-1)!;
      expect(i.state).toBe('returned');
      expect(last.action).toBe('return');
      expect(r.reviewComments).toEqual({ ...last.data!.fieldComments, _: last.comment });
    }
  });

  it('drafts have no history, and submitted ones wait in the office inbox', async () => {
    const all = await requests();
    for (const r of all.filter((x) => x.status === 'draft')) expect(r.workflowInstanceId).toBeNull();
    const waiting = (await office.get('/api/workflow/inbox', { query: { box: 'waiting', pageSize: 100 } })).json().items;
    const submitted = all.filter((r) => r.status === 'submitted');
    expect(submitted.length).toBeGreaterThanOrEqual(1);
    for (const r of submitted) expect(waiting.map((w: { instanceId: number }) => w.instanceId)).toContain(r.workflowInstanceId);
  });

  it('the flow metrics count the seeded history, with durations per step', async () => {
    const m = (await office.get('/api/workflow/flows/course_request/metrics')).json();
    const withHistory = (await requests()).filter((r) => r.workflowInstanceId !== null).length;
    expect(m.flow.count).toBe(withHistory);
    expect(m.flow.medianHours).toBeGreaterThan(0);
    expect(m.flow.rejectionRate).toBeGreaterThan(0);
    expect(m.flow.returnRate).toBeGreaterThan(0);
    expect(m.steps[0].count).toBeGreaterThan(m.steps[1].count);
    expect(m.steps[1].count).toBeGreaterThanOrEqual(1);
    expect(m.steps[1].medianHours).toBeGreaterThan(0);
  });
});
