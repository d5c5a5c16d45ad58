import type { RouteAccess } from './types.ts';

export const ROUTE_ACCESS: RouteAccess = {
  'GET /api/course-requests': 'offerings.read',
  'GET /api/course-requests/:id': 'offerings.read',
  'POST /api/course-requests': 'offerings.file',
  'PATCH /api/course-requests/:id': 'offerings.file',
  'DELETE /api/course-requests/:id': 'offerings.file',
  'POST /api/course-requests/:id/submit': 'offerings.file',
  'POST /api/course-requests/:id/withdraw': 'offerings.file',
  'POST /api/course-requests/prefill': 'offerings.file',
  'POST /api/course-requests/copy': 'offerings.file',
  'POST /api/course-requests/prefill/preview': 'offerings.file',
  'POST /api/course-requests/batch': 'offerings.file',
  'GET /api/course-requests/summary': 'offerings.read',
  'GET /api/course-requests/export': 'offerings.read',
  'GET /api/teaching-classes': 'offerings.read',
  'GET /api/teaching-classes/:id': 'offerings.read',
  'GET /api/teaching-classes/:id/students': 'offerings.read',
  'PATCH /api/teaching-classes/:id/selection-flags': 'selection.manage',
};
