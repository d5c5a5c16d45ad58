import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';

/**
 * Published exams as rows of a schedule, one per exam and room, with the room's invigilators:
 * what printed exam schedules and the calendar feeds show. Other modules read exams through here.
 */

type H = Db | Tx;
const rowsOf = async <T>(db: H, q: ReturnType<typeof sql>): Promise<T[]> => ((await db.execute(q)) as unknown as { rows: T[] }).rows;
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export interface ScheduleRowFilter {
  termId?: number;
  /** Only sessions on or after this day (YYYY-MM-DD): feeds keep recent history only. */
  fromDate?: string;
  /** The exams this student sits, with their room and seat. */
  studentId?: number;
  /** The exams of this teacher's classes and the rooms they invigilate. */
  teacherId?: number;
  roomId?: number;
  /** Exams of these colleges' courses only (a secretary's scope). */
  collegeIds?: number[];
}

export interface ExamInvigilator {
  /** The duty's id (exam_invigilations). */
  id: number;
  teacherId: number;
  name: string;
  /** 主监考 */
  chief: boolean;
}

export interface ExamScheduleRow {
  examId: number;
  sessionId: number;
  date: string;
  start: string;
  end: string;
  courseCode: string;
  courseName: string;
  /** The teaching class an exam is of; null for a unified exam 统考. */
  classCode: string | null;
  roomId: number;
  roomName: string;
  buildingName: string;
  /** Students of this exam in this room. */
  students: number;
  /** The student's seat (a student's rows only). */
  seat: number | null;
  invigilators: ExamInvigilator[];
  /** The filtered teacher teaches a class sitting this exam. */
  teaches: boolean;
}

const EXAM_COLLEGE = sql`coalesce(tc.college_id, d.college_id)`;

/** Rows of published exam plans, in date and time order. */
export async function findExamScheduleRows(db: H, f: ScheduleRowFilter): Promise<ExamScheduleRow[]> {
  const teaches = f.teacherId
    ? sql`exists (select 1 from teaching_classes t2 where t2.term_id = p.term_id and t2.course_id = e.course_id
                   and (e.teaching_class_id is null or t2.id = e.teaching_class_id) and ${f.teacherId} = any(t2.teacher_ids))`
    : sql`false`;
  const where = [sql`p.schedule_status = 'published'`, sql`e.session_id is not null`];
  if (f.termId) where.push(sql`p.term_id = ${f.termId}`);
  if (f.fromDate) where.push(sql`s.date >= ${f.fromDate}::date`);
  if (f.roomId) where.push(sql`er.room_id = ${f.roomId}`);
  if (f.collegeIds)
    where.push(
      f.collegeIds.length
        ? sql`${EXAM_COLLEGE} in (${sql.join(
            f.collegeIds.map((c) => sql`${c}`),
            sql`, `,
          )})`
        : sql`false`,
    );
  if (f.studentId) where.push(sql`st.student_id = ${f.studentId}`);
  if (f.teacherId)
    where.push(sql`(${teaches} or exists (select 1 from exam_invigilations iv where iv.session_id = e.session_id
                                           and iv.room_id = er.room_id and iv.teacher_id = ${f.teacherId}))`);
  const seat = f.studentId
    ? sql`join exam_seats st on st.exam_id = e.id and st.room_id = er.room_id`
    : sql`left join lateral (select null::int as student_id, null::int as seat_no) st on true`;
  const rows = await rowsOf<Omit<ExamScheduleRow, 'start' | 'end'> & { startMin: number; endMin: number }>(
    db,
    sql`select e.id as "examId", s.id as "sessionId", to_char(s.date, 'YYYY-MM-DD') as date,
               s.start_min as "startMin", s.start_min + e.duration_min as "endMin",
               c.code as "courseCode", c.name as "courseName", tc.code as "classCode",
               er.room_id as "roomId", r.name as "roomName", b.name as "buildingName", er.seats as students,
               st.seat_no as seat, ${teaches} as teaches,
               coalesce((select json_agg(json_build_object('id', iv.id, 'teacherId', iv.teacher_id, 'name', t.name, 'chief', iv.chief)
                                         order by iv.chief desc, t.name)
                           from exam_invigilations iv join teachers t on t.id = iv.teacher_id
                          where iv.session_id = e.session_id and iv.room_id = er.room_id), '[]'::json) as invigilators
          from exams e
          join exam_plans p on p.id = e.plan_id
          join exam_sessions s on s.id = e.session_id
          join exam_rooms er on er.exam_id = e.id
          join rooms r on r.id = er.room_id join buildings b on b.id = r.building_id
          join courses c on c.id = e.course_id join departments d on d.id = c.department_id
          left join teaching_classes tc on tc.id = e.teaching_class_id
          ${seat}
         where ${sql.join(where, sql` and `)}
         order by s.date, s.start_min, c.code, e.id, b.name, r.name`,
  );
  return rows.map(({ startMin, endMin, invigilators, ...r }) => ({
    ...r,
    start: hhmm(startMin),
    end: hhmm(endMin),
    // PostgreSQL returns json parsed; a driver returning text still works.
    invigilators: typeof invigilators === 'string' ? (JSON.parse(invigilators) as ExamInvigilator[]) : invigilators,
  }));
}
