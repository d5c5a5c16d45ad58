import type { RouteAccess } from './types.ts';

export const ROUTE_ACCESS: RouteAccess = {
  'POST /api/exams/deferrals': 'exams.defer',
  'GET /api/exams/deferrals': 'exams.read',
  'GET /api/exams/deferrals/exams': 'exams.defer',
  'GET /api/exams/deferrals/:id': 'exams.read',
  'POST /api/exams/deferrals/:id/withdraw': 'exams.defer',
  'POST /api/exams/incidents': 'exams.incidents',
  'GET /api/exams/incidents': 'exams.incidents',
  'GET /api/exams/incidents/duties': 'exams.incidents',
  'POST /api/exams/incidents/:id/review': 'exams.manage',
};
