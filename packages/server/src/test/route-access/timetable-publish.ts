import type { RouteAccess } from './types.ts';

export const ROUTE_ACCESS: RouteAccess = {
  'POST /api/timetable/drafts/:id/submit': 'timetable.manage',
  'GET /api/timetable/drafts/:id/publication': 'timetable.manage',
  'GET /api/timetable/versions': 'timetable.read',
  'GET /api/timetable/published': 'timetable.read',
  'GET /api/timetable/export': 'timetable.read',
  'GET /api/timetable/feeds': 'timetable.read',
  'POST /api/timetable/feeds': 'timetable.read',
  'DELETE /api/timetable/feeds/:id': 'timetable.read',
  'GET /api/timetable/ics/:token': 'public',
};
