import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { selectionClassSeats, selectionSeatReleases, selectionWaitlist } from './selection.tables.ts';

/**
 * The SQL of seat release in a random window (see seat-release.ts): a dropped seat moves from
 * `enrolled` to `held` on the class's seat row (the capacity CHECK counts both, so nobody can take
 * it), and a `selection_seat_releases` row says when it becomes free.
 */

type H = Db | Tx;
export type SeatReleaseRow = typeof selectionSeatReleases.$inferSelect;

/** Whether anybody waits for the class: then a freed seat goes to them at once, never held. */
export async function hasWaiting(db: H, teachingClassId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: selectionWaitlist.id })
    .from(selectionWaitlist)
    .where(and(eq(selectionWaitlist.teachingClassId, teachingClassId), eq(selectionWaitlist.status, 'waiting')))
    .limit(1);
  return row !== undefined;
}

/** Holds one seat the drop just gave back (enrolled was lowered by it): the seat stays out of reach until released. */
export async function holdSeat(tx: Tx, values: typeof selectionSeatReleases.$inferInsert): Promise<SeatReleaseRow> {
  await tx
    .update(selectionClassSeats)
    .set({ held: sql`${selectionClassSeats.held} + 1`, updatedAt: values.droppedAt })
    .where(eq(selectionClassSeats.teachingClassId, values.teachingClassId));
  const [row] = await tx.insert(selectionSeatReleases).values(values).returning();
  return row;
}

/** Ids of the releases due at `now`, oldest first. */
export async function findDueReleaseIds(db: H, now: Date, limit = 200): Promise<number[]> {
  const rows = await db
    .select({ id: selectionSeatReleases.id })
    .from(selectionSeatReleases)
    .where(and(isNull(selectionSeatReleases.releasedAt), lte(selectionSeatReleases.releaseAt, now)))
    .orderBy(asc(selectionSeatReleases.releaseAt), asc(selectionSeatReleases.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * Marks a due release done and gives its seat back, or null when another runner already did: the
 * conditional UPDATE is what makes a release happen exactly once across processes (a second
 * runner waits for the first's row lock, then finds `released_at` set).
 */
export async function claimRelease(tx: Tx, id: number, now: Date): Promise<SeatReleaseRow | null> {
  const [row] = await tx
    .update(selectionSeatReleases)
    .set({ releasedAt: now })
    .where(and(eq(selectionSeatReleases.id, id), isNull(selectionSeatReleases.releasedAt), lte(selectionSeatReleases.releaseAt, now)))
    .returning();
  if (!row) return null;
  await tx
    .update(selectionClassSeats)
    .set({ held: sql`${selectionClassSeats.held} - 1`, updatedAt: now })
    .where(and(eq(selectionClassSeats.teachingClassId, row.teachingClassId), sql`${selectionClassSeats.held} > 0`));
  return row;
}

/** The releases of a class (tests and the office's questions: when does this seat come back?). */
export async function findClassReleases(db: H, teachingClassId: number): Promise<SeatReleaseRow[]> {
  return db
    .select()
    .from(selectionSeatReleases)
    .where(eq(selectionSeatReleases.teachingClassId, teachingClassId))
    .orderBy(asc(selectionSeatReleases.id));
}
