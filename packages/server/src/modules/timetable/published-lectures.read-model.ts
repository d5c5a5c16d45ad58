import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { teacherTimeBlocks, timetableVersionLectures } from './timetable.tables.ts';
import { findCurrentVersion } from './versions.repository.ts';

/**
 * The published timetable as other modules read it (exams: lectures at exam time, where classes
 * are taught). Only what a clash or a building needs, no names.
 */

type H = Db | Tx;

export interface LectureTime {
  teachingClassId: number;
  /** 1 = Monday. */
  day: number;
  startPeriod: number;
  length: number;
  /** Bit w − 1 ⇔ week w (odd/even weeks, a week-5-only make-up…). */
  weekMask: number;
  roomId: number | null;
  teacherIds: number[];
}

/** The placed lectures of the term's version in force; [] before anything was published. */
export async function findPublishedLectureTimes(db: H, termId: number): Promise<LectureTime[]> {
  const version = await findCurrentVersion(db, termId);
  if (!version) return [];
  const rows = await db
    .select({
      teachingClassId: timetableVersionLectures.teachingClassId,
      day: timetableVersionLectures.day,
      startPeriod: timetableVersionLectures.startPeriod,
      length: timetableVersionLectures.length,
      weekMask: timetableVersionLectures.weekMask,
      roomId: timetableVersionLectures.roomId,
      teacherIds: timetableVersionLectures.teacherIds,
    })
    .from(timetableVersionLectures)
    .where(eq(timetableVersionLectures.versionId, version.id));
  return rows.filter((r): r is LectureTime => r.day !== null && r.startPeriod !== null);
}

/** Teachers' weekly times they can never teach (timetable settings, kind `never`) in a term. */
export async function findTermNeverBlocks(db: H, termId: number) {
  return db
    .select({
      teacherId: teacherTimeBlocks.teacherId,
      day: teacherTimeBlocks.day,
      fromPeriod: teacherTimeBlocks.fromPeriod,
      toPeriod: teacherTimeBlocks.toPeriod,
    })
    .from(teacherTimeBlocks)
    .where(and(eq(teacherTimeBlocks.termId, termId), eq(teacherTimeBlocks.kind, 'never')));
}
