import { and, asc, count, desc, eq, ilike, isNull, or, type SQL } from 'drizzle-orm';
import type { ListQuery } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { scopeSql, type DataScope } from '../access.ts';
import type { ResourceDef } from './resource.types.ts';

/** Turns a data scope into a WHERE condition on the resource's scope columns (see `scopeSql`). */
export function scopeCondition(def: ResourceDef<any>, scope: DataScope): SQL | undefined {
  return scopeSql(scope, def.scope);
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type ListFilters = Record<string, string | number | boolean | undefined>;

function whereOf(def: ResourceDef<any>, query: Partial<ListQuery>, filters: ListFilters, scope: DataScope) {
  const conds: (SQL | undefined)[] = [scopeCondition(def, scope)];
  if (def.softDelete) conds.push(isNull(def.softDelete));
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    conds.push(or(...def.search.map((c) => ilike(c, pattern))));
  }
  for (const [key, value] of Object.entries(filters)) {
    const col = def.filters[key];
    if (col && value !== undefined && value !== '') conds.push(eq(col, value));
  }
  return and(...conds);
}

function base(db: Db | Tx, def: ResourceDef<any>, selection: Record<string, unknown>) {
  const qb = (db as Db).select(selection as never).from(def.table as never);
  return def.joins ? def.joins(qb) : qb;
}

/** One page of a resource, already narrowed to the actor's scope. */
export async function findPage(
  db: Db | Tx,
  def: ResourceDef<any>,
  query: Partial<ListQuery>,
  filters: ListFilters,
  scope: DataScope,
): Promise<{ items: Record<string, unknown>[]; total: number }> {
  const where = whereOf(def, query, filters, scope);
  const sortCol = (query.sort && def.sorts[query.sort]) || def.defaultSort;
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

export async function findById(db: Db | Tx, def: ResourceDef<any>, id: number, scope: DataScope) {
  const conds = [eq(def.table.id, id), scopeCondition(def, scope)];
  if (def.softDelete) conds.push(isNull(def.softDelete));
  const [row] = await base(db, def, def.selection).where(and(...conds)).limit(1);
  return (row as Record<string, unknown> | undefined) ?? null;
}

export async function insertRow(tx: Tx, def: ResourceDef<any>, values: Record<string, unknown>) {
  const [row] = await tx.insert(def.table).values(values as never).returning({ id: def.table.id });
  return row.id as number;
}

export async function updateRow(tx: Tx, def: ResourceDef<any>, id: number, values: Record<string, unknown>) {
  if (Object.keys(values).length === 0) return;
  await tx.update(def.table).set(values as never).where(eq(def.table.id, id));
}

/** Deletes a row, or soft-deletes it at `at` (the caller's clock) when the resource keeps deleted rows. */
export async function deleteRow(tx: Tx, def: ResourceDef<any>, id: number, at: Date) {
  if (def.softDelete) {
    await tx.update(def.table).set({ [def.softDelete.name === 'deleted_at' ? 'deletedAt' : def.softDelete.name]: at } as never).where(eq(def.table.id, id));
  } else {
    await tx.delete(def.table).where(eq(def.table.id, id));
  }
}
