import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, IndexedColumn, type PgTable } from 'drizzle-orm/pg-core';

/**
 * Which API field a database constraint guards, by constraint name: a
 * violated foreign key or unique constraint is reported on that field
 * (`translateDbError`). Each `*.tables.ts` exports its map beside its tables.
 */
export type ConstraintFields = Record<string, string>;

/**
 * The constraint → field map of some tables, read from their definitions so it
 * cannot drift from them: each foreign key and unique constraint or index maps
 * to the property name of its (first) column, e.g. `buildings_campus_id_campuses_id_fk`
 * → `campusId`. Pass `overrides` where the API names the field differently.
 */
export function constraintFieldsOf(tables: PgTable[], overrides: ConstraintFields = {}): ConstraintFields {
  const map: ConstraintFields = {};
  for (const table of tables) {
    // By database column name: what foreign keys, unique columns and index columns all carry.
    const keyOf = new Map<string, string>(Object.entries(getTableColumns(table)).map(([key, col]) => [col.name, key]));
    const config = getTableConfig(table);
    for (const fk of config.foreignKeys) {
      const [col] = fk.reference().columns;
      if (col) map[fk.getName()] = keyOf.get(col.name) ?? col.name;
    }
    for (const col of config.columns) {
      if (col.isUnique && col.uniqueName) map[col.uniqueName] = keyOf.get(col.name) ?? col.name;
    }
    for (const index of config.indexes) {
      const [col] = index.config.columns;
      if (index.config.unique && index.config.name && col instanceof IndexedColumn && col.name) {
        map[index.config.name] = keyOf.get(col.name) ?? col.name;
      }
    }
  }
  return { ...map, ...overrides };
}
