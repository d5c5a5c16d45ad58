import { weeksText, type HardViolation, type Locale } from '@jiaowu/contracts';
import type { TermFacts } from './term-facts.ts';
import type { LectureRowLike } from './term-facts.ts';

const DAYS: Record<Locale, string[]> = {
  'zh-CN': ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

/** "第3-4节" / "periods 3–4". */
export function periodsText(from: number, to: number, locale: Locale) {
  if (locale === 'en') return from === to ? `period ${from}` : `periods ${from}–${to}`;
  return from === to ? `第${from}节` : `第${from}-${to}节`;
}

/** "1-16周 周三 第3-4节" / "Weeks 1–16, Wed periods 3–4". */
export function slotText(weeks: readonly number[], day: number | null, from: number | null, to: number | null, locale: Locale) {
  const parts = [weeks.length ? weeksText(weeks, locale) : null, day ? DAYS[locale][day - 1] : null];
  if (from !== null) parts.push(periodsText(from, to ?? from, locale));
  return parts.filter(Boolean).join(locale === 'en' ? ', ' : ' ');
}

export const dayName = (day: number, locale: Locale) => DAYS[locale][day - 1] ?? String(day);

/**
 * A broken hard rule in words, naming what holds the slot ("教师张伟 在 5周 周三 第3节 已有课：
 * 数据结构（CS201-01）"), for the refusal of a booking or a change request and a failed approval.
 * `lectures` names the other lecture of a clash; `own` are the keys of the lectures being placed.
 */
export function violationText(
  v: HardViolation,
  facts: TermFacts,
  lectures: ReadonlyMap<string, LectureRowLike>,
  own: ReadonlySet<string>,
  locale: Locale,
): string {
  const en = locale === 'en';
  const when = slotText(v.weeks, v.day, v.period, null, locale);
  const lectureName = (key: string | undefined) => {
    const l = key ? lectures.get(key) : undefined;
    const c = l ? facts.classes.get(l.teachingClassId) : undefined;
    if (!c) return en ? 'another lecture' : '其他课程';
    const name = en ? (c.course.nameEn ?? c.course.name) : c.course.name;
    return en ? `${name} (${c.code})` : `${name}（${c.code}）`;
  };
  const other = lectureName(v.lectureKeys.find((k) => !own.has(k)) ?? v.lectureKeys[1]);
  const id = v.subject?.id ?? 0;
  const teacher = facts.teachers.get(id)?.name ?? '';
  const room = facts.rooms.get(id)?.name ?? '';
  const adminClass = facts.adminClasses.get(id)?.name ?? '';
  const p = v.params;
  switch (v.rule) {
    case 'teacher_clash':
      return en ? `teacher ${teacher} already teaches ${other} (${when})` : `教师${teacher}在${when}已有课：${other}`;
    case 'room_clash':
      return en ? `room ${room} is used by ${other} (${when})` : `教室${room}在${when}已有课：${other}`;
    case 'class_clash':
      return en ? `admin class ${adminClass} has ${other} (${when})` : `行政班${adminClass}在${when}已有课：${other}`;
    case 'student_clash':
      return en ? `a student has ${other} (${when})` : `有学生在${when}已有课：${other}`;
    case 'room_capacity':
      return en ? `room ${room} has ${p.capacity} seats, ${p.size} are needed` : `教室${room}只有${p.capacity}个座位，需要${p.size}个`;
    case 'room_type':
      return en ? `room ${room} is not of the type the class needs` : `教室${room}的类型不符合要求`;
    case 'room_features':
      return en ? `room ${room} lacks ${p.missing}` : `教室${room}缺少设施：${p.missing}`;
    case 'room_unavailable':
      return en ? `room ${room} is not available (${when})` : `教室${room}在${when}不可用`;
    case 'room_booked':
      return en ? `room ${room} is booked (${when})` : `教室${room}在${when}已被借用`;
    case 'teacher_unavailable':
      return en ? `teacher ${teacher} cannot teach then (${when})` : `教师${teacher}在${when}不能上课`;
    case 'blocked_slot': {
      const s = facts.settings.blockedSlots[id];
      const why = s ? (en ? s.reasonEn || s.reasonZh : s.reasonZh) : '';
      return en ? `${when} is blocked${why ? ` (${why})` : ''}` : `${when}为禁排时间${why ? `（${why}）` : ''}`;
    }
    case 'campus_travel':
      return en
        ? `not enough time to change campus before or after ${other} (${p.need} minutes needed, ${p.gap} available; ${when})`
        : `${when}与${other}之间来不及往返校区（需要${p.need}分钟，只有${p.gap}分钟）`;
    case 'outside_grid':
      return en ? `${when} is outside the term's timetable grid` : `${when}不在本学期的作息时间内`;
    case 'linked_time':
      return en ? `it must keep the same time as the linked ${other}` : `须与关联的${other}保持同一时间`;
    case 'unplaced':
      return en ? 'no time or room given' : '未指定时间或教室';
  }
}
