import type { TestContext } from '../../test/test-app.ts';
import type { SubjectEvent } from './workflow.types.ts';

/** An in-memory subject type for the engine's tests: records what the engine told it. */
export function registerTestSubject(ctx: TestContext, type = 'test_subject') {
  const events: { kind: string; event: SubjectEvent }[] = [];
  ctx.app.workflow.registerSubject(type, {
    describe: async (_db, id, locale) => (locale === 'en' ? `Test course ${id}` : `测试课程 ${id}`),
    link: (id) => `/test/${id}`,
    onApproved: async (_tx, event) => void events.push({ kind: 'approved', event }),
    onReturned: async (_tx, event) => void events.push({ kind: 'returned', event }),
    onRejected: async (_tx, event) => void events.push({ kind: 'rejected', event }),
    onWithdrawn: async (_tx, event) => void events.push({ kind: 'withdrawn', event }),
  });
  return events;
}
