import type { BuiltinRole, Grant } from '@jiaowu/contracts';

/** The six roles of PRODUCT.md as data; seeded on first start and editable afterwards. */
export const BUILTIN_ROLE_DEFS: Record<BuiltinRole, { nameZh: string; nameEn: string; description: string; grants: Grant[] }> = {
  admin: {
    nameZh: '系统管理员',
    nameEn: 'System administrator',
    description: 'Users, roles, settings, integrations, audit log',
    grants: [
      { permission: 'org.read', scope: 'all' },
      { permission: 'org.manage', scope: 'all' },
      { permission: 'teachers.read', scope: 'all' },
      { permission: 'teachers.manage', scope: 'all' },
      { permission: 'students.read', scope: 'all' },
      { permission: 'students.manage', scope: 'all' },
      { permission: 'imports.run', scope: 'all' },
      { permission: 'audit.read', scope: 'all' },
      { permission: 'users.manage', scope: 'all' },
    ],
  },
  office: {
    nameZh: '教务处',
    nameEn: 'Academic office',
    description: 'Approves, timetables, runs selection rounds, exam plans, publishes',
    grants: [
      { permission: 'org.read', scope: 'all' },
      { permission: 'org.manage', scope: 'all' },
      { permission: 'teachers.read', scope: 'all' },
      { permission: 'teachers.manage', scope: 'all' },
      { permission: 'students.read', scope: 'all' },
      { permission: 'students.manage', scope: 'all' },
      { permission: 'imports.run', scope: 'all' },
    ],
  },
  secretary: {
    nameZh: '院系教务员',
    nameEn: 'College secretary',
    description: 'Course requests, grade review and status applications of the own college',
    grants: [
      { permission: 'org.read', scope: 'all' },
      { permission: 'teachers.read', scope: 'college' },
      { permission: 'students.read', scope: 'college' },
      { permission: 'students.manage', scope: 'college' },
    ],
  },
  teacher: {
    nameZh: '教师',
    nameEn: 'Teacher',
    description: 'Own teaching classes: timetable, rosters, grade entry',
    grants: [
      { permission: 'org.read', scope: 'all' },
      { permission: 'teachers.read', scope: 'self' },
      { permission: 'students.read', scope: 'teaching' },
    ],
  },
  student: {
    nameZh: '学生',
    nameEn: 'Student',
    description: 'Own selection, timetable, grades, applications',
    grants: [
      { permission: 'org.read', scope: 'all' },
      { permission: 'students.read', scope: 'self' },
    ],
  },
  leader: {
    nameZh: '领导/督导',
    nameEn: 'Leader / auditor',
    description: 'Read-only dashboards and reports',
    grants: [
      { permission: 'org.read', scope: 'all' },
      { permission: 'teachers.read', scope: 'all' },
      { permission: 'students.read', scope: 'all' },
      { permission: 'audit.read', scope: 'all' },
    ],
  },
};
