import type { RouteAccess } from './types.ts';

/** 历史成绩导入 (modules/grades/historical-import.routes.ts). */
export const ROUTE_ACCESS: RouteAccess = {
  'POST /api/grades/imports/historical': 'grades.manage',
  'GET /api/grades/imports/historical/template': 'grades.manage',
};
