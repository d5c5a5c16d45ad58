/**
 * Labels of enumerations in both languages. Shared: the web shows them, the
 * server writes them into exports and accepts them back in imports
 * (a GBK spreadsheet says 男, not `male`).
 */
export const ENUM_LABELS = {
  roomType: {
    lecture: { 'zh-CN': '普通教室', en: 'Lecture room' },
    multimedia: { 'zh-CN': '多媒体教室', en: 'Multimedia room' },
    lab: { 'zh-CN': '实验室', en: 'Laboratory' },
    computer: { 'zh-CN': '机房', en: 'Computer room' },
    gym: { 'zh-CN': '体育馆', en: 'Gym' },
  },
  roomFeature: {
    projector: { 'zh-CN': '投影仪', en: 'Projector' },
    air_conditioning: { 'zh-CN': '空调', en: 'Air conditioning' },
    recording: { 'zh-CN': '录播', en: 'Lecture recording' },
    smart_board: { 'zh-CN': '智慧黑板', en: 'Smart board' },
    sound_system: { 'zh-CN': '音响', en: 'Sound system' },
  },
  gender: {
    male: { 'zh-CN': '男', en: 'Male' },
    female: { 'zh-CN': '女', en: 'Female' },
  },
  teacherTitle: {
    professor: { 'zh-CN': '教授', en: 'Professor' },
    associate_professor: { 'zh-CN': '副教授', en: 'Associate professor' },
    lecturer: { 'zh-CN': '讲师', en: 'Lecturer' },
    assistant: { 'zh-CN': '助教', en: 'Teaching assistant' },
    other: { 'zh-CN': '其他', en: 'Other' },
  },
  teacherStatus: {
    active: { 'zh-CN': '在职', en: 'Active' },
    retired: { 'zh-CN': '退休', en: 'Retired' },
    left: { 'zh-CN': '离职', en: 'Left' },
  },
  studentStatus: {
    enrolled: { 'zh-CN': '在读', en: 'Enrolled' },
    suspended: { 'zh-CN': '休学', en: 'Suspended' },
    withdrawn: { 'zh-CN': '退学', en: 'Withdrawn' },
    graduated: { 'zh-CN': '毕业', en: 'Graduated' },
    transferred_out: { 'zh-CN': '转出', en: 'Transferred out' },
  },
  semester: {
    '1': { 'zh-CN': '第一学期（秋季）', en: 'Autumn semester' },
    '2': { 'zh-CN': '第二学期（春季）', en: 'Spring semester' },
    '3': { 'zh-CN': '夏季学期', en: 'Summer term' },
  },
  scope: {
    all: { 'zh-CN': '全部', en: 'All' },
    college: { 'zh-CN': '本学院', en: 'Own college' },
    department: { 'zh-CN': '本系', en: 'Own department' },
    teaching: { 'zh-CN': '本人教学班', en: 'Own teaching classes' },
    self: { 'zh-CN': '本人', en: 'Self' },
  },
  permission: {
    'org.read': { 'zh-CN': '查看组织与场地', en: 'View organisation and rooms' },
    'org.manage': { 'zh-CN': '管理组织与场地', en: 'Manage organisation and rooms' },
    'teachers.read': { 'zh-CN': '查看教师', en: 'View teachers' },
    'teachers.manage': { 'zh-CN': '管理教师', en: 'Manage teachers' },
    'students.read': { 'zh-CN': '查看学生', en: 'View students' },
    'students.manage': { 'zh-CN': '管理学生', en: 'Manage students' },
    'imports.run': { 'zh-CN': '批量导入', en: 'Run imports' },
    'audit.read': { 'zh-CN': '查看全部审计日志', en: 'View the whole audit log' },
    'audit.read_academic': { 'zh-CN': '查看教务审计日志', en: 'View the academic audit log' },
    'users.manage': { 'zh-CN': '管理用户、角色与令牌', en: 'Manage users, roles and tokens' },
    'accounts.manage': {
      'zh-CN': '管理师生账号（初始密码、重置、停用）',
      en: 'Manage student and teacher accounts (initial passwords, resets, disabling)',
    },
    'settings.manage': { 'zh-CN': '管理系统设置与邮件', en: 'Manage settings and mail' },
    'catalog.read': { 'zh-CN': '查看课程与培养方案', en: 'View courses and curriculum plans' },
    'catalog.manage': { 'zh-CN': '管理课程与培养方案', en: 'Manage courses and curriculum plans' },
    'offerings.read': { 'zh-CN': '查看开课申请与教学班', en: 'View course requests and teaching classes' },
    'offerings.file': { 'zh-CN': '填报开课申请', en: 'File course requests' },
    'workflow.manage': { 'zh-CN': '管理审批流程', en: 'Manage approval flows' },
    'workflow.metrics': { 'zh-CN': '查看流程指标', en: 'View process metrics' },
    'workflow.read': { 'zh-CN': '查看审批流程', en: 'View approval flows' },
    'timetable.read': { 'zh-CN': '查看课表与空教室', en: 'View timetables and free rooms' },
    'timetable.manage': { 'zh-CN': '排课（方案、求解、调整、发布）', en: 'Timetabling (drafts, solving, editing, publishing)' },
    'timetable.change': { 'zh-CN': '申请调课、停课、补课、代课', en: 'Request timetable changes' },
    'rooms.book': { 'zh-CN': '借用教室', en: 'Book rooms' },
    'selection.read': { 'zh-CN': '查看选课轮次、选课结果与点名册', en: 'View selection rounds, results and rosters' },
    'selection.take': { 'zh-CN': '选课、退选、换课与候补', en: 'Select, drop, swap and waitlist classes' },
    'selection.manage': {
      'zh-CN': '管理选课（轮次、抽签、锁定、代选代退）',
      en: 'Manage course selection (rounds, draws, locking, office enrolments)',
    },
    'selection.holds': { 'zh-CN': '设置与解除选课限制', en: 'Set and lift selection holds' },
    'exams.read': { 'zh-CN': '查看考试安排、考场座位与监考任务', en: 'Read exam schedules, seats and invigilation duties' },
    'exams.manage': {
      'zh-CN': '考务管理（考试安排、排考、考场、座位、监考、发布）',
      en: 'Manage exams (plans, scheduling, rooms, seats, invigilators, publication)',
    },
    'exams.papers': { 'zh-CN': '试卷流转（命题、审核、印刷、保管、交接、归档）', en: 'Exam papers and their chain of custody' },
    'exams.defer': { 'zh-CN': '申请缓考', en: 'Apply for a deferred exam' },
    'exams.incidents': { 'zh-CN': '记录与处理考场违纪', en: 'Record and review exam incidents' },
    'grades.read': { 'zh-CN': '查看成绩', en: 'Read grades' },
    'grades.enter': { 'zh-CN': '录入与提交成绩、申请成绩更正', en: 'Enter and submit grades, request corrections' },
    'grades.manage': {
      'zh-CN': '成绩管理（公布、成绩规则、历史成绩导入、成绩单作废）',
      en: 'Manage grades (publication, grade rules, historical import, transcript revocation)',
    },
    'grades.analysis': { 'zh-CN': '成绩分析与学业预警', en: 'Grade analysis and academic risk' },
    'grades.transcript': { 'zh-CN': '开具成绩单与成绩证明', en: 'Issue transcripts and grade certificates' },
  },
  courseCategory: {
    general: { 'zh-CN': '通识教育课', en: 'General education' },
    foundation: { 'zh-CN': '学科基础课', en: 'Disciplinary foundation' },
    major_core: { 'zh-CN': '专业核心课', en: 'Major core' },
    major_elective: { 'zh-CN': '专业选修课', en: 'Major elective' },
    practice: { 'zh-CN': '实践教学环节', en: 'Practice' },
  },
  assessmentType: {
    exam: { 'zh-CN': '考试', en: 'Exam' },
    assessment: { 'zh-CN': '考查', en: 'Coursework assessment' },
  },
  planGroupKind: {
    required: { 'zh-CN': '必修', en: 'Required' },
    elective: { 'zh-CN': '选修', en: 'Elective' },
  },
  requestStatus: {
    draft: { 'zh-CN': '草稿', en: 'Draft' },
    submitted: { 'zh-CN': '审批中', en: 'Under review' },
    returned: { 'zh-CN': '退回修改', en: 'Returned for revision' },
    approved: { 'zh-CN': '已通过', en: 'Approved' },
    rejected: { 'zh-CN': '未通过', en: 'Rejected' },
    withdrawn: { 'zh-CN': '已撤回', en: 'Withdrawn' },
  },
  weekPattern: {
    all: { 'zh-CN': '每周', en: 'Every week' },
    odd: { 'zh-CN': '单周', en: 'Odd weeks' },
    even: { 'zh-CN': '双周', en: 'Even weeks' },
    custom: { 'zh-CN': '自定义', en: 'Custom' },
  },
  timeWishKind: {
    prefer: { 'zh-CN': '希望安排', en: 'Preferred' },
    avoid: { 'zh-CN': '尽量避免', en: 'Avoid' },
  },
} as const satisfies Record<string, Record<string, { 'zh-CN': string; en: string }>>;

export type EnumName = keyof typeof ENUM_LABELS;
