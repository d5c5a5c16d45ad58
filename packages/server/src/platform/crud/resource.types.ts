import type { SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { ResourceContract } from '@jiaowu/contracts';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import type { Actor, DataScope } from '../access.ts';

/** Columns a scope condition is built from; absent means the scope sees nothing. */
export type { ScopeColumns } from '../access.ts';

export type ScopeCondition = (scope: DataScope) => SQL | undefined;

/** A contract of any resource (the server side is generic over it). */
// The contract's own type parameters are inferred per resource; here any of them will do.
export type AnyContract = ResourceContract<string, z.ZodObject, z.ZodObject, string, string>;

/** What the resource returns (list row, get, create, update). */
export type ItemOf<C extends AnyContract> = z.output<C['item']>;
/** The validated create body. */
export type InputOf<C extends AnyContract> = z.output<C['input']>;
/** The validated PATCH body (without `version`, which the service takes apart). */
export type PatchOf<C extends AnyContract> = Partial<InputOf<C>>;

/** A CRUD table: an id and a version bumped on every update (see migration crud_version_sql). */
export type CrudTable = PgTable & { id: AnyPgColumn; version: AnyPgColumn };

/** A joined table of the list/get query (inner join). */
export interface Join {
  table: PgTable;
  on: SQL;
}

/** One output field: a column, a joined column or an aliased SQL expression. */
export type Selected = AnyPgColumn | SQL.Aliased;

/** What a write hook sees. `before` is the row as read in the same transaction (null on create). */
export interface WriteContext<C extends AnyContract> {
  actor: Actor;
  op: 'create' | 'update' | 'delete';
  /** Null on create (the row does not exist yet). */
  id: number | null;
  input: PatchOf<C>;
  before: ItemOf<C> | null;
}

/** Hooks run inside the write transaction, so their writes commit or roll back with the row and its audit record. */
export interface ResourceHooks<C extends AnyContract> {
  /** Before the row is written: validate, write related rows, and return extra column values (e.g. a derived major). */
  beforeWrite?(tx: Tx, ctx: WriteContext<C>): Promise<Record<string, unknown> | void>;
  /** After the row is written (and re-read in scope): keep dependent rows in step, e.g. prerequisite edges. */
  afterWrite?(tx: Tx, ctx: WriteContext<C> & { id: number; after: ItemOf<C> | null }): Promise<void>;
}

/** The server half of a resource, added to its contract by `defineResource`. */
export interface ServerResourceSpec<C extends AnyContract, T extends CrudTable> {
  /** Audit entity type and action prefix, e.g. `students`. */
  entity: string;
  table: T;
  /** Output columns of every item field (including joined display names); `version` is added. */
  selection: { [K in Exclude<keyof ItemOf<C>, 'version'>]-?: Selected };
  /** Inner joins added to the base `from(table)`, in order. */
  joins?: Join[];
  /** Columns matched by the `q` search (ILIKE). */
  search: AnyPgColumn[];
  /** Column of each of the contract's list filters (equality). */
  filters: Record<C['filters'][number], AnyPgColumn>;
  /** Column of each of the contract's sorts. */
  sorts: Record<C['sorts'][number], AnyPgColumn>;
  defaultSort: AnyPgColumn;
  /** The rows a data scope may see and write; default: only scope `all` sees any. */
  scope?: ScopeCondition;
  /** Soft-deleted rows are hidden; delete sets this column to now(). */
  softDelete?: AnyPgColumn;
  hooks?: ResourceHooks<C>;
}

/** A resource, contract and server half together: what the generic repository, service and routes take. */
export interface ResourceDef<C extends AnyContract = AnyContract, T extends CrudTable = CrudTable> extends Omit<
  ServerResourceSpec<C, T>,
  'selection' | 'scope'
> {
  contract: C;
  key: C['key'];
  read: C['read'];
  manage: C['manage'];
  selection: Record<string, Selected>;
  scope: ScopeCondition;
}

/** Handle type the repository takes. */
export type Conn = Db | Tx;
