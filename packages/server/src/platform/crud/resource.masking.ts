import { maskIdNumber, type FieldSpec } from '@jiaowu/contracts';
import { hasPermission, scopeOf, type Actor } from '../access.ts';
import { findIdsInScope } from './resource.repository.ts';
import type { Conn, ResourceDef } from './resource.types.ts';

/** The keys of a resource's personal-data fields (FieldSpec.sensitive). */
export const sensitiveKeys = (fields: readonly FieldSpec[]): string[] => fields.filter((f) => f.sensitive).map((f) => f.key);

/** A row with its sensitive fields masked (exports, and rows the reader does not manage). */
export function maskRow<R extends Record<string, unknown>>(row: R, keys: string[]): R {
  if (!keys.length) return row;
  const out: Record<string, unknown> = { ...row };
  for (const k of keys) if (typeof out[k] === 'string') out[k] = maskIdNumber(out[k]);
  return out as R;
}

/**
 * Rows as this actor may see them: sensitive fields in full only on the rows the actor may
 * manage (the resource's manage permission with its scope, so a college's office sees its own
 * students' numbers in the edit form, not another college's); masked everywhere else.
 */
export async function revealFor<R extends Record<string, unknown>>(db: Conn, def: ResourceDef, actor: Actor, rows: R[]): Promise<R[]> {
  const keys = sensitiveKeys(def.contract.fields);
  if (!keys.length || !rows.length) return rows;
  if (!hasPermission(actor, def.manage)) return rows.map((r) => maskRow(r, keys));
  const scope = scopeOf(actor, def.manage);
  if (scope.kind === 'all') return rows;
  const managed = await findIdsInScope(
    db,
    def,
    rows.map((r) => Number(r.id)),
    scope,
  );
  return rows.map((r) => (managed.has(Number(r.id)) ? r : maskRow(r, keys)));
}
