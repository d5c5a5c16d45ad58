import { and, asc, eq, gt, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { enrolments, selectionClassSeats, selectionReservedSeats, selectionRoundClasses, selectionWaitlist } from './selection.tables.ts';
import type { EnrolmentRow, SeatRow } from './selection.repository.ts';

/**
 * The SQL of the office's class tools (class-tools.service.ts). Every change of a class's seats
 * goes through its `selection_class_seats` row: it is locked (or updated conditionally) first,
 * which serialises the office's change with the students' seat takes on the same row.
 */

type H = Db | Tx;
export type ReservedSeatRow = typeof selectionReservedSeats.$inferSelect;

/** The class's seat row, locked until the transaction ends; null when the class is not in selection. */
export async function lockSeat(tx: Tx, teachingClassId: number): Promise<SeatRow | null> {
  const [row] = await tx.select().from(selectionClassSeats).where(eq(selectionClassSeats.teachingClassId, teachingClassId)).for('update');
  return row ?? null;
}

/**
 * Sets the capacity only if it still holds everybody enrolled and every seat held back for a
 * random-window release: one conditional UPDATE, so a student's seat take racing the office's
 * lowering cannot slip in between a read and the write. Null when `enrolled + held` exceeds the
 * new capacity (or the class has no seat row).
 */
export async function setCapacityIfHolds(tx: Tx, teachingClassId: number, capacity: number, at: Date): Promise<SeatRow | null> {
  const [row] = await tx
    .update(selectionClassSeats)
    .set({ capacity, updatedAt: at })
    .where(
      and(
        eq(selectionClassSeats.teachingClassId, teachingClassId),
        sql`${selectionClassSeats.enrolled} + ${selectionClassSeats.held} <= ${capacity}`,
      ),
    )
    .returning();
  return row ?? null;
}

/** A plain seat of the class for a student the office moves (合班): `enrolled + held < capacity` or nothing. */
export async function takePlainSeat(tx: Tx, teachingClassId: number, at: Date): Promise<boolean> {
  const [row] = await tx
    .update(selectionClassSeats)
    .set({ enrolled: sql`${selectionClassSeats.enrolled} + 1`, updatedAt: at })
    .where(
      and(
        eq(selectionClassSeats.teachingClassId, teachingClassId),
        sql`${selectionClassSeats.enrolled} + ${selectionClassSeats.held} < ${selectionClassSeats.capacity}`,
      ),
    )
    .returning({ enrolled: selectionClassSeats.enrolled });
  return !!row;
}

/** The class's enrolled rows, oldest first. */
export async function findClassEnrolments(db: H, teachingClassId: number): Promise<EnrolmentRow[]> {
  return db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.teachingClassId, teachingClassId), eq(enrolments.status, 'enrolled')))
    .orderBy(asc(enrolments.id));
}

export async function countWaiting(db: H, teachingClassId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(selectionWaitlist)
    .where(and(eq(selectionWaitlist.teachingClassId, teachingClassId), eq(selectionWaitlist.status, 'waiting')));
  return row?.n ?? 0;
}

/** Closes every waiting entry of the class (it is cancelled); returns how many. */
export async function closeClassWaitlist(tx: Tx, teachingClassId: number, at: Date): Promise<number> {
  const rows = await tx
    .update(selectionWaitlist)
    .set({ status: 'closed', resolvedAt: at })
    .where(and(eq(selectionWaitlist.teachingClassId, teachingClassId), eq(selectionWaitlist.status, 'waiting')))
    .returning({ id: selectionWaitlist.id });
  return rows.length;
}

/** Takes the class out of every round that opens it (a cancelled class is cancelled for the term). */
export async function removeClassFromRounds(tx: Tx, teachingClassId: number): Promise<number[]> {
  const rows = await tx
    .delete(selectionRoundClasses)
    .where(eq(selectionRoundClasses.teachingClassId, teachingClassId))
    .returning({ roundId: selectionRoundClasses.roundId });
  return rows.map((r) => r.roundId);
}

/**
 * Closes a cancelled class's seats: capacity 0, only once nobody is enrolled; seats held back for
 * a random-window release go with it (their release then finds nothing to give back). False when a
 * student's take committed meanwhile (the caller drops them too and tries again); a take that is
 * still waiting for this row re-checks against capacity 0 and is refused as full.
 */
export async function closeSeats(tx: Tx, teachingClassId: number, at: Date): Promise<boolean> {
  const [row] = await tx
    .update(selectionClassSeats)
    .set({ capacity: 0, held: 0, updatedAt: at })
    .where(and(eq(selectionClassSeats.teachingClassId, teachingClassId), eq(selectionClassSeats.enrolled, 0)))
    .returning({ id: selectionClassSeats.teachingClassId });
  return !!row;
}

/** The other classes open in a round (candidates for alternatives). */
export async function findRoundClassIds(db: H, roundId: number): Promise<number[]> {
  const rows = await db
    .select({ id: selectionRoundClasses.teachingClassId })
    .from(selectionRoundClasses)
    .where(eq(selectionRoundClasses.roundId, roundId));
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------- reserved seats 预留名额

export async function listReservedSeats(db: H, teachingClassId: number): Promise<ReservedSeatRow[]> {
  return db
    .select()
    .from(selectionReservedSeats)
    .where(eq(selectionReservedSeats.teachingClassId, teachingClassId))
    .orderBy(asc(selectionReservedSeats.until), asc(selectionReservedSeats.id));
}

export async function findReservedSeat(db: H, id: number): Promise<ReservedSeatRow | null> {
  const [row] = await db.select().from(selectionReservedSeats).where(eq(selectionReservedSeats.id, id));
  return row ?? null;
}

/** Seats still reserved (not expired) of the class, leaving one row out (the one being edited). */
export async function sumActiveReserved(db: H, teachingClassId: number, at: Date, exceptId: number | null): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${selectionReservedSeats.seats}), 0)::int` })
    .from(selectionReservedSeats)
    .where(
      and(
        eq(selectionReservedSeats.teachingClassId, teachingClassId),
        gt(selectionReservedSeats.until, at),
        exceptId === null ? undefined : ne(selectionReservedSeats.id, exceptId),
      ),
    );
  return row?.n ?? 0;
}

export async function insertReservedSeat(tx: Tx, values: typeof selectionReservedSeats.$inferInsert): Promise<ReservedSeatRow> {
  const [row] = await tx.insert(selectionReservedSeats).values(values).returning();
  return row;
}

/** Updates a row only while its new number of seats still covers those taken; null otherwise. */
export async function updateReservedSeat(
  tx: Tx,
  id: number,
  values: Pick<ReservedSeatRow, 'seats' | 'forKind' | 'forValue' | 'until'>,
): Promise<ReservedSeatRow | null> {
  const [row] = await tx
    .update(selectionReservedSeats)
    .set(values)
    .where(and(eq(selectionReservedSeats.id, id), sql`${selectionReservedSeats.taken} <= ${values.seats}`))
    .returning();
  return row ?? null;
}

export async function deleteReservedSeat(tx: Tx, id: number): Promise<ReservedSeatRow | null> {
  const [row] = await tx.delete(selectionReservedSeats).where(eq(selectionReservedSeats.id, id)).returning();
  return row ?? null;
}
