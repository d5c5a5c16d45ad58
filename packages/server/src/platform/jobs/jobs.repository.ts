import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { jobs } from '../jobs.tables.ts';

export type JobRow = typeof jobs.$inferSelect;

export async function insertJob(db: Db, values: typeof jobs.$inferInsert) {
  const [row] = await db.insert(jobs).values(values).returning();
  return row;
}

export async function updateJob(db: Db, id: number, values: Partial<typeof jobs.$inferInsert>) {
  await db.update(jobs).set(values).where(eq(jobs.id, id));
}

export async function findJob(db: Db, id: number) {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row ?? null;
}

/** Jobs left running by a process that died: marked failed at start-up. */
export async function failStaleJobs(db: Db, at: Date) {
  await db
    .update(jobs)
    .set({ status: 'failed', error: { code: 'internal' }, finishedAt: at })
    .where(inArray(jobs.status, ['queued', 'running']));
}
