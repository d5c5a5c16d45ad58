import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { PgInsertValue, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { ListQuery } from '@jiaowu/contracts';
import type { Tx } from '../../db/client.ts';
import type { DataScope } from '../access.ts';
import type { Conn, ResourceDef, ScopeColumns, ScopeCondition, Selected } from './resource.types.ts';

const NOTHING = sql`false`;

/** Turns a data scope into a WHERE condition on the resource's scope columns. */
export function scopeCondition(def: { scope?: ScopeColumns }, scope: DataScope): SQL | undefined {
  const cols = def.scope;
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'college':
      return cols?.college && scope.collegeIds.length ? inArray(cols.college, scope.collegeIds) : NOTHING;
    case 'department':
      return cols?.department && scope.departmentIds.length ? inArray(cols.department, scope.departmentIds) : NOTHING;
    case 'teaching':
      // Teaching classes arrive with the offerings module; until then a
      // teaching scope sees only the teacher's own record.
      return cols?.teacher && scope.teacherId ? eq(cols.teacher, scope.teacherId) : NOTHING;
    case 'self': {
      const parts: SQL[] = [];
      if (cols?.teacher && scope.teacherId) parts.push(eq(cols.teacher, scope.teacherId));
      if (cols?.student && scope.studentId) parts.push(eq(cols.student, scope.studentId));
      return parts.length ? or(...parts) : NOTHING;
    }
  }
}

/** A resource's scope function from the columns that anchor it (college, department, teacher, student). */
export function scopeByColumns(columns: ScopeColumns): ScopeCondition {
  return (scope) => scopeCondition({ scope: columns }, scope);
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type ListFilters = Record<string, string | number | boolean | undefined>;

function whereOf(def: ResourceDef, query: Partial<ListQuery>, filters: ListFilters, scope: DataScope) {
  const conds: (SQL | undefined)[] = [def.scope(scope)];
  if (def.softDelete) conds.push(isNull(def.softDelete));
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    conds.push(or(...def.search.map((c) => ilike(c, pattern))));
  }
  const columns: Record<string, SQL.Aliased | Parameters<typeof eq>[0]> = def.filters;
  for (const [key, value] of Object.entries(filters)) {
    const col = columns[key];
    if (col && value !== undefined && value !== '') conds.push(eq(col, value));
  }
  return and(...conds);
}

/** `select … from table` with the resource's joins. */
function base<S extends Record<string, Selected | SQL>>(db: Conn, def: ResourceDef, selection: S) {
  let qb = db.select(selection).from(def.table).$dynamic();
  // A join adds a table to FROM; the row type stays the one of `selection`.
  for (const join of def.joins ?? []) qb = qb.innerJoin(join.table, join.on) as typeof qb;
  return qb;
}

export type Row = Record<string, unknown>;

/** One page of a resource, already narrowed to the actor's scope. */
export async function findPage(
  db: Conn,
  def: ResourceDef,
  query: Partial<ListQuery>,
  filters: ListFilters,
  scope: DataScope,
): Promise<{ items: Row[]; total: number }> {
  const where = whereOf(def, query, filters, scope);
  const sorts: Record<string, Parameters<typeof asc>[0]> = def.sorts;
  const sortCol = (query.sort && sorts[query.sort]) || def.defaultSort;
  const order = query.order === 'desc' ? desc(sortCol) : asc(sortCol);
  const pageSize = query.pageSize ?? 20;
  const page = query.page ?? 1;
  const [items, [{ total }]] = await Promise.all([
    base(db, def, def.selection)
      .where(where)
      .orderBy(order, asc(def.table.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    base(db, def, { total: count() }).where(where),
  ]);
  return { items, total: Number(total) };
}

/** One row in scope (not soft-deleted), or null. */
export async function findById(db: Conn, def: ResourceDef, id: number, scope: DataScope): Promise<Row | null> {
  const conds = [eq(def.table.id, id), def.scope(scope)];
  if (def.softDelete) conds.push(isNull(def.softDelete));
  const [row] = await base(db, def, def.selection).where(and(...conds)).limit(1);
  return row ?? null;
}

export async function insertRow(tx: Tx, def: ResourceDef, values: Row): Promise<number> {
  // The values are the contract's validated input plus hook columns; their keys are the table's properties.
  const [row] = await tx.insert(def.table).values(values as PgInsertValue<typeof def.table>).returning({ id: def.table.id });
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
  const set = Object.keys(values).length ? values : { id };
  const rows = await tx
    .update(def.table)
    .set(set as PgUpdateSetSource<typeof def.table>)
    .where(and(eq(def.table.id, id), eq(def.table.version, version)))
    .returning({ id: def.table.id });
  return rows.length === 1;
}

/** Deletes (or soft-deletes) the row only at the given version; false when nothing matched. */
export async function deleteRowAtVersion(tx: Tx, def: ResourceDef, id: number, version: number): Promise<boolean> {
  const where = and(eq(def.table.id, id), eq(def.table.version, version));
  const rows = def.softDelete
    ? await tx.update(def.table).set({ [columnKey(def, def.softDelete)]: new Date() }).where(where).returning({ id: def.table.id })
    : await tx.delete(def.table).where(where).returning({ id: def.table.id });
  return rows.length === 1;
}

/** The table property of a column (Drizzle's `set` takes property names, not column names). */
function columnKey(def: ResourceDef, column: ResourceDef['defaultSort']): string {
  const entry = Object.entries(def.table).find(([, value]) => value === column);
  if (!entry) throw new Error(`column ${column.name} is not in the resource's table`);
  return entry[0];
}
