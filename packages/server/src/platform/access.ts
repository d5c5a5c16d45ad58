import type { SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgSelect, PgTable } from 'drizzle-orm/pg-core';
import { PERMISSIONS, SCOPES, type EffectivePermissions, type Locale, type Permission, type Scope } from '@jiaowu/contracts';
import { AppError } from './errors.ts';

/**
 * One grant of a permission as a role assignment gives it: the scope of the
 * role's grant and the anchors of that assignment (the college or department
 * the role was given for). A permission held through several assignments has
 * several grants, each with its own anchor.
 */
export interface ScopeGrant {
  scope: Scope;
  collegeId: number | null;
  departmentId: number | null;
}

/** Per permission, every grant that gives it (see `ScopeGrant`). */
export type PermissionGrants = Partial<Record<Permission, ScopeGrant[]>>;

/** Who is acting: a signed-in user, an API token, the system (jobs, seed), or nobody. */
export interface Actor {
  kind: 'user' | 'token' | 'system' | 'anonymous';
  userId: number | null;
  name: string | null;
  ip: string | null;
  locale: Locale;
  /** Permission → widest scope held (the route gate and the web's /api/me read it). */
  permissions: EffectivePermissions;
  /**
   * Permission → the grants that give it, each with its own anchors. Data
   * scopes are built from these only. An actor without an entry for a
   * permission (API tokens, the system, hand-built test actors) has one
   * grant at `permissions[p]` anchored at `collegeIds`/`departmentIds`.
   */
  grants?: PermissionGrants;
  /** Every college/department anchor of the user's assignments: for display (/api/me), never for scoping. */
  collegeIds: number[];
  departmentIds: number[];
  teacherId: number | null;
  studentId: number | null;
  sessionId?: string;
  tokenId?: number;
}

export const anonymousActor = (ip: string | null = null, locale: Locale = 'zh-CN'): Actor => ({
  kind: 'anonymous',
  userId: null,
  name: null,
  ip,
  locale,
  permissions: {},
  collegeIds: [],
  departmentIds: [],
  teacherId: null,
  studentId: null,
});

/** The system itself (seed, jobs): every permission, scope all. */
export const systemActor: Actor = {
  ...anonymousActor(),
  kind: 'system',
  name: 'system',
  permissions: Object.fromEntries(PERMISSIONS.map((p) => [p, 'all'])),
};

/**
 * The data one permission lets an actor see: everything, or the union of
 * the parts its grants give (rows of these colleges, OR of these
 * departments, OR taught by this teacher, OR the actor's own record).
 * Empty parts everywhere means nothing.
 */
export type DataScope =
  | { kind: 'all' }
  | {
      kind: 'some';
      collegeIds: number[];
      departmentIds: number[];
      /** Set by a `teaching` grant: what this teacher's teaching classes reach. */
      teachingTeacherId: number | null;
      /** Set by a `self` grant: the actor's own teacher / student record. */
      selfTeacherId: number | null;
      selfStudentId: number | null;
    };

/** A scope that sees nothing (all parts empty). */
export const NO_SCOPE: DataScope = {
  kind: 'some',
  collegeIds: [],
  departmentIds: [],
  teachingTeacherId: null,
  selfTeacherId: null,
  selfStudentId: null,
};

/** Widest of two scopes ('all' is widest). */
export function widerScope(a: Scope | undefined, b: Scope): Scope {
  if (!a) return b;
  return SCOPES.indexOf(a) <= SCOPES.indexOf(b) ? a : b;
}

function grantsOf(actor: Actor, permission: Permission): ScopeGrant[] {
  const own = actor.grants?.[permission];
  if (own) return own;
  const scope = actor.permissions[permission];
  if (!scope) return [];
  if (scope === 'college') return actor.collegeIds.map((collegeId) => ({ scope, collegeId, departmentId: null }));
  if (scope === 'department') return actor.departmentIds.map((departmentId) => ({ scope, collegeId: null, departmentId }));
  return [{ scope, collegeId: null, departmentId: null }];
}

/** The union of an actor's grants of one permission, resolved to ids. */
export function scopeOf(actor: Actor, permission: Permission): DataScope {
  const collegeIds = new Set<number>();
  const departmentIds = new Set<number>();
  let teaching = false;
  let self = false;
  for (const g of grantsOf(actor, permission)) {
    switch (g.scope) {
      case 'all':
        return { kind: 'all' };
      case 'college':
        if (g.collegeId != null) collegeIds.add(g.collegeId);
        break;
      case 'department':
        if (g.departmentId != null) departmentIds.add(g.departmentId);
        break;
      case 'teaching':
        teaching = true;
        break;
      case 'self':
        self = true;
        break;
    }
  }
  return {
    kind: 'some',
    collegeIds: [...collegeIds],
    departmentIds: [...departmentIds],
    teachingTeacherId: teaching ? actor.teacherId : null,
    selfTeacherId: self ? actor.teacherId : null,
    selfStudentId: self ? actor.studentId : null,
  };
}

/**
 * The first line of every service method that touches protected data: throws
 * unless the actor holds the permission, and returns the data scope to apply
 * (the union of the grants of THIS permission, never of another).
 */
export function requireAccess(actor: Actor, permission: Permission): DataScope {
  if (!actor.permissions[permission]) throw new AppError(actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden');
  return scopeOf(actor, permission);
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions[permission] !== undefined;
}

/** Whether a record anchored at this college/department is inside the scope (college and department parts only). */
export function scopeCovers(scope: DataScope, anchor: { collegeId?: number | null; departmentId?: number | null }): boolean {
  if (scope.kind === 'all') return true;
  return (
    (anchor.collegeId != null && scope.collegeIds.includes(anchor.collegeId)) ||
    (anchor.departmentId != null && scope.departmentIds.includes(anchor.departmentId))
  );
}

/**
 * How a scope reaches a table: the columns (or predicates) each part of a
 * scope compares with. A part whose column is absent matches nothing.
 */
export interface ScopeColumns {
  college?: AnyPgColumn | SQL;
  department?: AnyPgColumn | SQL;
  /** The row's teacher (or a predicate on a teacher id): matched by `self`, and by `teaching` when `teaching` is absent. */
  teacher?: AnyPgColumn | SQL | ((teacherId: number) => SQL);
  student?: AnyPgColumn | SQL;
  /** Rows a teacher's teaching classes reach (the classes, their students). */
  teaching?: (teacherId: number) => SQL;
}

/** A table ids are checked against: its id column, scope columns and the joins they need. */
export interface AccessTarget {
  table: PgTable & { id: AnyPgColumn<{ data: number; notNull: true }> };
  scope?: ScopeColumns;
  /** Adds joins to `from(table)` so the scope columns resolve. */
  joins?: (qb: PgSelect) => PgSelect;
  /** Soft-deleted rows are never accessible. */
  softDelete?: AnyPgColumn;
}
