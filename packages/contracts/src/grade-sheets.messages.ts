/**
 * Errors of grade sheets 成绩登记表 (entry, review, publication), with their messages (spread into
 * ERROR_MESSAGES) and HTTP statuses (spread into the server's table).
 */
export const GRADE_SHEET_ERROR_MESSAGES = {
  /** Somebody (another tab, a colleague) saved the sheet after the caller read it. */
  grade_sheet_version_conflict: {
    'zh-CN': '成绩登记表已被修改（当前版本 {current}，您读取的是版本 {read}），请刷新后再保存',
    en: 'The grade sheet was changed meanwhile (version {current}; you read version {read}); reload before saving',
  },
  grade_sheet_not_draft: {
    'zh-CN': '成绩已{status}，不能再修改',
    en: 'The grades are {status}; they can no longer be changed',
  },
  grade_sheet_scheme_locked: {
    'zh-CN': '已开始录入成绩，记分方式和成绩比例不能再修改',
    en: 'Grade entry has started: the grading scale and weights can no longer change',
  },
  grade_sheet_scheme_invalid: {
    'zh-CN': '成绩比例不符合教务处的规定：{problems}',
    en: 'The weights break the academic office’s rules: {problems}',
  },
  grade_sheet_cells_invalid: {
    'zh-CN': '有 {count} 个成绩无法识别，均未保存：{first}',
    en: '{count} grade(s) could not be read and nothing was saved: {first}',
  },
  grade_sheet_not_on_roster: {
    'zh-CN': '这些学生不在本教学班的名单中：{students}',
    en: 'These students are not on this class’s roster: {students}',
  },
  grade_sheet_missing_grades: {
    'zh-CN': '还有 {count} 名学生没有成绩，不能提交：{students}',
    en: '{count} student(s) have no grade yet, so the grades cannot be submitted: {students}',
  },
  grade_sheet_unacknowledged_warnings: {
    'zh-CN': '提交前请确认以下提示：{warnings}',
    en: 'Please confirm these warnings before submitting: {warnings}',
  },
  grade_sheet_empty: {
    'zh-CN': '本教学班没有学生，无需登记成绩',
    en: 'This class has no students, so there are no grades to submit',
  },
  grade_sheet_not_approved: {
    'zh-CN': '成绩尚未通过学院审核（当前状态：{status}），不能公布',
    en: 'The grades have not passed the college review (status: {status}) and cannot be published',
  },
  grade_sheet_not_publisher: {
    'zh-CN': '您不是该成绩公布环节的审批人',
    en: 'You are not an approver of this class’s grade publication step',
  },
  grade_publish_at_past: {
    'zh-CN': '定时公布时间 {publishAt} 已过，请选择将来的时间或立即公布',
    en: 'The publication time {publishAt} has passed; choose a future time or publish now',
  },
} as const;

export type GradeSheetErrorCode = keyof typeof GRADE_SHEET_ERROR_MESSAGES;

export const GRADE_SHEET_ERROR_STATUS: Record<GradeSheetErrorCode, number> = {
  grade_sheet_version_conflict: 409,
  grade_sheet_not_draft: 409,
  grade_sheet_scheme_locked: 409,
  grade_sheet_scheme_invalid: 400,
  grade_sheet_cells_invalid: 400,
  grade_sheet_not_on_roster: 400,
  grade_sheet_missing_grades: 400,
  grade_sheet_unacknowledged_warnings: 400,
  grade_sheet_empty: 409,
  grade_sheet_not_approved: 409,
  grade_sheet_not_publisher: 403,
  grade_publish_at_past: 400,
};

/** Sheet statuses in words (used in the messages above and the lists). */
export const GRADE_SHEET_STATUS_WORDS = {
  draft: { 'zh-CN': '草稿', en: 'draft' },
  submitted: { 'zh-CN': '提交审核', en: 'submitted for review' },
  approved: { 'zh-CN': '通过学院审核', en: 'approved by the college' },
  published: { 'zh-CN': '公布', en: 'published' },
} as const;
