import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { examInvigilations, examRooms, exams, examSeats } from './exams.tables.ts';
import { rosterSql } from './roster.repository.ts';

/** The SQL of a plan's schedule: rosters, rooms, seats and invigilators (schedule.service.ts, solve.job.ts). */

type H = Db | Tx;
const rowsOf = async <T>(db: H, q: ReturnType<typeof sql>): Promise<T[]> => ((await db.execute(q)) as unknown as { rows: T[] }).rows;

/**
 * Who sits each exam of a plan: students enrolled in the exam's class, or (统考) in any class of
 * its course in the plan's term that has no exam of its own, minus approved deferrals 缓考.
 */
export async function findRoster(db: H, planId: number, examIds?: number[]): Promise<{ examId: number; studentId: number }[]> {
  if (examIds && examIds.length === 0) return [];
  const only = examIds
    ? sql`e.id in (${sql.join(
        examIds.map((i) => sql`${i}`),
        sql`, `,
      )})`
    : sql`true`;
  return rowsOf(db, sql`${rosterSql(planId, only)} order by 1, 2`);
}

/** The teachers of each exam's classes (a teacher is not examined in two places at once). */
export async function findExamTeachers(db: H, planId: number): Promise<{ examId: number; teacherIds: number[] }[]> {
  return rowsOf(
    db,
    sql`select e.id as "examId", coalesce(array_agg(distinct t) filter (where t is not null), '{}') as "teacherIds"
          from exams e
          join exam_plans p on p.id = e.plan_id
          join teaching_classes tc on tc.term_id = p.term_id and tc.course_id = e.course_id
           and (e.teaching_class_id is null or tc.id = e.teaching_class_id)
          left join lateral unnest(tc.teacher_ids) as t on true
         where e.plan_id = ${planId}
         group by e.id`,
  );
}

export interface ExamRoomFact {
  id: number;
  name: string;
  type: string;
  examCapacity: number;
  buildingId: number;
  buildingName: string;
  campusId: number;
}

/** Rooms that can hold exams: active, with an exam capacity. */
export async function findExamRoomFacts(db: H): Promise<ExamRoomFact[]> {
  return rowsOf(
    db,
    sql`select r.id, r.name, r.type, r.exam_capacity as "examCapacity", r.building_id as "buildingId",
               b.name as "buildingName", b.campus_id as "campusId"
          from rooms r join buildings b on b.id = r.building_id
         where r.is_active and r.exam_capacity > 0
         order by r.exam_capacity desc, r.id`,
  );
}

export interface InvigilatorFact {
  id: number;
  name: string;
  collegeId: number;
}

/** Teachers who can invigilate: active, not deleted, with their college. */
export async function findInvigilatorFacts(db: H): Promise<InvigilatorFact[]> {
  return rowsOf(
    db,
    sql`select t.id, t.name, d.college_id as "collegeId"
          from teachers t join departments d on d.id = t.department_id
         where t.deleted_at is null and t.status = 'active'
         order by t.id`,
  );
}

/** Replaces a plan's room allocation, seats and invigilators (one transaction, the caller's). */
export async function replaceAllocation(
  tx: Tx,
  planId: number,
  alloc: {
    rooms: { examId: number; roomId: number; seats: number }[];
    seats: { examId: number; studentId: number; roomId: number; seatNo: number }[];
    invigilations: { sessionId: number; roomId: number; teacherId: number; chief: boolean }[];
  },
) {
  const examIds = (await tx.select({ id: exams.id }).from(exams).where(eq(exams.planId, planId))).map((r) => r.id);
  if (examIds.length > 0) {
    await tx.delete(examSeats).where(inArray(examSeats.examId, examIds));
    await tx.delete(examRooms).where(inArray(examRooms.examId, examIds));
  }
  await tx.delete(examInvigilations).where(eq(examInvigilations.planId, planId));
  for (let i = 0; i < alloc.rooms.length; i += 2000) await tx.insert(examRooms).values(alloc.rooms.slice(i, i + 2000));
  for (let i = 0; i < alloc.seats.length; i += 2000) await tx.insert(examSeats).values(alloc.seats.slice(i, i + 2000));
  const inv = alloc.invigilations.map((v) => ({ ...v, planId }));
  for (let i = 0; i < inv.length; i += 2000) await tx.insert(examInvigilations).values(inv.slice(i, i + 2000));
}

/** Clears a plan's allocation (a hand move or a new solve makes rooms and seats stale). */
export async function clearAllocation(tx: Tx, planId: number) {
  await replaceAllocation(tx, planId, { rooms: [], seats: [], invigilations: [] });
}

/** Exams of the plan at a session with their students, for the live check of a hand move. */
export async function findSessionClashes(
  db: H,
  planId: number,
  examId: number,
  sessionId: number,
): Promise<{ examId: number; studentId: number; studentName: string; studentCode: string }[]> {
  return rowsOf(
    db,
    sql`with mine as (${rosterSql(planId, sql`e.id = ${examId}`)}),
             theirs as (${rosterSql(planId, sql`e.session_id = ${sessionId} and e.id <> ${examId}`)})
        select theirs."examId", s.id as "studentId", s.name as "studentName", s.code as "studentCode"
          from theirs join mine on mine."studentId" = theirs."studentId"
          join students s on s.id = theirs."studentId"
         order by theirs."examId", s.code`,
  );
}

/** Students with two exams in one session of the plan, counted from enrolments and the schedule. */
export async function countClashes(db: H, planId: number): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(
    db,
    sql`with r as (${rosterSql(planId, sql`e.session_id is not null`)}),
             per as (select e.session_id, r."studentId" from r join exams e on e.id = r."examId"
                      group by e.session_id, r."studentId" having count(*) > 1)
        select count(distinct "studentId")::int as n from per`,
  );
  return row?.n ?? 0;
}

export async function findInvigilation(db: H, id: number) {
  const [row] = await db.select().from(examInvigilations).where(eq(examInvigilations.id, id));
  return row ?? null;
}

export async function findTeacherName(db: H, teacherId: number): Promise<string | null> {
  const [row] = await rowsOf<{ name: string }>(db, sql`select name from teachers where id = ${teacherId} and deleted_at is null`);
  return row?.name ?? null;
}

export async function teacherBusy(db: H, sessionId: number, teacherId: number): Promise<boolean> {
  const rows = await db
    .select({ id: examInvigilations.id })
    .from(examInvigilations)
    .where(and(eq(examInvigilations.sessionId, sessionId), eq(examInvigilations.teacherId, teacherId)));
  return rows.length > 0;
}

export async function setInvigilationTeacher(tx: Tx, id: number, teacherId: number) {
  await tx.update(examInvigilations).set({ teacherId }).where(eq(examInvigilations.id, id));
}

export async function countSeatsPerStudent(db: H, planId: number): Promise<{ studentId: number; n: number }[]> {
  return rowsOf(
    db,
    sql`select st.student_id as "studentId", count(*)::int as n
          from exam_seats st join exams e on e.id = st.exam_id where e.plan_id = ${planId} group by 1`,
  );
}

export async function countDutiesPerTeacher(db: H, planId: number): Promise<{ teacherId: number; n: number }[]> {
  return rowsOf(db, sql`select teacher_id as "teacherId", count(*)::int as n from exam_invigilations where plan_id = ${planId} group by 1`);
}
