import { and, asc, count, desc, eq, ilike, inArray, is, isNull, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { PgTransaction, type PgInsertValue, type PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { ListQuery } from '@jiaowu/contracts';
import type { Tx } from '../../db/client.ts';
import type { DataScope } from '../access.ts';
import { scopeSql } from '../access.repository.ts';
import type { Conn, ResourceDef, ScopeColumns, ScopeCondition, Selected } from './resource.types.ts';
import { containsPattern } from '../../db/like.ts';

/** Turns a data scope into a WHERE condition on the resource's scope columns (see `scopeSql`). */
export function scopeCondition(def: { scope?: ScopeColumns }, scope: DataScope): SQL | undefined {
  return scopeSql(scope, def.scope);
}

/** A resource's scope function from the columns that anchor it (college, department, teacher, student). */
export function scopeByColumns(columns: ScopeColumns): ScopeCondition {
  return (scope) => scopeCondition({ scope: columns }, scope);
}

export type ListFilters = Record<string, string | number | boolean | undefined>;

/**
 * The WHERE of a list. `values` gives the search pattern and filter values; the
 * prepared list query passes placeholders there instead, so the SQL text is the
 * same for every request of one shape (see `prepared`). Filters are taken in
 * key order, so one shape always builds one text.
 */
function whereOf(def: ResourceDef, shape: ListShape, scope: DataScope, values: (name: string, value: unknown) => unknown = (_, v) => v) {
  const conds: (SQL | undefined)[] = [def.scope(scope)];
  if (def.softDelete) conds.push(isNull(def.softDelete));
  if (shape.q !== undefined) {
    const pattern = values('q', containsPattern(shape.q));
    conds.push(or(...def.search.map((c) => ilike(c, pattern as string))));
  }
  const columns: Record<string, SQL.Aliased | Parameters<typeof eq>[0]> = def.filters;
  for (const [key, value] of shape.filters) conds.push(eq(columns[key], values(`f_${key}`, value)));
  return and(...conds);
}

/** What decides a list query's SQL text: search or not, which filters, sort and order (plus the resource and scope). */
interface ListShape {
  q: string | undefined;
  /** Filters that apply (a known key with a non-empty value), in key order. */
  filters: [string, string | number | boolean][];
  sortKey: string | undefined;
  desc: boolean;
}

function listShape(def: ResourceDef, query: Partial<ListQuery>, filters: ListFilters): ListShape {
  const known: Record<string, unknown> = def.filters;
  const applied = Object.entries(filters)
    .filter((e): e is [string, string | number | boolean] => Object.hasOwn(known, e[0]) && e[1] !== undefined && e[1] !== '')
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const sortKey = query.sort && Object.hasOwn(def.sorts, query.sort) ? query.sort : undefined;
  return { q: query.q || undefined, filters: applied, sortKey, desc: query.order === 'desc' };
}

/** `select … from table` with the resource's joins. */
function base<S extends Record<string, Selected | SQL>>(db: Conn, def: ResourceDef, selection: S) {
  let qb = db.select(selection).from(def.table).$dynamic();
  // A join adds a table to FROM; the row type stays the one of `selection`.
  for (const join of def.joins ?? []) qb = qb.innerJoin(join.table, join.on) as typeof qb;
  return qb;
}

/** Lists longer than this are counted at most once per `COUNT_TTL_MS` (see `countRows`). */
export const BIG_LIST = 5_000;
const COUNT_TTL_MS = 10_000;
const bigCounts = new Map<string, { total: number; until: number; refreshing?: Promise<void> }>();
const countingNow = new Map<string, Promise<number>>();

/**
 * The total of a list. Counting joins every matching row, which is most of a
 * list request's time once a table is large (58,000 students: ~200 ms against
 * ~4 ms for the page itself). A list of at most BIG_LIST rows is counted
 * exactly on every request. A longer one is remembered per process, resource
 * and query (search, filters, scope) and recounted in the background once its
 * figure is COUNT_TTL_MS old, callers getting the figure at hand meanwhile;
 * so "共 58,213 条" may lag the truth by seconds, never a short list. Writes
 * through this repository forget the resource's remembered totals.
 */
async function countRows(db: Conn, def: ResourceDef, where: () => SQL | undefined, key: string): Promise<number> {
  const countNow = async () => Number((await base(db, def, { total: count() }).where(where()))[0].total);
  const remember = (total: number) => {
    if (total <= BIG_LIST) return void bigCounts.delete(key);
    if (!bigCounts.has(key) && bigCounts.size >= 1000) bigCounts.delete(bigCounts.keys().next().value!);
    bigCounts.set(key, { total, until: performance.now() + COUNT_TTL_MS });
  };
  const hit = bigCounts.get(key);
  if (!hit) {
    // Requests arriving together share one count instead of each scanning the table.
    let counting = countingNow.get(key);
    if (!counting) {
      counting = countNow().finally(() => countingNow.delete(key));
      countingNow.set(key, counting);
    }
    const total = await counting;
    remember(total);
    return total;
  }
  if (hit.until <= performance.now() && !hit.refreshing) {
    // A failed recount leaves the old figure for the next caller to retry; this caller's
    // page does not depend on it.
    hit.refreshing = countNow().then(remember, () => void (hit.refreshing = undefined));
  }
  return hit.total;
}

/** Drops the remembered totals of a resource after a write through this process. */
function forgetCounts(def: ResourceDef) {
  for (const key of bigCounts.keys()) if (key.startsWith(`${def.key}|`)) bigCounts.delete(key);
}

export type Row = Record<string, unknown>;

/** From this OFFSET on, a page is read ids first (see `findPage`); below it the plain query is as fast. */
const DEEP_OFFSET = 1_000;

/**
 * Prepared list and get queries, per database handle and query shape. Drizzle
 * builds the SQL of a select with its joins on every call, and for a students
 * page that was the largest single cost of the request in the server's CPU
 * profile (~0.3 ms of ~1.5 ms: bench/api.ts --profile). A shape's text is
 * built once, with placeholders for what varies per request (search pattern,
 * filter values, limit, offset, id); the scope's ids are part of the shape, so
 * they stay bound parameters. Named statements also spare PostgreSQL parsing
 * the join again on each pooled connection. Not inside a transaction: a
 * prepared query runs on the handle it was made on.
 */
const PREPARED_MAX = 200;
const preparedByDb = new WeakMap<object, Map<string, { execute(values: Record<string, unknown>): Promise<Row[]> }>>();
let preparedSeq = 0;

function prepared(db: Conn, key: string, build: (name: string) => { execute(values: Record<string, unknown>): Promise<unknown> }) {
  let byKey = preparedByDb.get(db);
  if (!byKey) preparedByDb.set(db, (byKey = new Map()));
  let query = byKey.get(key);
  if (!query) {
    if (byKey.size >= PREPARED_MAX) byKey.delete(byKey.keys().next().value!);
    query = build(`jw_resource_${++preparedSeq}`) as { execute(values: Record<string, unknown>): Promise<Row[]> };
    byKey.set(key, query);
  }
  return query;
}

const inTransaction = (db: Conn) => is(db, PgTransaction);

/** One page of a resource, already narrowed to the actor's scope. */
export async function findPage(
  db: Conn,
  def: ResourceDef,
  query: Partial<ListQuery>,
  filters: ListFilters,
  scope: DataScope,
): Promise<{ items: Row[]; total: number }> {
  const shape = listShape(def, query, filters);
  const pageSize = query.pageSize ?? 20;
  const page = query.page ?? 1;
  const offset = (page - 1) * pageSize;
  const deep = offset >= DEEP_OFFSET;
  const buildPage = (bind: (name: string, value: unknown) => unknown, limit: number | Placeholder, skip: number | Placeholder) => {
    const sorts: Record<string, Parameters<typeof asc>[0]> = def.sorts;
    const sortCol = shape.sortKey ? sorts[shape.sortKey] : def.defaultSort;
    const order = [shape.desc ? desc(sortCol) : asc(sortCol), asc(def.table.id)];
    const where = whereOf(def, shape, scope, bind);
    if (!deep)
      return base(db, def, def.selection)
        .where(where)
        .orderBy(...order)
        .limit(limit)
        .offset(skip);
    // A deep page: OFFSET makes the database build every skipped row, the select list's columns
    // included; the ids of the page first, then only its rows (students page 1,499 of 30,000:
    // 67 ms → 31 ms in PostgreSQL). Same filter, joins and order, so the same rows.
    const ids = base(db, def, { id: def.table.id })
      .where(where)
      .orderBy(...order)
      .limit(limit)
      .offset(skip);
    return base(db, def, def.selection)
      .where(inArray(def.table.id, ids))
      .orderBy(...order);
  };
  const rows = inTransaction(db)
    ? buildPage((_, v) => v, pageSize, offset)
    : prepared(
        db,
        `page|${def.key}|${JSON.stringify([scope, shape.sortKey, shape.desc, shape.q !== undefined, shape.filters.map(([k]) => k), deep])}`,
        (name) => buildPage((n) => sql.placeholder(n), sql.placeholder('limit'), sql.placeholder('offset')).prepare(name),
      ).execute({ limit: pageSize, offset, ...placeholderValues(shape) });
  const [items, total] = await Promise.all([
    rows,
    countRows(db, def, () => whereOf(def, shape, scope), `${def.key}|${JSON.stringify([query.q ?? '', filters, scope])}`),
  ]);
  return { items, total };
}

function placeholderValues(shape: ListShape): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  if (shape.q !== undefined) values.q = containsPattern(shape.q);
  for (const [key, value] of shape.filters) values[`f_${key}`] = value;
  return values;
}

/** One row in scope (not soft-deleted), or null. */
export async function findById(db: Conn, def: ResourceDef, id: number, scope: DataScope): Promise<Row | null> {
  const select = (idValue: unknown) => {
    const conds = [eq(def.table.id, idValue), def.scope(scope)];
    if (def.softDelete) conds.push(isNull(def.softDelete));
    return base(db, def, def.selection)
      .where(and(...conds))
      .limit(1);
  };
  const [row] = inTransaction(db)
    ? await select(id)
    : await prepared(db, `get|${def.key}|${JSON.stringify(scope)}`, (name) => select(sql.placeholder('id')).prepare(name)).execute({ id });
  return row ?? null;
}

export async function insertRow(tx: Tx, def: ResourceDef, values: Row): Promise<number> {
  // The values are the contract's validated input plus hook columns; their keys are the table's properties.
  forgetCounts(def);
  const [row] = await tx
    .insert(def.table)
    .values(values as PgInsertValue<typeof def.table>)
    .returning({ id: def.table.id });
  return Number(row.id);
}

/**
 * Updates the row only if it still has the version the edit was based on: one
 * conditional UPDATE, so of two concurrent edits of the same version exactly
 * one wins (the other waits for its row lock, then matches nothing). The
 * version itself is bumped by the table's trigger. False when nothing matched.
 */
export async function updateRowAtVersion(tx: Tx, def: ResourceDef, id: number, version: number, values: Row): Promise<boolean> {
  // An edit with no column changes still claims the version (and bumps it), so a stale one is refused too.
  forgetCounts(def);
  const set = Object.keys(values).length ? values : { id };
  const rows = await tx
    .update(def.table)
    .set(set as PgUpdateSetSource<typeof def.table>)
    .where(and(eq(def.table.id, id), eq(def.table.version, version)))
    .returning({ id: def.table.id });
  return rows.length === 1;
}

/** Deletes the row only at the given version, or soft-deletes it at `at` (the caller's clock); false when nothing matched. */
export async function deleteRowAtVersion(tx: Tx, def: ResourceDef, id: number, version: number, at: Date): Promise<boolean> {
  forgetCounts(def);
  const where = and(eq(def.table.id, id), eq(def.table.version, version));
  const rows = def.softDelete
    ? await tx
        .update(def.table)
        .set({ [columnKey(def, def.softDelete)]: at })
        .where(where)
        .returning({ id: def.table.id })
    : await tx.delete(def.table).where(where).returning({ id: def.table.id });
  return rows.length === 1;
}

/** The table property of a column (Drizzle's `set` takes property names, not column names). */
function columnKey(def: ResourceDef, column: ResourceDef['defaultSort']): string {
  const entry = Object.entries(def.table).find(([, value]) => value === column);
  if (!entry) throw new Error(`column ${column.name} is not in the resource's table`);
  return entry[0];
}

/** Which of these ids are rows inside the scope (e.g. the rows an actor may manage, not only read). */
export async function findIdsInScope(db: Conn, def: ResourceDef, ids: number[], scope: DataScope): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await base(db, def, { id: def.table.id }).where(and(inArray(def.table.id, ids), def.scope(scope)));
  return new Set(rows.map((r) => Number(r.id)));
}
