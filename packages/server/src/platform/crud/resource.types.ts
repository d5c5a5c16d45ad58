import type { SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Permission, ResourceKey } from '@jiaowu/contracts';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import type { DataScope, ScopeColumns } from '../access.ts';

/** Columns a scope condition is built from; absent means the scope sees nothing. */
export type { ScopeColumns } from '../access.ts';

/**
 * Everything the generic repository and service need to list, read, create,
 * update, delete and export one resource. Declared once per resource by the
 * owning module.
 */
export interface ResourceDef<Input extends Record<string, unknown> = Record<string, unknown>> {
  key: ResourceKey | string;
  /** Audit entity type and action prefix, e.g. `students`. */
  entity: string;
  table: PgTable & { id: AnyPgColumn };
  read: Permission;
  manage: Permission;
  /** Output columns, including joined display names. */
  selection: Record<string, AnyPgColumn | SQL.Aliased | SQL>;
  /** Adds joins to the base `from(table)`. */
  joins?: (qb: any) => any;
  /** Columns matched by the `q` search (ILIKE). */
  search: AnyPgColumn[];
  /** Query-string filter → column (equality). */
  filters: Record<string, AnyPgColumn>;
  sorts: Record<string, AnyPgColumn>;
  defaultSort: AnyPgColumn;
  scope?: ScopeColumns;
  /** Soft-deleted rows are hidden; delete sets deleted_at. */
  softDelete?: AnyPgColumn;
  input: z.ZodType<Input>;
  update: z.ZodType<Partial<Input>>;
  /** Turns validated input into column values (derives e.g. a student's major from the class). */
  toRow?: (db: Db | Tx, input: Partial<Input>, existing?: Record<string, unknown>) => Promise<Record<string, unknown>>;
  /** Field name to blame when a foreign key is missing, by constraint-name fragment. */
  refFields?: Record<string, string>;
}

export type ScopeCondition = (scope: DataScope) => SQL | undefined;
