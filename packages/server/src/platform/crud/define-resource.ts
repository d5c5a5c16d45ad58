import type { AnyContract, CrudTable, ResourceDef, ServerResourceSpec } from './resource.types.ts';
import { scopeByColumns } from './resource.repository.ts';

/**
 * The server half of a resource: its contract (fields, schemas, filters,
 * sorts from @jiaowu/contracts) plus table, selection, joins, scope and write
 * hooks. The types tie them together: a selection must produce every item
 * field, and every filter and sort of the contract needs its column.
 */
export function defineResource<C extends AnyContract, T extends CrudTable>(contract: C, spec: ServerResourceSpec<C, T>): ResourceDef<C, T> {
  return {
    ...spec,
    contract,
    key: contract.key,
    read: contract.read,
    manage: contract.manage,
    selection: { ...spec.selection, version: spec.table.version },
    // Without scope columns only scope `all` sees rows (as scopeCondition decides).
    scope: spec.scope ?? scopeByColumns({}),
  };
}
