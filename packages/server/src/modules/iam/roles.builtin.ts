import { PERMISSIONS, type BuiltinRole, type Grant, type Permission, type Scope } from '@jiaowu/contracts';

/** Grants of several permissions at one scope. */
const at = (scope: Scope, ...permissions: Permission[]): Grant[] => permissions.map((permission) => ({ permission, scope }));

/** The six roles of PRODUCT.md as data; seeded on first start and editable afterwards. */
export const BUILTIN_ROLE_DEFS: Record<
  BuiltinRole,
  /** `description` is stored (Chinese); `descriptionEn` is shown to English readers while the stored text is unchanged. */
  { nameZh: string; nameEn: string; description: string; descriptionEn: string; grants: Grant[] }
> = {
  admin: {
    nameZh: '系统管理员',
    nameEn: 'System administrator',
    description: '用户与角色、API 令牌、邮件与学校设置、审计日志；可使用全部功能',
    descriptionEn: 'Users and roles, API tokens, mail and school settings, audit log; may use every feature',
    grants: at('all', ...PERMISSIONS),
  },
  office: {
    nameZh: '教务处',
    nameEn: 'Academic office',
    description:
      '全校组织机构、教师与学生信息、课程库与培养方案、数据导入；审核开课申请，排课与课表发布、调课审批与教室借用，选课管理（轮次、抽签、代选代退、选课限制），查看流程效率',
    descriptionEn:
      'Organisation, teacher and student records, courses and curriculum plans, imports for the whole school; reviews course requests, builds and publishes the timetable, decides timetable changes and books rooms, runs course selection (rounds, lottery, office enrolments, holds), and sees flow metrics',
    grants: at(
      'all',
      'org.read',
      'org.manage',
      'teachers.read',
      'teachers.manage',
      'students.read',
      'students.manage',
      'imports.run',
      'accounts.manage',
      'catalog.read',
      'catalog.manage',
      'offerings.read',
      'offerings.file',
      'workflow.metrics',
      'workflow.read',
      'timetable.read',
      'timetable.manage',
      'timetable.change',
      'rooms.book',
      'selection.read',
      'selection.manage',
      'selection.holds',
      'exams.read',
      'exams.manage',
      'exams.papers',
      'exams.incidents',
      'grades.read',
      'grades.manage',
      'grades.analysis',
      'grades.transcript',
      // The log of its own domain (org, catalog, offerings, approvals, imports), not of accounts or sign-ins.
      'audit.read_academic',
    ),
  },
  secretary: {
    nameZh: '院系教务员',
    nameEn: 'College secretary',
    description: '本学院的开课申请与学生信息；本学院课表与调课申请、选课结果与点名册；查看本学院教师、课程库与审批流程',
    descriptionEn:
      'Course requests and student records of the own college; its timetables, timetable changes, selection results and rosters; reads its teachers, the course catalogue and the approval flows',
    grants: [
      ...at('all', 'org.read', 'catalog.read', 'workflow.read'),
      ...at('college', 'teachers.read', 'students.read', 'students.manage', 'offerings.read', 'offerings.file'),
      ...at('college', 'timetable.read', 'timetable.change'),
      // Its college's selection results and rosters 点名册.
      ...at('college', 'selection.read'),
      // Its college's exams, their papers and the chain of custody.
      ...at('college', 'exams.read', 'exams.papers'),
      // Its college's grades: reviews them 成绩审核 (in the approval inbox), analyses them, prints transcripts.
      ...at('college', 'grades.read', 'grades.analysis', 'grades.transcript'),
    ],
  },
  teacher: {
    nameZh: '教师',
    nameEn: 'Teacher',
    description: '本人的教师信息、所授教学班及其学生与点名册；本人课表与调课申请；查看课程库与培养方案',
    descriptionEn:
      'Own teacher record, own teaching classes, their students and rosters; own timetable and change requests; reads the course catalogue and curriculum plans',
    grants: [
      ...at('all', 'org.read', 'catalog.read'),
      ...at('self', 'teachers.read'),
      ...at('teaching', 'students.read', 'offerings.read', 'timetable.change'),
      // Own timetable and those of the own classes; free rooms are school-wide facts.
      ...at('teaching', 'timetable.read'),
      // Rounds, and the rosters 点名册 of the own classes.
      ...at('teaching', 'selection.read'),
      // Exams of the own classes, invigilation duties, the own courses' papers, incidents in rooms one invigilates.
      ...at('teaching', 'exams.read', 'exams.papers', 'exams.incidents'),
      // The grades of the own classes: entry, submission, corrections, analysis.
      ...at('teaching', 'grades.read', 'grades.enter', 'grades.analysis'),
    ],
  },
  student: {
    nameZh: '学生',
    nameEn: 'Student',
    description: '本人的学籍信息与课表，选课；查看课程库与培养方案',
    descriptionEn: 'Own student record and timetable, course selection; reads the course catalogue and curriculum plans',
    grants: [
      ...at('all', 'org.read', 'catalog.read'),
      ...at('self', 'students.read', 'timetable.read'),
      // Own course selection 选课: rounds open to them, classes, enrol/drop/swap/waitlist.
      ...at('self', 'selection.read', 'selection.take'),
      // Own exams, seats and admission tickets 准考证; deferred-exam applications 缓考.
      ...at('self', 'exams.read', 'exams.defer'),
      // Own grades, GPA and transcripts 成绩单.
      ...at('self', 'grades.read', 'grades.transcript'),
    ],
  },
  leader: {
    nameZh: '领导/督导',
    nameEn: 'Leader / auditor',
    description: '只读：全校组织机构、师生、课程、开课申请、课表、选课、审批流程及其效率、审计日志',
    descriptionEn:
      'Read-only: organisation, people, courses, course requests, timetables, course selection, approval flows and their metrics, audit log',
    grants: at(
      'all',
      'org.read',
      'teachers.read',
      'students.read',
      'audit.read',
      'audit.read_academic',
      'catalog.read',
      'offerings.read',
      'workflow.metrics',
      'workflow.read',
      'timetable.read',
      'selection.read',
      'exams.read',
      // Aggregates only: pass rates, distributions, the academic-risk list; no one's transcript.
      'grades.analysis',
    ),
  },
};
