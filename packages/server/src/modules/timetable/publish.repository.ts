import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { calendarFeeds, timetableDraftLectures, timetableDrafts, timetableVersionLectures, timetableVersions } from './timetable.tables.ts';

type H = Db | Tx;

export { findDraft, findDraftLectures, lockDraft } from './drafts.repository.ts';

/**
 * Moves a draft from one status to another; null when it was not in `from` any more (a
 * parallel submit or approval got there first), so the caller refuses instead of overwriting.
 */
export async function setDraftStatus(
  tx: Tx,
  id: number,
  from: string[],
  to: { status: string; workflowInstanceId?: number | null },
  at: Date,
) {
  const [row] = await tx
    .update(timetableDrafts)
    .set({ ...to, updatedAt: at, version: sql`${timetableDrafts.version} + 1` })
    .where(and(eq(timetableDrafts.id, id), inArray(timetableDrafts.status, from)))
    .returning();
  return row ?? null;
}

/** Versions of a term, newest first, with who published them and how many lectures they hold. */
export async function findVersionSummaries(db: H, termId: number) {
  const rows = await db
    .select()
    .from(timetableVersions)
    .where(eq(timetableVersions.termId, termId))
    .orderBy(desc(timetableVersions.versionNo));
  if (!rows.length) return [];
  const counts = await db
    .select({ versionId: timetableVersionLectures.versionId, n: count() })
    .from(timetableVersionLectures)
    .where(
      inArray(
        timetableVersionLectures.versionId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(timetableVersionLectures.versionId);
  const byVersion = new Map(counts.map((c) => [c.versionId, Number(c.n)]));
  return rows.map((r) => ({ ...r, lectureCount: byVersion.get(r.id) ?? 0 }));
}

// ---------------------------------------------------------------- calendar feeds

/**
 * Live feeds whose token starts like this one (the first characters only): the caller compares
 * the whole token in constant time, so response times do not reveal how much of a guess matched.
 */
export async function findLiveFeedsByTokenPrefix(db: H, prefix: string) {
  return db
    .select()
    .from(calendarFeeds)
    .where(and(sql`left(${calendarFeeds.token}, ${prefix.length}) = ${prefix}`, isNull(calendarFeeds.revokedAt)));
}

export async function touchFeed(db: H, id: number, at: Date) {
  await db.update(calendarFeeds).set({ lastUsedAt: at }).where(eq(calendarFeeds.id, id));
}

/** Live feeds an account created (its own, or rooms/people the office subscribed to). */
export async function findFeedsOf(db: H, userId: number) {
  return db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.createdBy, userId), isNull(calendarFeeds.revokedAt)))
    .orderBy(desc(calendarFeeds.id));
}

export async function findFeed(db: H, id: number) {
  const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.id, id));
  return row ?? null;
}

/** Revokes the live feeds of an owner made by this account (a rotation keeps one live address). */
export async function revokeFeedsOfOwner(tx: Tx, userId: number, ownerKind: string, ownerId: number, at: Date) {
  return tx
    .update(calendarFeeds)
    .set({ revokedAt: at })
    .where(
      and(
        eq(calendarFeeds.createdBy, userId),
        eq(calendarFeeds.ownerKind, ownerKind),
        eq(calendarFeeds.ownerId, ownerId),
        isNull(calendarFeeds.revokedAt),
      ),
    )
    .returning({ id: calendarFeeds.id });
}

export async function revokeFeed(tx: Tx, id: number, at: Date) {
  const [row] = await tx
    .update(calendarFeeds)
    .set({ revokedAt: at })
    .where(and(eq(calendarFeeds.id, id), isNull(calendarFeeds.revokedAt)))
    .returning();
  return row ?? null;
}

export async function insertFeed(tx: Tx, values: typeof calendarFeeds.$inferInsert) {
  const [row] = await tx.insert(calendarFeeds).values(values).returning();
  return row;
}

export async function countDrafts(db: H, termId: number) {
  const [{ n }] = await db.select({ n: count() }).from(timetableDrafts).where(eq(timetableDrafts.termId, termId));
  return n;
}

/** Terms with a published timetable, newest start first (a feed spans them). */
export async function findPublishedTermIds(db: H) {
  const rows = await db.selectDistinct({ termId: timetableVersions.termId }).from(timetableVersions);
  return rows.map((r) => r.termId);
}

/** A draft with its lectures (seeds and tests; the solver writes drafts its own way). */
export async function insertDraftWithLectures(
  tx: Tx,
  termId: number,
  name: string,
  lectures: readonly {
    lectureKey: string;
    teachingClassId: number;
    sessionIndex: number;
    day: number | null;
    startPeriod: number | null;
    length: number;
    weekMask: number;
    roomId: number | null;
    teacherIds: number[];
  }[],
  basedOnVersionId: number | null = null,
) {
  const [draft] = await tx.insert(timetableDrafts).values({ termId, name, basedOnVersionId }).returning();
  for (let i = 0; i < lectures.length; i += 1000)
    await tx.insert(timetableDraftLectures).values(lectures.slice(i, i + 1000).map((l) => ({ draftId: draft.id, ...l })));
  return draft;
}
