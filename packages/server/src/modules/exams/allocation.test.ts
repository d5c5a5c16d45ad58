import { describe, expect, it } from 'vitest';
import { allocateSessionRooms, assignInvigilators, assignSeats, type RoomFact } from './allocation.ts';

const room = (id: number, cap: number, buildingId = 1, type = 'lecture'): RoomFact => ({ id, type, examCapacity: cap, buildingId });

describe('exam rooms', () => {
  it('seats an exam in its college’s building when rooms there allow, else on its campus, still fewest rooms', () => {
    const at = (id: number, cap: number, buildingId: number, campusId: number): RoomFact => ({ ...room(id, cap, buildingId), campusId });
    // Building 1 (campus 1) would win on tightness alone; building 3 is the exam's home.
    const rooms = [at(1, 50, 1, 1), at(2, 60, 2, 2), at(3, 80, 3, 2), at(4, 45, 3, 2)];
    const home = { buildingId: 3, campusId: 2 };
    const one = allocateSessionRooms([{ examId: 7, students: 40, roomType: null, home }], rooms, false);
    expect(one.rooms).toEqual([{ examId: 7, roomId: 4, seats: 40 }]);
    // Too big for any room of building 3 alone but one room of its campus holds it: the campus, not building 1.
    const campus = allocateSessionRooms(
      [{ examId: 8, students: 40, roomType: null, home: { buildingId: 3, campusId: 2 } }],
      rooms.filter((r) => r.id !== 4 && r.id !== 3),
      false,
    );
    expect(campus.rooms).toEqual([{ examId: 8, roomId: 2, seats: 40 }]);
    // Without a home the tightest room anywhere, as before.
    expect(allocateSessionRooms([{ examId: 9, students: 40, roomType: null }], rooms, false).rooms[0]!.roomId).toBe(4);
    expect(allocateSessionRooms([{ examId: 9, students: 48, roomType: null }], rooms, false).rooms[0]!.roomId).toBe(1);
    expect(allocateSessionRooms([{ examId: 9, students: 48, roomType: null, home }], rooms, false).rooms[0]!.roomId).toBe(3);
    // Two rooms in the home building never beat one room elsewhere.
    const split = allocateSessionRooms(
      [{ examId: 10, students: 100, roomType: null, home: { buildingId: 1, campusId: 1 } }],
      [at(1, 50, 1, 1), at(5, 50, 1, 1), at(6, 120, 4, 3)],
      false,
    );
    expect(split.rooms.map((r) => r.roomId)).toEqual([6]);
  });

  it('gives a small exam the tightest single room and keeps big rooms for big exams', () => {
    const rooms = [room(1, 200), room(2, 40), room(3, 60)];
    const out = allocateSessionRooms(
      [
        { examId: 10, students: 35, roomType: null },
        { examId: 11, students: 180, roomType: null },
      ],
      rooms,
      false,
    );
    expect(out.failures).toEqual([]);
    expect(out.rooms).toEqual([
      { examId: 11, roomId: 1, seats: 180 },
      { examId: 10, roomId: 2, seats: 35 },
    ]);
  });

  it('splits a big exam over the fewest rooms, in the first room’s building, and seats add up', () => {
    const rooms = [room(1, 100, 1), room(2, 90, 2), room(3, 60, 1), room(4, 30, 1)];
    const out = allocateSessionRooms([{ examId: 1, students: 150, roomType: null }], rooms, false);
    expect(out.rooms.map((r) => r.roomId)).toEqual([1, 3]);
    expect(out.rooms.reduce((n, r) => n + r.seats, 0)).toBe(150);
  });

  it('never puts two exams in one room unless sharing is allowed, and reports what does not fit', () => {
    const rooms = [room(1, 100)];
    const exams = [
      { examId: 1, students: 30, roomType: null },
      { examId: 2, students: 20, roomType: null },
    ];
    expect(allocateSessionRooms(exams, rooms, false).failures).toEqual([{ examId: 2, short: 20 }]);
    const shared = allocateSessionRooms(exams, rooms, true);
    expect(shared.failures).toEqual([]);
    expect(shared.rooms.map((r) => r.roomId)).toEqual([1, 1]);
  });

  it('puts a computer-based exam in computer rooms only', () => {
    const rooms = [room(1, 200), room(2, 60, 2, 'computer')];
    const out = allocateSessionRooms([{ examId: 1, students: 50, roomType: 'computer' }], rooms, false);
    expect(out.rooms).toEqual([{ examId: 1, roomId: 2, seats: 50 }]);
    const tooMany = allocateSessionRooms([{ examId: 1, students: 70, roomType: 'computer' }], rooms, false);
    expect(tooMany.failures).toEqual([{ examId: 1, short: 10 }]);
  });
});

describe('seat numbers', () => {
  const students = Array.from({ length: 90 }, (_, i) => 1000 + i);
  const rooms = [
    { roomId: 7, seats: 60 },
    { roomId: 8, seats: 30 },
  ];

  it('gives every student one seat, numbered from 1 in each room, reproducible from the seed', () => {
    const a = assignSeats(students, rooms, 42);
    expect(new Set(a.map((s) => s.studentId)).size).toBe(90);
    expect(a.filter((s) => s.roomId === 7).map((s) => s.seatNo)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(a.filter((s) => s.roomId === 8)).toHaveLength(30);
    expect(assignSeats([...students].reverse(), rooms, 42)).toEqual(a);
  });

  it('is not in roll order, and another seed gives another order', () => {
    const a = assignSeats(students, rooms, 42);
    const inOrder = a.filter((s, i) => s.studentId === students[i]).length;
    expect(inOrder).toBeLessThan(10);
    expect(assignSeats(students, rooms, 43)).not.toEqual(a);
  });
});

describe('invigilators', () => {
  const teachers = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, collegeId: i < 4 ? 1 : 2 }));

  it('staffs each room by size with one chief, never one teacher in two rooms of a session', () => {
    const slots = [
      { sessionId: 1, roomId: 1, students: 120, collegeIds: [1], busyTeacherIds: [] },
      { sessionId: 1, roomId: 2, students: 40, collegeIds: [1], busyTeacherIds: [] },
      { sessionId: 1, roomId: 3, students: 40, collegeIds: [2], busyTeacherIds: [] },
    ];
    const { assigned, short } = assignInvigilators(slots, teachers);
    expect(short).toEqual([]);
    expect(assigned.filter((a) => a.roomId === 1)).toHaveLength(3);
    expect(assigned.filter((a) => a.roomId === 2)).toHaveLength(2);
    for (const r of [1, 2, 3]) expect(assigned.filter((a) => a.roomId === r && a.chief)).toHaveLength(1);
    const ids = assigned.map((a) => a.teacherId);
    expect(new Set(ids).size).toBe(ids.length);
    // The big room of college 1 gets college 1's teachers first.
    expect(assigned.filter((a) => a.roomId === 1).every((a) => a.teacherId <= 4)).toBe(true);
  });

  it('keeps a teacher out of a session where they are examined, and balances the load within one duty', () => {
    const slots = Array.from({ length: 20 }, (_, i) => ({
      sessionId: i + 1,
      roomId: 1,
      students: 30,
      collegeIds: [1],
      busyTeacherIds: [1],
    }));
    const { assigned } = assignInvigilators(slots, teachers);
    expect(assigned.some((a) => a.teacherId === 1)).toBe(false);
    const load = new Map<number, number>();
    for (const a of assigned) load.set(a.teacherId, (load.get(a.teacherId) ?? 0) + 1);
    const counts = teachers.filter((t) => t.id !== 1).map((t) => load.get(t.id) ?? 0);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(2);
  });

  it('reports a room it cannot staff', () => {
    const { short } = assignInvigilators(
      [{ sessionId: 1, roomId: 1, students: 100, collegeIds: [], busyTeacherIds: [] }],
      teachers.slice(0, 2),
    );
    expect(short).toEqual([{ sessionId: 1, roomId: 1, missing: 1 }]);
  });
});
