import { and, asc, count, desc, eq, ilike, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import {
  apiTokens,
  loginAttempts,
  loginThrottle,
  roleGrantDefaults,
  rolePermissions,
  roles,
  sessions,
  userRoles,
  users,
} from './iam.tables.ts';
import type { ThrottleState } from './login-throttle.ts';
import { containsPattern } from '../../db/like.ts';

type H = Db | Tx;

export type UserRow = typeof users.$inferSelect;

export async function findUserByUsername(db: H, username: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.username})`, username.toLowerCase()));
  return row ?? null;
}

export async function findUserById(db: H, id: number) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function findUserRoles(db: H, userIds: number[]) {
  if (!userIds.length) return [];
  return db
    .select({
      userId: userRoles.userId,
      roleId: userRoles.roleId,
      roleCode: roles.code,
      nameZh: roles.nameZh,
      nameEn: roles.nameEn,
      collegeId: userRoles.collegeId,
      departmentId: userRoles.departmentId,
    })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(inArray(userRoles.userId, userIds))
    .orderBy(asc(roles.id));
}

export async function findGrantsOfUser(db: H, userId: number) {
  return db
    .select({
      permission: rolePermissions.permission,
      scope: rolePermissions.scope,
      collegeId: userRoles.collegeId,
      departmentId: userRoles.departmentId,
    })
    .from(userRoles)
    .innerJoin(rolePermissions, eq(rolePermissions.roleId, userRoles.roleId))
    .where(eq(userRoles.userId, userId));
}

export async function findUsersPage(db: H, q: string | undefined, page: number, pageSize: number) {
  const where = q ? or(ilike(users.username, containsPattern(q)), ilike(users.displayName, containsPattern(q))) : undefined;
  const [items, [{ total }]] = await Promise.all([
    db
      .select()
      .from(users)
      .where(where)
      .orderBy(asc(users.username))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { items, total: Number(total) };
}

export async function insertUser(tx: Tx, values: typeof users.$inferInsert) {
  const [row] = await tx.insert(users).values(values).returning();
  return row;
}

export async function updateUser(tx: H, id: number, values: Partial<typeof users.$inferInsert>) {
  if (Object.keys(values).length === 0) return;
  await tx.update(users).set(values).where(eq(users.id, id));
}

export async function replaceUserRoles(
  tx: Tx,
  userId: number,
  list: { roleId: number; collegeId?: number | null; departmentId?: number | null }[],
) {
  await tx.delete(userRoles).where(eq(userRoles.userId, userId));
  if (list.length) {
    await tx
      .insert(userRoles)
      .values(list.map((r) => ({ userId, roleId: r.roleId, collegeId: r.collegeId ?? null, departmentId: r.departmentId ?? null })));
  }
}

// ---------- roles ----------
export async function findRoles(db: H) {
  const [list, grants, counts] = await Promise.all([
    db.select().from(roles).orderBy(asc(roles.id)),
    db.select().from(rolePermissions),
    db.select({ roleId: userRoles.roleId, n: count() }).from(userRoles).groupBy(userRoles.roleId),
  ]);
  return list.map((r) => ({
    ...r,
    grants: grants.filter((g) => g.roleId === r.id).map((g) => ({ permission: g.permission, scope: g.scope })),
    userCount: Number(counts.find((c) => c.roleId === r.id)?.n ?? 0),
  }));
}

export async function findRoleById(db: H, id: number) {
  const all = await findRoles(db);
  return all.find((r) => r.id === id) ?? null;
}

export async function findRoleByCode(db: H, code: string) {
  const [row] = await db.select().from(roles).where(eq(roles.code, code));
  return row ?? null;
}

export async function insertRole(tx: Tx, values: typeof roles.$inferInsert) {
  const [row] = await tx.insert(roles).values(values).returning();
  return row;
}

export async function updateRole(tx: Tx, id: number, values: Partial<typeof roles.$inferInsert>) {
  if (Object.keys(values).length === 0) return;
  await tx.update(roles).set(values).where(eq(roles.id, id));
}

export async function deleteRole(tx: Tx, id: number) {
  await tx.delete(roles).where(eq(roles.id, id));
}

export async function replaceGrants(tx: Tx, roleId: number, grants: { permission: string; scope: string }[]) {
  await tx.delete(rolePermissions).where(eq(rolePermissions.roleId, roleId));
  if (grants.length) await tx.insert(rolePermissions).values(grants.map((g) => ({ roleId, ...g })));
}

// ---------- sessions ----------
export async function insertSession(db: H, values: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(values);
}

export async function findSession(db: H, id: string) {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
  return row ?? null;
}

/** A session with its user, in one query: what every authenticated request needs first. */
export async function findSessionWithUser(db: H, id: string) {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  return row ?? null;
}

/**
 * Slides a session's expiry. Only when the stored `last_seen_at` is older than `staleBefore`, so
 * parallel requests (or processes) that all noticed a stale session write the row once.
 */
export async function touchSession(db: H, id: string, lastSeenAt: Date, expiresAt: Date, staleBefore: Date = lastSeenAt) {
  await db
    .update(sessions)
    .set({ lastSeenAt, expiresAt })
    .where(and(eq(sessions.id, id), lt(sessions.lastSeenAt, staleBefore)));
}

export async function deleteSession(db: H, id: string) {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteSessionsOfUser(db: H, userId: number, exceptId?: string) {
  await db
    .delete(sessions)
    .where(exceptId ? and(eq(sessions.userId, userId), sql`${sessions.id} <> ${exceptId}`) : eq(sessions.userId, userId));
}

// ---------- login attempts ----------
export async function recordAttempt(db: H, username: string, ip: string | null, success: boolean, at: Date) {
  await db.insert(loginAttempts).values({ username: username.toLowerCase(), ip, success, at });
}

/**
 * The throttle rows of these keys, created when missing and locked until the transaction ends.
 * Rows are inserted and locked in key order, so two sign-ins never wait on each other in a circle.
 */
export async function lockThrottleRows(tx: Tx, keys: string[], now: Date): Promise<ThrottleState[]> {
  const sorted = [...new Set(keys)].sort();
  await tx
    .insert(loginThrottle)
    .values(sorted.map((key) => ({ key, failures: 0, windowStart: now })))
    .onConflictDoNothing();
  return tx.select().from(loginThrottle).where(inArray(loginThrottle.key, sorted)).orderBy(asc(loginThrottle.key)).for('update');
}

export async function saveThrottleRow(tx: Tx, row: ThrottleState) {
  const { key, ...values } = row;
  await tx.update(loginThrottle).set(values).where(eq(loginThrottle.key, key));
}

/**
 * Gives back what a successful sign-in reserved: the account starts afresh (and is unlocked),
 * the address gets its one attempt back. Plain relative updates, so no read is needed.
 */
export async function releaseThrottle(db: H, account: string, ip: string | null) {
  await db.update(loginThrottle).set({ failures: 0, lockedUntil: null }).where(eq(loginThrottle.key, account));
  if (ip)
    await db
      .update(loginThrottle)
      .set({ failures: sql`greatest(${loginThrottle.failures} - 1, 0)` })
      .where(eq(loginThrottle.key, ip));
}

/** Gives back an attempt that was counted but never verified (the hashing queue was full). */
export async function returnAttempt(db: H, keys: string[]) {
  await db
    .update(loginThrottle)
    .set({ failures: sql`greatest(${loginThrottle.failures} - 1, 0)` })
    .where(inArray(loginThrottle.key, keys));
}

/** Forgets counters whose window has passed and whose lock (if any) is over: they would count nothing. */
export async function deleteStaleThrottleRows(db: H, windowStartBefore: Date, now: Date) {
  await db
    .delete(loginThrottle)
    .where(
      and(lt(loginThrottle.windowStart, windowStartBefore), or(isNull(loginThrottle.lockedUntil), lt(loginThrottle.lockedUntil, now))),
    );
}

/** An administrator's unlock: the account's counters start afresh. */
export async function clearThrottle(db: H, key: string) {
  await db.update(loginThrottle).set({ failures: 0, lockedUntil: null, lastAttemptAt: null }).where(eq(loginThrottle.key, key));
}

/** Verified attempts of an account name (history; the throttle reads `login_throttle`). */
export async function countAttempts(db: H, username: string) {
  const [row] = await db.select({ n: count() }).from(loginAttempts).where(eq(loginAttempts.username, username.toLowerCase()));
  return Number(row.n);
}

// ---------- API tokens ----------
export async function insertToken(tx: Tx, values: typeof apiTokens.$inferInsert) {
  const [row] = await tx.insert(apiTokens).values(values).returning();
  return row;
}

export async function findTokenByHash(db: H, hash: string) {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt)));
  return row ?? null;
}

export async function findTokens(db: H) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      permissions: apiTokens.permissions,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      createdBy: users.username,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .orderBy(desc(apiTokens.createdAt));
}

export async function findTokenById(db: H, id: number) {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
  return row ?? null;
}

export async function setTokenRevoked(tx: Tx, id: number, at: Date) {
  await tx.update(apiTokens).set({ revokedAt: at }).where(eq(apiTokens.id, id));
}

export async function touchToken(db: H, id: number, at: Date) {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

/** Enabled users holding the built-in admin role: whom integrity alerts go to. */
export async function findAdminUserIds(db: H): Promise<number[]> {
  const rows = await db
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(and(eq(roles.code, 'admin'), eq(users.isDisabled, false)));
  return rows.map((r) => r.id);
}

// ---------- built-in role upgrades (seed/roles.ts) ----------
/** Serialises the start-up upgrade of built-in roles across processes starting together. */
export async function lockBuiltinRoles(tx: Tx) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('jiaowu.builtin_roles'))`);
}

export async function findRoleGrants(db: H, roleId: number) {
  return db
    .select({ permission: rolePermissions.permission, scope: rolePermissions.scope })
    .from(rolePermissions)
    .where(eq(rolePermissions.roleId, roleId));
}

/** Adds grants, leaving those the role already has as they are. */
export async function insertGrants(tx: Tx, roleId: number, grants: { permission: string; scope: string }[]) {
  if (grants.length)
    await tx
      .insert(rolePermissions)
      .values(grants.map((g) => ({ roleId, ...g })))
      .onConflictDoNothing();
}

/** The release-defined permissions already applied to a built-in role. */
export async function findGrantDefaults(db: H, roleId: number): Promise<string[]> {
  const rows = await db
    .select({ permission: roleGrantDefaults.permission })
    .from(roleGrantDefaults)
    .where(eq(roleGrantDefaults.roleId, roleId));
  return rows.map((r) => r.permission);
}

export async function insertGrantDefaults(tx: Tx, roleId: number, permissions: string[], at: Date) {
  if (permissions.length) {
    await tx
      .insert(roleGrantDefaults)
      .values(permissions.map((permission) => ({ roleId, permission, appliedAt: at })))
      .onConflictDoNothing();
  }
}
