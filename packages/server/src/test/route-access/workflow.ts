import type { RouteAccess } from './types.ts';

/** Task actions are `signed-in`: the service lets only the task's assignee act (403 otherwise). */
export const ROUTE_ACCESS: RouteAccess = {
  'GET /api/workflow/inbox': 'signed-in',
  'GET /api/workflow/inbox/counts': 'signed-in',
  'GET /api/workflow/approver': 'signed-in',
  'POST /api/workflow/tasks/:id/approve': 'signed-in',
  'POST /api/workflow/tasks/:id/return': 'signed-in',
  'POST /api/workflow/tasks/:id/reject': 'signed-in',
  'POST /api/workflow/tasks/:id/delegate': 'signed-in',
  'POST /api/workflow/tasks/:id/comment': 'signed-in',
  'GET /api/workflow/tasks/:id/delegates': 'signed-in',
  'POST /api/workflow/tasks/batch-approve': 'signed-in',
  'GET /api/workflow/instances/:id': 'signed-in',
  'POST /api/workflow/instances/:id/withdraw': 'signed-in',
  'GET /api/workflow/flows': 'workflow.read',
  'GET /api/workflow/flows/:key': 'workflow.read',
  'PUT /api/workflow/flows/:key': 'workflow.manage',
  'GET /api/workflow/flows/:key/diagram': 'workflow.read',
  'GET /api/workflow/flows/:key/metrics': 'workflow.metrics',
};
