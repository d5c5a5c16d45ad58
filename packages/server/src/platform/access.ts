import { PERMISSIONS, SCOPES, type EffectivePermissions, type Locale, type Permission, type Scope } from '@jiaowu/contracts';
import { AppError } from './errors.ts';

/** Who is acting: a signed-in user, an API token, the system (jobs, seed), or nobody. */
export interface Actor {
  kind: 'user' | 'token' | 'system' | 'anonymous';
  userId: number | null;
  name: string | null;
  ip: string | null;
  locale: Locale;
  permissions: EffectivePermissions;
  /** Anchors of "own college/department" scopes. */
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

/** The data a scope lets an actor see, resolved to ids for the repository query. */
export type DataScope =
  | { kind: 'all' }
  | { kind: 'college'; collegeIds: number[] }
  | { kind: 'department'; departmentIds: number[] }
  | { kind: 'teaching'; teacherId: number | null }
  | { kind: 'self'; teacherId: number | null; studentId: number | null };

/** Widest of two scopes ('all' is widest). */
export function widerScope(a: Scope | undefined, b: Scope): Scope {
  if (!a) return b;
  return SCOPES.indexOf(a) <= SCOPES.indexOf(b) ? a : b;
}

/**
 * The first line of every service method that touches protected data: throws
 * unless the actor holds the permission, and returns the data scope to apply.
 */
export function requireAccess(actor: Actor, permission: Permission): DataScope {
  const scope = actor.permissions[permission];
  if (!scope) throw new AppError(actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden');
  switch (scope) {
    case 'all':
      return { kind: 'all' };
    case 'college':
      return { kind: 'college', collegeIds: actor.collegeIds };
    case 'department':
      return { kind: 'department', departmentIds: actor.departmentIds };
    case 'teaching':
      return { kind: 'teaching', teacherId: actor.teacherId };
    case 'self':
      return { kind: 'self', teacherId: actor.teacherId, studentId: actor.studentId };
  }
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions[permission] !== undefined;
}
