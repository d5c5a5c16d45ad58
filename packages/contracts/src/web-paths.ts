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
  /** 我的课表: the reader's own timetable. */
  myTimetable: '/timetable/mine',
  /** 排课方案: a draft's page (H1's draft pages). */
  timetableDraft: (id: number) => `/timetable/drafts/${id}`,
  /** 缓考名单: deferral applications as the reader may see them (a student: their own). */
  examDeferrals: '/exams/deferrals/list',
  /** 考试安排: a plan's page (schedule, publication). */
  examPlan: (id: number) => `/exams/plans/${id}`,
  /** 成绩登记表 by sheet id (approval inbox links; the page reads GET /api/grades/sheets/:id). */
  gradeSheet: (sheetId: number) => `/grades/sheets/${sheetId}`,
  /** 我的成绩: a student's own grades. */
  myGrades: '/grades/me',
} as const;
