import type { RouteAccess } from './types.ts';

export const ROUTE_ACCESS: RouteAccess = {
  'POST /api/attachments': 'signed-in',
  'GET /api/attachments/:id': 'signed-in',
};
