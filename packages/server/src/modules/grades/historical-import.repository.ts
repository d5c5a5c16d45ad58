import { inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { gradeRecords } from './grades.tables.ts';

const CHUNK = 5000;

/**
 * The attempts already recorded for these students: "studentId:courseId:termId:attempt" → record
 * id, read in chunks of students (a 100,000-row import names a few thousand).
 */
export async function findAttemptKeys(db: Db | Tx, studentIds: readonly number[]) {
  const keys = new Set<string>();
  const ids = [...new Set(studentIds)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .select({ s: gradeRecords.studentId, c: gradeRecords.courseId, t: gradeRecords.termId, a: gradeRecords.attempt })
      .from(gradeRecords)
      .where(inArray(gradeRecords.studentId, ids.slice(i, i + CHUNK)));
    for (const r of rows) keys.add(`${r.s}:${r.c}:${r.t}:${r.a}`);
  }
  return keys;
}
