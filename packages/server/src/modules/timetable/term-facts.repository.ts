import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { roomBookings, teacherTimeBlocks, timetableLinks, timetableSettings } from './timetable.tables.ts';

type H = Db | Tx;

/** The term's timetabling settings row, or null while the office has saved none. */
export async function findSettingsRow(db: H, termId: number) {
  const [row] = await db.select().from(timetableSettings).where(eq(timetableSettings.termId, termId));
  return row ?? null;
}

export async function findTeacherBlocks(db: H, termId: number) {
  return db.select().from(teacherTimeBlocks).where(eq(teacherTimeBlocks.termId, termId));
}

export async function findLinks(db: H, termId: number) {
  return db.select().from(timetableLinks).where(eq(timetableLinks.termId, termId));
}

/** Bookings that hold (not cancelled). */
export async function findActiveBookings(db: H, termId: number) {
  return db
    .select()
    .from(roomBookings)
    .where(and(eq(roomBookings.termId, termId), isNull(roomBookings.cancelledAt)));
}
