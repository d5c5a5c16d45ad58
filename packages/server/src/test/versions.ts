import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/** Tables of the generic CRUD resources (each has a `version` bumped on every update). */
type CrudTableName =
  | 'terms'
  | 'campuses'
  | 'buildings'
  | 'rooms'
  | 'colleges'
  | 'departments'
  | 'majors'
  | 'admin_classes'
  | 'teachers'
  | 'students'
  | 'courses';

/** The current version of a record, for tests that edit it over HTTP (PATCH/DELETE require the version read). */
export async function versionOf(db: Db, table: CrudTableName, id: number): Promise<number> {
  const result = (await db.execute(sql`select version from ${sql.identifier(table)} where id = ${id}`)) as { rows: unknown[] };
  const row = result.rows[0] as { version?: unknown } | undefined;
  if (!row) throw new Error(`${table} ${id} does not exist`);
  return Number(row.version);
}

/** Request options of a DELETE at the record's current version. */
export async function ifMatch(db: Db, table: CrudTableName, id: number) {
  return { headers: { 'if-match': String(await versionOf(db, table, id)) } };
}
