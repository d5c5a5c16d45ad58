import type { RouteAccess } from './types.ts';

export const ROUTE_ACCESS: RouteAccess = {
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/me': 'signed-in',
  'POST /api/me/password': 'signed-in',
  'GET /api/users': 'users.manage',
  'GET /api/users/:id': 'users.manage',
  'POST /api/users': 'users.manage',
  'PATCH /api/users/:id': 'users.manage',
  'POST /api/users/:id/reset-password': 'users.manage',
  'POST /api/users/:id/unlock': 'users.manage',
  'GET /api/roles': 'users.manage',
  'POST /api/roles': 'users.manage',
  'PATCH /api/roles/:id': 'users.manage',
  'DELETE /api/roles/:id': 'users.manage',
  'GET /api/api-tokens': 'users.manage',
  'POST /api/api-tokens': 'users.manage',
  'POST /api/api-tokens/:id/revoke': 'users.manage',
};
