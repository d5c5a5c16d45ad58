import type { RouteAccess } from './types.ts';

export const ROUTE_ACCESS: RouteAccess = {
  'POST /api/grades/corrections': 'grades.enter',
  'GET /api/grades/corrections': 'grades.read',
  'GET /api/grades/corrections/:id': 'grades.read',
  'POST /api/grades/corrections/:id/withdraw': 'grades.enter',
  'GET /api/grades/records/:recordId/versions': 'grades.read',
  'GET /api/grades/makeup-list': 'grades.manage',
  'POST /api/grades/makeup-list/to-plan': 'grades.manage',
  'GET /api/grades/analysis': 'grades.analysis',
  'GET /api/grades/analysis/export': 'grades.analysis',
  'GET /api/grades/academic-risk': 'grades.analysis',
  'POST /api/grades/academic-risk/notify': 'grades.manage',
};
