import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { roomBookings } from './timetable.tables.ts';

type H = Db | Tx;

/**
 * Serializes every write that can take a slot of a term's rooms: bookings and new timetable
 * versions share the term's lock (the one insertVersion takes), and a booking also takes its
 * room's, so two bookings of one slot cannot both see it free (PostgreSQL; PGlite has one
 * connection anyway). Advisory locks are re-entrant within a transaction.
 */
export async function lockRoomSlots(tx: Tx, termId: number, roomId: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('timetable_versions'), ${termId})`);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('room_bookings'), ${roomId})`);
}

/** The term's timetable lock alone (applying a change re-checks under it). */
export async function lockTermTimetable(tx: Tx, termId: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('timetable_versions'), ${termId})`);
}

export async function insertBooking(tx: Tx, values: typeof roomBookings.$inferInsert) {
  const [row] = await tx.insert(roomBookings).values(values).returning();
  return row;
}

export async function findBooking(db: H, id: number) {
  const [row] = await db.select().from(roomBookings).where(eq(roomBookings.id, id));
  return row ?? null;
}

/** Cancels a booking that still holds; null when it was already cancelled (or never existed). */
export async function cancelBooking(tx: Tx, id: number, by: number | null, at: Date) {
  const [row] = await tx
    .update(roomBookings)
    .set({ cancelledAt: at, cancelledBy: by })
    .where(and(eq(roomBookings.id, id), isNull(roomBookings.cancelledAt)))
    .returning();
  return row ?? null;
}

export async function findBookingsPage(
  db: H,
  f: { termId: number; roomId?: number; includeCancelled: boolean },
  page: { page: number; pageSize: number },
) {
  const where = and(
    eq(roomBookings.termId, f.termId),
    f.roomId ? eq(roomBookings.roomId, f.roomId) : undefined,
    f.includeCancelled ? undefined : isNull(roomBookings.cancelledAt),
  );
  const [items, [{ n }]] = await Promise.all([
    db
      .select()
      .from(roomBookings)
      .where(where)
      .orderBy(desc(roomBookings.createdAt), desc(roomBookings.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: count() }).from(roomBookings).where(where),
  ]);
  return { items, total: Number(n) };
}
