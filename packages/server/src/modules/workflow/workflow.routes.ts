import { z } from 'zod';
import {
  approveTaskRequest,
  batchApproveRequest,
  commentTaskRequest,
  delegateTaskRequest,
  flowInput,
  flowKeyParams,
  idParams,
  inboxQuery,
  metricsQuery,
  rejectTaskRequest,
  returnTaskRequest,
} from '@jiaowu/contracts';
import { pickLocale } from '../../platform/i18n.ts';
import type { App } from '../../platform/http/types.ts';
import type { WorkflowService } from './workflow.service.ts';

/** Tasks and instances are the caller's own: the service lets only the assignee, applicant or a reader in scope act. */
const own = { own: true };
/** Flow definitions are process documentation for staff, not for students or narrow API tokens. */
const readFlows = { permission: 'workflow.read' as const };

const withdrawBody = z.object({ comment: z.string().trim().max(2000).nullish() }).optional();

/**
 * Inbox, task actions (authorised by assignment in the service), instances,
 * and flows (read by staff holding workflow.read, edited by admins).
 */
export function registerWorkflowRoutes(app: App, { workflow }: { workflow: WorkflowService }) {
  const tags = ['workflow'];
  const loc = (req: { headers: Record<string, unknown> }) => pickLocale(req.headers['accept-language'] as string | undefined);

  app.get('/api/workflow/inbox', { schema: { tags, querystring: inboxQuery }, config: own }, async (req) =>
    workflow.inbox(req.actor, req.query, loc(req)),
  );
  app.get('/api/workflow/inbox/counts', { schema: { tags }, config: own }, async (req) => workflow.inboxCounts(req.actor));
  app.get('/api/workflow/approver', { schema: { tags }, config: own }, async (req) => workflow.isApprover(req.actor));

  const task = { tags, params: idParams };
  app.post('/api/workflow/tasks/:id/approve', { schema: { ...task, body: approveTaskRequest }, config: own }, async (req) =>
    workflow.act(req.actor, req.params.id, { type: 'approve', ...req.body }),
  );
  app.post('/api/workflow/tasks/:id/return', { schema: { ...task, body: returnTaskRequest }, config: own }, async (req) =>
    workflow.act(req.actor, req.params.id, { type: 'return', ...req.body }),
  );
  app.post('/api/workflow/tasks/:id/reject', { schema: { ...task, body: rejectTaskRequest }, config: own }, async (req) =>
    workflow.act(req.actor, req.params.id, { type: 'reject', ...req.body }),
  );
  app.post('/api/workflow/tasks/:id/delegate', { schema: { ...task, body: delegateTaskRequest }, config: own }, async (req) =>
    workflow.act(req.actor, req.params.id, { type: 'delegate', ...req.body }),
  );
  app.post('/api/workflow/tasks/:id/comment', { schema: { ...task, body: commentTaskRequest }, config: own }, async (req) =>
    workflow.act(req.actor, req.params.id, { type: 'comment', ...req.body }),
  );
  app.get(
    '/api/workflow/tasks/:id/delegates',
    { schema: { tags, params: idParams, querystring: z.object({ q: z.string().trim().max(50).optional() }) }, config: own },
    async (req) => workflow.delegateCandidates(req.actor, req.params.id, req.query.q),
  );
  app.post('/api/workflow/tasks/batch-approve', { schema: { tags, body: batchApproveRequest }, config: own }, async (req) =>
    workflow.batchApprove(req.actor, req.body.taskIds, req.body.comment, loc(req)),
  );

  app.get('/api/workflow/instances/:id', { schema: { tags, params: idParams }, config: own }, async (req) =>
    workflow.findInstance(req.actor, req.params.id, loc(req)),
  );
  app.post('/api/workflow/instances/:id/withdraw', { schema: { tags, params: idParams, body: withdrawBody }, config: own }, async (req) => {
    await workflow.withdraw(req.actor, req.params.id, req.body?.comment);
    return workflow.findInstance(req.actor, req.params.id, loc(req));
  });

  app.get('/api/workflow/flows', { schema: { tags }, config: readFlows }, async (req) => workflow.listFlows(loc(req)));
  app.get('/api/workflow/flows/:key', { schema: { tags, params: flowKeyParams }, config: readFlows }, async (req) =>
    workflow.getFlow(req.params.key, loc(req)),
  );
  app.put(
    '/api/workflow/flows/:key',
    { schema: { tags, params: flowKeyParams, body: flowInput }, config: { permission: 'workflow.manage' } },
    async (req) => workflow.putFlow(req.actor, req.params.key, req.body, loc(req)),
  );
  app.get('/api/workflow/flows/:key/diagram', { schema: { tags, params: flowKeyParams }, config: readFlows }, async (req) =>
    workflow.diagram(req.params.key, loc(req)),
  );
  app.get(
    '/api/workflow/flows/:key/metrics',
    { schema: { tags, params: flowKeyParams, querystring: metricsQuery }, config: { permission: 'workflow.metrics' } },
    async (req) => workflow.metrics(req.actor, req.params.key, req.query, loc(req)),
  );
}
