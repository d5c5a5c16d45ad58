import type { RouteAccess } from './types.ts';

export const ROUTE_ACCESS: RouteAccess = {
  'GET /api/timetable/settings': 'timetable.read',
  'PUT /api/timetable/settings': 'timetable.manage',
  'GET /api/timetable/availability': 'timetable.read',
  'PUT /api/timetable/availability': 'timetable.change',
  'GET /api/timetable/links': 'timetable.manage',
  'GET /api/timetable/links/classes': 'timetable.manage',
  'POST /api/timetable/links': 'timetable.manage',
  'DELETE /api/timetable/links/:id': 'timetable.manage',
  'GET /api/timetable/readiness': 'timetable.read',
};
