import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { roles, userRoles, users } from './iam.tables.ts';
import { containsPattern } from '../../db/like.ts';

// What other modules may read of accounts and roles without naming the iam
// tables: the workflow resolves approvers and shows names, notifications
// find where to send. Read only; accounts change through the admin service.

type H = Db | Tx;

/** Enabled users holding a role, narrowed to a college or department when the approver is scoped. */
export async function findUsersWithRole(db: H, role: string, scope: { collegeId?: number | null; departmentId?: number | null } | null) {
  const conds = [eq(roles.code, role), eq(users.isDisabled, false)];
  if (scope && 'collegeId' in scope) conds.push(scope.collegeId == null ? sql`false` : eq(userRoles.collegeId, scope.collegeId));
  if (scope && 'departmentId' in scope)
    conds.push(scope.departmentId == null ? sql`false` : eq(userRoles.departmentId, scope.departmentId));
  const rows = await db
    .select({ id: users.id })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(...conds))
    .orderBy(asc(users.id));
  return rows.map((r) => r.id);
}

/** An enabled account by id, or null. */
export async function findActiveUser(db: H, id: number) {
  const [row] = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.id, id), eq(users.isDisabled, false)));
  return row ?? null;
}

/** Display names by user id (disabled accounts included: history keeps their names). */
export async function findUserNames(db: H, ids: number[]) {
  if (!ids.length) return new Map<number, string>();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The active accounts among `ids` (the eligible approvers) matching `q`, as a delegation picker shows them. */
export async function findDelegateCandidates(db: H, q: string | undefined, ids: number[]) {
  if (!ids.length) return [];
  const conds = [eq(users.isDisabled, false), inArray(users.id, ids)];
  if (q) {
    const p = containsPattern(q);
    conds.push(or(sql`${users.username} ilike ${p}`, sql`${users.displayName} ilike ${p}`)!);
  }
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .where(and(...conds))
    .orderBy(asc(users.displayName))
    .limit(20);
}

/** Code and names of every role. */
export const findRoleNames = (db: H) => db.select({ code: roles.code, nameZh: roles.nameZh, nameEn: roles.nameEn }).from(roles);

/** Where to reach these users: e-mail, locale, and whether the account is disabled. */
export function findUserContacts(db: H, ids: number[]) {
  return db
    .select({ id: users.id, email: users.email, locale: users.locale, isDisabled: users.isDisabled })
    .from(users)
    .where(inArray(users.id, ids));
}

/** Role names by id, both languages (the audit log names the roles it shows). */
export async function findRoleNamesByIds(db: H, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({ id: roles.id, nameZh: roles.nameZh, nameEn: roles.nameEn })
    .from(roles)
    .where(inArray(roles.id, [...new Set(ids)]));
}

/**
 * Enabled accounts of these teachers and of the students of these admin classes (who is told
 * when a timetable is published or changes). Students are joined through their account's
 * student record, so the org tables stay unnamed here: admin class ids are matched in SQL.
 */
export async function findPeopleUserIds(db: H, who: { teacherIds: number[]; adminClassIds: number[] }) {
  const conds = [];
  if (who.teacherIds.length) conds.push(inArray(users.teacherId, who.teacherIds));
  if (who.adminClassIds.length)
    conds.push(
      sql`${users.studentId} in (select id from students where deleted_at is null and admin_class_id in (${sql.join(
        who.adminClassIds.map((id) => sql`${id}`),
        sql`, `,
      )}))`,
    );
  if (!conds.length) return [];
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.isDisabled, false), or(...conds)));
  return rows.map((r) => r.id);
}

/** Enabled accounts of these students, by student (who is told of a selection notice or a waitlist promotion). */
export async function findStudentUserIds(db: H, studentIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  for (let i = 0; i < studentIds.length; i += 5000) {
    const chunk = studentIds.slice(i, i + 5000);
    const rows = await db
      .select({ id: users.id, studentId: users.studentId })
      .from(users)
      .where(and(eq(users.isDisabled, false), inArray(users.studentId, [...chunk])));
    for (const r of rows) if (r.studentId !== null) out.set(r.studentId, [...(out.get(r.studentId) ?? []), r.id]);
  }
  return out;
}

/** Enabled accounts of these teachers, by teacher (who is told of invigilation duties). */
export async function findTeacherUserIds(db: H, teacherIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  for (let i = 0; i < teacherIds.length; i += 5000) {
    const chunk = teacherIds.slice(i, i + 5000);
    const rows = await db
      .select({ id: users.id, teacherId: users.teacherId })
      .from(users)
      .where(and(eq(users.isDisabled, false), inArray(users.teacherId, [...chunk])));
    for (const r of rows) if (r.teacherId !== null) out.set(r.teacherId, [...(out.get(r.teacherId) ?? []), r.id]);
  }
  return out;
}
