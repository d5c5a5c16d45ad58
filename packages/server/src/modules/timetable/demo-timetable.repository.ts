import type { Tx } from '../../db/client.ts';
import { teacherTimeBlocks, timetableLinks, timetableSettings } from './timetable.tables.ts';

// Bulk writes of the demo term's timetabling inputs (the seed only).

export async function insertSettingsRows(tx: Tx, rows: (typeof timetableSettings.$inferInsert)[]) {
  if (rows.length) await tx.insert(timetableSettings).values(rows);
}

export async function insertTeacherBlockRows(tx: Tx, rows: (typeof teacherTimeBlocks.$inferInsert)[]) {
  if (rows.length) await tx.insert(teacherTimeBlocks).values(rows);
}

export async function insertLinkRows(tx: Tx, rows: (typeof timetableLinks.$inferInsert)[]) {
  if (rows.length) await tx.insert(timetableLinks).values(rows);
}
