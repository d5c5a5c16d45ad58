import { hasWeek, type FreeRoomItem, type Locale } from '@jiaowu/contracts';
import { checkHard, type CheckLecture } from './core/hard-rules.ts';
import { checkContextOf, type LectureRowLike, type TermFacts } from './term-facts.ts';
import { violationText } from './changes.words.ts';

export interface FreeRoomFilter {
  week: number;
  day: number;
  fromPeriod: number;
  toPeriod: number;
  minCapacity?: number;
  type?: string;
  features?: readonly string[];
  campusId?: number;
}

const overlaps = (a: { from: number; to: number }, b: { from: number; to: number }) => a.from <= b.to && b.from <= a.to;

/**
 * 空教室查询: active rooms matching the filter with no lecture of the timetable in force, no
 * booking and no unavailable time in that week, day and period range. Smallest fitting rooms
 * first (a free room for 40 people should not be the 300-seat hall), then by building and name.
 */
export function findFreeRooms(facts: TermFacts, lectures: readonly LectureRowLike[], f: FreeRoomFilter): FreeRoomItem[] {
  const span = { from: f.fromPeriod, to: f.toPeriod };
  const busy = new Set<number>();
  for (const l of lectures)
    if (
      l.roomId !== null &&
      l.day === f.day &&
      l.startPeriod !== null &&
      hasWeek(l.weekMask, f.week) &&
      overlaps(span, { from: l.startPeriod, to: l.startPeriod + l.length - 1 })
    )
      busy.add(l.roomId);
  for (const b of facts.bookings)
    if (b.day === f.day && hasWeek(b.weekMask, f.week) && overlaps(span, { from: b.fromPeriod, to: b.toPeriod })) busy.add(b.roomId);
  const out: FreeRoomItem[] = [];
  for (const r of facts.rooms.values()) {
    if (!r.isActive || busy.has(r.id)) continue;
    if (r.unavailable.some((u) => u.day === f.day && overlaps(span, { from: u.fromPeriod, to: u.toPeriod }))) continue;
    if (f.minCapacity !== undefined && r.capacity < f.minCapacity) continue;
    if (f.type && r.type !== f.type) continue;
    if (f.campusId && r.campusId !== f.campusId) continue;
    if (f.features?.some((x) => !r.features.includes(x))) continue;
    out.push({
      roomId: r.id,
      code: r.code,
      name: r.name,
      type: r.type,
      capacity: r.capacity,
      features: r.features,
      buildingId: r.buildingId,
      buildingName: r.buildingName,
      campusId: r.campusId,
      campusName: r.campusName,
    });
  }
  return out.sort(
    (a, b) =>
      a.capacity - b.capacity ||
      a.buildingName.localeCompare(b.buildingName, 'zh-CN') ||
      a.code.localeCompare(b.code, 'zh-CN', { numeric: true }),
  );
}

const ROOM_RULES = new Set(['room_clash', 'room_booked', 'room_unavailable', 'outside_grid']);

/**
 * What keeps a room from being booked in these weeks and periods, in words (empty: free). The
 * booking is checked as a lecture without teacher or class by the one hard-rule checker, so a
 * booking and a change request see a slot alike.
 */
export function bookingConflicts(
  facts: TermFacts,
  lectures: readonly LectureRowLike[],
  b: { roomId: number; weekMask: number; day: number; fromPeriod: number; toPeriod: number },
  locale: Locale,
): string[] {
  const probe: CheckLecture = {
    key: 'booking',
    teachingClassId: 0,
    sessionIndex: 0,
    day: b.day,
    startPeriod: b.fromPeriod,
    length: b.toPeriod - b.fromPeriod + 1,
    weekMask: b.weekMask,
    roomId: b.roomId,
    teacherIds: [],
    adminClassIds: [],
    size: 0,
    roomType: null,
    roomFeatures: [],
    collegeId: 0,
    cohorts: [],
    courseCategory: '',
  };
  const rows = lectures.filter((l) => l.roomId === b.roomId && l.day === b.day);
  const checkRows: CheckLecture[] = rows.map((l) => ({ ...probe, ...l, key: l.lectureKey, size: 0, roomType: null, roomFeatures: [] }));
  const violations = checkHard([...checkRows, probe], checkContextOf(facts), { focus: new Set(['booking']) }).filter((v) =>
    ROOM_RULES.has(v.rule),
  );
  const byKey = new Map(lectures.map((l) => [l.lectureKey, l]));
  return [...new Set(violations.map((v) => violationText(v, facts, byKey, new Set(['booking']), locale)))];
}
