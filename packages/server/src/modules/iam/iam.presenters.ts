import type { User } from '@jiaowu/contracts';
import type { findUserRoles, UserRow } from './iam.repository.ts';

type RoleRow = Awaited<ReturnType<typeof findUserRoles>>[number];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The public shape of a user: never the hash. */
export function presentUser(u: UserRow, roleRows: RoleRow[], locale: 'zh-CN' | 'en' = 'zh-CN'): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    locale: u.locale === 'en' ? 'en' : 'zh-CN',
    isDisabled: u.isDisabled,
    mustChangePassword: u.mustChangePassword && !u.isDemo,
    teacherId: u.teacherId,
    studentId: u.studentId,
    lockedUntil: iso(u.lockedUntil),
    lastLoginAt: iso(u.lastLoginAt),
    createdAt: u.createdAt.toISOString(),
    roles: roleRows
      .filter((r) => r.userId === u.id)
      .map((r) => ({
        roleId: r.roleId,
        roleCode: r.roleCode,
        roleName: locale === 'en' ? r.nameEn : r.nameZh,
        collegeId: r.collegeId,
        departmentId: r.departmentId,
      })),
  };
}
