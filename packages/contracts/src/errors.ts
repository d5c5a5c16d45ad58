import { ATTACHMENT_ERROR_MESSAGES } from './attachments.ts';
import { EXAM_PAPER_ERROR_MESSAGES } from './exam-papers.ts';
import { CREDIT_RAISE_ERROR_MESSAGES } from './credit-raise.ts';
import { EXAM_DEFERRAL_ERROR_MESSAGES } from './exam-deferrals.ts';
import { EXAMS_ERROR_MESSAGES, EXAMS_FIELD_MESSAGES } from './exams.ts';
import { GRADE_SHEET_ERROR_MESSAGES } from './grade-sheets.messages.ts';
import { GRADES_ERROR_MESSAGES } from './grades.messages.ts';
import { SELECTION_REASON_CODES, type SelectionReasonCode } from './selection.ts';
import { CLASS_TOOLS_ERROR_MESSAGES } from './selection-class-tools.ts';
import { TIMETABLE_FIELD_MESSAGES } from './timetable-settings.messages.ts';

/**
 * A refusal of course selection (class_full, time_conflict, …) is an error whose message is the
 * refusal's sentence from the server's reason words (`reasonText`, in the caller's language and
 * the school's time zone), passed as {reason}: one source of words, so the message of a 409
 * and the `reasons` of the class list never differ. `details.reasons` lists every refusal.
 */
const SELECTION_REFUSAL_MESSAGES = Object.fromEntries(
  SELECTION_REASON_CODES.map((c) => [c, { 'zh-CN': '{reason}', en: '{reason}' }]),
) as Record<SelectionReasonCode, { 'zh-CN': string; en: string }>;

/**
 * Error codes of the API with their messages in both languages. The server
 * picks the message by Accept-Language; `{name}` placeholders are filled from
 * the error's params.
 */
export const ERROR_MESSAGES = {
  validation_failed: { 'zh-CN': '输入有误，请检查标出的字段', en: 'Some fields are invalid' },
  unauthenticated: { 'zh-CN': '请先登录', en: 'Please sign in' },
  forbidden: { 'zh-CN': '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  not_found: { 'zh-CN': '未找到该记录', en: 'Not found' },
  route_not_found: { 'zh-CN': '接口不存在', en: 'No such endpoint' },
  conflict: { 'zh-CN': '数据已被修改，请刷新后重试', en: 'The data has changed; reload and try again' },
  duplicate_code: { 'zh-CN': '代码“{value}”已存在', en: 'Code “{value}” already exists' },
  duplicate_username: { 'zh-CN': '用户名“{value}”已被使用', en: 'Username “{value}” is taken' },
  /** The number is not echoed: it is personal data, and the other holder is someone the user may not see. */
  duplicate_id_number: { 'zh-CN': '证件号码已被另一人使用', en: 'This ID number is already recorded for someone else' },
  in_use: { 'zh-CN': '该记录正被其他数据引用，无法删除', en: 'This record is in use and cannot be deleted' },
  reference_not_found: { 'zh-CN': '引用的{field}不存在', en: 'The referenced {field} does not exist' },
  number_out_of_range: { 'zh-CN': '输入的数字超出允许范围', en: 'A number in the request is out of range' },
  out_of_scope: { 'zh-CN': '该记录不在您的管辖范围内', en: 'This record is outside your scope' },
  invalid_credentials: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  account_locked: {
    'zh-CN': '登录失败次数过多，账号已锁定，请在 {minutes} 分钟后重试',
    en: 'Too many failed sign-ins; the account is locked for {minutes} more minutes',
  },
  too_many_attempts: {
    'zh-CN': '尝试过于频繁，请 {seconds} 秒后再试',
    en: 'Too many attempts; try again in {seconds} seconds',
  },
  account_disabled: { 'zh-CN': '账号已停用，请联系管理员', en: 'This account is disabled; contact an administrator' },
  password_change_required: { 'zh-CN': '首次登录请先修改密码', en: 'Please change your password first' },
  wrong_password: { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  password_reused: { 'zh-CN': '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  csrf_failed: { 'zh-CN': '请求校验失败，请刷新页面后重试', en: 'Request check failed; reload the page and try again' },
  session_expired: { 'zh-CN': '登录已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  token_invalid: { 'zh-CN': 'API 令牌无效或已撤销', en: 'The API token is invalid or revoked' },
  builtin_role: { 'zh-CN': '内置角色不能删除或改代码', en: 'Built-in roles cannot be deleted or renamed' },
  account_username_taken: {
    'zh-CN': '账号用户名“{value}”已被其他账号使用（第 {row} 行），无法为此人建立账号',
    en: 'The username “{value}” is already used by another account (row {row}); no account can be created for this person',
  },
  account_username_taken_single: {
    'zh-CN': '账号用户名“{value}”已被其他账号使用，无法为此人建立账号',
    en: 'The username “{value}” is already used by another account; no account can be created for this person',
  },
  handout_expired: {
    'zh-CN': '初始密码名单已过期或已删除，请重新重置密码',
    en: 'The password list has expired or was deleted; reset the passwords again',
  },
  cannot_disable_self: { 'zh-CN': '不能停用自己的账号', en: 'You cannot disable your own account' },
  import_empty: { 'zh-CN': '文件中没有数据行', en: 'The file has no data rows' },
  import_unreadable: { 'zh-CN': '无法读取文件：{reason}', en: 'The file cannot be read: {reason}' },
  import_too_large: { 'zh-CN': '文件过大（最多 {max} 行）', en: 'The file is too large (at most {max} rows)' },
  import_missing_column: { 'zh-CN': '缺少必需的列“{column}”', en: 'Required column “{column}” is missing' },
  import_has_errors: { 'zh-CN': '文件有 {count} 处错误，未导入任何数据', en: 'The file has {count} errors; nothing was imported' },
  import_no_file: { 'zh-CN': '请上传文件（字段名 file）', en: 'Upload a file (field "file")' },
  unsupported_format: { 'zh-CN': '不支持的文件格式，请上传 CSV 或 XLSX', en: 'Unsupported file; upload CSV or XLSX' },
  payload_too_large: { 'zh-CN': '上传内容过大', en: 'The upload is too large' },
  workflow_not_assignee: { 'zh-CN': '只有该任务的处理人可以操作', en: 'Only the assignee of this task can act on it' },
  workflow_task_closed: { 'zh-CN': '该任务已处理或已关闭', en: 'This task has already been handled or closed' },
  workflow_invalid_transition: {
    'zh-CN': '当前状态（{state}）下不能执行此操作（{action}）',
    en: 'This action ({action}) is not possible in the current state ({state})',
  },
  workflow_already_pending: { 'zh-CN': '该事项正在审批中', en: 'This item is already awaiting approval' },
  workflow_subject_locked: { 'zh-CN': '审批进行中，暂不能修改', en: 'This item is awaiting approval and cannot be changed' },
  workflow_no_approver: {
    'zh-CN': '找不到审批步骤“{step}”的审批人',
    en: 'No approver found for the step “{step}”',
  },
  workflow_not_applicant: { 'zh-CN': '只有申请人可以撤回', en: 'Only the applicant can withdraw' },
  workflow_unknown_subject: { 'zh-CN': '未注册的审批事项类型“{type}”', en: 'Unknown approval subject type “{type}”' },
  mail_not_configured: { 'zh-CN': '尚未配置邮件服务器', en: 'No mail server is configured' },
  internal: { 'zh-CN': '服务器内部错误，请稍后重试', en: 'Internal error; please try again later' },
  // catalog and offerings
  plan_exists: { 'zh-CN': '该专业 {cohort} 级的培养方案已存在', en: 'This major already has a curriculum plan for cohort {cohort}' },
  request_locked: {
    'zh-CN': '开课申请正在审批中或已办结，不能修改',
    en: 'The course request is under review or closed and cannot be changed',
  },
  invalid_transition: {
    'zh-CN': '开课申请当前状态为“{status}”，不能执行此操作',
    en: 'The course request is “{status}”; this action is not possible now',
  },
  request_rules_failed: {
    'zh-CN': '开课申请未通过检查（{count} 处），请按标出的字段修改',
    en: 'The course request fails {count} checks; correct the fields marked',
  },
  workflow_not_approver: {
    'zh-CN': '您已不再担任本步骤的审批角色，不能处理此任务',
    en: 'You no longer hold this step’s approving role and cannot act on this task',
  },
  import_cell_too_long: {
    'zh-CN': '第 {row} 行“{column}”列的单元格过长（{length} 个字符，最多 {max} 个）',
    en: 'The cell in row {row}, column “{column}” is too long ({length} characters, at most {max})',
  },
  import_unpacked_too_large: {
    'zh-CN': 'XLSX 文件解压后过大（至少 {size} MB，最多 {max} MB）',
    en: 'The XLSX file is too large when unpacked (at least {size} MB, at most {max} MB)',
  },
  import_zip_entries: {
    'zh-CN': 'XLSX 文件包含的条目过多（{count} 个，最多 {max} 个）',
    en: 'The XLSX file holds too many entries ({count}, at most {max})',
  },
  import_zip_ratio: {
    'zh-CN': 'XLSX 文件的压缩比异常（{ratio}:1，最多 {max}:1），疑似压缩炸弹',
    en: 'The XLSX file is compressed suspiciously well ({ratio}:1, at most {max}:1); it looks like a zip bomb',
  },
  import_parse_memory: {
    'zh-CN': '读取文件所需内存超过上限（{max} MB），请拆分文件后再导入',
    en: 'Reading the file needs more than the memory limit ({max} MB); split the file and import the parts',
  },
  import_parse_timeout: {
    'zh-CN': '读取文件超时（{seconds} 秒），请拆分文件后再导入',
    en: 'Reading the file took longer than {seconds} seconds; split the file and import the parts',
  },
  import_busy: {
    'zh-CN': '正在读取的导入文件过多，请 {seconds} 秒后重试',
    en: 'Too many import files are being read; try again in {seconds} seconds',
  },
  /** Stored as the error of a job ended by a cancel. */
  job_cancelled: { 'zh-CN': '任务已取消', en: 'The job was cancelled' },
  /** Stored when the process running a job stopped (crashed) and its lease ran out. */
  job_lease_expired: { 'zh-CN': '执行任务的进程已停止，任务未完成', en: 'The process running the job stopped before it finished' },
  /** A job's run stopped by a shutdown; the job is queued again. */
  job_interrupted: { 'zh-CN': '任务因服务停止而中断，将重新执行', en: 'The job was interrupted by a shutdown and will run again' },
  /** Cancel asked for a job that has already ended. */
  job_finished: { 'zh-CN': '任务已结束，无法取消', en: 'The job has already ended and cannot be cancelled' },
  sign_in_busy: {
    'zh-CN': '当前登录请求过多，请 {seconds} 秒后再试',
    en: 'Too many sign-ins at the moment; try again in {seconds} seconds',
  },
  // forgotten password, CAPTCHA, single sign-on
  captcha_required: {
    'zh-CN': '尝试次数较多，请先回答验证问题',
    en: 'After several attempts, please answer the check question first',
  },
  captcha_invalid: {
    'zh-CN': '验证问题的答案不正确或已过期，请回答新的问题',
    en: 'The answer to the check question is wrong or has expired; please answer the new question',
  },
  reset_token_invalid: {
    'zh-CN': '该重置链接无效或已被使用，请重新申请',
    en: 'This reset link is invalid or has already been used; please request a new one',
  },
  reset_token_expired: {
    'zh-CN': '该重置链接已过期，请重新申请',
    en: 'This reset link has expired; please request a new one',
  },
  sso_not_configured: { 'zh-CN': '未启用统一身份认证', en: 'Single sign-on is not enabled' },
  sso_failed: {
    'zh-CN': '统一身份认证登录失败，请重试',
    en: 'Single sign-on failed; please try again',
  },
  sso_unknown_user: {
    'zh-CN': '统一身份认证账号在本系统中没有对应的账号，请联系教务处',
    en: 'Your single sign-on account has no matching account here; please contact the academic affairs office',
  },
  // timetable publication (课程确认)
  timetable_not_publishable: {
    'zh-CN': '排课方案还有 {violations} 处硬冲突、{unplaced} 节课未排定，不能提交发布',
    en: 'The draft still has {violations} hard conflicts and {unplaced} unplaced lectures; it cannot be submitted',
  },
  draft_not_submittable: {
    'zh-CN': '排课方案已提交审批或已发布，不能再次提交',
    en: 'The draft is already under approval or published and cannot be submitted again',
  },
  feed_owner_required: {
    'zh-CN': '请指明要订阅谁的课表（教师、学生或教室）',
    en: 'Say whose timetable to subscribe to (a teacher, a student or a room)',
  },
  // HTTP edge
  malformed_body: { 'zh-CN': '请求内容不完整或格式有误，请重新上传', en: 'The request body is incomplete or malformed; send it again' },
  /** Optimistic concurrency: the record's version is not the one the edit was based on. */
  stale: { 'zh-CN': '已被他人修改，请刷新后重试', en: 'Changed by someone else — reload' },
  // Editing a timetable draft by hand (排课方案手工调整)
  /** A move, swap or weeks edit would break a hard rule: the rules broken, in words. */
  draft_edit_conflict: { 'zh-CN': '不能这样调整：{reasonZh}', en: 'This edit is refused: {reasonEn}' },
  draft_edit_closed: {
    'zh-CN': '该排课方案已提交审批或已发布，不能再手工调整',
    en: 'This draft has been submitted or published and can no longer be edited',
  },
  draft_edit_locked: { 'zh-CN': '该课已锁定{whatZh}，请先解锁', en: 'This lecture has its {whatEn} locked; unlock it first' },
  draft_edit_solving: {
    'zh-CN': '该排课方案正在求解，求解结束或取消后才能手工调整',
    en: 'This draft is being solved; edit it once the solve ends or is cancelled',
  },
  draft_edit_nothing_to_undo: { 'zh-CN': '没有可撤销的修改', en: 'There is no edit to undo' },
  draft_edit_undo_outdated: {
    'zh-CN': '这次修改之后方案已被改动（例如重新排课），不能再撤销',
    en: 'The draft has changed since this edit (a re-solve, for instance); it can no longer be undone',
  },
  /** 教室借用 / 调课: the slot is taken; {conflicts} names what holds it, in the reader's language. */
  timetable_slot_taken: { 'zh-CN': '该时间地点已被占用：{conflicts}', en: 'That time and place is taken: {conflicts}' },
  /** A change request against the office's rules ({rules}: the rules broken, in words). */
  timetable_change_rules: { 'zh-CN': '调课申请不符合教务处规定：{rules}', en: 'The change request breaks the office’s rules: {rules}' },
  /** A change request that does not fit the lecture ({reason} in words). */
  timetable_change_invalid: { 'zh-CN': '调课申请有误：{reason}', en: 'The change request is not valid: {reason}' },
  /** No published timetable yet for the term. */
  timetable_not_published: { 'zh-CN': '本学期课表尚未发布', en: 'The timetable of this term is not published yet' },
  // timetable drafts 排课方案
  draft_solving: {
    'zh-CN': '该排课方案正在求解，求解结束或取消后才能修改',
    en: 'This draft is being solved; it can be changed once the solve ends or is cancelled',
  },
  draft_not_editable: {
    'zh-CN': '已提交或已发布的排课方案不能修改或删除',
    en: 'A submitted or published draft cannot be changed or deleted',
  },
  no_published_timetable: {
    'zh-CN': '该学期还没有已发布的课表',
    en: 'This term has no published timetable yet',
  },
  term_has_no_classes: {
    'zh-CN': '该学期没有教学班，无法排课',
    en: 'This term has no teaching classes to timetable',
  },
  // course selection 选课 — every refusal of the rule checker (SELECTION_REASON_CODES: class_full,
  // time_conflict, …) is an error code too, worded by the checker's own words (see
  // SELECTION_REFUSAL_MESSAGES below). These are the transaction's own answers; {classCode} is the
  // teaching class (CS201-01), {courseZh}/{courseEn} the course's code and name in each language.
  /** The enrolment was dropped meanwhile (a second drop, or a swap of a class already given up). */
  enrolment_not_active: {
    'zh-CN': '{classCode}（{courseZh}）已经退选',
    en: '{classCode} ({courseEn}) has already been dropped',
  },
  /** The student is already waiting for this class. */
  already_waitlisted: {
    'zh-CN': '您已在 {classCode}（{courseZh}）的候补名单中',
    en: 'You are already on the waitlist of {classCode} ({courseEn})',
  },
  /** A waitlist is for full classes: this one still has a seat the student could take. */
  class_not_full: {
    'zh-CN': '{classCode}（{courseZh}）还有名额，可以直接选课',
    en: '{classCode} ({courseEn}) still has seats; select it directly',
  },
  /** Admission control: this server has as many selection requests in flight as it takes. */
  selection_busy: {
    'zh-CN': '选课人数较多，正在排队，请 {seconds} 秒后重试',
    en: 'Course selection is busy; you are queued — retrying in {seconds} seconds',
  },
  /** One student's requests come faster than anybody clicks. */
  selection_rate_limited: {
    'zh-CN': '操作过于频繁，请 {seconds} 秒后再试',
    en: 'Too many requests; try again in {seconds} seconds',
  },
  /** Selecting for oneself needs a student record (an administrator acts through the office tools). */
  not_a_student: {
    'zh-CN': '当前账号不是学生，不能为自己选课；请使用教务代选',
    en: 'This account is not a student; use the office enrolment tools',
  },
  /** 选课确认: the round's results are locked. */
  round_locked: {
    'zh-CN': '选课轮次“{round}”的结果已锁定，不能再修改',
    en: 'The results of the round “{round}” are locked',
  },
  /** A round students have acted in is history: it is not deleted. */
  round_in_use: {
    'zh-CN': '选课轮次“{round}”已有选课记录，不能删除',
    en: 'The round “{round}” has enrolments and cannot be deleted',
  },
  /** The round of a request belongs to another mode (e.g. a lottery choice in a first-come round). */
  round_wrong_mode: {
    'zh-CN': '选课轮次“{round}”不支持此操作',
    en: 'The round “{round}” does not take this request',
  },
  swap_same_class: {
    'zh-CN': '换课的两个教学班相同（{classCode}）',
    en: 'The swap names the same class twice ({classCode})',
  },
  // Lottery draw 抽签, confirmation 选课确认 and pre-enrolment 预置: {round} is the round's name.
  /** The action is for lottery 预选 rounds only (choices, the draw). */
  round_not_lottery: {
    'zh-CN': '“{round}”不是预选（抽签）轮次',
    en: '“{round}” is not a lottery round',
  },
  /** Seats are drawn only after the window closed; {closesAt} in the school's time. */
  round_window_open: {
    'zh-CN': '“{round}”的选课时间尚未结束（{closesAt} 结束），结束后才能抽签',
    en: 'The window of “{round}” is still open (it closes at {closesAt}); seats are drawn after it closes',
  },
  /** A lottery round is locked only once its seats are drawn. */
  round_not_drawn: {
    'zh-CN': '“{round}”尚未抽签，抽签后才能确认锁定',
    en: 'The seats of “{round}” have not been drawn yet; draw them before locking the round',
  },
  /** 选课审核: the finding was already resolved or dismissed (by somebody else, or by a re-run). */
  finding_not_open: {
    'zh-CN': '该审核问题已被处理，请刷新后查看',
    en: 'This finding has already been handled; reload to see it',
  },
  ...SELECTION_REFUSAL_MESSAGES,
  // The office's class tools (capacity, reserved seats, cancel 停开, merge 合班).
  ...CLASS_TOOLS_ERROR_MESSAGES,
  ...CREDIT_RAISE_ERROR_MESSAGES,
  ...EXAMS_ERROR_MESSAGES,
  // 缓考 and 考场违纪.
  ...EXAM_DEFERRAL_ERROR_MESSAGES,
  // 试卷流转: the exam papers' chain of custody.
  ...EXAM_PAPER_ERROR_MESSAGES,
  // 成绩: what a teacher typed, a class's weights, a school's grade point table.
  ...GRADES_ERROR_MESSAGES,
  // 成绩登记表: entry, review and publication of a class's grades.
  ...GRADE_SHEET_ERROR_MESSAGES,
  // Uploaded proof (缓考 certificates, grade-correction evidence).
  ...ATTACHMENT_ERROR_MESSAGES,
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Messages of field-level validation issues (zod issue codes and our own). */
export const FIELD_MESSAGES = {
  required: { 'zh-CN': '必填', en: 'Required' },
  invalid_type: { 'zh-CN': '格式不正确', en: 'Wrong type' },
  too_small: { 'zh-CN': '太小或太短（至少 {minimum}）', en: 'Too small or short (at least {minimum})' },
  too_big: { 'zh-CN': '太大或太长（至多 {maximum}）', en: 'Too big or long (at most {maximum})' },
  invalid_value: { 'zh-CN': '不是允许的取值', en: 'Not an allowed value' },
  invalid_format: { 'zh-CN': '格式不正确', en: 'Wrong format' },
  code_format: { 'zh-CN': '只能包含字母、数字、-、_、.', en: 'Only letters, digits, -, _ and .' },
  time_format: { 'zh-CN': '时间格式应为 HH:MM', en: 'Time must be HH:MM' },
  time_zone: { 'zh-CN': '不是有效的时区名称（例如 Asia/Shanghai）', en: 'Not a known time zone name (e.g. Asia/Shanghai)' },
  time_range: { 'zh-CN': '结束时间应晚于开始时间', en: 'End must be after start' },
  period_range: { 'zh-CN': '结束节次应不早于开始节次', en: 'End period must not be before start' },
  academic_year_format: { 'zh-CN': '学年格式应为 2026-2027', en: 'Academic year must look like 2026-2027' },
  duplicate_in_file: { 'zh-CN': '与第 {row} 行重复', en: 'Duplicates row {row}' },
  duplicate_code: { 'zh-CN': '代码“{value}”已存在', en: 'Code “{value}” already exists' },
  duplicate_id_number: { 'zh-CN': '证件号码已被另一人使用', en: 'This ID number is already recorded for someone else' },
  id_number_checksum: {
    'zh-CN': '证件号码的校验位不正确：18 位身份证号的最后一位由前 17 位算出，请核对',
    en: 'ID number: the check character is wrong (the last character of an 18-digit ID follows from the first 17); please check it',
  },
  id_number_length: {
    'zh-CN': '证件号码像是身份证号，但位数不对：身份证号为 18 位',
    en: 'ID number looks like a resident ID but has the wrong length: a resident ID has 18 characters',
  },
  id_number_format: {
    'zh-CN': '证件号码应为 18 位身份证号，或 5–32 位字母、数字（护照等）',
    en: 'ID number must be an 18-character resident ID, or 5–32 letters and digits (passport etc.)',
  },
  account_username_taken: {
    'zh-CN': '“{value}”已是另一个账号的用户名，无法为此人建立账号',
    en: '“{value}” is already the user name of another account; no account can be made for this person',
  },
  reference_not_found: { 'zh-CN': '找不到“{value}”', en: '“{value}” not found' },
  out_of_scope: { 'zh-CN': '不在您的管辖范围内', en: 'Outside your scope' },
  invalid: { 'zh-CN': '取值无效', en: 'Invalid value' },
  invalid_choice: { 'zh-CN': '“{value}”不是允许的取值（可选：{allowed}）', en: '“{value}” is not allowed (one of: {allowed})' },
  // catalog and offerings
  credits_format: { 'zh-CN': '学分应为 0–30，最多一位小数', en: 'Credits must be 0–30 with at most one decimal' },
  prerequisite_self: { 'zh-CN': '课程不能以自身为先修课程', en: 'A course cannot be its own prerequisite' },
  prerequisite_cycle: { 'zh-CN': '先修关系构成循环：{path}', en: 'Prerequisites form a cycle: {path}' },
  prerequisite_depth: { 'zh-CN': '先修要求嵌套过深（至多 {maximum} 层）', en: 'Prerequisites nest too deeply (at most {maximum} levels)' },
  prerequisite_syntax: { 'zh-CN': '无法解析先修课程“{value}”', en: 'Cannot read prerequisites “{value}”' },
  shares_sum: { 'zh-CN': '各教师学时比例之和应为 100%', en: 'Teachers’ shares must add up to 100%' },
  duplicate_teacher: { 'zh-CN': '同一教师不能重复填写', en: 'A teacher is listed twice' },
  week_range: { 'zh-CN': '周次范围无效', en: 'Invalid week range' },
  teacher_other_college: {
    'zh-CN': '教师{teacher}不属于本学院，请填写跨学院授课说明',
    en: 'Teacher {teacher} is not in this college; add a cross-college note',
  },
  capacity_above_rooms: {
    'zh-CN': '容量 {capacity} 超过符合要求的最大教室容量 {maximum}',
    en: 'Capacity {capacity} exceeds the largest suitable room ({maximum} seats)',
  },
  no_suitable_room: { 'zh-CN': '没有符合类型与设施要求的可用教室', en: 'No active room has this type and these features' },
  hours_mismatch: {
    'zh-CN': '每周 {weekly} 学时 × {weeks} 周 = {planned} 学时，与课程学时 {expected} 不符',
    en: '{weekly} hours a week × {weeks} weeks = {planned} hours, but the course has {expected}',
  },
  duplicate_class: {
    'zh-CN': '本学期该课程已有面向相同行政班的申请或教学班（{other}）',
    en: 'This course already has a request or class for these admin classes this term ({other})',
  },
  course_retired: { 'zh-CN': '课程已停开', en: 'The course is retired' },
  targets_required: { 'zh-CN': '请至少选择一个行政班或专业年级', en: 'Choose at least one admin class or major cohort' },
  semester_mismatch: { 'zh-CN': '两个学期应同为秋季或春季学期', en: 'Both terms must be the same semester (autumn or spring)' },
  /** A duplicate the user may not see: named only as "another college's". */
  duplicate_class_elsewhere: {
    'zh-CN': '本学期该课程已有其他学院面向相同行政班的申请或教学班',
    en: 'Another college already has a request or class of this course for these admin classes this term',
  },
  delegate_not_candidate: {
    'zh-CN': '只能转交给在申请人范围内担任本步骤审批角色的用户',
    en: 'A task can only be delegated to someone who holds this step’s approving role for the applicant',
  },
  // HTTP edge
  nul_char: { 'zh-CN': '不能包含空字符（\\0）', en: 'Must not contain a NUL character (\\0)' },
  // 排课设置 (timetable-settings.messages.ts)
  ...TIMETABLE_FIELD_MESSAGES,
  ...EXAMS_FIELD_MESSAGES,
} as const;
export type FieldMessageCode = keyof typeof FIELD_MESSAGES;

/** Fills `{name}` placeholders. */
export function formatMessage(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
