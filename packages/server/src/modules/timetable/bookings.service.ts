import { maskOfWeeks, weeksOfMask, type BookingInput, type BookingItem, type FreeRoomItem, type Paged } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { findUserNames } from '../iam/iam.read-model.ts';
import { findRoomsWithCampus } from '../org/org.read-model.ts';
import { cancelBooking, findBooking, findBookingsPage, insertBooking, lockRoomSlots } from './bookings.repository.ts';
import { bookingConflicts, findFreeRooms, type FreeRoomFilter } from './rooms-free.ts';
import { loadTermFacts } from './term-facts.ts';
import { findCurrentVersion, findVersionLectures } from './versions.repository.ts';

/**
 * 空教室查询 and 教室借用: free rooms of the timetable in force, and the office's bookings of
 * them. A booking is refused (in words) when a lecture or another booking holds the slot, and
 * two bookings of one slot at once cannot both succeed (see lockRoomSlots).
 */
export function createBookingsService({ db, clock }: { db: Db; clock: () => Date }) {
  async function currentLectures(h: Parameters<typeof findCurrentVersion>[0], termId: number) {
    const version = await findCurrentVersion(h, termId);
    return version ? findVersionLectures(h, version.id) : [];
  }

  return {
    async freeRooms(
      actor: Actor,
      termId: number,
      filter: FreeRoomFilter,
      page: { page: number; pageSize: number },
    ): Promise<Paged<FreeRoomItem>> {
      requireAccess(actor, 'timetable.read');
      const facts = await loadTermFacts(db, termId);
      if (filter.week > facts.grid.weeks)
        throw new AppError('validation_failed', { fields: [{ field: 'week', code: 'too_big', params: { maximum: facts.grid.weeks } }] });
      const all = findFreeRooms(facts, await currentLectures(db, termId), filter);
      return { items: all.slice((page.page - 1) * page.pageSize, page.page * page.pageSize), total: all.length };
    },

    async list(actor: Actor, f: { termId: number; roomId?: number; includeCancelled: boolean }, page: { page: number; pageSize: number }) {
      requireAccess(actor, 'rooms.book');
      const { items, total } = await findBookingsPage(db, f, page);
      const [rooms, userNames] = await Promise.all([
        findRoomsWithCampus(db),
        findUserNames(
          db,
          items.map((b) => b.bookedBy).filter((x): x is number => x !== null),
        ),
      ]);
      const roomOf = new Map(rooms.map((r) => [r.id, r]));
      return {
        total,
        items: items.map((b): BookingItem => ({
          id: b.id,
          termId: b.termId,
          roomId: b.roomId,
          roomName: roomOf.get(b.roomId)?.name ?? '',
          buildingName: roomOf.get(b.roomId)?.buildingName ?? '',
          weeks: weeksOfMask(b.weekMask),
          day: b.day,
          fromPeriod: b.fromPeriod,
          toPeriod: b.toPeriod,
          purpose: b.purpose,
          bookedByName: b.bookedBy === null ? null : (userNames.get(b.bookedBy) ?? null),
          createdAt: b.createdAt.toISOString(),
          cancelledAt: b.cancelledAt?.toISOString() ?? null,
        })),
      };
    },

    async book(actor: Actor, input: BookingInput) {
      requireAccess(actor, 'rooms.book');
      return db.transaction(async (tx) => {
        await lockRoomSlots(tx, input.termId, input.roomId);
        // Read under the lock: a booking or a new version committed meanwhile is seen.
        const facts = await loadTermFacts(tx, input.termId);
        if (!facts.rooms.has(input.roomId))
          throw new AppError('reference_not_found', {
            fields: [{ field: 'roomId', code: 'reference_not_found', params: { value: input.roomId } }],
          });
        const weekMask = maskOfWeeks(input.weeks);
        const conflicts = bookingConflicts(facts, await currentLectures(tx, input.termId), { ...input, weekMask }, actor.locale);
        if (conflicts.length)
          throw new AppError('timetable_slot_taken', {
            params: { conflicts: conflicts.join(actor.locale === 'en' ? '; ' : '；') },
            details: { conflicts },
          });
        const row = await insertBooking(tx, {
          termId: input.termId,
          roomId: input.roomId,
          weekMask,
          day: input.day,
          fromPeriod: input.fromPeriod,
          toPeriod: input.toPeriod,
          purpose: input.purpose,
          bookedBy: actor.userId,
          createdAt: clock(),
        });
        await writeAudit(tx, actor, { action: 'room_bookings.create', entityType: 'room_bookings', entityId: row.id, after: { ...input } });
        return { id: row.id };
      });
    },

    async cancel(actor: Actor, id: number) {
      requireAccess(actor, 'rooms.book');
      return db.transaction(async (tx) => {
        const before = await findBooking(tx, id);
        if (!before) throw new AppError('not_found');
        const row = await cancelBooking(tx, id, actor.userId, clock());
        if (!row) throw new AppError('conflict');
        await writeAudit(tx, actor, {
          action: 'room_bookings.cancel',
          entityType: 'room_bookings',
          entityId: id,
          before: { cancelledAt: null },
          after: { cancelledAt: row.cancelledAt },
        });
        return { ok: true as const };
      });
    },
  };
}

export type BookingsService = ReturnType<typeof createBookingsService>;
