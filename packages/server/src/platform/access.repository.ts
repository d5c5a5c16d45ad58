import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Permission } from '@jiaowu/contracts';
import type { Db, Tx } from '../db/client.ts';
import { requireAccess, type AccessTarget, type Actor, type DataScope, type ScopeColumns } from './access.ts';
import { AppError } from './errors.ts';

// The shared queries of access control: a data scope as SQL and access by ids. Kept apart from
// access.ts (actors and scopes, no SQL) so that only data-access files build queries.

const NOTHING = sql`false`;
const matchTeacher = (col: NonNullable<ScopeColumns['teacher']>, id: number) =>
  typeof col === 'function' ? col(id) : eq(col as AnyPgColumn, id);

/**
 * The WHERE condition of a data scope over given columns: the OR of every
 * part the scope holds; `undefined` for scope all; `false` for nothing.
 * The one place a scope becomes SQL.
 */
export function scopeSql(scope: DataScope, cols: ScopeColumns | undefined): SQL | undefined {
  if (scope.kind === 'all') return undefined;
  const parts: SQL[] = [];
  if (cols?.college && scope.collegeIds.length) parts.push(inArray(cols.college as AnyPgColumn, scope.collegeIds));
  if (cols?.department && scope.departmentIds.length) parts.push(inArray(cols.department as AnyPgColumn, scope.departmentIds));
  const t = scope.teachingTeacherId;
  if (t != null) {
    if (cols?.teaching) parts.push(cols.teaching(t));
    else if (cols?.teacher) parts.push(matchTeacher(cols.teacher, t));
  }
  if (cols?.teacher && scope.selfTeacherId != null) parts.push(matchTeacher(cols.teacher, scope.selfTeacherId));
  if (cols?.student && scope.selfStudentId != null) parts.push(eq(cols.student as AnyPgColumn, scope.selfStudentId));
  if (!parts.length) return NOTHING;
  return parts.length === 1 ? parts[0] : or(...parts);
}

/**
 * Access by ids (Immich's `requireAccess({ auth, permission, ids })`): the
 * subset of `ids` the actor may touch with `permission`, in one query.
 * Throws when the permission is not held at all.
 */
export async function checkAccess(
  db: Db | Tx,
  actor: Actor,
  permission: Permission,
  target: AccessTarget,
  ids: number[],
): Promise<Set<number>> {
  const scope = requireAccess(actor, permission);
  const unique = [...new Set(ids)];
  if (!unique.length) return new Set();
  const from = db.select({ id: target.table.id }).from(target.table).$dynamic();
  // Joins add tables for the scope columns, not selected columns: the row stays `{ id }`.
  const qb = target.joins ? (target.joins(from) as typeof from) : from;
  const conds = [
    inArray(target.table.id, unique),
    scopeSql(scope, target.scope),
    target.softDelete ? sql`${target.softDelete} is null` : undefined,
  ];
  const rows = await qb.where(and(...conds));
  return new Set(rows.map((r) => r.id));
}

/** `checkAccess` for one id: throws `not_found` (the caller may not learn it exists) unless it is accessible. */
export async function requireAccessTo(db: Db | Tx, actor: Actor, permission: Permission, target: AccessTarget, id: number): Promise<void> {
  const ok = await checkAccess(db, actor, permission, target, [id]);
  if (!ok.has(id)) throw new AppError('not_found');
}
