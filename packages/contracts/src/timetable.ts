import { z } from 'zod';

/**
 * Timetabling 排课 — the shapes every part of the timetable module shares.
 * Days are 1-based (1 = Monday), periods 1-based (节次), weeks 1-based; in the
 * database a week set is a bitmask (bit w − 1 ⇔ week w, at most 32 weeks).
 */

export const MAX_WEEKS = 32;

/** Week numbers of a bitmask, ascending. */
export function weeksOfMask(mask: number): number[] {
  const out: number[] = [];
  for (let w = 1; w <= MAX_WEEKS; w++) if ((mask >>> (w - 1)) & 1) out.push(w);
  return out;
}

/** Bitmask of week numbers (numbers outside 1–32 are ignored). */
export function maskOfWeeks(weeks: readonly number[]): number {
  let m = 0;
  for (const w of weeks) if (Number.isInteger(w) && w >= 1 && w <= MAX_WEEKS) m |= 1 << (w - 1);
  return m | 0;
}

/** True when the mask has week w. */
export const hasWeek = (mask: number, week: number) => week >= 1 && week <= MAX_WEEKS && ((mask >>> (week - 1)) & 1) === 1;

/**
 * Weeks in the words a Chinese timetable prints them: "1-16周", "1-15周(单)",
 * "2-16周(双)", "1-8,10-16周"; English "Weeks 1–16", "Weeks 1–15 (odd)".
 */
export function weeksText(weeks: readonly number[], locale: 'zh-CN' | 'en'): string {
  const ws = [...new Set(weeks)].sort((a, b) => a - b);
  if (ws.length === 0) return locale === 'en' ? 'No weeks' : '无';
  const stepOf = (a: number[]) => (a.length > 1 && a.every((w, i) => i === 0 || w - a[i - 1] === 2) ? 2 : 0);
  if (ws.length > 2 && stepOf(ws) === 2) {
    const odd = ws[0] % 2 === 1;
    return locale === 'en'
      ? `Weeks ${ws[0]}–${ws[ws.length - 1]} (${odd ? 'odd' : 'even'})`
      : `${ws[0]}-${ws[ws.length - 1]}周(${odd ? '单' : '双'})`;
  }
  const runs: string[] = [];
  for (let i = 0; i < ws.length;) {
    let j = i;
    while (j + 1 < ws.length && ws[j + 1] === ws[j] + 1) j++;
    runs.push(i === j ? `${ws[i]}` : locale === 'en' ? `${ws[i]}–${ws[j]}` : `${ws[i]}-${ws[j]}`);
    i = j + 1;
  }
  return locale === 'en' ? `Week${ws.length > 1 ? 's' : ''} ${runs.join(', ')}` : `${runs.join(',')}周`;
}

export const weekList = z.array(z.number().int().min(1).max(MAX_WEEKS)).max(MAX_WEEKS);

/**
 * One lecture of a timetable as every API answer shows it (the acceptance checks rely on
 * these field names). `day`/`startPeriod` are null for a lecture a draft could not place.
 */
export const lectureItem = z.object({
  /** Stable across drafts and versions: the same lecture keeps its key when it moves. */
  key: z.string(),
  teachingClassId: z.number().int(),
  teachingClassCode: z.string(),
  courseId: z.number().int(),
  courseCode: z.string(),
  courseName: z.string(),
  courseNameEn: z.string().nullable(),
  /** Index of the weekly session of the teaching class (0-based: a 2+2 class has sessions 0 and 1). */
  sessionIndex: z.number().int(),
  day: z.number().int().min(1).max(7).nullable(),
  startPeriod: z.number().int().min(1).nullable(),
  length: z.number().int().min(1),
  weeks: weekList,
  roomId: z.number().int().nullable(),
  roomName: z.string().nullable(),
  teacherIds: z.array(z.number().int()),
  teacherNames: z.array(z.string()),
  adminClassIds: z.array(z.number().int()),
  adminClassNames: z.array(z.string()),
  /** regular; makeup 补课; substitute: taught by a 代课 teacher in these weeks. */
  kind: z.enum(['regular', 'makeup', 'substitute']).default('regular'),
  lockTime: z.boolean().default(false),
  lockRoom: z.boolean().default(false),
});
export type LectureItem = z.infer<typeof lectureItem>;

/** Hard rules: never broken in a published timetable. */
export const HARD_RULES = [
  'teacher_clash', // a teacher in two lectures at once in a common week
  'room_clash',
  'class_clash', // an admin class 行政班
  'student_clash', // an enrolled student (after selection)
  'room_capacity',
  'room_type',
  'room_features',
  'room_unavailable', // the room's own unavailable times, or inactive
  'room_booked', // a room booking 教室借用
  'teacher_unavailable', // a teacher's "never" slots
  'blocked_slot', // school / college / cohort blocked times (政治学习…)
  'campus_travel', // back-to-back lectures on two campuses without the travel time between them
  'outside_grid', // a day or period the term's grid does not have
  'linked_time', // classes linked to share a time (体育分项) that do not
  'unplaced', // a lecture without a time or a room
] as const;
export const hardRule = z.enum(HARD_RULES);
export type HardRule = z.infer<typeof hardRule>;

/** One broken hard rule, naming the lectures (keys) and what collides, for words on either side. */
export const hardViolation = z.object({
  rule: hardRule,
  lectureKeys: z.array(z.string()),
  /** The thing double-booked or unsuitable: a teacher, room, admin class, student, blocked slot. */
  subject: z
    .object({ kind: z.enum(['teacher', 'room', 'admin_class', 'student', 'blocked_slot', 'campus', 'grid', 'link']), id: z.number().int() })
    .nullable(),
  day: z.number().int().nullable(),
  period: z.number().int().nullable(),
  weeks: weekList,
  /** Numbers for the message: seats needed/available, minutes needed/available… */
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export type HardViolation = z.infer<typeof hardViolation>;

export const DRAFT_STATUSES = ['draft', 'submitted', 'published', 'archived'] as const;
export const draftStatus = z.enum(DRAFT_STATUSES);
export type DraftStatus = z.infer<typeof draftStatus>;

/** A time-and-place of a lecture a user proposes (manual move, change request target). */
export const lecturePlace = z.object({
  day: z.number().int().min(1).max(7),
  startPeriod: z.number().int().min(1).max(20),
  length: z.number().int().min(1).max(12).optional(),
  roomId: z.number().int().positive().nullable(),
});
export type LecturePlace = z.infer<typeof lecturePlace>;

// ---------------------------------------------------------------- term settings

/** 禁排时间: periods of a day no lecture it applies to may use (政治学习, 公共选修课 only…). */
export const blockedSlot = z.object({
  day: z.number().int().min(1).max(7),
  fromPeriod: z.number().int().min(1).max(20),
  toPeriod: z.number().int().min(1).max(20),
  /** Weeks it holds; omitted or null: every week. */
  weeks: weekList.nullable().optional(),
  appliesTo: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('college'), ids: z.array(z.number().int()).min(1) }),
    z.object({ kind: z.literal('cohort'), ids: z.array(z.number().int()).min(1) }),
    z.object({ kind: z.literal('category'), categories: z.array(z.string()).min(1) }),
  ]),
  /** Course categories exempt (e.g. everything but 通识选修 is blocked on Thursday afternoon). */
  exceptCategories: z.array(z.string()).optional(),
  reasonZh: z.string().min(1).max(100),
  reasonEn: z.string().max(100).default(''),
});
export type BlockedSlotInput = z.infer<typeof blockedSlot>;

export const campusTravel = z.object({
  campusA: z.number().int(),
  campusB: z.number().int(),
  /** Minutes needed between the end of a lecture on one and the start of the next on the other. */
  minutes: z.number().int().min(0).max(600),
});
export type CampusTravel = z.infer<typeof campusTravel>;

/** Soft preferences the office weighs (0 switches one off). Keys map onto the solver's weights. */
export const timetableWeights = z.object({
  teacherWishes: z.number().min(0).max(100).default(1),
  spread: z.number().min(0).max(100).default(5),
  compactDays: z.number().min(0).max(100).default(2),
  sameRoom: z.number().min(0).max(100).default(1),
  buildingChanges: z.number().min(0).max(100).default(1),
  teacherDayLimit: z.number().min(0).max(100).default(2),
  eveningPeriods: z.number().min(0).max(100).default(3),
});
export type TimetableWeights = z.infer<typeof timetableWeights>;

/** Rules the office sets for change requests (调课规则). */
export const changeRules = z.object({
  /** Weeks in which no change may be filed (e.g. week 1). */
  noChangeWeeks: weekList.default([]),
  /** Personal-reason changes a teacher may file per term; null: no limit. */
  maxPersonalPerTeacher: z.number().int().min(0).nullable().default(null),
  /** Up to this many periods the college decides alone; above it the office too. */
  collegeOnlyUpToPeriods: z.number().int().min(0).default(4),
});
export type ChangeRules = z.infer<typeof changeRules>;

export const timetableSettingsInput = z.object({
  weights: timetableWeights,
  blockedSlots: z.array(blockedSlot).max(200),
  campusTravel: z.array(campusTravel).max(100),
  teacherMaxPeriodsPerDay: z.number().int().min(1).max(20).nullable(),
  eveningFromPeriod: z.number().int().min(1).max(20).nullable(),
  changeRules,
});
export type TimetableSettingsInput = z.infer<typeof timetableSettingsInput>;
