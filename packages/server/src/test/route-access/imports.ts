import type { RouteAccess } from './types.ts';

export const ROUTE_ACCESS: RouteAccess = {
  'POST /api/imports/:kind': 'imports.run',
  'GET /api/imports/:kind/template': 'imports.run',
  'POST /api/imports/:kind/bad-rows': 'imports.run',
};
