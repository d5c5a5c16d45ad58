import type { RouteAccess } from './types.ts';

/** 试卷流转 (modules/exams/papers.routes.ts). */
export const ROUTE_ACCESS: RouteAccess = {
  'GET /api/exams/papers': 'exams.papers',
  'POST /api/exams/papers': 'exams.papers',
  'GET /api/exams/papers/flags': 'exams.papers',
  'GET /api/exams/papers/:id': 'exams.papers',
  'GET /api/exams/papers/:id/chain': 'exams.papers',
  'GET /api/exams/papers/:id/receivers': 'exams.papers',
  'POST /api/exams/papers/:id/handovers': 'exams.papers',
  'POST /api/exams/papers/:id/handovers/:recordId/confirm': 'exams.papers',
};
