import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { anonymousActor, type Actor } from '../../platform/access.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { users } from '../iam/iam.tables.ts';
import { registerTestSubject } from './workflow.test-subject.ts';

let ctx: TestContext;
let secretary: Actor;
const HOUR = 3_600_000;

beforeAll(async () => {
  ctx = await createTestContext();
  registerTestSubject(ctx);
  const [u] = await ctx.db.select().from(users).where(eq(users.username, 'secretary'));
  secretary = { ...anonymousActor(), kind: 'user', userId: u.id, name: u.username };
});
afterAll(() => ctx.close());

const submit = (subjectId: number) =>
  ctx.app.workflow.submit(secretary, {
    flowKey: 'course_request',
    subjectType: 'test_subject',
    subjectId,
    scope: { collegeId: 1 },
    context: { capacity: 50 },
  });
const kinds = async (username: string) =>
  (await (await ctx.as(username)).get('/api/notifications', { query: { pageSize: 100 } }))
    .json()
    .items.map((n: { kind: string }) => n.kind);

describe('deadlines (working days)', () => {
  it('reminds once within one working day of the deadline, then escalates to the fallback when it passes', async () => {
    ctx.clock.now = new Date('2026-09-04T01:00:00Z'); // Friday 09:00 in Beijing; 3 working days → Wednesday 09:00
    const id = await submit(1);
    const view = (await (await ctx.as('office')).get(`/api/workflow/instances/${id}`)).json();
    expect(view.openTasks[0].dueAt).toBe('2026-09-09T01:00:00.000Z');

    ctx.clock.advance(4 * 24 * HOUR - HOUR); // Tuesday 08:00: more than one working day left
    expect(await ctx.app.workflow.runDeadlines(ctx.clock())).toEqual({ reminded: 0, escalated: 0 });
    ctx.clock.advance(2 * HOUR); // Tuesday 10:00
    expect(await ctx.app.workflow.runDeadlines(ctx.clock())).toEqual({ reminded: 1, escalated: 0 });
    expect(await ctx.app.workflow.runDeadlines(ctx.clock())).toEqual({ reminded: 0, escalated: 0 });
    expect(await kinds('office')).toContain('deadline_near');

    ctx.clock.advance(24 * HOUR); // Wednesday 10:00: overdue
    expect(await ctx.app.workflow.runDeadlines(ctx.clock())).toEqual({ reminded: 0, escalated: 1 });
    expect(await ctx.app.workflow.runDeadlines(ctx.clock())).toEqual({ reminded: 0, escalated: 0 });
    const admin = await ctx.as('admin');
    const waiting = (await admin.get('/api/workflow/inbox')).json().items;
    expect(waiting).toEqual([expect.objectContaining({ instanceId: id, isOverdue: true, stepName: '教务处审核' })]);
    expect((await admin.get('/api/workflow/inbox/counts')).json()).toMatchObject({ waiting: 1, overdue: 1 });
    expect(await kinds('admin')).toContain('escalated');
    expect(await kinds('secretary')).toContain('escalated');
    const history = (await admin.get(`/api/workflow/instances/${id}`)).json().history;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['submit', 'remind', 'escalate']);

    // The fallback decides; the original assignee's task closes with the step.
    expect((await admin.post(`/api/workflow/tasks/${waiting[0].taskId}/approve`, {})).json().state).toBe('approved');
    // The week of this instance only: the demo's own request history has approvals later in September.
    const m = (await admin.get('/api/workflow/flows/course_request/metrics', { query: { from: '2026-09-04', to: '2026-09-10' } })).json();
    expect(m.flow).toMatchObject({ count: 1, overdueShare: 1 });
    expect(m.flow.medianHours).toBeCloseTo(5 * 24 + 1, 5);
  });

  it('does not count the weekend', async () => {
    ctx.clock.now = new Date('2026-09-11T07:00:00Z'); // Friday 15:00 → due Wednesday 15:00
    await submit(2);
    ctx.clock.advance(3 * 24 * HOUR); // Monday 15:00: two working days left
    expect(await ctx.app.workflow.runDeadlines(ctx.clock())).toEqual({ reminded: 0, escalated: 0 });
  });
});
