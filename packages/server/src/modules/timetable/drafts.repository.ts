import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { findJobStates } from '../../platform/jobs/jobs.repository.ts';
import { timetableDraftLectures, timetableDrafts } from './timetable.tables.ts';

type H = Db | Tx;
export type DraftRow = typeof timetableDrafts.$inferSelect;
export type DraftLectureRow = typeof timetableDraftLectures.$inferSelect;
export type NewDraftLecture = Omit<typeof timetableDraftLectures.$inferInsert, 'id' | 'draftId'>;

/** Job states in which a draft counts as being solved. */
export const ACTIVE_JOB_STATUSES = ['queued', 'running'];

export async function findDrafts(db: H, termId: number) {
  return db.select().from(timetableDrafts).where(eq(timetableDrafts.termId, termId)).orderBy(desc(timetableDrafts.id));
}

export async function findDraft(db: H, id: number): Promise<DraftRow | null> {
  const [row] = await db.select().from(timetableDrafts).where(eq(timetableDrafts.id, id));
  return row ?? null;
}

/** The draft row locked for the rest of the transaction (edits, solves and deletes queue behind each other). */
export async function lockDraft(tx: Tx, id: number): Promise<DraftRow | null> {
  const [row] = await tx.select().from(timetableDrafts).where(eq(timetableDrafts.id, id)).for('update');
  return row ?? null;
}

/** Placed and total lectures per draft. */
export async function countLectures(db: H, draftIds: number[]) {
  if (draftIds.length === 0) return new Map<number, { placed: number; total: number }>();
  const rows = await db
    .select({
      draftId: timetableDraftLectures.draftId,
      total: sql<number>`count(*)::int`,
      placed: sql<number>`count(${timetableDraftLectures.day})::int`,
    })
    .from(timetableDraftLectures)
    .where(inArray(timetableDraftLectures.draftId, draftIds))
    .groupBy(timetableDraftLectures.draftId);
  return new Map(rows.map((r) => [r.draftId, { placed: r.placed, total: r.total }]));
}

/** The jobs behind drafts (their last solve): status and live detail. */
export const findJobsByIds = findJobStates;

export async function findJobStatus(db: H, id: number | null): Promise<string | null> {
  if (id === null) return null;
  return (await findJobStates(db, [id])).get(id)?.status ?? null;
}

export async function insertDraft(tx: Tx, values: typeof timetableDrafts.$inferInsert) {
  const [row] = await tx.insert(timetableDrafts).values(values).returning();
  return row;
}

export async function findDraftLectures(db: H, draftId: number) {
  return db
    .select()
    .from(timetableDraftLectures)
    .where(eq(timetableDraftLectures.draftId, draftId))
    .orderBy(timetableDraftLectures.lectureKey);
}

/** Writes a draft's lectures anew (a solve replaces them all), in chunks under the bind-parameter cap. */
export async function replaceDraftLectures(tx: Tx, draftId: number, rows: readonly NewDraftLecture[]) {
  await tx.delete(timetableDraftLectures).where(eq(timetableDraftLectures.draftId, draftId));
  for (let i = 0; i < rows.length; i += 1000)
    await tx.insert(timetableDraftLectures).values(rows.slice(i, i + 1000).map((r) => ({ ...r, draftId })));
}

export async function updateDraft(tx: Tx, id: number, set: Partial<typeof timetableDrafts.$inferInsert>, at: Date) {
  const [row] = await tx
    .update(timetableDrafts)
    .set({ ...set, updatedAt: at })
    .where(eq(timetableDrafts.id, id))
    .returning();
  return row;
}

/** Bumps the version (every change of a draft or its lectures) with other fields. */
export async function bumpDraft(tx: Tx, id: number, set: Partial<typeof timetableDrafts.$inferInsert>, at: Date) {
  const [row] = await tx
    .update(timetableDrafts)
    .set({ ...set, version: sql`${timetableDrafts.version} + 1`, updatedAt: at })
    .where(eq(timetableDrafts.id, id))
    .returning();
  return row;
}

export async function deleteDraft(tx: Tx, id: number) {
  await tx.delete(timetableDrafts).where(and(eq(timetableDrafts.id, id)));
}
