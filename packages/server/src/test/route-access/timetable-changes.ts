import type { RouteAccess } from './types.ts';

export const ROUTE_ACCESS: RouteAccess = {
  'GET /api/timetable/rooms/free': 'timetable.read',
  'GET /api/timetable/bookings': 'rooms.book',
  'POST /api/timetable/bookings': 'rooms.book',
  'POST /api/timetable/bookings/:id/cancel': 'rooms.book',
  'GET /api/timetable/changes': 'timetable.change',
  'GET /api/timetable/changes/rules': 'timetable.change',
  'GET /api/timetable/changes/options': 'timetable.change',
  'GET /api/timetable/changes/lectures': 'timetable.change',
  'GET /api/timetable/changes/stats': 'timetable.change',
  'GET /api/timetable/changes/:id': 'timetable.change',
  'POST /api/timetable/changes': 'timetable.change',
  'POST /api/timetable/changes/:id/withdraw': 'timetable.change',
};
