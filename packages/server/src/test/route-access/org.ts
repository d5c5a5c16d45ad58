import type { RouteAccess } from './types.ts';

export const ROUTE_ACCESS: RouteAccess = {
  'GET /api/terms/:id/time-grid': 'org.read',
  'PUT /api/terms/:id/time-grid': 'org.manage',
  'GET /api/settings/school': 'public',
  'PUT /api/settings/school': 'settings.manage',
};
const ORG = ['terms', 'campuses', 'buildings', 'rooms', 'colleges', 'departments', 'majors', 'admin-classes'];
for (const [paths, read, manage] of [
  [ORG, 'org.read', 'org.manage'],
  [['teachers'], 'teachers.read', 'teachers.manage'],
  [['students'], 'students.read', 'students.manage'],
] as const) {
  for (const p of paths) {
    ROUTE_ACCESS[`GET /api/${p}`] = read;
    ROUTE_ACCESS[`GET /api/${p}/export`] = read;
    ROUTE_ACCESS[`GET /api/${p}/:id`] = read;
    ROUTE_ACCESS[`POST /api/${p}`] = manage;
    ROUTE_ACCESS[`PATCH /api/${p}/:id`] = manage;
    ROUTE_ACCESS[`DELETE /api/${p}/:id`] = manage;
  }
}
