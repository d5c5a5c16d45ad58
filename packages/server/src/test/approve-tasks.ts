import { expect } from 'vitest';
import type { TestClient } from './test-app.ts';

/** Approves every task waiting for `client` that belongs to one of the instances; returns how many. */
export async function approveWaiting(client: TestClient, instanceIds: ReadonlySet<number>): Promise<number> {
  const inbox = (await client.get('/api/workflow/inbox', { query: { box: 'waiting', pageSize: 200 } })).json();
  let n = 0;
  for (const t of inbox.items as { instanceId: number; taskId: number }[]) {
    if (!instanceIds.has(t.instanceId)) continue;
    const res = await client.post(`/api/workflow/tasks/${t.taskId}/approve`, { comment: '同意' });
    expect(res.statusCode, res.body).toBe(200);
    n++;
  }
  return n;
}
