import type { RouteAccess } from './types.ts';

export const ROUTE_ACCESS: RouteAccess = {
  'GET /api/notifications': 'signed-in',
  'GET /api/notifications/unread-count': 'signed-in',
  'POST /api/notifications/:id/read': 'signed-in',
  'POST /api/notifications/read-all': 'signed-in',
  'GET /api/notifications/settings': 'signed-in',
  'PUT /api/notifications/settings': 'signed-in',
  'GET /api/admin/mail-settings': 'settings.manage',
  'PUT /api/admin/mail-settings': 'settings.manage',
  'GET /api/admin/outbox': 'settings.manage',
  'POST /api/admin/outbox/:id/retry': 'settings.manage',
};
