import type { RouteAccess } from './types.ts';

/** Manual editing of a timetable draft (modules/timetable/edit.routes.ts): the office only. */
export const ROUTE_ACCESS: RouteAccess = {
  'GET /api/timetable/drafts/:id/grid': 'timetable.manage',
  'GET /api/timetable/drafts/:id/lectures/:key/options': 'timetable.manage',
  'POST /api/timetable/drafts/:id/edits': 'timetable.manage',
  'POST /api/timetable/drafts/:id/undo': 'timetable.manage',
  'GET /api/timetable/drafts/:id/conflicts': 'timetable.manage',
  'GET /api/timetable/drafts/:id/room-use': 'timetable.manage',
  'GET /api/timetable/drafts/:id/teacher-load': 'timetable.manage',
};
