/**
 * Canonical paths of the web pages the server links to (notifications, emails). The web's
 * routes and side menu use the same paths, so a link opens the page with its menu entry lit.
 */
export const WEB_PATHS = {
  /** 开课申请 list; a request's page lies under it. */
  courseRequests: '/course-requests',
  courseRequest: (id: number) => `/course-requests/${id}`,
  /** 调课申请 list; a request's page lies under it. */
  timetableChanges: '/timetable/changes',
  timetableChange: (id: number) => `/timetable/changes/${id}`,
} as const;
