import { violationText, type HardRule, type Locale, type SlotOption, type SlotOptions, type TimetableNames } from '@jiaowu/contracts';
import { checkHard, type CheckContext, type CheckLecture } from './core/hard-rules.ts';
import { checkSoft } from './soft-report.ts';
import type { TermFacts } from './term-facts.ts';

/**
 * The live check of a drag: for every slot of the grid, what moving one lecture there would
 * do — free, a hard conflict (in words), or a broken preference — by running the hard-rule
 * checker with the lecture as focus on a moved copy. When only the room is in the way and
 * another suitable room is free, the slot counts with that room (`needsRoomChange`).
 */

/** Rules a different room can cure. */
const ROOM_RULES: ReadonlySet<HardRule> = new Set([
  'room_clash',
  'room_capacity',
  'room_type',
  'room_features',
  'room_unavailable',
  'room_booked',
  'unplaced',
]);

export interface OptionsInput {
  facts: TermFacts;
  ctx: CheckContext;
  lectures: readonly CheckLecture[];
  names: TimetableNames;
  key: string;
  /** The room to try (null: the lecture has none yet). */
  roomId: number | null;
  locale: Locale;
}

const endOf = (l: { startPeriod: number; length: number }) => l.startPeriod + l.length - 1;

/** Suitable rooms for a lecture (size, type, features, active), smallest first; none for a lecture that needs no room. */
function suitableRooms(me: CheckLecture, ctx: CheckContext) {
  return [...ctx.rooms.values()]
    .filter(
      (r) =>
        r.isActive &&
        r.capacity >= me.size &&
        (!me.roomType || r.type === me.roomType) &&
        me.roomFeatures.every((f) => r.features.includes(f)),
    )
    .sort((a, b) => a.capacity - b.capacity || a.id - b.id);
}

/** Rooms (of these) with nothing in them at the slot in the lecture's weeks: other lectures, closed times, bookings. */
function freeRoomsAt(
  me: CheckLecture,
  lectures: readonly CheckLecture[],
  ctx: CheckContext,
  candidates: ReturnType<typeof suitableRooms>,
  day: number,
  start: number,
) {
  const end = start + me.length - 1;
  const busy = new Set<number>();
  for (const l of lectures)
    if (
      l.key !== me.key &&
      l.roomId !== null &&
      l.day === day &&
      l.startPeriod !== null &&
      l.startPeriod <= end &&
      start <= endOf({ startPeriod: l.startPeriod, length: l.length }) &&
      (l.weekMask & me.weekMask) !== 0
    )
      busy.add(l.roomId);
  for (const b of ctx.bookings)
    if (b.day === day && b.fromPeriod <= end && start <= b.toPeriod && (b.weekMask & me.weekMask) !== 0) busy.add(b.roomId);
  return candidates.filter(
    (r) => !busy.has(r.id) && !r.unavailable.some((s) => s.day === day && s.fromPeriod <= end && start <= s.toPeriod),
  );
}

export function computeSlotOptions(input: OptionsInput, slot?: { day: number; startPeriod: number }): SlotOptions {
  const { facts, ctx, lectures, names, key, roomId, locale } = input;
  const me = lectures.find((l) => l.key === key)!;
  const focus = new Set([key]);
  const candidates = suitableRooms(me, ctx);
  const ownName = names.lectures[key];
  // Only lectures that share something with this one can clash with it: its teachers, admin
  // classes, students, teaching class or linked classes, and whatever sits in the room tried.
  // Checking those (not the whole draft) keeps ~60 slots × a few rooms fast on a full term.
  const linked = new Set(ctx.links.filter((l) => l.teachingClassIds.includes(me.teachingClassId)).flatMap((l) => l.teachingClassIds));
  const shares = (a: readonly number[] | undefined, b: readonly number[] | undefined) => !!a && !!b && a.some((x) => b.includes(x));
  const people = lectures.filter(
    (l) =>
      l.key !== key &&
      (l.teachingClassId === me.teachingClassId ||
        linked.has(l.teachingClassId) ||
        shares(l.teacherIds, me.teacherIds) ||
        shares(l.adminClassIds, me.adminClassIds) ||
        shares(l.studentIds, me.studentIds)),
  );
  const inPeople = new Set(people.map((l) => l.key));
  const byRoom = new Map<number, CheckLecture[]>();
  for (const l of lectures)
    if (l.key !== key && l.roomId !== null && !inPeople.has(l.key))
      (byRoom.get(l.roomId) ?? byRoom.set(l.roomId, []).get(l.roomId)!).push(l);
  const at = (day: number, startPeriod: number, room: number | null) => {
    const moved = { ...me, day, startPeriod, roomId: room };
    const subset = [moved, ...people, ...(room === null ? [] : (byRoom.get(room) ?? []))];
    if (ownName) names.lectures[key] = { ...ownName, startPeriod };
    const hard = checkHard(subset, ctx, { focus });
    const soft = hard.length ? [] : checkSoft(subset, facts, { focus });
    return { hard, soft };
  };
  const words = (vs: Parameters<typeof violationText>[0][]) => [...new Set(vs.map((v) => violationText(v, names, locale)))].slice(0, 6);

  const slots: SlotOption[] = [];
  try {
    for (let day = 1; day <= ctx.days; day++)
      for (let start = 1; start + me.length - 1 <= ctx.periodsPerDay; start++) {
        const isCurrent = me.day === day && me.startPeriod === start && me.roomId === roomId;
        let { hard, soft } = at(day, start, roomId);
        let needsRoomChange = false;
        if (hard.length && hard.every((v) => ROOM_RULES.has(v.rule))) {
          // Only the room is in the way: try the smallest free suitable room.
          for (const r of freeRoomsAt(me, lectures, ctx, candidates, day, start).slice(0, 3)) {
            const alt = at(day, start, r.id);
            if (alt.hard.length === 0) {
              ({ hard, soft } = alt);
              needsRoomChange = true;
              break;
            }
          }
        }
        slots.push({
          day,
          startPeriod: start,
          status: isCurrent ? 'current' : hard.length ? 'conflict' : soft.length ? 'preference' : 'free',
          reasons: words(hard.length ? hard : soft),
          otherRoomFree: needsRoomChange,
        });
      }

    const rooms: SlotOptions['rooms'] = [];
    if (slot) {
      const current = roomId === null ? undefined : facts.rooms.get(roomId);
      const free = freeRoomsAt(me, lectures, ctx, candidates, slot.day, slot.startPeriod);
      // The room's own building first (few building changes), then the smallest that fits.
      free.sort(
        (a, b) =>
          Number(facts.rooms.get(b.id)?.buildingId === current?.buildingId) -
          Number(facts.rooms.get(a.id)?.buildingId === current?.buildingId),
      );
      for (const r of free.slice(0, 40)) {
        const { hard, soft } = at(slot.day, slot.startPeriod, r.id);
        if (hard.length) continue;
        const f = facts.rooms.get(r.id)!;
        rooms.push({
          id: r.id,
          name: f.name,
          capacity: f.capacity,
          buildingName: f.buildingName,
          campusName: f.campusName,
          reasons: words(soft),
        });
        if (rooms.length >= 20) break;
      }
    }
    return { key, roomId, slots, rooms };
  } finally {
    if (ownName) names.lectures[key] = ownName;
  }
}
