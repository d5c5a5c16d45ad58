import type { RouteAccess } from './types.ts';

export const ROUTE_ACCESS: RouteAccess = {
  'GET /api/courses': 'catalog.read',
  'GET /api/courses/export': 'catalog.read',
  'GET /api/courses/:id': 'catalog.read',
  'POST /api/courses': 'catalog.manage',
  'PATCH /api/courses/:id': 'catalog.manage',
  'DELETE /api/courses/:id': 'catalog.manage',
  'GET /api/curriculum-plans': 'catalog.read',
  'GET /api/curriculum-plans/export': 'catalog.read',
  'GET /api/curriculum-plans/:id': 'catalog.read',
  'POST /api/curriculum-plans': 'catalog.manage',
  'PATCH /api/curriculum-plans/:id': 'catalog.manage',
  'DELETE /api/curriculum-plans/:id': 'catalog.manage',
  'POST /api/curriculum-plans/:id/copy': 'catalog.manage',
  // The service also requires imports.run (every role holding catalog.manage has it).
  'POST /api/imports/courses': 'catalog.manage',
  'POST /api/imports/curriculum-plans': 'catalog.manage',
  'POST /api/imports/courses/bad-rows': 'catalog.manage',
  'POST /api/imports/curriculum-plans/bad-rows': 'catalog.manage',
  'GET /api/imports/courses/template': 'catalog.manage',
  'GET /api/imports/curriculum-plans/template': 'catalog.manage',
};
