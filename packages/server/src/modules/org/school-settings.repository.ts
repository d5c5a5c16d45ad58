import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { schoolSettings } from './school-settings.tables.ts';

export async function findSchoolSettings(db: Db | Tx) {
  const [row] = await db.select().from(schoolSettings).where(eq(schoolSettings.id, 1));
  return row ?? null;
}

/** The row locked until the transaction ends, so the audit's before-image is the value replaced. */
export async function findSchoolSettingsForUpdate(tx: Tx) {
  const [row] = await tx.select().from(schoolSettings).where(eq(schoolSettings.id, 1)).for('update');
  return row ?? null;
}

export async function saveSchoolSettings(tx: Tx, values: { timeZone: string; updatedAt: Date }) {
  await tx
    .insert(schoolSettings)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: schoolSettings.id, set: values });
}
