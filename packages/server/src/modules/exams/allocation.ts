import { Rng } from '@jiaowu/solver';

/**
 * After the timetable: rooms for every exam sitting, a seat for every student, invigilators for
 * every room. Pure functions over plain data, so each rule is tested without a database.
 */

export interface RoomFact {
  id: number;
  type: string;
  examCapacity: number;
  buildingId: number;
  campusId?: number;
}

export interface SessionExam {
  examId: number;
  students: number;
  /** A room type the exam needs (computer rooms for 上机考试); null: any room but computer rooms first left free. */
  roomType: string | null;
  /** The building where its students are taught (home-building.ts), and its campus: its rooms come first. */
  home?: { buildingId: number; campusId: number };
}

export interface RoomAllocation {
  rooms: { examId: number; roomId: number; seats: number }[];
  /** Exams that did not fit, with the seats still missing. */
  failures: { examId: number; short: number }[];
}

/**
 * Rooms of one session. Biggest exams first; each takes the fewest rooms it can — the smallest
 * room that holds it, else the largest free rooms, keeping to the first room's building — and
 * shares a room with another exam only when the office allows it (then the tightest fit first).
 * Among picks of as few rooms, the exam's home building comes first, then its campus, then the rest.
 */
export function allocateSessionRooms(exams: SessionExam[], rooms: RoomFact[], allowSharing: boolean): RoomAllocation {
  const left = new Map(rooms.map((r) => [r.id, r.examCapacity]));
  const used = new Set<number>();
  const out: RoomAllocation = { rooms: [], failures: [] };
  const fits = (e: SessionExam, r: RoomFact) => (e.roomType ? r.type === e.roomType : r.type !== 'computer');
  const fallback = (e: SessionExam, r: RoomFact) => e.roomType === null && r.type === 'computer';
  for (const exam of [...exams].sort((a, b) => b.students - a.students || a.examId - b.examId)) {
    if (exam.students === 0) continue;
    let placed = false;
    for (const usable of [(r: RoomFact) => fits(exam, r), (r: RoomFact) => fits(exam, r) || fallback(exam, r)]) {
      const pick = nearestPick(exam, rooms.filter(usable), left, used, allowSharing);
      if (!pick) continue;
      let remaining = exam.students;
      for (const r of pick) {
        const seats = Math.min(remaining, left.get(r.id)!);
        remaining -= seats;
        left.set(r.id, allowSharing ? left.get(r.id)! - seats : 0);
        used.add(r.id);
        out.rooms.push({ examId: exam.examId, roomId: r.id, seats });
      }
      placed = true;
      break;
    }
    if (!placed) {
      const free = rooms.filter((r) => fits(exam, r) || fallback(exam, r)).reduce((n, r) => n + (left.get(r.id) ?? 0), 0);
      out.failures.push({ examId: exam.examId, short: Math.max(1, exam.students - free) });
    }
  }
  return out;
}

/** The fewest rooms anywhere; the same number (or fewer) in the home building, else on its campus, wins. */
function nearestPick(exam: SessionExam, rooms: RoomFact[], left: Map<number, number>, used: Set<number>, sharing: boolean) {
  const anywhere = pickRooms(exam, rooms, left, used, sharing);
  const home = exam.home;
  if (!anywhere || !home) return anywhere;
  for (const near of [(r: RoomFact) => r.buildingId === home.buildingId, (r: RoomFact) => r.campusId === home.campusId]) {
    const pick = pickRooms(exam, rooms.filter(near), left, used, sharing);
    if (pick && pick.length <= anywhere.length) return pick;
  }
  return anywhere;
}

function pickRooms(
  exam: SessionExam,
  rooms: RoomFact[],
  left: Map<number, number>,
  used: Set<number>,
  sharing: boolean,
): RoomFact[] | null {
  const open = rooms.filter((r) => (left.get(r.id) ?? 0) > 0 && (sharing || !used.has(r.id)));
  // One room: a partly used one first when sharing (keeps big rooms whole), then the tightest.
  const single = open
    .filter((r) => left.get(r.id)! >= exam.students)
    .sort((a, b) => Number(used.has(b.id)) - Number(used.has(a.id)) || left.get(a.id)! - left.get(b.id)! || a.id - b.id);
  if (single[0]) return [single[0]];
  const byRoom = [...open].sort((a, b) => left.get(b.id)! - left.get(a.id)! || a.id - b.id);
  const first = byRoom[0];
  if (!first) return null;
  // Several rooms: the largest, then the same building's largest, then a best fit for the rest.
  const chosen = [first];
  let remaining = exam.students - left.get(first.id)!;
  const rest = byRoom.slice(1).sort((a, b) => Number(b.buildingId === first.buildingId) - Number(a.buildingId === first.buildingId));
  // A big 统考 takes as many rooms as it needs (fewest first), never a cap that leaves students out.
  while (remaining > 0) {
    const fit =
      rest
        .filter((r) => !chosen.includes(r) && left.get(r.id)! >= remaining && r.buildingId === first.buildingId)
        .sort((a, b) => left.get(a.id)! - left.get(b.id)!)[0] ??
      rest.filter((r) => !chosen.includes(r) && left.get(r.id)! >= remaining).sort((a, b) => left.get(a.id)! - left.get(b.id)!)[0];
    const next = fit ?? rest.find((r) => !chosen.includes(r));
    if (!next) return null;
    chosen.push(next);
    remaining -= left.get(next.id)!;
  }
  return remaining > 0 ? null : chosen;
}

/**
 * 座位号: each room's students in a random order drawn from the seed (never alphabetical, so
 * neighbours are not classmates in roll order), numbered from 1. The same seed gives the same seats.
 */
export function assignSeats(
  studentIds: number[],
  rooms: { roomId: number; seats: number }[],
  seed: number,
): { studentId: number; roomId: number; seatNo: number }[] {
  const rng = new Rng(seed);
  const order = [...studentIds].sort((a, b) => a - b);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const out: { studentId: number; roomId: number; seatNo: number }[] = [];
  let k = 0;
  for (const room of rooms) {
    for (let seat = 1; seat <= room.seats && k < order.length; seat++)
      out.push({ studentId: order[k++]!, roomId: room.roomId, seatNo: seat });
  }
  return out;
}

/** Invigilators a room needs: 2 up to 60 candidates, 3 above (the school's usual rule). */
export const invigilatorsFor = (students: number) => (students > 60 ? 3 : 2);

export interface InvigilationSlot {
  sessionId: number;
  roomId: number;
  students: number;
  /** The college of the exams in the room: its teachers are asked first. */
  collegeIds: number[];
  /** Teachers who must not invigilate this slot (their own exam elsewhere in the session). */
  busyTeacherIds: number[];
}

/**
 * 监考: each room gets its invigilators, the first being the chief. A teacher is never in two rooms
 * of one session; among the free teachers the one with the fewest duties so far is taken, the
 * exam's college's own teachers counting one duty less, so they come first without carrying
 * more than one duty above anyone else: the load evens out over the exam period.
 */
export function assignInvigilators(
  slots: InvigilationSlot[],
  teachers: { id: number; collegeId: number }[],
): {
  assigned: { sessionId: number; roomId: number; teacherId: number; chief: boolean }[];
  short: { sessionId: number; roomId: number; missing: number }[];
} {
  const load = new Map(teachers.map((t) => [t.id, 0]));
  const busy = new Map<number, Set<number>>();
  const assigned: { sessionId: number; roomId: number; teacherId: number; chief: boolean }[] = [];
  const short: { sessionId: number; roomId: number; missing: number }[] = [];
  const ordered = [...slots].sort((a, b) => a.sessionId - b.sessionId || b.students - a.students || a.roomId - b.roomId);
  for (const slot of ordered) {
    const taken = busy.get(slot.sessionId) ?? new Set<number>(slot.busyTeacherIds);
    for (const t of slot.busyTeacherIds) taken.add(t);
    busy.set(slot.sessionId, taken);
    const need = invigilatorsFor(slot.students);
    // The college's own teachers are preferred by one duty: never more than one above the others.
    const weight = (t: { id: number; collegeId: number }) => load.get(t.id)! - (slot.collegeIds.includes(t.collegeId) ? 1 : 0);
    const pick = teachers
      .filter((t) => !taken.has(t.id))
      .sort(
        (a, b) =>
          weight(a) - weight(b) ||
          Number(slot.collegeIds.includes(b.collegeId)) - Number(slot.collegeIds.includes(a.collegeId)) ||
          a.id - b.id,
      )
      .slice(0, need);
    pick.forEach((t, i) => {
      taken.add(t.id);
      load.set(t.id, load.get(t.id)! + 1);
      assigned.push({ sessionId: slot.sessionId, roomId: slot.roomId, teacherId: t.id, chief: i === 0 });
    });
    if (pick.length < need) short.push({ sessionId: slot.sessionId, roomId: slot.roomId, missing: need - pick.length });
  }
  return { assigned, short };
}
