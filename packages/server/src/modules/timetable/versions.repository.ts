import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { timetableVersionLectures, timetableVersions } from './timetable.tables.ts';
import type { LectureRowLike } from './term-facts.ts';

type H = Db | Tx;

/** A lecture as a version stores it (placed: a published timetable has no unplaced lecture). */
export interface VersionLecture extends LectureRowLike {
  day: number;
  startPeriod: number;
  kind?: 'regular' | 'makeup' | 'substitute';
}

/** The version in force of a term (highest number), or null before anything was published. */
export async function findCurrentVersion(db: H, termId: number) {
  const [row] = await db
    .select()
    .from(timetableVersions)
    .where(eq(timetableVersions.termId, termId))
    .orderBy(desc(timetableVersions.versionNo))
    .limit(1);
  return row ?? null;
}

export async function findVersion(db: H, versionId: number) {
  const [row] = await db.select().from(timetableVersions).where(eq(timetableVersions.id, versionId));
  return row ?? null;
}

export async function listVersions(db: H, termId: number) {
  return db.select().from(timetableVersions).where(eq(timetableVersions.termId, termId)).orderBy(desc(timetableVersions.versionNo));
}

/** Every lecture of a version (a term has ~1,500; the pages and the checker read them whole). */
export async function findVersionLectures(db: H, versionId: number) {
  return db
    .select()
    .from(timetableVersionLectures)
    .where(eq(timetableVersionLectures.versionId, versionId))
    .orderBy(timetableVersionLectures.day, timetableVersionLectures.startPeriod, timetableVersionLectures.lectureKey);
}

/**
 * Writes the next version of a term with these lectures, inside the caller's transaction.
 * The term's row of versions is locked first, so two publications or two approved changes at
 * once get consecutive numbers instead of one failing on the unique index.
 */
export async function insertVersion(
  tx: Tx,
  termId: number,
  meta: {
    source: 'publish' | 'change' | 'resolve';
    draftId?: number | null;
    changeRequestId?: number | null;
    note?: string | null;
    publishedBy: number | null;
    at: Date;
  },
  lectures: readonly VersionLecture[],
) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('timetable_versions'), ${termId})`);
  const [{ next }] = await tx
    .select({ next: sql<number>`coalesce(max(${timetableVersions.versionNo}), 0)::int + 1` })
    .from(timetableVersions)
    .where(eq(timetableVersions.termId, termId));
  const [version] = await tx
    .insert(timetableVersions)
    .values({
      termId,
      versionNo: next,
      source: meta.source,
      draftId: meta.draftId ?? null,
      changeRequestId: meta.changeRequestId ?? null,
      note: meta.note ?? null,
      publishedBy: meta.publishedBy,
      publishedAt: meta.at,
    })
    .returning();
  // PGlite and PostgreSQL cap bind parameters at 65,535: 11 columns × 1,000 rows stays below.
  for (let i = 0; i < lectures.length; i += 1000) {
    const chunk = lectures.slice(i, i + 1000);
    await tx.insert(timetableVersionLectures).values(
      chunk.map((l) => ({
        versionId: version.id,
        lectureKey: l.lectureKey,
        teachingClassId: l.teachingClassId,
        sessionIndex: l.sessionIndex,
        day: l.day,
        startPeriod: l.startPeriod,
        length: l.length,
        weekMask: l.weekMask,
        roomId: l.roomId,
        teacherIds: l.teacherIds,
        kind: l.kind ?? 'regular',
      })),
    );
  }
  return version;
}

/** Whether a term has a version with this number (old versions stay readable). */
export async function findVersionByNo(db: H, termId: number, versionNo: number) {
  const [row] = await db
    .select()
    .from(timetableVersions)
    .where(and(eq(timetableVersions.termId, termId), eq(timetableVersions.versionNo, versionNo)));
  return row ?? null;
}
