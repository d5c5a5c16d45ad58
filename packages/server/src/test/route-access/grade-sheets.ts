import type { RouteAccess } from './types.ts';

export const ROUTE_ACCESS: RouteAccess = {
  'GET /api/grades/classes/:teachingClassId': 'grades.read',
  'PUT /api/grades/classes/:teachingClassId': 'grades.enter',
  'GET /api/grades/classes/:teachingClassId/template': 'grades.enter',
  'POST /api/grades/classes/:teachingClassId/import': 'grades.enter',
  'POST /api/grades/classes/:teachingClassId/submit': 'grades.enter',
  'POST /api/grades/classes/:teachingClassId/publish': 'grades.manage',
  'POST /api/grades/publish': 'grades.manage',
  'GET /api/grades/sheets': 'grades.read',
  'GET /api/grades/sheets/:id': 'grades.read',
  'GET /api/grades/settings': 'signed-in',
  'PUT /api/grades/settings': 'grades.manage',
};
