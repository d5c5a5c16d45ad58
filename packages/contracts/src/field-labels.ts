/**
 * Labels of resource fields in both languages: the web's forms and tables
 * and the server's export headers use the same words.
 */
type L = { 'zh-CN': string; en: string };
const l = (zh: string, en: string): L => ({ 'zh-CN': zh, en });

export const FIELD_LABELS: Record<string, L> = {
  id: l('ID', 'ID'),
  code: l('代码', 'Code'),
  name: l('名称', 'Name'),
  nameEn: l('英文名称', 'English name'),
  address: l('地址', 'Address'),
  academicYear: l('学年', 'Academic year'),
  semester: l('学期', 'Semester'),
  startDate: l('开学日期', 'Start date'),
  weeks: l('教学周数', 'Teaching weeks'),
  daysPerWeek: l('每周上课天数', 'Days per week'),
  periodsPerDay: l('每天节次数', 'Periods per day'),
  isCurrent: l('当前学期', 'Current term'),
  campusId: l('校区', 'Campus'),
  buildingId: l('楼宇', 'Building'),
  type: l('类型', 'Type'),
  capacity: l('容量', 'Capacity'),
  examCapacity: l('考试容量', 'Exam capacity'),
  features: l('设施', 'Features'),
  unavailable: l('不可用时段', 'Unavailable times'),
  isActive: l('启用', 'Active'),
  collegeId: l('学院', 'College'),
  departmentId: l('系', 'Department'),
  majorId: l('专业', 'Major'),
  durationYears: l('学制（年）', 'Duration (years)'),
  adminClassId: l('行政班', 'Admin class'),
  cohort: l('年级', 'Cohort'),
  studentCount: l('人数', 'Students'),
  gender: l('性别', 'Gender'),
  title: l('职称', 'Title'),
  email: l('邮箱', 'Email'),
  phone: l('电话', 'Phone'),
  status: l('状态', 'Status'),
  username: l('用户名', 'Username'),
  displayName: l('姓名', 'Display name'),
  password: l('密码', 'Password'),
  currentPassword: l('当前密码', 'Current password'),
  newPassword: l('新密码', 'New password'),
  locale: l('语言', 'Language'),
  roles: l('角色', 'Roles'),
  permissions: l('权限', 'Permissions'),
  grants: l('权限', 'Permissions'),
  nameZh: l('中文名称', 'Chinese name'),
  description: l('说明', 'Description'),
  period: l('节次', 'Period'),
  startsAt: l('开始时间', 'Starts at'),
  endsAt: l('结束时间', 'Ends at'),
  teacherId: l('教师', 'Teacher'),
  studentId: l('学生', 'Student'),
  file: l('文件', 'File'),
};

/** Per-resource overrides where the generic word is wrong (学号 is a student's code). */
export const RESOURCE_FIELD_LABELS: Record<string, Record<string, L>> = {
  students: { code: l('学号', 'Student No.'), name: l('姓名', 'Name'), status: l('学籍状态', 'Status') },
  teachers: { code: l('工号', 'Staff No.'), name: l('姓名', 'Name') },
  rooms: { code: l('教室代码', 'Room code') },
  terms: { code: l('学期代码', 'Term code'), name: l('学期名称', 'Term name') },
};

export const RESOURCE_LABELS: Record<string, L> = {
  terms: l('学期', 'Terms'),
  campuses: l('校区', 'Campuses'),
  buildings: l('楼宇', 'Buildings'),
  rooms: l('教室', 'Rooms'),
  colleges: l('学院', 'Colleges'),
  departments: l('系', 'Departments'),
  majors: l('专业', 'Majors'),
  adminClasses: l('行政班', 'Admin classes'),
  teachers: l('教师', 'Teachers'),
  students: l('学生', 'Students'),
};

export function fieldLabel(resource: string, field: string, locale: 'zh-CN' | 'en'): string {
  return (RESOURCE_FIELD_LABELS[resource]?.[field] ?? FIELD_LABELS[field])?.[locale] ?? field;
}
