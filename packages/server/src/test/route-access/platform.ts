import type { RouteAccess } from './types.ts';

export const ROUTE_ACCESS: RouteAccess = {
  'GET /healthz': 'public',
  'GET /api/jobs/:id': 'signed-in',
  'GET /api/audit': 'audit.read_academic',
  'GET /api/jobs': 'signed-in',
  'POST /api/jobs/:id/cancel': 'signed-in',
  'GET /api/audit/verify': 'audit.read',
};
