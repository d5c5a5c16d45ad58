import { ENUM_LABELS } from './labels.ts';
import { weeksText, type HardViolation } from './timetable.ts';

/**
 * Timetable violations in words, for people: "教师 王芳 在 周二 第3-4节（1-16周）同时有
 * 数据结构 CS201-01 与 操作系统 CS305-02". Used by manual edits, change requests, the conflict
 * report and publication. The server resolves every id into `names` first (the words never show
 * an id or a code of a rule).
 */

type Locale = 'zh-CN' | 'en';

/** A lecture as a sentence names it. `startPeriod`/`length` let a clash say which periods collide. */
export interface LectureName {
  course: string;
  courseEn?: string | null;
  /** The teaching class code, e.g. CS201-01. */
  code: string;
  startPeriod?: number | null;
  length?: number;
}

/** Everything a violation may name, resolved server-side. Missing entries read as "?" rather than a number. */
export interface TimetableNames {
  lectures: Record<string, LectureName | undefined>;
  teachers?: Record<number, string | undefined>;
  rooms?: Record<number, string | undefined>;
  adminClasses?: Record<number, string | undefined>;
  students?: Record<number, string | undefined>;
  campuses?: Record<number, string | undefined>;
  /** Blocked slots by their position in the term's settings: the reason in both languages. */
  blockedSlots?: Record<number, { zh: string; en: string } | undefined>;
  links?: Record<number, string | undefined>;
}

const DAYS_ZH = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const DAYS_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** 周二 / Tue */
export function lectureDayText(day: number, locale: Locale): string {
  return (locale === 'en' ? DAYS_EN : DAYS_ZH)[day - 1] ?? `${day}`;
}

/** 第3-4节 / periods 3–4 */
export function lecturePeriodsText(from: number, to: number, locale: Locale): string {
  if (locale === 'en') return from === to ? `period ${from}` : `periods ${from}–${to}`;
  return from === to ? `第${from}节` : `第${from}-${to}节`;
}

/** The soft preferences a draft is measured against (beyond the hard rules). */
export const SOFT_KINDS = ['teacher_avoid', 'evening', 'teacher_day_limit', 'same_day_sessions'] as const;
export type SoftKind = (typeof SOFT_KINDS)[number];

/** A broken preference: same shape as a hard violation, with a soft kind. */
export interface SoftViolation {
  rule: SoftKind;
  lectureKeys: string[];
  subject: { kind: 'teacher' | 'admin_class' | 'teaching_class'; id: number } | null;
  day: number | null;
  period: number | null;
  weeks: number[];
  params: Record<string, string | number>;
}

const RULE_TITLES: Record<HardViolation['rule'] | SoftKind, { zh: string; en: string }> = {
  teacher_clash: { zh: '教师时间冲突', en: 'Teacher double-booked' },
  room_clash: { zh: '教室时间冲突', en: 'Room double-booked' },
  class_clash: { zh: '行政班时间冲突', en: 'Admin class double-booked' },
  student_clash: { zh: '学生时间冲突', en: 'Student double-booked' },
  room_capacity: { zh: '教室座位不足', en: 'Room too small' },
  room_type: { zh: '教室类型不符', en: 'Wrong room type' },
  room_features: { zh: '教室缺少设备', en: 'Room lacks equipment' },
  room_unavailable: { zh: '教室不可用', en: 'Room unavailable' },
  room_booked: { zh: '教室已被借用', en: 'Room booked' },
  teacher_unavailable: { zh: '教师不能上课的时间', en: 'Teacher unavailable' },
  blocked_slot: { zh: '禁排时间', en: 'Blocked time' },
  campus_travel: { zh: '跨校区时间不足', en: 'Not enough time between campuses' },
  outside_grid: { zh: '超出作息时间', en: 'Outside the time grid' },
  linked_time: { zh: '关联课程不同时', en: 'Linked classes apart' },
  unplaced: { zh: '未排课', en: 'Not placed' },
  teacher_avoid: { zh: '教师希望避开的时间', en: 'Time the teacher wishes to avoid' },
  evening: { zh: '晚上上课', en: 'Evening periods' },
  teacher_day_limit: { zh: '教师单日课时过多', en: 'Too many periods a day for a teacher' },
  same_day_sessions: { zh: '同一教学班一天多次课', en: 'Sessions of a class on one day' },
};

/** The name of a rule (hard or soft) as a heading: 教师时间冲突 / Teacher double-booked. */
export function ruleTitle(rule: HardViolation['rule'] | SoftKind, locale: Locale): string {
  const t = RULE_TITLES[rule];
  return locale === 'en' ? t.en : t.zh;
}

const enumLabel = (group: 'roomType' | 'roomFeature', code: string, locale: Locale) =>
  (ENUM_LABELS[group] as Record<string, Record<Locale, string>>)[code]?.[locale] ?? code;

/**
 * A violation (hard or soft) as one sentence in the user's language, every id replaced by
 * its name from `names`.
 */
export function violationText(v: HardViolation | SoftViolation, names: TimetableNames, locale: Locale): string {
  const en = locale === 'en';
  const lec = (key: string | undefined) => {
    const l = key === undefined ? undefined : names.lectures[key];
    if (!l) return '?';
    return `${en && l.courseEn ? l.courseEn : l.course} ${l.code}`;
  };
  const [a, b] = [lec(v.lectureKeys[0]), lec(v.lectureKeys[1])];
  const id = v.subject?.id ?? -1;
  const nameOf = (rec: Record<number, string | undefined> | undefined) => rec?.[id] ?? '?';
  // The periods that collide: from the later start to the earlier end of the lectures named.
  const span = () => {
    const ls = v.lectureKeys.map((k) => names.lectures[k]).filter((l): l is LectureName => !!l && l.startPeriod != null && !!l.length);
    if (v.period === null) return '';
    if (ls.length === 0) return lecturePeriodsText(v.period, v.period, locale);
    const from = Math.max(...ls.map((l) => l.startPeriod!));
    const to = Math.min(...ls.map((l) => l.startPeriod! + l.length! - 1));
    return to >= from ? lecturePeriodsText(from, to, locale) : lecturePeriodsText(v.period, v.period, locale);
  };
  const weeks = v.weeks.length ? (en ? ` (${weeksText(v.weeks, 'en')})` : `（${weeksText(v.weeks, 'zh-CN')}）`) : '';
  const when =
    v.day === null
      ? ''
      : en
        ? `on ${lectureDayText(v.day, 'en')} ${span()}${weeks}`
        : `${lectureDayText(v.day, 'zh-CN')} ${span()}${weeks}`;
  const p = v.params;
  switch (v.rule) {
    case 'teacher_clash':
      return en
        ? `Teacher ${nameOf(names.teachers)} has both ${a} and ${b} ${when}`
        : `教师 ${nameOf(names.teachers)} 在 ${when} 同时有 ${a} 与 ${b}`;
    case 'room_clash':
      return en
        ? `Room ${nameOf(names.rooms)} holds both ${a} and ${b} ${when}`
        : `教室 ${nameOf(names.rooms)} 在 ${when} 同时安排了 ${a} 与 ${b}`;
    case 'class_clash':
      return en
        ? `Admin class ${nameOf(names.adminClasses)} has both ${a} and ${b} ${when}`
        : `行政班 ${nameOf(names.adminClasses)} 在 ${when} 同时有 ${a} 与 ${b}`;
    case 'student_clash':
      return en
        ? `Student ${nameOf(names.students)} has both ${a} and ${b} ${when}`
        : `学生 ${nameOf(names.students)} 在 ${when} 同时有 ${a} 与 ${b}`;
    case 'room_capacity':
      return en
        ? `${a} has ${p.size} students but room ${nameOf(names.rooms)} seats only ${p.capacity}`
        : `${a} 有 ${p.size} 人，教室 ${nameOf(names.rooms)} 只有 ${p.capacity} 个座位`;
    case 'room_type':
      return en
        ? `${a} needs a ${enumLabel('roomType', String(p.need), 'en').toLowerCase()}; room ${nameOf(names.rooms)} is a ${enumLabel('roomType', String(p.has), 'en').toLowerCase()}`
        : `${a} 需要${enumLabel('roomType', String(p.need), 'zh-CN')}，教室 ${nameOf(names.rooms)} 是${enumLabel('roomType', String(p.has), 'zh-CN')}`;
    case 'room_features': {
      const missing = String(p.missing ?? '')
        .split(',')
        .filter(Boolean)
        .map((f) => enumLabel('roomFeature', f, locale))
        .join(en ? ', ' : '、');
      return en ? `Room ${nameOf(names.rooms)} lacks ${missing} needed by ${a}` : `教室 ${nameOf(names.rooms)} 没有 ${a} 需要的${missing}`;
    }
    case 'room_unavailable':
      return en ? `Room ${nameOf(names.rooms)} is not available ${when} (${a})` : `教室 ${nameOf(names.rooms)} 在 ${when} 不可用（${a}）`;
    case 'room_booked':
      return en
        ? `Room ${nameOf(names.rooms)} is booked for an event ${when} (${a})`
        : `教室 ${nameOf(names.rooms)} 在 ${when} 已被借用（${a}）`;
    case 'teacher_unavailable':
      return en
        ? `Teacher ${nameOf(names.teachers)} cannot teach ${when} (${a})`
        : `教师 ${nameOf(names.teachers)} 在 ${when} 不能上课（${a}）`;
    case 'blocked_slot': {
      const reason = names.blockedSlots?.[id];
      const r = reason ? (en ? reason.en || reason.zh : reason.zh) : '';
      return en
        ? `${when} is blocked${r ? ` (${r})` : ''}: ${a} cannot be held then`
        : `${when} 是禁排时间${r ? `（${r}）` : ''}，${a} 不能排在此时`;
    }
    case 'campus_travel': {
      const who =
        v.subject?.kind === 'teacher'
          ? en
            ? `Teacher ${nameOf(names.teachers)}`
            : `教师 ${nameOf(names.teachers)}`
          : v.subject?.kind === 'student'
            ? en
              ? `Student ${nameOf(names.students)}`
              : `学生 ${nameOf(names.students)}`
            : en
              ? `Admin class ${nameOf(names.adminClasses)}`
              : `行政班 ${nameOf(names.adminClasses)}`;
      const from = names.campuses?.[Number(p.fromCampus)] ?? '?';
      const to = names.campuses?.[Number(p.toCampus)] ?? '?';
      return en
        ? `${who} goes from ${a} (${from}) to ${b} (${to}) ${when} with ${p.gap} minutes between them; ${p.need} are needed`
        : `${who} 在 ${when} 从 ${a}（${from}）到 ${b}（${to}）只有 ${p.gap} 分钟，跨校区需要 ${p.need} 分钟`;
    }
    case 'outside_grid':
      return en ? `${a} is placed ${when}, outside the term's time grid` : `${a} 排在 ${when}，超出本学期的作息时间`;
    case 'linked_time': {
      const link = names.links?.[id];
      return en
        ? `${a} and ${b} must meet at the same time${link ? ` (${link})` : ''}`
        : `${a} 与 ${b} 须同时上课${link ? `（${link}）` : ''}`;
    }
    case 'unplaced':
      return en ? `${a} has no time or room yet` : `${a} 尚未排定时间或教室`;
    case 'teacher_avoid':
      return en
        ? `Teacher ${nameOf(names.teachers)} wishes not to teach ${when} (${a})`
        : `教师 ${nameOf(names.teachers)} 希望 ${when} 不上课（${a}）`;
    case 'evening':
      return en ? `${a} is in the evening ${when}` : `${a} 排在晚上 ${when}`;
    case 'teacher_day_limit':
      return en
        ? `Teacher ${nameOf(names.teachers)} teaches ${p.periods} periods on ${v.day === null ? '?' : lectureDayText(v.day, 'en')}, more than ${p.limit}`
        : `教师 ${nameOf(names.teachers)} ${v.day === null ? '' : lectureDayText(v.day, 'zh-CN')}共上 ${p.periods} 节课，超过 ${p.limit} 节`;
    case 'same_day_sessions':
      return en
        ? `${a} meets twice on ${v.day === null ? '?' : lectureDayText(v.day, 'en')}; its sessions should be spread over the week`
        : `${a} ${v.day === null ? '' : lectureDayText(v.day, 'zh-CN')}上两次课，各次课宜分散在不同日子`;
  }
}
