import { IMPLIED_PERMISSIONS, PERMISSIONS, SCOPES, type EffectivePermissions, type Permission, type Scope } from '@jiaowu/contracts';
import { widerScope, type PermissionGrants, type ScopeGrant } from '../../platform/access.ts';

/** One row of `findGrantsOfUser`: a permission a role gives, with the anchors of the user's assignment of that role. */
export interface GrantRow {
  permission: string;
  scope: string;
  collegeId: number | null;
  departmentId: number | null;
}

const isPermission = (p: string): p is Permission => (PERMISSIONS as readonly string[]).includes(p);
const isScope = (s: string): s is Scope => (SCOPES as readonly string[]).includes(s);

/**
 * Per permission, the grants of every assignment that gives it, each keeping
 * its own anchors; plus the widest scope per permission. `own` is the user's
 * department as a teacher, the anchor of an unanchored college/department
 * grant. Unknown permissions or scopes in the database are ignored.
 */
export function resolveGrants(rows: GrantRow[], own: { collegeId: number; departmentId: number } | null) {
  const permissions: EffectivePermissions = {};
  const grants: PermissionGrants = {};
  const collegeIds = new Set<number>();
  const departmentIds = new Set<number>();
  for (const r of rows) {
    if (!isPermission(r.permission) || !isScope(r.scope)) continue;
    const g: ScopeGrant = {
      scope: r.scope,
      collegeId: r.collegeId ?? (r.scope === 'college' ? (own?.collegeId ?? null) : null),
      departmentId: r.departmentId ?? (r.scope === 'department' ? (own?.departmentId ?? null) : null),
    };
    permissions[r.permission] = widerScope(permissions[r.permission], r.scope);
    const list = (grants[r.permission] ??= []);
    if (!list.some((x) => x.scope === g.scope && x.collegeId === g.collegeId && x.departmentId === g.departmentId)) list.push(g);
    if (g.collegeId) collegeIds.add(g.collegeId);
    if (g.departmentId) departmentIds.add(g.departmentId);
  }
  for (const [p, implied] of Object.entries(IMPLIED_PERMISSIONS) as [Permission, Permission[]][]) {
    if (!permissions[p]) continue;
    for (const q of implied) {
      permissions[q] = widerScope(permissions[q], permissions[p]);
      grants[q] = [...(grants[q] ?? []), ...(grants[p] ?? [])];
    }
  }
  return { permissions, grants, collegeIds: [...collegeIds], departmentIds: [...departmentIds] };
}

/** A token's permissions (each at scope all) with those they imply (IMPLIED_PERMISSIONS). */
export function tokenPermissions(granted: string[]): EffectivePermissions {
  const held = granted.filter(isPermission);
  const all = [...held, ...held.flatMap((p) => IMPLIED_PERMISSIONS[p] ?? [])];
  return Object.fromEntries(all.map((p) => [p, 'all' as const]));
}
