import type { Tx } from '../../db/client.ts';
import { loadHomeBuildings, loadLectureClashes, loadUnavailableInvigilators } from './exam-context.ts';
import { allocateSessionRooms, assignInvigilators, assignSeats, type InvigilationSlot } from './allocation.ts';
import * as plans from './plans.repository.ts';
import * as sched from './schedule.repository.ts';

/**
 * Rooms, seats and invigilators of a plan's scheduled exams, written in the caller's transaction
 * (after a solve, after a hand move). Exams that find no rooms lose their session, so they show
 * as unplaced with the seats they lack and the plan cannot be published until they are placed.
 */
export async function allocatePlan(tx: Tx, planId: number, seatSeed: number) {
  const plan = (await plans.findPlan(tx, planId))!;
  const [exams, rooms, teachers, roster, sessions] = await Promise.all([
    plans.findPlanExams(tx, planId),
    sched.findExamRoomFacts(tx),
    sched.findInvigilatorFacts(tx),
    sched.findRoster(tx, planId),
    plans.findSessions(tx, planId),
  ]);
  const colleges = await plans.findExamColleges(
    tx,
    exams.map((e) => e.id),
  );
  const clashes = await loadLectureClashes(tx, plan.termId, sessions);
  const [unavailable, homes] = await Promise.all([
    loadUnavailableInvigilators(tx, plan, sessions, clashes),
    loadHomeBuildings(tx, plan, clashes.lectures, colleges),
  ]);
  const studentsOf = new Map<number, number[]>();
  for (const r of roster) {
    const list = studentsOf.get(r.examId);
    if (list) list.push(r.studentId);
    else studentsOf.set(r.examId, [r.studentId]);
  }
  const bySession = new Map<number, typeof exams>();
  for (const e of exams) if (e.sessionId !== null) bySession.set(e.sessionId, [...(bySession.get(e.sessionId) ?? []), e]);
  const roomsOf = new Map<number, { roomId: number; seats: number }[]>();

  const roomRows: { examId: number; roomId: number; seats: number }[] = [];
  const failures: { examId: number; short: number }[] = [];
  const slots: InvigilationSlot[] = [];
  for (const [sessionId, here] of bySession) {
    const out = allocateSessionRooms(
      here.map((e) => ({ examId: e.id, students: studentsOf.get(e.id)?.length ?? 0, roomType: e.roomType, home: homes.get(e.id) })),
      rooms,
      plan.allowRoomSharing,
    );
    roomRows.push(...out.rooms);
    for (const r of out.rooms) roomsOf.set(r.examId, [...(roomsOf.get(r.examId) ?? []), r]);
    failures.push(...out.failures);
    const perRoom = new Map<number, { students: number; collegeIds: Set<number> }>();
    for (const r of out.rooms) {
      const slot = perRoom.get(r.roomId) ?? { students: 0, collegeIds: new Set<number>() };
      slot.students += r.seats;
      slot.collegeIds.add(colleges.get(r.examId)!);
      perRoom.set(r.roomId, slot);
    }
    for (const [roomId, s] of perRoom)
      slots.push({
        sessionId,
        roomId,
        students: s.students,
        collegeIds: [...s.collegeIds],
        busyTeacherIds: [...(unavailable.get(sessionId) ?? [])],
      });
  }
  // Each exam's seats from its own seed (the plan's seed + the exam), so one exam's re-draw leaves the others.
  const seats = [...roomsOf].flatMap(([examId, its]) =>
    assignSeats(studentsOf.get(examId) ?? [], its, (seatSeed + examId) >>> 0).map((s) => ({ ...s, examId })),
  );
  const { assigned, short } = assignInvigilators(slots, teachers);
  if (failures.length)
    await plans.setExamSessions(
      tx,
      failures.map((f) => ({ examId: f.examId, sessionId: null })),
    );
  await sched.replaceAllocation(tx, planId, { rooms: roomRows, seats, invigilations: assigned });
  return { rooms: roomRows.length, seats: seats.length, invigilators: assigned.length, failures, invigilatorsShort: short };
}
