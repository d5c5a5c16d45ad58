import { roomLabel, type ExamExportOwner, type Locale } from '@jiaowu/contracts';
import type { ExamScheduleRow } from './schedule-rows.read-model.ts';

/** A printed exam schedule, the same table for the XLSX and the PDF. */
export interface PrintSchedule {
  title: string;
  headers: string[];
  rows: string[][];
  /** Relative column widths (the PDF spreads them over the page; the XLSX over characters). */
  widths: number[];
  /** Shown when there are no rows. */
  empty: string;
}

const WORDS = {
  'zh-CN': {
    title: (owner: string, term: string) => `${owner} ${term} 考试安排`,
    file: '考试安排',
    base: ['日期', '星期', '时间', '课程代码', '课程', '班级', '考场'],
    seat: '座位号',
    duty: '职责',
    students: '人数',
    invigilators: '监考教师',
    unified: '统考',
    chief: '主监考',
    invigilator: '监考',
    teacher: '任课教师',
    empty: '本学期暂无已发布的考试安排。',
    weekdays: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
    sep: '、',
  },
  en: {
    title: (owner: string, term: string) => `Exam schedule — ${owner}, ${term}`,
    file: 'Exam schedule',
    base: ['Date', 'Day', 'Time', 'Code', 'Course', 'Class', 'Room'],
    seat: 'Seat',
    duty: 'Duty',
    students: 'Students',
    invigilators: 'Invigilators',
    unified: 'Unified',
    chief: 'Chief invigilator',
    invigilator: 'Invigilator',
    teacher: 'Course teacher',
    empty: 'No published exams this term.',
    weekdays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    sep: ', ',
  },
} as const;

export const scheduleFileWord = (locale: Locale) => WORDS[locale].file;

/** What the teacher does at this exam: their duty in the room, else that they teach the class. */
export function dutyOf(r: ExamScheduleRow, teacherId: number, locale: Locale): string {
  const w = WORDS[locale];
  const duty = r.invigilators.find((i) => i.teacherId === teacherId);
  return duty ? (duty.chief ? w.chief : w.invigilator) : w.teacher;
}

/**
 * The table of one owner's exams: date, weekday, time, course, class, room, and per owner the
 * seat (student), the duty (teacher), or students and invigilators (room, college).
 */
export function printSchedule(o: {
  locale: Locale;
  kind: ExamExportOwner;
  ownerId: number;
  ownerName: string;
  termName: string;
  rows: ExamScheduleRow[];
}): PrintSchedule {
  const w = WORDS[o.locale];
  const extra = o.kind === 'student' ? [w.seat] : o.kind === 'teacher' ? [w.duty] : [w.students, w.invigilators];
  const extraOf = (r: ExamScheduleRow): string[] => {
    if (o.kind === 'student') return [r.seat === null ? '' : String(r.seat)];
    if (o.kind === 'teacher') return [dutyOf(r, o.ownerId, o.locale)];
    return [String(r.students), r.invigilators.map((i) => (i.chief ? `${i.name}（${w.chief}）` : i.name)).join(w.sep)];
  };
  return {
    title: w.title(o.ownerName, o.termName),
    headers: [...w.base, ...extra],
    widths: [10, 5, 11, 9, 22, 11, 16, ...(extra.length === 1 ? [8] : [6, 24])],
    empty: w.empty,
    rows: o.rows.map((r) => [
      r.date,
      w.weekdays[new Date(`${r.date}T00:00:00Z`).getUTCDay()]!,
      `${r.start}–${r.end}`,
      r.courseCode,
      r.courseName,
      r.classCode ?? w.unified,
      roomLabel(r.buildingName, r.roomName),
      ...extraOf(r),
    ]),
  };
}
