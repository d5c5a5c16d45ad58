import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { timetableDraftEdits, timetableDraftLectures, timetableDrafts } from './timetable.tables.ts';

type H = Db | Tx;

/** What an edit changes of a lecture, before and after (the undo button restores `before`). */
export interface LectureState {
  lectureKey: string;
  day: number | null;
  startPeriod: number | null;
  length: number;
  weekMask: number;
  roomId: number | null;
  lockTime: boolean;
  lockRoom: boolean;
}

// A draft and its lectures are read the one way the drafts module reads them.
export { findDraft, findDraftLectures, type DraftLectureRow } from './drafts.repository.ts';

/**
 * Claims the next version of an editable draft: bumps it only when it still is at the version
 * the client read and in status draft. The row lock this takes serialises concurrent edits of one
 * draft; null when the draft is missing, not editable or moved on (the caller tells which).
 */
export async function claimDraftVersion(tx: Tx, id: number, expectedVersion: number, at: Date) {
  const [row] = await tx
    .update(timetableDrafts)
    .set({ version: sql`${timetableDrafts.version} + 1`, updatedAt: at })
    .where(and(eq(timetableDrafts.id, id), eq(timetableDrafts.version, expectedVersion), eq(timetableDrafts.status, 'draft')))
    .returning();
  return row ?? null;
}

/** Writes the new state of some lectures of a draft (by key). */
export async function updateLectureStates(tx: Tx, draftId: number, states: readonly LectureState[]) {
  for (const s of states)
    await tx
      .update(timetableDraftLectures)
      .set({
        day: s.day,
        startPeriod: s.startPeriod,
        weekMask: s.weekMask,
        roomId: s.roomId,
        lockTime: s.lockTime,
        lockRoom: s.lockRoom,
      })
      .where(and(eq(timetableDraftLectures.draftId, draftId), eq(timetableDraftLectures.lectureKey, s.lectureKey)));
}

export async function insertDraftEdit(
  tx: Tx,
  values: { draftId: number; kind: string; before: LectureState[]; after: LectureState[]; actorUserId: number | null; at: Date },
) {
  const [row] = await tx
    .insert(timetableDraftEdits)
    .values({
      draftId: values.draftId,
      kind: values.kind,
      before: values.before,
      after: values.after,
      actorUserId: values.actorUserId,
      createdAt: values.at,
    })
    .returning({ id: timetableDraftEdits.id });
  return row.id;
}

/** The edit the undo button takes back: the latest one not yet undone. */
export async function findLastUndoableEdit(db: H, draftId: number) {
  const [row] = await db
    .select()
    .from(timetableDraftEdits)
    .where(and(eq(timetableDraftEdits.draftId, draftId), isNull(timetableDraftEdits.undoneAt)))
    .orderBy(desc(timetableDraftEdits.id))
    .limit(1);
  return row ?? null;
}

export async function markEditUndone(tx: Tx, editId: number, at: Date) {
  await tx.update(timetableDraftEdits).set({ undoneAt: at }).where(eq(timetableDraftEdits.id, editId));
}

export async function countUndoableEdits(db: H, draftId: number) {
  const [row] = await db
    .select({ n: count() })
    .from(timetableDraftEdits)
    .where(and(eq(timetableDraftEdits.draftId, draftId), isNull(timetableDraftEdits.undoneAt)));
  return row.n;
}

/**
 * A draft with its lectures in one go. Drafts are made by the solve module; this one serves
 * test fixtures of manual editing, which must not depend on a solver run.
 */
export async function insertDraftWithLectures(
  db: Db,
  draft: { termId: number; name: string; status: string },
  lectures: readonly Omit<typeof timetableDraftLectures.$inferInsert, 'draftId'>[],
) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(timetableDrafts).values(draft).returning();
    if (lectures.length) await tx.insert(timetableDraftLectures).values(lectures.map((l) => ({ ...l, draftId: row.id })));
    return row;
  });
}
