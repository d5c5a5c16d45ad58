/**
 * The audit log in words: every action the server writes and every entity
 * type it writes them about, in both languages. Shared by the server (which
 * maps search words to action codes and labels its answers) and the web.
 * `audit-labels.test.ts` on the server fails when an action is written
 * without a label here.
 */
type L = { 'zh-CN': string; en: string };
type Lang = keyof L;
const l = (zh: string, en: string): L => ({ 'zh-CN': zh, en });

/** What an entity type is called (singular: the label of one record). */
export const AUDIT_ENTITY_LABELS = {
  terms: l('学期', 'term'),
  campuses: l('校区', 'campus'),
  buildings: l('楼宇', 'building'),
  rooms: l('教室', 'room'),
  colleges: l('学院', 'college'),
  departments: l('系', 'department'),
  majors: l('专业', 'major'),
  admin_classes: l('行政班', 'admin class'),
  teachers: l('教师', 'teacher'),
  students: l('学生', 'student'),
  courses: l('课程', 'course'),
  curriculum_plans: l('培养方案', 'curriculum plan'),
  course_requests: l('开课申请', 'course request'),
  teaching_classes: l('教学班', 'teaching class'),
  workflow_instances: l('审批', 'approval'),
  workflow_flows: l('审批流程', 'approval flow'),
  users: l('用户', 'user'),
  roles: l('角色', 'role'),
  api_tokens: l('API 令牌', 'API token'),
  notifications: l('通知', 'notification'),
  mail_settings: l('邮件设置', 'mail settings'),
  mail_outbox: l('待发邮件', 'outgoing mail'),
  audit_log: l('审计日志', 'audit log'),
  system: l('系统', 'system'),
  school_settings: l('学校设置', 'school settings'),
  account_settings: l('初始密码规则', 'initial password policy'),
  timetable_settings: l('排课设置', 'timetabling settings'),
  teacher_time_blocks: l('教师时间偏好', 'teacher time preferences'),
  timetable_links: l('同时上课组', 'linked classes'),
  timetable_draft_edits: l('排课方案调整', 'timetable draft edit'),
  room_bookings: l('教室借用', 'room booking'),
  timetable_changes: l('调课申请', 'timetable change request'),
  timetable_drafts: l('排课方案', 'timetable draft'),
  timetable_versions: l('课表版本', 'timetable version'),
  calendar_feeds: l('日历订阅', 'calendar feed'),
  selection_rounds: l('选课轮次', 'selection round'),
  enrolments: l('选课记录', 'enrolment'),
  selection_waitlist: l('候补', 'waitlist entry'),
  selection_lottery_choices: l('预选志愿', 'lottery choice'),
  selection_holds: l('选课限制', 'selection hold'),
  selection_reserved_seats: l('预留名额', 'reserved seats'),
  selection_seat_releases: l('名额延时释放', 'held seat release'),
  selection_credit_raises: l('超学分申请', 'credit-limit raise'),
  selection_check_findings: l('选课审核问题', 'selection check finding'),
} as const satisfies Record<string, L>;
export type AuditEntityType = keyof typeof AUDIT_ENTITY_LABELS;

/**
 * The academic domain (教务): entity types the office may read in the audit
 * log (permission `audit.read_academic`). Accounts, roles, tokens, sign-ins,
 * mail and the log's own verification stay with `audit.read`.
 */
export const ACADEMIC_AUDIT_ENTITIES: readonly AuditEntityType[] = [
  'terms',
  'campuses',
  'buildings',
  'rooms',
  'colleges',
  'departments',
  'majors',
  'admin_classes',
  'teachers',
  'students',
  'courses',
  'curriculum_plans',
  'course_requests',
  'room_bookings',
  'timetable_changes',
  'teaching_classes',
  'workflow_instances',
  'workflow_flows',
  'timetable_settings',
  'teacher_time_blocks',
  'timetable_links',
  'timetable_draft_edits',
  'timetable_drafts',
  'timetable_versions',
  'selection_rounds',
  'enrolments',
  'selection_waitlist',
  'selection_lottery_choices',
  'selection_holds',
  'selection_reserved_seats',
  'selection_seat_releases',
  'selection_credit_raises',
  'selection_check_findings',
];

const CRUD_VERBS = {
  create: l('创建', 'Create'),
  update: l('修改', 'Update'),
  delete: l('删除', 'Delete'),
  import: l('导入', 'Import'),
} as const;

/** create/update/delete (and import) of an entity, composed from the verb and the entity's label. */
function verbs(entity: AuditEntityType, which: (keyof typeof CRUD_VERBS)[]): Record<string, L> {
  const e = AUDIT_ENTITY_LABELS[entity];
  return Object.fromEntries(
    which.map((v) => [
      `${entity}.${v}`,
      l(`${CRUD_VERBS[v]['zh-CN']}${e['zh-CN']}`, `${CRUD_VERBS[v].en} ${v === 'import' ? `${e.en}s` : e.en}`),
    ]),
  );
}
const CRUD = ['create', 'update', 'delete'] as const;
const CRUD_IMPORT = ['create', 'update', 'delete', 'import'] as const;

/** Every action the server writes to the audit log (`<entity>.<verb>`), labelled. */
export const AUDIT_ACTION_LABELS: Record<string, L> = {
  ...verbs('terms', [...CRUD]),
  'terms.time_grid.update': l('修改作息时间', 'Update time grid'),
  ...verbs('campuses', [...CRUD]),
  ...verbs('buildings', [...CRUD]),
  ...verbs('rooms', [...CRUD_IMPORT]),
  ...verbs('colleges', [...CRUD]),
  ...verbs('departments', [...CRUD]),
  ...verbs('majors', [...CRUD]),
  ...verbs('admin_classes', [...CRUD_IMPORT]),
  ...verbs('teachers', [...CRUD_IMPORT]),
  ...verbs('students', [...CRUD_IMPORT]),
  ...verbs('courses', [...CRUD_IMPORT]),
  ...verbs('timetable_drafts', [...CRUD]),
  'timetable_drafts.solve': l('排课方案求解', 'Solve timetable draft'),
  'timetable_drafts.resolve': l('按已发布课表重新求解', 'Re-solve from the published timetable'),
  ...verbs('curriculum_plans', [...CRUD_IMPORT]),
  'curriculum_plans.copy': l('复制培养方案', 'Copy curriculum plan'),
  ...verbs('course_requests', [...CRUD]),
  'course_requests.submit': l('提交开课申请', 'Submit course request'),
  'room_bookings.create': l('借用教室', 'Book a room'),
  'room_bookings.cancel': l('取消教室借用', 'Cancel a room booking'),
  ...verbs('selection_rounds', [...CRUD]),
  'selection_rounds.classes': l('设置选课轮次开放的教学班', 'Set the classes open in a selection round'),
  'selection_rounds.draw': l('预选抽签', 'Draw a lottery round'),
  'selection_rounds.lock': l('锁定选课结果', 'Lock selection results'),
  'selection_rounds.prefill': l('按行政班预置必修课', 'Pre-enrol required courses by admin class'),
  'enrolments.enrol': l('选课', 'Enrol in a class'),
  'enrolments.drop': l('退选', 'Drop a class'),
  'enrolments.swap': l('换课', 'Swap a class'),
  'teaching_classes.selection_flags': l('设置教学班选课限制（性别、重修班）', 'Set a class’s selection flags (gender, retake class)'),
  'selection_credit_raises.create': l('申请超学分', 'Apply for a credit-limit raise'),
  'selection_credit_raises.approved': l('超学分申请获批', 'Credit-limit raise approved'),
  'selection_credit_raises.rejected': l('超学分申请未获批', 'Credit-limit raise rejected'),
  'selection_credit_raises.returned': l('超学分申请被退回', 'Credit-limit raise returned'),
  'selection_credit_raises.withdrawn': l('超学分申请已撤回', 'Credit-limit raise withdrawn'),
  'selection_seat_releases.release': l('释放退选名额', 'Release a held seat'),
  'enrolments.office_enrol': l('教务代选', 'Office enrolment'),
  'enrolments.office_drop': l('教务代退', 'Office drop'),
  'enrolments.promoted': l('候补递补成功', 'Promoted from the waitlist'),
  'selection_waitlist.join': l('加入候补', 'Join a waitlist'),
  'selection_waitlist.leave': l('退出候补', 'Leave a waitlist'),
  'selection_lottery_choices.choose': l('填报预选志愿', 'State a lottery choice'),
  'selection_lottery_choices.remove': l('撤销预选志愿', 'Withdraw a lottery choice'),
  'selection_holds.create': l('设置选课限制', 'Set a selection hold'),
  'selection_holds.lift': l('解除选课限制', 'Lift a selection hold'),
  'teaching_classes.selection_capacity': l('修改选课容量', 'Change a class’s selection capacity'),
  'teaching_classes.selection_cancel': l('停开教学班', 'Cancel an under-enrolled class'),
  'teaching_classes.selection_merge': l('合班', 'Merge two classes'),
  ...verbs('selection_reserved_seats', [...CRUD]),
  'selection_rounds.checks': l('运行选课审核', 'Run the selection checks'),
  'selection_check_findings.resolved': l('处理选课审核问题', 'Resolve a selection check finding'),
  'selection_check_findings.dismissed': l('忽略选课审核问题', 'Dismiss a selection check finding'),
  'enrolments.bulk': l('批量选课/退课', 'Bulk enrol/drop from a spreadsheet'),
  'timetable_changes.create': l('提交调课申请', 'File a timetable change request'),
  'timetable_changes.approved': l('调课申请已通过并生效', 'Timetable change approved and applied'),
  'timetable_changes.failed': l('调课申请通过但因冲突未能生效', 'Timetable change approved but not applied (conflict)'),
  'timetable_changes.returned': l('调课申请被退回修改', 'Timetable change returned for revision'),
  'timetable_changes.rejected': l('调课申请未通过', 'Timetable change rejected'),
  'timetable_changes.withdrawn': l('调课申请已撤回', 'Timetable change withdrawn'),
  'course_requests.withdraw': l('撤回开课申请', 'Withdraw course request'),
  'course_requests.returned': l('开课申请被退回修改', 'Course request returned for revision'),
  'course_requests.rejected': l('开课申请未通过', 'Course request rejected'),
  'course_requests.withdrawn': l('开课申请已撤回', 'Course request withdrawn'),
  'course_requests.approved': l('开课申请已通过', 'Course request approved'),
  'timetable_drafts.submit': l('提交排课方案发布', 'Submit timetable draft for publication'),
  'timetable_drafts.returned': l('排课方案被退回', 'Timetable draft returned'),
  'timetable_drafts.rejected': l('排课方案未通过', 'Timetable draft rejected'),
  'timetable_drafts.withdrawn': l('排课方案已撤回', 'Timetable draft withdrawn'),
  'timetable_versions.publish': l('发布课表', 'Publish timetable'),
  'calendar_feeds.create': l('创建日历订阅', 'Create calendar feed'),
  'calendar_feeds.revoke': l('撤销日历订阅', 'Revoke calendar feed'),
  'course_requests.copy': l('复制开课申请', 'Copy course requests'),
  'course_requests.prefill': l('按培养方案预填开课申请', 'Prefill course requests from plans'),
  'timetable_settings.update': l('修改排课设置', 'Update timetabling settings'),
  'teacher_time_blocks.update': l('修改教师时间偏好', 'Update teacher time preferences'),
  ...verbs('timetable_links', ['create', 'delete']),
  'teaching_classes.create': l('创建教学班', 'Create teaching class'),
  'timetable_draft_edits.move': l('排课方案中移动课程', 'Move a lecture in a timetable draft'),
  'timetable_draft_edits.swap': l('排课方案中对调两节课', 'Swap two lectures in a timetable draft'),
  'timetable_draft_edits.weeks': l('排课方案中修改上课周次', 'Change the weeks of a lecture in a timetable draft'),
  'timetable_draft_edits.lock': l('排课方案中锁定课程', 'Lock a lecture in a timetable draft'),
  'timetable_draft_edits.unlock': l('排课方案中解锁课程', 'Unlock a lecture in a timetable draft'),
  'timetable_draft_edits.undo': l('撤销排课方案调整', 'Undo a timetable draft edit'),
  'workflow.submit': l('提交审批', 'Submit for approval'),
  'workflow.resubmit': l('重新提交审批', 'Resubmit for approval'),
  'workflow.approve': l('审批通过', 'Approve'),
  'workflow.return': l('退回修改', 'Return for revision'),
  'workflow.reject': l('审批不通过', 'Reject'),
  'workflow.withdraw': l('撤回审批', 'Withdraw from approval'),
  'workflow.delegate': l('转交审批', 'Delegate approval'),
  'workflow.comment': l('审批评论', 'Comment on approval'),
  'workflow.remind': l('催办', 'Remind approver'),
  'workflow.escalate': l('审批超时上报', 'Escalate overdue approval'),
  'workflow.flow_update': l('修改审批流程', 'Update approval flow'),
  'workflow.flow_seed': l('安装默认审批流程', 'Install default approval flow'),
  'auth.login': l('登录', 'Sign in'),
  'auth.logout': l('退出登录', 'Sign out'),
  'auth.sso_failed': l('统一身份认证登录失败', 'Single sign-on failed'),
  'auth.password_reset_requested': l('申请通过邮件重置密码', 'Request password reset by email'),
  'auth.password_reset': l('通过邮件链接重置密码', 'Reset password from email link'),
  'school_settings.update': l('修改学校设置', 'Update school settings'),
  ...verbs('users', [...CRUD]),
  'users.lock': l('锁定用户', 'Lock user'),
  'users.unlock': l('解锁用户', 'Unlock user'),
  'users.reset_password': l('重置密码', 'Reset password'),
  'users.change_password': l('修改密码', 'Change password'),
  'users.sync_people': l('为学生和教师创建账号', 'Create accounts for students and teachers'),
  'users.disable': l('停用账号', 'Disable account'),
  'users.enable': l('启用账号', 'Enable account'),
  'users.issue_password': l('发放初始密码', 'Issue initial password'),
  'accounts.settings.update': l('修改初始密码规则', 'Update initial password policy'),
  ...verbs('roles', [...CRUD]),
  'roles.builtin_upgrade': l('升级内置角色权限', 'Upgrade built-in role'),
  'api_tokens.create': l('创建 API 令牌', 'Create API token'),
  'api_tokens.revoke': l('吊销 API 令牌', 'Revoke API token'),
  'notifications.read': l('阅读通知', 'Read notification'),
  'notifications.read_all': l('全部通知标为已读', 'Mark all notifications read'),
  'notifications.settings': l('修改通知设置', 'Update notification settings'),
  'mail_settings.update': l('修改邮件设置', 'Update mail settings'),
  'mail_settings.password_encrypted': l('加密邮件密码', 'Encrypt mail password'),
  'mail_outbox.retry': l('重发邮件', 'Retry mail'),
  'audit.chain_broken': l('审计日志完整性校验失败', 'Audit chain broken'),
  'system.seed_demo': l('生成演示数据', 'Seed demo data'),
  'system.seed_demo_catalog': l('生成演示课程', 'Seed demo courses'),
  'system.seed_demo_offerings': l('生成演示开课申请', 'Seed demo course requests'),
  'system.seed_demo_timetable_inputs': l('生成演示排课数据', 'Seed demo timetabling inputs'),
};

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS);

/** The action in words; an action without a label (an older release's) is shown by its entity's label and the verb code. */
export function auditActionLabel(action: string, locale: Lang): string {
  const known = AUDIT_ACTION_LABELS[action]?.[locale];
  if (known) return known;
  const [entity] = action.split('.');
  return auditEntityLabel(entity, locale);
}

/** The entity type as a label of its own (Student, 学生); the table keeps the lower case English used inside actions. */
export function auditEntityLabel(entityType: string, locale: Lang): string {
  const label = (AUDIT_ENTITY_LABELS as Record<string, L>)[entityType]?.[locale] ?? entityType;
  return locale === 'en' ? label.charAt(0).toUpperCase() + label.slice(1) : label;
}

/**
 * Action codes whose words (in either language) contain the search text,
 * e.g. 修改 → every update, 开课申请 → every action on course requests.
 */
export function auditActionsMatching(text: string): string[] {
  const q = text.trim().toLowerCase();
  if (!q) return [];
  return AUDIT_ACTIONS.filter((a) => {
    const label = AUDIT_ACTION_LABELS[a];
    return label['zh-CN'].toLowerCase().includes(q) || label.en.toLowerCase().includes(q);
  });
}

/** Entity types whose label (either language) contains the search text. */
export function auditEntitiesMatching(text: string): string[] {
  const q = text.trim().toLowerCase();
  if (!q) return [];
  return Object.entries(AUDIT_ENTITY_LABELS as Record<string, L>)
    .filter(([, label]) => label['zh-CN'].toLowerCase().includes(q) || label.en.toLowerCase().includes(q))
    .map(([type]) => type);
}

/** Labels of fields that appear in audit snapshots but in no form (import counts, approval steps …); forms' labels come from field-labels.ts. */
export const AUDIT_FIELD_LABELS: Record<string, L> = {
  weekFrom: l('起始周', 'From week'),
  peopleAccounts: l('学生和教师账号', 'Student and teacher accounts'),
  descriptionZh: l('说明（中文）', 'Description (Chinese)'),
  descriptionEn: l('说明（英文）', 'Description (English)'),
  timeZone: l('时区', 'Time zone'),
  method: l('登录方式', 'Sign-in method'),
  subject: l('身份标识', 'Identity'),
  weekTo: l('结束周', 'To week'),
  reviewComments: l('审核意见', 'Review comments'),
  teachingClassId: l('教学班', 'Teaching class'),
  sourceRequestId: l('来源开课申请', 'Source request'),
  rows: l('行数', 'Rows'),
  created: l('新增', 'Created'),
  updated: l('更新', 'Updated'),
  unchanged: l('未变', 'Unchanged'),
  count: l('数量', 'Count'),
  from: l('来源', 'From'),
  state: l('审批状态', 'Approval state'),
  step: l('审批步骤', 'Step'),
  comment: l('意见', 'Comment'),
  changes: l('审批时的修改', 'Changes made in review'),
  lockedUntil: l('锁定至', 'Locked until'),
  failures: l('失败次数', 'Failed attempts'),
  emailKinds: l('邮件提醒类型', 'Email notification kinds'),
  added: l('新增权限', 'Added permissions'),
  fallbackUserIds: l('转交给', 'Handed to'),
  lastError: l('最近错误', 'Last error'),
  periods: l('作息时间', 'Periods'),
  enabled: l('启用', 'Enabled'),
  host: l('服务器', 'Server'),
  port: l('端口', 'Port'),
  secure: l('加密连接', 'Secure connection'),
  user: l('账号', 'Account'),
  userId: l('用户', 'User'),
  roleId: l('角色', 'Role'),
  isDisabled: l('停用', 'Disabled'),
  requests: l('开课申请数', 'Course requests'),
  plans: l('培养方案数', 'Curriculum plans'),
  courses: l('课程', 'Courses'),
  kind: l('类型', 'Kind'),
  reason: l('原因', 'Reason'),
  checked: l('已校验记录数', 'Records checked'),
  notified: l('已通知人数', 'People notified'),
  key: l('流程', 'Flow'),
  steps: l('审批步骤', 'Steps'),
  expiresAt: l('过期时间', 'Expires at'),
  accounts: l('账号', 'Accounts'),
  flowKey: l('审批流程', 'Approval flow'),
  flowVersion: l('流程版本', 'Flow version'),
  subjectType: l('审批对象', 'Subject'),
  blockedSlots: l('禁排时间', 'Blocked slots'),
  campusTravel: l('校区间通行时间', 'Campus travel'),
  teacherMaxPeriodsPerDay: l('教师每天最多节数', 'Teacher max periods a day'),
  eveningFromPeriod: l('晚上课起始节次', 'Evening from period'),
  changeRules: l('调课规则', 'Change rules'),
  weights: l('优化权重', 'Weights'),
  blocks: l('时间偏好', 'Time preferences'),
  teachingClassIds: l('教学班', 'Teaching classes'),
  timetables: l('课表', 'Timetables'),
  terms: l('学期', 'Terms'),
  targets: l('调整后的时间地点', 'New times and places'),
  lectureKey: l('课次', 'Lecture'),
  reasonKind: l('原因类别', 'Kind of reason'),
  versionId: l('课表版本', 'Timetable version'),
  versionNo: l('课表版本号', 'Timetable version number'),
  newLectures: l('新增课次', 'New lectures'),
  // course selection 选课
  selection: l('选课', 'Course selection'),
  roundId: l('选课轮次', 'Selection round'),
  mode: l('选课方式', 'Selection mode'),
  opensAt: l('开放时间', 'Opens at'),
  closesAt: l('截止时间', 'Closes at'),
  staggered: l('分批开放', 'Staggered opening'),
  scope: l('参与范围', 'Who takes part'),
  isPilot: l('试点', 'Pilot'),
  creditLimits: l('学分限制', 'Credit limits'),
  maxClasses: l('最多门数', 'Most classes'),
  dropsAllowed: l('允许退选', 'Drops allowed'),
  dropDeadline: l('退选截止', 'Drop deadline'),
  noReselectAfterDrop: l('退选后不得再选', 'No re-select after a drop'),
  retakeModes: l('重修方式', 'Retake modes'),
  seatRelease: l('名额释放方式', 'Seat release'),
  notice: l('选课通知', 'Notice'),
  noticeDaysBefore: l('提前通知天数', 'Notice days before'),
  version: l('版本', 'Version'),
  seed: l('抽签种子', 'Lottery seed'),
  choices: l('志愿数', 'Choices'),
  won: l('中签', 'Won'),
  lost: l('未中签', 'Lost'),
  rank: l('志愿', 'Preference'),
  isRetake: l('重修', 'Retake'),
  priorityGroup: l('候补优先级', 'Waitlist priority'),
  dropEnrolmentId: l('递补时退选', 'Drop on promotion'),
  waitlistEntryId: l('候补记录', 'Waitlist entry'),
  enrolmentId: l('选课记录', 'Enrolment'),
  override: l('忽略选课规则', 'Rules overridden'),
  promoted: l('递补的学生', 'Promoted from the waitlist'),
  source: l('来源', 'Source'),
  lifted: l('已解除', 'Lifted'),
  closedWaitlistEntries: l('关闭的候补', 'Waitlist entries closed'),
  existing: l('已存在', 'Already there'),
  refused: l('未能预置', 'Refused'),
  // the office's class tools (capacity, reserved seats, 停开, 合班)
  seats: l('名额数', 'Seats'),
  forKind: l('预留对象类型', 'Reserved for (kind)'),
  forValue: l('预留对象', 'Reserved for'),
  until: l('预留截止', 'Reserved until'),
  taken: l('已占用', 'Taken'),
  dropped: l('退选人数', 'Students dropped'),
  studentIds: l('学生', 'Students'),
  intoClassId: l('并入教学班', 'Merged into'),
  fromClassId: l('被合并教学班', 'Merged class'),
  moved: l('转入人数', 'Students moved'),
  conflicts: l('时间冲突人数', 'Time conflicts'),
  currentMax: l('原学分上限', 'Limit before'),
  maxCredits: l('申请学分上限', 'Limit asked for'),
  releaseSeed: l('释放时刻种子', 'Release seed'),
  releaseAt: l('名额释放时刻', 'Seat released at'),
  releasedAt: l('实际释放时间', 'Released'),
  genderRestriction: l('性别限制', 'Gender restriction'),
  isRetakeClass: l('重修班', 'Retake class'),
  minClassSize: l('最低开班人数', 'Minimum class size'),
  checks: l('选课审核', 'Selection checks'),
  autoResolved: l('自动解决', 'Resolved by a re-run'),
  open: l('待处理', 'Open'),
  fileName: l('文件名', 'File name'),
  enrol: l('选课', 'Enrolled'),
  drop: l('退课', 'Dropped'),
};

/** States of an approval (workflow instance) in words. */
export const AUDIT_STATE_LABELS: Record<string, L> = {
  draft: l('草稿', 'Draft'),
  pending: l('审批中', 'Under review'),
  returned: l('退回修改', 'Returned for revision'),
  approved: l('已通过', 'Approved'),
  rejected: l('未通过', 'Rejected'),
  withdrawn: l('已撤回', 'Withdrawn'),
};
