import type { RouteAccess } from './types.ts';

export const ROUTE_ACCESS: RouteAccess = {
  'GET /api/exams/plans': 'exams.read',
  'POST /api/exams/plans': 'exams.manage',
  'GET /api/exams/plans/:id': 'exams.read',
  'GET /api/exams/plans/:id/sessions': 'exams.read',
  'GET /api/exams/plans/:id/exams': 'exams.read',
  'POST /api/exams/plans/:id/exams': 'exams.manage',
  'PATCH /api/exams/plans/:id/exams/:examId': 'exams.manage',
  'DELETE /api/exams/plans/:id/exams/:examId': 'exams.manage',
  'POST /api/exams/plans/:id/submit': 'exams.manage',
  'POST /api/exams/plans/:id/solve': 'exams.manage',
  'POST /api/exams/plans/:id/exams/:examId/check-move': 'exams.manage',
  'POST /api/exams/plans/:id/exams/:examId/move': 'exams.manage',
  'POST /api/exams/plans/:id/publish': 'exams.manage',
  'GET /api/exams/plans/:id/invigilation-load': 'exams.manage',
  'GET /api/exams/sittings': 'exams.read',
  'GET /api/exams/invigilations': 'exams.read',
  'POST /api/exams/invigilations/:id/swap': 'exams.manage',
  'GET /api/exams/tickets/:studentId': 'exams.read',
  'GET /api/exams/tickets/verify/:token': 'public',
};
