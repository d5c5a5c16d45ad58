import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { gradeSettings } from './grades.tables.ts';

export async function findGradeSettings(db: Db | Tx) {
  const [row] = await db.select().from(gradeSettings).where(eq(gradeSettings.id, 1));
  return row ?? null;
}

/** The row locked until the transaction ends, so the audit's before-image is the value replaced. */
export async function findGradeSettingsForUpdate(tx: Tx) {
  const [row] = await tx.select().from(gradeSettings).where(eq(gradeSettings.id, 1)).for('update');
  return row ?? null;
}

export async function saveGradeSettings(tx: Tx, values: Omit<typeof gradeSettings.$inferInsert, 'id'>) {
  await tx
    .insert(gradeSettings)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: gradeSettings.id, set: values });
}
