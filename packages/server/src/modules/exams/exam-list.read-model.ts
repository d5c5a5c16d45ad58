import { sql } from 'drizzle-orm';
import type { ExamItem, ExamSitting, InvigilationItem, InvigilationLoad } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { rosterSql } from './roster.repository.ts';

/** Reads of the exams module's pages: a plan's exam list, sittings, invigilation duties and load. */

type H = Db | Tx;
const rowsOf = async <T>(db: H, q: ReturnType<typeof sql>): Promise<T[]> => ((await db.execute(q)) as unknown as { rows: T[] }).rows;
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const list = (ids: number[]) =>
  sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  );

export interface ExamListFilter {
  planId: number;
  /** Only these colleges' exams (a secretary's scope); undefined: all. */
  collegeIds?: number[];
  collegeId?: number;
  /** Only exams of courses this teacher teaches in the plan's term (a teacher's scope). */
  teacherId?: number;
  /** Only exams this student sits (a student's scope). */
  studentId?: number;
  q?: string;
  unplaced?: boolean;
  page: number;
  pageSize: number;
}

const EXAM_COLLEGE = sql`coalesce(tc.college_id, d.college_id)`;

/** One page of a plan's exams with their students, session and rooms (the office's list). */
export async function findExamPage(db: H, f: ExamListFilter): Promise<{ items: ExamItem[]; total: number }> {
  const where = [sql`e.plan_id = ${f.planId}`];
  if (f.collegeIds) where.push(f.collegeIds.length ? sql`${EXAM_COLLEGE} in (${list(f.collegeIds)})` : sql`false`);
  if (f.collegeId) where.push(sql`${EXAM_COLLEGE} = ${f.collegeId}`);
  if (f.teacherId)
    where.push(sql`exists (select 1 from exam_plans p2 join teaching_classes t2 on t2.term_id = p2.term_id
                             where p2.id = e.plan_id and t2.course_id = e.course_id
                               and (e.teaching_class_id is null or t2.id = e.teaching_class_id) and ${f.teacherId} = any(t2.teacher_ids))`);
  if (f.studentId)
    where.push(sql`e.id in (select r."examId" from (${rosterSql(f.planId, sql`true`)}) r where r."studentId" = ${f.studentId})`);
  if (f.q) where.push(sql`(c.code ilike ${'%' + f.q + '%'} or c.name ilike ${'%' + f.q + '%'})`);
  if (f.unplaced !== undefined) where.push(f.unplaced ? sql`e.session_id is null` : sql`e.session_id is not null`);
  const cond = sql.join(where, sql` and `);
  const from = sql`from exams e join courses c on c.id = e.course_id join departments d on d.id = c.department_id
          left join teaching_classes tc on tc.id = e.teaching_class_id`;
  const [count] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n ${from} where ${cond}`);
  const rows = await rowsOf<{
    id: number;
    courseId: number;
    courseCode: string;
    courseName: string;
    collegeId: number;
    collegeName: string;
    teachingClassId: number | null;
    teachingClassCode: string | null;
    durationMin: number;
    roomType: string | null;
    sessionId: number | null;
    date: string | null;
    startMin: number | null;
    endMin: number | null;
    pinned: boolean;
  }>(
    db,
    sql`select e.id, e.course_id as "courseId", c.code as "courseCode", c.name as "courseName",
               ${EXAM_COLLEGE} as "collegeId", co.name as "collegeName",
               e.teaching_class_id as "teachingClassId", tc.code as "teachingClassCode",
               e.duration_min as "durationMin", e.room_type as "roomType", e.session_id as "sessionId",
               to_char(s.date, 'YYYY-MM-DD') as date, s.start_min as "startMin", s.start_min + e.duration_min as "endMin", e.pinned
          ${from}
          join colleges co on co.id = ${EXAM_COLLEGE}
          left join exam_sessions s on s.id = e.session_id
         where ${cond}
         order by s.date nulls first, s.start_min, c.code, e.id
         limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  const ids = rows.map((r) => r.id);
  const counts = ids.length ? await countRosters(db, f.planId, ids) : new Map<number, number>();
  const rooms = ids.length
    ? await rowsOf<{ examId: number; roomId: number; roomName: string; seats: number }>(
        db,
        sql`select er.exam_id as "examId", er.room_id as "roomId", r.name as "roomName", er.seats
              from exam_rooms er join rooms r on r.id = er.room_id where er.exam_id in (${list(ids)}) order by er.id`,
      )
    : [];
  return {
    total: count?.n ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      courseId: r.courseId,
      courseCode: r.courseCode,
      courseName: r.courseName,
      collegeId: r.collegeId,
      collegeName: r.collegeName,
      teachingClassId: r.teachingClassId,
      teachingClassCode: r.teachingClassCode,
      unified: r.teachingClassId === null,
      durationMin: r.durationMin,
      roomType: r.roomType,
      students: counts.get(r.id) ?? 0,
      sessionId: r.sessionId,
      date: r.date,
      start: r.startMin === null ? null : hhmm(r.startMin),
      end: r.endMin === null ? null : hhmm(r.endMin),
      pinned: r.pinned,
      rooms: rooms.filter((x) => x.examId === r.id).map(({ roomId, roomName, seats }) => ({ roomId, roomName, seats })),
    })),
  };
}

/** Students per exam (the roster's size: enrolled, minus deferrals, 统考 without classes that sit their own). */
async function countRosters(db: H, planId: number, examIds: number[]): Promise<Map<number, number>> {
  const rows = await rowsOf<{ examId: number; n: number }>(
    db,
    sql`select r."examId", count(*)::int as n from (${rosterSql(planId, sql`e.id in (${list(examIds)})`)}) r group by 1`,
  );
  return new Map(rows.map((r) => [r.examId, r.n]));
}

export interface SittingFilter {
  termId: number;
  planId?: number;
  studentId?: number;
  teacherId?: number;
  roomId?: number;
  /** Only published plans (everyone but the office). */
  publishedOnly: boolean;
  /** A secretary's colleges: exams of their courses only. */
  collegeIds?: number[];
}

/** Sittings (an exam in a room) of a term; a student's with their seat, a teacher's: exams of their classes and rooms they invigilate. */
export async function findSittings(db: H, f: SittingFilter): Promise<ExamSitting[]> {
  const where = [sql`p.term_id = ${f.termId}`, sql`e.session_id is not null`];
  if (f.planId) where.push(sql`p.id = ${f.planId}`);
  if (f.publishedOnly) where.push(sql`p.schedule_status = 'published'`);
  if (f.roomId) where.push(sql`er.room_id = ${f.roomId}`);
  if (f.collegeIds) where.push(f.collegeIds.length ? sql`${EXAM_COLLEGE} in (${list(f.collegeIds)})` : sql`false`);
  if (f.studentId) where.push(sql`st.student_id = ${f.studentId}`);
  if (f.teacherId)
    where.push(sql`(exists (select 1 from exam_invigilations iv where iv.session_id = e.session_id and iv.room_id = er.room_id and iv.teacher_id = ${f.teacherId})
          or exists (select 1 from teaching_classes t2 where t2.term_id = p.term_id and t2.course_id = e.course_id
                      and (e.teaching_class_id is null or t2.id = e.teaching_class_id) and ${f.teacherId} = any(t2.teacher_ids)))`);
  const seat = f.studentId
    ? sql`join exam_seats st on st.exam_id = e.id and st.room_id = er.room_id`
    : sql`left join lateral (select null::int as student_id, null::int as seat_no) st on true`;
  const rows = await rowsOf<Omit<ExamSitting, 'start' | 'end'> & { startMin: number; endMin: number; seatNo: number | null }>(
    db,
    sql`select e.id as "examId", p.id as "planId", e.course_id as "courseId", c.code as "courseCode", c.name as "courseName",
               to_char(s.date, 'YYYY-MM-DD') as date, s.start_min as "startMin", s.start_min + e.duration_min as "endMin",
               er.room_id as "roomId", r.name as "roomName", b.name as "buildingName", er.seats as students, st.seat_no as "seatNo"
          from exams e
          join exam_plans p on p.id = e.plan_id
          join exam_sessions s on s.id = e.session_id
          join exam_rooms er on er.exam_id = e.id
          join rooms r on r.id = er.room_id join buildings b on b.id = r.building_id
          join courses c on c.id = e.course_id join departments d on d.id = c.department_id
          left join teaching_classes tc on tc.id = e.teaching_class_id
          ${seat}
         where ${sql.join(where, sql` and `)}
         order by s.date, s.start_min, c.code, r.name`,
  );
  return rows.map(({ startMin, endMin, seatNo, ...r }) => ({
    ...r,
    start: hhmm(startMin),
    end: hhmm(endMin),
    ...(f.studentId ? { seat: seatNo ?? undefined } : {}),
  }));
}

export interface InvigilationFilter {
  termId?: number;
  planId?: number;
  teacherId?: number;
  publishedOnly: boolean;
  collegeIds?: number[];
}

/** Invigilation duties with the room, time and the exams in the room. */
export async function findInvigilations(db: H, f: InvigilationFilter): Promise<InvigilationItem[]> {
  const where = [sql`true`];
  if (f.termId) where.push(sql`p.term_id = ${f.termId}`);
  if (f.planId) where.push(sql`p.id = ${f.planId}`);
  if (f.teacherId) where.push(sql`iv.teacher_id = ${f.teacherId}`);
  if (f.publishedOnly) where.push(sql`p.schedule_status = 'published'`);
  if (f.collegeIds) where.push(f.collegeIds.length ? sql`d.college_id in (${list(f.collegeIds)})` : sql`false`);
  const rows = await rowsOf<Omit<InvigilationItem, 'start' | 'end' | 'courses'> & { startMin: number; endMin: number; sessionId: number }>(
    db,
    sql`select iv.id, p.id as "planId", iv.teacher_id as "teacherId", t.name as "teacherName", iv.chief,
               to_char(s.date, 'YYYY-MM-DD') as date, s.start_min as "startMin", s.end_min as "endMin", s.id as "sessionId",
               iv.room_id as "roomId", r.name as "roomName", b.name as "buildingName"
          from exam_invigilations iv
          join exam_plans p on p.id = iv.plan_id
          join exam_sessions s on s.id = iv.session_id
          join teachers t on t.id = iv.teacher_id join departments d on d.id = t.department_id
          join rooms r on r.id = iv.room_id join buildings b on b.id = r.building_id
         where ${sql.join(where, sql` and `)}
         order by s.date, s.start_min, r.name, iv.chief desc, t.name
         limit 5000`,
  );
  const sessions = [...new Set(rows.map((r) => r.sessionId))];
  const courses = sessions.length
    ? await rowsOf<{ sessionId: number; roomId: number; courseId: number; courseName: string; students: number; endMin: number }>(
        db,
        sql`select e.session_id as "sessionId", er.room_id as "roomId", e.course_id as "courseId", c.name as "courseName",
                   er.seats as students, s.start_min + e.duration_min as "endMin"
              from exams e join exam_rooms er on er.exam_id = e.id join courses c on c.id = e.course_id
              join exam_sessions s on s.id = e.session_id
             where e.session_id in (${list(sessions)})`,
      )
    : [];
  return rows.map(({ startMin, endMin, sessionId, ...r }) => {
    const here = courses.filter((c) => c.sessionId === sessionId && c.roomId === r.roomId);
    const end = here.length ? Math.max(...here.map((c) => c.endMin)) : endMin;
    return {
      ...r,
      start: hhmm(startMin),
      end: hhmm(end),
      courses: here.map(({ courseId, courseName, students }) => ({ courseId, courseName, students })),
    };
  });
}

/** Duties per teacher in a plan (the office balances and swaps from it). */
export async function findInvigilationLoad(db: H, planId: number): Promise<InvigilationLoad[]> {
  return rowsOf(
    db,
    sql`select t.id as "teacherId", t.name as "teacherName", co.name as "collegeName",
               count(*)::int as duties, count(*) filter (where iv.chief)::int as chief
          from exam_invigilations iv join teachers t on t.id = iv.teacher_id
          join departments d on d.id = t.department_id join colleges co on co.id = d.college_id
         where iv.plan_id = ${planId}
         group by t.id, t.name, co.name
         order by duties desc, t.name`,
  );
}
