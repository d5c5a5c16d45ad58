import { z } from 'zod';
import { id, INT_MAX, listQuery } from './common.ts';
import { timetableSettingsInput, type TimetableSettingsInput } from './timetable.ts';
import type { TimetableFieldMessageCode } from './timetable-settings.messages.ts';

/**
 * 排课设置 — what the office controls before a solve: the term's settings, teachers' time
 * preferences 时间偏好, linked classes 同时上课, and the readiness report 排课前检查.
 * The shapes of the settings themselves are in timetable.ts (the solver reads them too).
 */

export const termQuery = z.object({ termId: id });

/** PUT body: the whole settings plus the version they were read at (0: never saved). */
export const timetableSettingsPut = timetableSettingsInput.extend({
  termId: id,
  version: z.number().int().min(0).max(INT_MAX),
});
export type TimetableSettingsPut = z.infer<typeof timetableSettingsPut>;

export interface TimetableSettingsView extends TimetableSettingsInput {
  termId: number;
  version: number;
  /** The term's grid, for pickers and validation in the form. */
  grid: { daysPerWeek: number; periodsPerDay: number; weeks: number };
  updatedAt: string | null;
}

/** What the grid lets a settings value be, for the checks both the form and the server run. */
export interface SettingsBounds {
  daysPerWeek: number;
  periodsPerDay: number;
  weeks: number;
}

/** A problem of one field of the settings form (the path names the row: blockedSlots.1.toPeriod). */
export interface SettingsIssue {
  field: string;
  code: TimetableFieldMessageCode;
  params: Record<string, string | number>;
}

/**
 * The checks of the settings beyond their shapes, row by row, each naming the field and the
 * row ("禁排时间第 2 行：结束节次早于开始节次"). Pure: the form shows them before saving,
 * the server refuses with them. References (campuses, colleges) are checked by the server.
 */
export function settingsIssues(s: TimetableSettingsInput, g: SettingsBounds): SettingsIssue[] {
  const out: SettingsIssue[] = [];
  s.blockedSlots.forEach((b, i) => {
    const row = i + 1;
    const at = (f: string) => `blockedSlots.${i}.${f}`;
    if (b.day > g.daysPerWeek) out.push({ field: at('day'), code: 'tt_blocked_day', params: { row, max: g.daysPerWeek } });
    if (b.toPeriod < b.fromPeriod) out.push({ field: at('toPeriod'), code: 'tt_blocked_period_range', params: { row } });
    else if (b.toPeriod > g.periodsPerDay)
      out.push({ field: at('toPeriod'), code: 'tt_blocked_period_max', params: { row, max: g.periodsPerDay } });
    const late = (b.weeks ?? []).find((w) => w > g.weeks);
    if (late !== undefined) out.push({ field: at('weeks'), code: 'tt_blocked_weeks', params: { row, week: late, max: g.weeks } });
    if (b.weeks && b.weeks.length === 0) out.push({ field: at('weeks'), code: 'tt_blocked_no_weeks', params: { row } });
    if (
      b.appliesTo.kind === 'category' &&
      b.exceptCategories?.some((c) => b.appliesTo.kind === 'category' && b.appliesTo.categories.includes(c))
    )
      out.push({ field: at('exceptCategories'), code: 'tt_blocked_except_same', params: { row } });
  });
  const pairs = new Map<string, number>();
  s.campusTravel.forEach((t, i) => {
    const row = i + 1;
    if (t.campusA === t.campusB) out.push({ field: `campusTravel.${i}.campusB`, code: 'tt_travel_same_campus', params: { row } });
    const key = [t.campusA, t.campusB].sort((a, b) => a - b).join(':');
    const first = pairs.get(key);
    if (first !== undefined) out.push({ field: `campusTravel.${i}.campusB`, code: 'tt_travel_duplicate', params: { row, other: first } });
    else pairs.set(key, row);
  });
  if (s.eveningFromPeriod !== null && s.eveningFromPeriod > g.periodsPerDay)
    out.push({ field: 'eveningFromPeriod', code: 'tt_period_beyond_grid', params: { max: g.periodsPerDay } });
  if (s.teacherMaxPeriodsPerDay !== null && s.teacherMaxPeriodsPerDay > g.periodsPerDay)
    out.push({ field: 'teacherMaxPeriodsPerDay', code: 'tt_period_beyond_grid', params: { max: g.periodsPerDay } });
  const lateWeek = s.changeRules.noChangeWeeks.find((w) => w > g.weeks);
  if (lateWeek !== undefined)
    out.push({ field: 'changeRules.noChangeWeeks', code: 'tt_week_beyond_term', params: { week: lateWeek, max: g.weeks } });
  return out;
}

// ---------------------------------------------------------------- teacher availability 时间偏好

/** never 不可排 (hard), avoid 尽量不排, prefer 希望排 (soft). A cell without a block is 可排. */
export const TEACHER_BLOCK_KINDS = ['never', 'avoid', 'prefer'] as const;
export const teacherBlockKind = z.enum(TEACHER_BLOCK_KINDS);
export type TeacherBlockKind = z.infer<typeof teacherBlockKind>;

export const teacherBlock = z.object({
  kind: teacherBlockKind,
  day: z.number().int().min(1).max(7),
  fromPeriod: z.number().int().min(1).max(20),
  toPeriod: z.number().int().min(1).max(20),
  note: z.string().max(200).nullable().optional(),
});
export type TeacherBlock = z.infer<typeof teacherBlock>;

export const availabilityQuery = z.object({ termId: id, teacherId: id });

export const availabilityPut = z.object({
  termId: id,
  teacherId: id,
  /** All of the teacher's blocks of the term: they replace what was saved. */
  blocks: z.array(teacherBlock).max(140),
});
export type AvailabilityPut = z.infer<typeof availabilityPut>;

export interface AvailabilityView {
  termId: number;
  teacherId: number;
  teacherName: string;
  grid: { daysPerWeek: number; periodsPerDay: number };
  blocks: TeacherBlock[];
  /** Wishes from the teacher's course requests / teaching classes of the term (read-only here). */
  wishes: {
    teachingClassId: number;
    teachingClassCode: string;
    courseName: string;
    kind: 'prefer' | 'avoid';
    day: number;
    fromPeriod: number;
    toPeriod: number;
  }[];
  /** Whether the caller may save (a leader reads only). */
  canEdit: boolean;
}

/** Merges a cell map (day → period → kind) into runs of consecutive periods of one kind. */
export function blocksOfCells(cells: ReadonlyMap<string, TeacherBlockKind>, days: number, periods: number): TeacherBlock[] {
  const out: TeacherBlock[] = [];
  for (let day = 1; day <= days; day++) {
    let run: TeacherBlock | null = null;
    for (let p = 1; p <= periods + 1; p++) {
      const kind = p <= periods ? cells.get(`${day}:${p}`) : undefined;
      if (run && kind === run.kind) run.toPeriod = p;
      else {
        if (run) out.push(run);
        run = kind ? { kind, day, fromPeriod: p, toPeriod: p } : null;
      }
    }
  }
  return out;
}

/** The cell map of blocks (later blocks win on overlap). */
export function cellsOfBlocks(blocks: readonly TeacherBlock[]): Map<string, TeacherBlockKind> {
  const m = new Map<string, TeacherBlockKind>();
  for (const b of blocks) for (let p = b.fromPeriod; p <= b.toPeriod; p++) m.set(`${b.day}:${p}`, b.kind);
  return m;
}

// ---------------------------------------------------------------- linked classes 同时上课

export const linkInput = z.object({
  termId: id,
  name: z.string().trim().min(1).max(60),
  teachingClassIds: z.array(id).min(2).max(60),
});
export type LinkInput = z.infer<typeof linkInput>;

export interface LinkClassItem {
  id: number;
  code: string;
  courseName: string;
  courseNameEn: string | null;
  collegeId: number;
  /** Periods of each weekly session: [2, 2]. */
  sessions: number[];
  teacherNames: string[];
  capacity: number;
}

export interface LinkItem {
  id: number;
  name: string;
  teachingClasses: LinkClassItem[];
  createdAt: string;
}

export const linkClassQuery = listQuery.extend({ termId: id });

// ---------------------------------------------------------------- readiness 排课前检查

export const READINESS_CODES = [
  'class_no_teacher',
  'class_no_sessions',
  'class_capacity_above_rooms',
  'room_type_missing',
  'teacher_overload',
  'room_type_demand',
  'room_type_tight',
  'link_mismatch',
  'admin_class_overload',
] as const;
export type ReadinessCode = (typeof READINESS_CODES)[number];

/** What a finding points at, so the page links to the thing to fix. */
export type ReadinessTarget =
  | { kind: 'teaching_class'; id: number }
  | { kind: 'teacher'; id: number }
  | { kind: 'admin_class'; id: number }
  | { kind: 'room_type'; type: string }
  | { kind: 'link'; id: number }
  | { kind: 'settings' };

export interface ReadinessFinding {
  code: ReadinessCode;
  /** blocker: a solve cannot place everything; warning: it will be poor or tight. */
  severity: 'blocker' | 'warning';
  message: string;
  params: Record<string, string | number>;
  target: ReadinessTarget;
}

export interface ReadinessReport {
  termId: number;
  counts: { teachingClasses: number; lectures: number; periods: number; rooms: number; teachers: number };
  /** True when no blocker was found. */
  ready: boolean;
  findings: ReadinessFinding[];
}

type L = { 'zh-CN': string; en: string };
/** The words of each finding; `{name}` placeholders come from its params. */
export const READINESS_MESSAGES: Record<ReadinessCode, L> = {
  class_no_teacher: { 'zh-CN': '教学班 {code}（{course}）没有任课教师', en: 'Teaching class {code} ({course}) has no teacher' },
  class_no_sessions: {
    'zh-CN': '教学班 {code}（{course}）没有每周上课安排',
    en: 'Teaching class {code} ({course}) has no weekly sessions',
  },
  class_capacity_above_rooms: {
    'zh-CN': '教学班 {code}（{course}）容量 {capacity} 人，超过所有合适教室（{roomType}）的最大容量 {maximum} 人',
    en: 'Teaching class {code} ({course}) needs {capacity} seats, more than any suitable room ({roomType}) has ({maximum})',
  },
  room_type_missing: {
    'zh-CN': '{count} 个教学班需要“{roomType}”{features}，但没有任何可用教室满足（例如 {code}）',
    en: '{count} teaching classes need a “{roomType}” room{features}, but no active room has it (e.g. {code})',
  },
  teacher_overload: {
    'zh-CN': '教师 {teacher} 每周需上 {demand} 节，但除去不可排时间和禁排时间后只有 {available} 节可排',
    en: 'Teacher {teacher} must teach {demand} periods a week but only {available} remain after never-slots and blocked slots',
  },
  room_type_demand: {
    'zh-CN': '“{roomType}”教室每周需要 {demand} 节次，但所有此类教室每周只有 {available} 节次可用',
    en: '“{roomType}” rooms are needed for {demand} periods a week but all such rooms offer only {available}',
  },
  room_type_tight: {
    'zh-CN': '“{roomType}”教室使用率将达到 {percent}%（需要 {demand} / 可用 {available} 节次），排课结果可能较差',
    en: '“{roomType}” rooms will be {percent}% used ({demand} of {available} periods); the timetable may be poor',
  },
  link_mismatch: {
    'zh-CN': '同时上课组“{name}”中的教学班每周节次不一致：{detail}',
    en: 'Linked group “{name}” has classes with different weekly sessions: {detail}',
  },
  admin_class_overload: {
    'zh-CN': '行政班 {adminClass} 在第 {week} 周需上 {demand} 节，但每周只有 {available} 节可排',
    en: 'Admin class {adminClass} has {demand} periods in week {week} but only {available} periods a week can be used',
  },
};

/** "2+2" for sessions [2, 2]. */
export const sessionsText = (sessions: readonly number[]) => (sessions.length ? sessions.join('+') : '0');
