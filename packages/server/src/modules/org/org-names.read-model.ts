import { inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { colleges } from './org.tables.ts';

/** College names by id, for texts that name a college another module only knows by id (a flow's condition). */
export async function findCollegeNames(db: Db | Tx, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: colleges.id, name: colleges.name }).from(colleges).where(inArray(colleges.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
