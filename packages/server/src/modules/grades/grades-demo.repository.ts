import type { Tx } from '../../db/client.ts';
import { gradeCorrections, gradeRecords, gradeSheets } from './grades.tables.ts';

/** Bulk writes of the demo school's grade history (sheets, draft records, the one correction). */

const CHUNK = 1000;

/** Inserts sheets; returns their ids in input order. */
export async function insertSheets(tx: Tx, rows: (typeof gradeSheets.$inferInsert)[]) {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const inserted = await tx
      .insert(gradeSheets)
      .values(rows.slice(i, i + CHUNK))
      .returning({ id: gradeSheets.id });
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

/** Draft records (not published: version 0) of a sheet being entered. */
export async function insertDraftRecords(tx: Tx, rows: (typeof gradeRecords.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(gradeRecords).values(rows.slice(i, i + CHUNK));
}

/** A correction request as it stands once decided; returns its id. */
export async function insertCorrection(tx: Tx, row: typeof gradeCorrections.$inferInsert) {
  const [inserted] = await tx.insert(gradeCorrections).values(row).returning({ id: gradeCorrections.id });
  return inserted.id;
}
