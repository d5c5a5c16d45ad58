import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, notExists, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { AccountFilter } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { studentIdsOfCollege, studentIdOfCode, teacherIdOfCode, teacherIdsOfCollege } from '../org/people.read-model.ts';
import { accountHandouts, accountSettings, roles, sessions, userRoles, users } from './iam.tables.ts';
import { UNISSUED_PASSWORD } from './passwords.ts';
import { containsPattern } from '../../db/like.ts';

// Accounts of people (students, teachers): the queries of the account sync, the office's
// accounts list and bulk actions, the password policy and the handout lists.

type H = Db | Tx;
export type UserRow = typeof users.$inferSelect;

const personColumn = (kind: 'student' | 'teacher') => (kind === 'student' ? users.studentId : users.teacherId);

/**
 * The account to sign in: by user name, else by the linked student's 学号 or teacher's 工号.
 * One query on indexed columns; an account whose user name matches wins over a code match.
 */
export async function findUserForSignIn(db: H, name: string) {
  const lower = name.toLowerCase();
  const [row] = await db
    .select()
    .from(users)
    .where(
      or(eq(sql`lower(${users.username})`, lower), eq(users.studentId, studentIdOfCode(name)), eq(users.teacherId, teacherIdOfCode(name))),
    )
    .orderBy(sql`(lower(${users.username}) = ${lower}) desc`)
    .limit(1);
  return row ?? null;
}

/** The accounts linked to these students or teachers. */
export function findUsersOfPeople(db: H, kind: 'student' | 'teacher', ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .select()
    .from(users)
    .where(inArray(personColumn(kind), ids));
}

/** Accounts whose user name is one of `names` (case-insensitive). */
export function findUsersByNames(db: H, names: string[]) {
  if (!names.length) return Promise.resolve([]);
  return db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(
      inArray(
        sql`lower(${users.username})`,
        names.map((n) => n.toLowerCase()),
      ),
    );
}

/** Rows per INSERT: a statement takes at most 65,535 parameters, an import up to 50,000 rows. */
const CHUNK = 2000;

export async function insertUsers(tx: Tx, values: (typeof users.$inferInsert)[]) {
  const out: { id: number; studentId: number | null; teacherId: number | null }[] = [];
  for (let i = 0; i < values.length; i += CHUNK) {
    out.push(
      ...(await tx
        .insert(users)
        .values(values.slice(i, i + CHUNK))
        .returning({ id: users.id, studentId: users.studentId, teacherId: users.teacherId })),
    );
  }
  return out;
}

/** Writes display names and e-mails mirrored from people, one statement per chunk (UPDATE … FROM VALUES). */
export async function updateMirrors(tx: Tx, rows: { id: number; displayName: string; email: string | null }[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = sql.join(
      rows.slice(i, i + CHUNK).map((r) => sql`(${r.id}::int, ${r.displayName}::text, ${r.email}::text)`),
      sql`, `,
    );
    await tx.execute(
      sql`update ${users} set display_name = v.name, email = v.email from (values ${values}) as v(id, name, email) where ${users.id} = v.id`,
    );
  }
}

export async function findRoleId(db: H, code: string) {
  const [row] = await db.select({ id: roles.id }).from(roles).where(eq(roles.code, code));
  return row?.id ?? null;
}

/** The assignments of one role to these users. */
export function findAssignments(db: H, roleId: number, userIds: number[]) {
  if (!userIds.length) return Promise.resolve([]);
  return db
    .select({ id: userRoles.id, userId: userRoles.userId, collegeId: userRoles.collegeId })
    .from(userRoles)
    .where(and(eq(userRoles.roleId, roleId), inArray(userRoles.userId, userIds)));
}

export async function insertAssignments(tx: Tx, rows: { userId: number; roleId: number; collegeId: number | null }[]) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await tx
      .insert(userRoles)
      .values(rows.slice(i, i + CHUNK))
      .onConflictDoNothing();
}

export async function setAssignmentCollege(tx: Tx, id: number, collegeId: number | null) {
  await tx.update(userRoles).set({ collegeId }).where(eq(userRoles.id, id));
}

export async function deleteSessionsOfUsers(db: H, userIds: number[]) {
  if (userIds.length) await db.delete(sessions).where(inArray(sessions.userId, userIds));
}

// ---------- the accounts list and bulk selection ----------

/**
 * Accounts an office user (without `users.manage`) may act on: linked to a student or teacher and
 * holding no role but the built-in student/teacher ones, so an office cannot reset the password of
 * an administrator who also teaches.
 */
const officeManageable: SQL = and(
  or(isNotNull(users.studentId), isNotNull(users.teacherId)),
  notExists(
    sql`(select 1 from ${userRoles} ur join ${roles} r on r.id = ur.role_id where ur.user_id = ${users.id} and r.code not in ('student', 'teacher'))`,
  ),
)!;

export function accountWhere(filter: AccountFilter, opts: { allAccounts: boolean; now: Date }): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (!opts.allAccounts) conds.push(officeManageable);
  if (filter.q) {
    const p = containsPattern(filter.q);
    conds.push(or(sql`${users.username} ilike ${p}`, sql`${users.displayName} ilike ${p}`));
  }
  if (filter.kind === 'student') conds.push(isNotNull(users.studentId));
  if (filter.kind === 'teacher') conds.push(isNotNull(users.teacherId));
  if (filter.kind === 'staff') conds.push(and(isNull(users.studentId), isNull(users.teacherId)));
  if (filter.collegeId !== undefined) {
    conds.push(
      or(
        sql`${users.studentId} in ${studentIdsOfCollege(filter.collegeId)}`,
        sql`${users.teacherId} in ${teacherIdsOfCollege(filter.collegeId)}`,
      ),
    );
  }
  switch (filter.status) {
    case 'active':
      conds.push(and(eq(users.isDisabled, false), sql`${users.passwordHash} <> ${UNISSUED_PASSWORD}`));
      break;
    case 'disabled':
      conds.push(eq(users.isDisabled, true));
      break;
    case 'unissued':
      conds.push(eq(users.passwordHash, UNISSUED_PASSWORD));
      break;
    case 'locked':
      conds.push(sql`${users.lockedUntil} > ${opts.now}`);
      break;
    case undefined:
      break;
  }
  return and(...conds);
}

export async function findAccountsPage(db: H, where: SQL | undefined, page: number, pageSize: number) {
  const [items, [{ total }]] = await Promise.all([
    db
      .select()
      .from(users)
      .where(where)
      // Newest first: the accounts just created or imported are the ones the office looks for.
      .orderBy(desc(users.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { items, total: Number(total) };
}

/** Ids of the accounts matching `where`, restricted to `ids` when given. */
export async function findAccountIds(db: H, where: SQL | undefined, ids?: number[]) {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(where, ids ? inArray(users.id, ids.length ? ids : [0]) : undefined))
    .orderBy(asc(users.id));
  return rows.map((r) => r.id);
}

/** Sets the disabled flag of these accounts (not `exceptId`); returns those that changed. */
export async function setDisabled(tx: Tx, ids: number[], disabled: boolean, exceptId: number | null) {
  if (!ids.length) return [];
  const rows = await tx
    .update(users)
    .set({ isDisabled: disabled })
    .where(and(inArray(users.id, ids), eq(users.isDisabled, !disabled), exceptId ? notInArray(users.id, [exceptId]) : undefined))
    .returning({ id: users.id, username: users.username });
  return rows;
}

export function findUsersByIds(db: H, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.select().from(users).where(inArray(users.id, ids)).orderBy(asc(users.username));
}

/** Writes issued initial passwords: forced change (demo accounts excepted), lock lifted. */
export async function setInitialPasswords(tx: Tx, rows: { id: number; passwordHash: string }[]) {
  for (const r of rows) {
    await tx
      .update(users)
      .set({ passwordHash: r.passwordHash, mustChangePassword: sql`not ${users.isDemo}`, lockedUntil: null })
      .where(eq(users.id, r.id));
  }
}

// ---------- settings and handouts ----------

export async function findSettings(db: H) {
  const [row] = await db.select().from(accountSettings).where(eq(accountSettings.id, 1));
  return row ?? null;
}

export async function saveSettings(tx: Tx, passwordPolicy: string, at: Date) {
  await tx
    .insert(accountSettings)
    .values({ id: 1, passwordPolicy, updatedAt: at })
    .onConflictDoUpdate({ target: accountSettings.id, set: { passwordPolicy, updatedAt: at } });
}

export async function deleteExpiredHandouts(db: H, now: Date) {
  await db.delete(accountHandouts).where(lt(accountHandouts.expiresAt, now));
}

export async function saveHandout(db: H, values: typeof accountHandouts.$inferInsert) {
  await db.insert(accountHandouts).values(values).onConflictDoUpdate({ target: accountHandouts.jobId, set: values });
}

export async function findHandout(db: H, jobId: number) {
  const [row] = await db.select().from(accountHandouts).where(eq(accountHandouts.jobId, jobId));
  return row ?? null;
}
