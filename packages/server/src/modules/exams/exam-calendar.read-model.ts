import { roomLabel } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { findExamScheduleRows, type ExamScheduleRow } from './schedule-rows.read-model.ts';

/** One exam event of a calendar feed, in the school's wall-clock time (the lecture events' shape). */
export interface ExamOccurrence {
  uid: string;
  date: string;
  /** HH:mm of the school's clock. */
  start: string;
  end: string;
  summary: string;
  description: string;
  location: string;
}

const SEP = '、';
const names = (r: ExamScheduleRow) => r.invigilators.map((i) => (i.chief ? `${i.name}（主监考）` : i.name)).join(SEP);
const byKey = <T>(items: T[], key: (t: T) => string) => {
  const m = new Map<string, T[]>();
  for (const i of items) m.set(key(i), [...(m.get(key(i)) ?? []), i]);
  return [...m.values()];
};

/**
 * The published exams of a feed's owner from `fromDate` on, as calendar events (Chinese, as the
 * lecture events): a student's sittings with the seat; a teacher's duties (one per room and
 * session, naming every exam in the room) and the exams of their classes they do not invigilate;
 * a room's exams with their students and invigilators.
 */
export async function findExamOccurrences(
  db: Db,
  owner: { kind: 'student' | 'teacher' | 'room'; id: number },
  fromDate: string,
): Promise<ExamOccurrence[]> {
  const { kind, id } = owner;
  const filter = kind === 'student' ? { studentId: id } : kind === 'teacher' ? { teacherId: id } : { roomId: id };
  const rows = await findExamScheduleRows(db, { ...filter, fromDate });
  const at = (r: ExamScheduleRow) => ({ date: r.date, start: r.start, end: r.end });
  if (kind === 'student')
    return rows.map((r) => ({
      uid: `exam-${r.examId}-s${id}@jiaowu`,
      ...at(r),
      summary: `考试：${r.courseName}`,
      description: [`座位号：${r.seat ?? ''}`, `课程代码：${r.courseCode}`, `班级：${r.classCode ?? '统考'}`].join('\n'),
      location: roomLabel(r.buildingName, r.roomName),
    }));
  if (kind === 'room')
    return rows.map((r) => ({
      uid: `exam-${r.examId}-r${r.roomId}@jiaowu`,
      ...at(r),
      summary: `考试：${r.courseName}`,
      description: [`考生：${r.students} 人`, `监考：${names(r)}`, `班级：${r.classCode ?? '统考'}`].join('\n'),
      location: roomLabel(r.buildingName, r.roomName),
    }));
  const duties = rows.filter((r) => r.invigilators.some((i) => i.teacherId === id));
  const busy = new Set(duties.map((r) => r.sessionId));
  const dutyEvents = byKey(duties, (r) => `${r.sessionId}-${r.roomId}`).map((rs) => {
    const first = rs[0]!;
    const duty = first.invigilators.find((i) => i.teacherId === id)!;
    const courses = [...new Set(rs.map((r) => r.courseName))].join(SEP);
    return {
      uid: `exam-duty-${duty.id}@jiaowu`,
      date: first.date,
      start: first.start,
      end: rs.map((r) => r.end).reduce((a, b) => (b > a ? b : a)),
      summary: `${duty.chief ? '主监考' : '监考'}：${courses}`,
      description: [`考生：${rs.reduce((n, r) => n + r.students, 0)} 人`, `监考：${names(first)}`].join('\n'),
      location: roomLabel(first.buildingName, first.roomName),
    };
  });
  // The exams of the teacher's classes, once per exam over all its rooms, unless they invigilate then.
  const classEvents = byKey(
    rows.filter((r) => r.teaches && !busy.has(r.sessionId)),
    (r) => String(r.examId),
  ).map((rs) => {
    const first = rs[0]!;
    return {
      uid: `exam-${first.examId}-t${id}@jiaowu`,
      ...at(first),
      summary: `考试：${first.courseName}`,
      description: [`任课教师`, `班级：${first.classCode ?? '统考'}`, `考生：${rs.reduce((n, r) => n + r.students, 0)} 人`].join('\n'),
      location: rs.map((r) => roomLabel(r.buildingName, r.roomName)).join(SEP),
    };
  });
  return [...dutyEvents, ...classEvents].sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start));
}
