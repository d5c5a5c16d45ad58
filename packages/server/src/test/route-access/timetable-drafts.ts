import type { RouteAccess } from './types.ts';

/** 排课方案: the office's drafts, solves, comparison and re-solve. */
export const ROUTE_ACCESS: RouteAccess = {
  'GET /api/timetable/drafts': 'timetable.manage',
  'GET /api/timetable/drafts/compare': 'timetable.manage',
  'POST /api/timetable/drafts': 'timetable.manage',
  'POST /api/timetable/drafts/resolve': 'timetable.manage',
  'GET /api/timetable/drafts/:id': 'timetable.manage',
  'PATCH /api/timetable/drafts/:id': 'timetable.manage',
  'DELETE /api/timetable/drafts/:id': 'timetable.manage',
  'POST /api/timetable/drafts/:id/solve': 'timetable.manage',
  'GET /api/timetable/drafts/:id/moves': 'timetable.manage',
};
