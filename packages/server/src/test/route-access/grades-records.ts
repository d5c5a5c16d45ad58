import type { RouteAccess } from './types.ts';

/** 成绩: a student's record, transcripts, and their public check. */
export const ROUTE_ACCESS: RouteAccess = {
  'GET /api/grades/me': 'grades.read',
  'GET /api/grades/students/:studentId': 'grades.read',
  'GET /api/grades/transcripts': 'grades.transcript',
  'GET /api/grades/transcripts/:studentId': 'grades.transcript',
  'POST /api/grades/transcripts/batch': 'grades.transcript',
  'POST /api/grades/transcripts/:code/revoke': 'grades.manage',
  'GET /api/verify/:code': 'public',
  'GET /verify/:code': 'public',
};
