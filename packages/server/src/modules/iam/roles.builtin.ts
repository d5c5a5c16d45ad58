import { PERMISSIONS, type BuiltinRole, type Grant, type Permission, type Scope } from '@jiaowu/contracts';

/** Grants of several permissions at one scope. */
const at = (scope: Scope, ...permissions: Permission[]): Grant[] => permissions.map((permission) => ({ permission, scope }));

/** The six roles of PRODUCT.md as data; seeded on first start and editable afterwards. */
export const BUILTIN_ROLE_DEFS: Record<BuiltinRole, { nameZh: string; nameEn: string; description: string; grants: Grant[] }> = {
  admin: {
    nameZh: '系统管理员',
    nameEn: 'System administrator',
    description: 'Users, roles, settings, integrations, audit log',
    grants: at('all', ...PERMISSIONS),
  },
  office: {
    nameZh: '教务处',
    nameEn: 'Academic office',
    description: 'Approves, timetables, runs selection rounds, exam plans, publishes',
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
    ),
  },
  secretary: {
    nameZh: '院系教务员',
    nameEn: 'College secretary',
    description: 'Course requests, grade review and status applications of the own college',
    grants: [
      ...at('all', 'org.read', 'catalog.read', 'workflow.read'),
      ...at('college', 'teachers.read', 'students.read', 'students.manage', 'offerings.read', 'offerings.file'),
    ],
  },
  teacher: {
    nameZh: '教师',
    nameEn: 'Teacher',
    description: 'Own teaching classes: timetable, rosters, grade entry',
    grants: [
      ...at('all', 'org.read', 'catalog.read'),
      ...at('self', 'teachers.read'),
      ...at('teaching', 'students.read', 'offerings.read'),
    ],
  },
  student: {
    nameZh: '学生',
    nameEn: 'Student',
    description: 'Own selection, timetable, grades, applications',
    grants: [...at('all', 'org.read', 'catalog.read'), ...at('self', 'students.read')],
  },
  leader: {
    nameZh: '领导/督导',
    nameEn: 'Leader / auditor',
    description: 'Read-only dashboards and reports',
    grants: at(
      'all',
      'org.read',
      'teachers.read',
      'students.read',
      'audit.read',
      'catalog.read',
      'offerings.read',
      'workflow.metrics',
      'workflow.read',
    ),
  },
};
