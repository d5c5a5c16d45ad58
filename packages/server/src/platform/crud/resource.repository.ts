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
async function countRows(db: Db | Tx, def: ResourceDef<any>, where: SQL | undefined, key: string): Promise<number> {
  const countNow = async () => Number((await base(db, def, { total: count() }).where(where))[0].total);
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
function forgetCounts(def: ResourceDef<any>) {
  for (const key of bigCounts.keys()) if (key.startsWith(`${def.key}|`)) bigCounts.delete(key);
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
  const [items, total] = await Promise.all([
    base(db, def, def.selection)
      .where(where)
      .orderBy(order, asc(def.table.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    countRows(db, def, where, `${def.key}|${JSON.stringify([query.q ?? '', filters, scope])}`),
  ]);
  return { items, total };
}

export async function findById(db: Db | Tx, def: ResourceDef<any>, id: number, scope: DataScope) {
  const conds = [eq(def.table.id, id), scopeCondition(def, scope)];
  if (def.softDelete) conds.push(isNull(def.softDelete));
  const [row] = await base(db, def, def.selection).where(and(...conds)).limit(1);
  return (row as Record<string, unknown> | undefined) ?? null;
}

export async function insertRow(tx: Tx, def: ResourceDef<any>, values: Record<string, unknown>) {
  const [row] = await tx.insert(def.table).values(values as never).returning({ id: def.table.id });
  forgetCounts(def);
  return row.id as number;
}

export async function updateRow(tx: Tx, def: ResourceDef<any>, id: number, values: Record<string, unknown>) {
  if (Object.keys(values).length === 0) return;
  forgetCounts(def);
  await tx.update(def.table).set(values as never).where(eq(def.table.id, id));
}

/** Deletes a row, or soft-deletes it at `at` (the caller's clock) when the resource keeps deleted rows. */
export async function deleteRow(tx: Tx, def: ResourceDef<any>, id: number, at: Date) {
  forgetCounts(def);
  if (def.softDelete) {
    await tx.update(def.table).set({ [def.softDelete.name === 'deleted_at' ? 'deletedAt' : def.softDelete.name]: at } as never).where(eq(def.table.id, id));
  } else {
    await tx.delete(def.table).where(eq(def.table.id, id));
  }
}
