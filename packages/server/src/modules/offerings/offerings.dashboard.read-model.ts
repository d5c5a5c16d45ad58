import { asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { collegeName, joinCollege } from '../org/org.read-model.ts';
import { courseRequests, teachingClasses } from './offerings.tables.ts';

// School-wide figures of course requests and teaching classes for dashboards
// (the home page of the academic office and the leaders): grouped counts of
// one term, read only. Callers check that the reader may see every college.

/** Course requests of a term per college and status. */
export async function countRequestsByCollegeAndStatus(db: Db | Tx, termId: number) {
  const rows = await joinCollege(
    db
      .select({
        collegeId: courseRequests.collegeId,
        college: collegeName,
        status: courseRequests.status,
        count: sql<number>`count(*)::int`,
      })
      .from(courseRequests)
      .$dynamic(),
    courseRequests.collegeId,
  )
    .where(eq(courseRequests.termId, termId))
    .groupBy(courseRequests.collegeId, collegeName, courseRequests.status)
    .orderBy(asc(courseRequests.collegeId), asc(courseRequests.status));
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

/** Teaching classes of a term per college. */
export async function countClassesByCollege(db: Db | Tx, termId: number) {
  const rows = await joinCollege(
    db
      .select({ collegeId: teachingClasses.collegeId, college: collegeName, count: sql<number>`count(*)::int` })
      .from(teachingClasses)
      .$dynamic(),
    teachingClasses.collegeId,
  )
    .where(eq(teachingClasses.termId, termId))
    .groupBy(teachingClasses.collegeId, collegeName)
    .orderBy(asc(teachingClasses.collegeId));
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}
