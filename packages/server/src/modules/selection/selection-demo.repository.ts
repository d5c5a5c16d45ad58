import type { Tx } from '../../db/client.ts';
import {
  enrolments,
  failedCourses,
  passedCourses,
  selectionHolds,
  selectionLotteryChoices,
  selectionStudentTerms,
} from './selection.tables.ts';

/** Bulk writes of the demo school's selection history (one INSERT per thousand rows). */

const CHUNK = 1000;

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

export async function insertEnrolmentRows(tx: Tx, rows: (typeof enrolments.$inferInsert)[]) {
  await inChunks(rows, (c) => tx.insert(enrolments).values(c));
}

export async function insertChoiceRows(tx: Tx, rows: (typeof selectionLotteryChoices.$inferInsert)[]) {
  await inChunks(rows, (c) => tx.insert(selectionLotteryChoices).values(c));
}

export async function insertPassedRows(tx: Tx, rows: (typeof passedCourses.$inferInsert)[]) {
  await inChunks(rows, (c) => tx.insert(passedCourses).values(c).onConflictDoNothing());
}

export async function insertFailedRows(tx: Tx, rows: (typeof failedCourses.$inferInsert)[]) {
  await inChunks(rows, (c) => tx.insert(failedCourses).values(c).onConflictDoNothing());
}

export async function insertHoldRows(tx: Tx, rows: (typeof selectionHolds.$inferInsert)[]) {
  await inChunks(rows, (c) => tx.insert(selectionHolds).values(c));
}

export async function insertStudentTermRows(tx: Tx, rows: (typeof selectionStudentTerms.$inferInsert)[]) {
  await inChunks(rows, (c) => tx.insert(selectionStudentTerms).values(c));
}
