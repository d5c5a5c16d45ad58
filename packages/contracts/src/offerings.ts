import { z } from 'zod';
import { id, optionalText } from './common.ts';
import { roomFeature, roomType } from './org.ts';

// Course requests (开课申请) and the teaching classes (教学班) approved requests become.

/** 开课申请状态: 草稿 → 已提交(审批中, locked) → 退回修改 → 已通过 / 未通过 / 已撤回 */
export const REQUEST_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'rejected', 'withdrawn'] as const;
export const requestStatus = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof requestStatus>;
/** States in which the filer may edit and (re)submit. */
export const EDITABLE_REQUEST_STATUSES: readonly RequestStatus[] = ['draft', 'returned', 'withdrawn'];

/** 周次: 每周 / 单周 / 双周 / 自定义 */
export const WEEK_PATTERNS = ['all', 'odd', 'even', 'custom'] as const;
export const weekPattern = z.enum(WEEK_PATTERNS);
export type WeekPattern = z.infer<typeof weekPattern>;

/** 时间意愿: 希望 / 避免 */
export const TIME_WISH_KINDS = ['prefer', 'avoid'] as const;

export const OFFERINGS_LIMITS = { maxWeeks: 30, capacityMax: 1000, sessionsMax: 7, sessionLengthMax: 6, teachersMax: 10 } as const;

/**
 * Weeks a class meets, as a bitmask: bit (w − 1) set ⇔ week w. Weeks 1–30 fit
 * a 32-bit integer column.
 */
export function weeksToMask(weeks: Iterable<number>): number {
  let mask = 0;
  for (const w of weeks) if (w >= 1 && w <= OFFERINGS_LIMITS.maxWeeks) mask |= 1 << (w - 1);
  return mask;
}

export function maskToWeeks(mask: number): number[] {
  const out: number[] = [];
  for (let w = 1; w <= OFFERINGS_LIMITS.maxWeeks; w++) if (mask & (1 << (w - 1))) out.push(w);
  return out;
}

/** The mask of a week range with a pattern (custom uses the list). */
export function weekMaskOf(spec: { pattern: WeekPattern; from: number; to: number; list?: number[] | null }): number {
  if (spec.pattern === 'custom') return weeksToMask(spec.list ?? []);
  const weeks: number[] = [];
  // Clamped: zod runs the weekSpec refinements even when from/to failed their bounds, and a
  // `to` of 1e308 here once looped until the process ran out of memory (a crash, not a 400).
  for (let w = Math.max(1, spec.from); w <= Math.min(spec.to, OFFERINGS_LIMITS.maxWeeks); w++) {
    if (spec.pattern === 'all' || (spec.pattern === 'odd' && w % 2 === 1) || (spec.pattern === 'even' && w % 2 === 0)) weeks.push(w);
  }
  return weeksToMask(weeks);
}

/** Number of weeks in a mask. */
export function weekCount(mask: number): number {
  let n = 0;
  for (let m = mask >>> 0; m; m &= m - 1) n++;
  return n;
}

const week = z.coerce.number().int().min(1).max(OFFERINGS_LIMITS.maxWeeks);
export const weekSpec = z
  .object({
    pattern: weekPattern,
    from: week.default(1),
    to: week.default(16),
    list: z.array(week).max(OFFERINGS_LIMITS.maxWeeks).nullish(),
  })
  .refine((w) => w.pattern === 'custom' || w.to >= w.from, { message: 'week_range', path: ['to'] })
  .refine((w) => w.pattern !== 'custom' || (w.list?.length ?? 0) > 0, { message: 'required', path: ['list'] })
  .refine((w) => weekMaskOf(w) !== 0, { message: 'week_range', path: ['to'] });
export type WeekSpec = z.infer<typeof weekSpec>;

export const timeWish = z
  .object({
    kind: z.enum(TIME_WISH_KINDS),
    day: z.number().int().min(1).max(7),
    fromPeriod: z.number().int().min(1).max(20),
    toPeriod: z.number().int().min(1).max(20),
  })
  .refine((s) => s.toPeriod >= s.fromPeriod, { message: 'period_range', path: ['toPeriod'] });

export const teacherShare = z.object({ teacherId: id, share: z.coerce.number().int().min(1).max(100) });

export const courseRequestInput = z
  .object({
    termId: id,
    courseId: id,
    /** The filing college; defaults to the filer's own college (or the course's). */
    collegeId: id.optional(),
    /** 授课教师 with their share of hours (percent; shares sum to 100). A draft may have none yet. */
    teachers: z.array(teacherShare).max(OFFERINGS_LIMITS.teachersMax).default([]),
    /** Why a teacher of another college teaches this class (跨学院授课说明). */
    crossCollegeNote: optionalText,
    capacity: z.coerce.number().int().min(1).max(OFFERINGS_LIMITS.capacityMax),
    /** 上课行政班 */
    adminClassIds: z.array(id).max(50).default([]),
    /** Majors and cohorts targeted as a whole (e.g. an elective open to 计科 2024). */
    targetMajors: z
      .array(z.object({ majorId: id, cohort: z.coerce.number().int().min(1990).max(2100) }))
      .max(20)
      .default([]),
    /** Hours of each weekly session, e.g. [2, 2] for 2+2. */
    sessions: z.array(z.number().int().min(1).max(OFFERINGS_LIMITS.sessionLengthMax)).min(1).max(OFFERINGS_LIMITS.sessionsMax),
    weeks: weekSpec,
    roomType: roomType.nullish(),
    roomFeatures: z.array(roomFeature).default([]),
    timeWishes: z.array(timeWish).max(30).default([]),
    note: optionalText,
  })
  .refine((r) => r.teachers.length === 0 || r.teachers.reduce((s, t) => s + t.share, 0) === 100, {
    message: 'shares_sum',
    path: ['teachers'],
  })
  .refine((r) => new Set(r.teachers.map((t) => t.teacherId)).size === r.teachers.length, {
    message: 'duplicate_teacher',
    path: ['teachers'],
  });
export type CourseRequestInput = z.input<typeof courseRequestInput>;

/** PATCH: any field of the input; term and course stay as filed. */
export const courseRequestPatch = z.object({
  teachers: z.array(teacherShare).max(OFFERINGS_LIMITS.teachersMax).optional(),
  crossCollegeNote: optionalText,
  capacity: z.coerce.number().int().min(1).max(OFFERINGS_LIMITS.capacityMax).optional(),
  adminClassIds: z.array(id).max(50).optional(),
  targetMajors: z
    .array(z.object({ majorId: id, cohort: z.coerce.number().int().min(1990).max(2100) }))
    .max(20)
    .optional(),
  sessions: z.array(z.number().int().min(1).max(OFFERINGS_LIMITS.sessionLengthMax)).min(1).max(OFFERINGS_LIMITS.sessionsMax).optional(),
  weeks: weekSpec.optional(),
  roomType: roomType.nullish(),
  roomFeatures: z.array(roomFeature).optional(),
  timeWishes: z.array(timeWish).max(30).optional(),
  note: optionalText,
});
export type CourseRequestPatch = z.infer<typeof courseRequestPatch>;

export const courseRequestListQuery = z.object({
  termId: id.optional(),
  collegeId: id.optional(),
  courseId: id.optional(),
  status: requestStatus.optional(),
});
export const prefillInput = z.object({ termId: id, collegeId: id.optional() });
export const copyRequestsInput = z.object({ fromTermId: id, toTermId: id, collegeId: id.optional() });
export const teachingClassListQuery = z.object({ termId: id.optional(), courseId: id.optional(), collegeId: id.optional() });

const teacherOut = z.object({
  teacherId: z.number().int(),
  share: z.number().int(),
  name: z.string().optional(),
  code: z.string().optional(),
});
const offeringShape = {
  id: z.number().int(),
  termId: z.number().int(),
  termCode: z.string(),
  courseId: z.number().int(),
  courseCode: z.string(),
  courseName: z.string(),
  credits: z.string(),
  collegeId: z.number().int(),
  collegeName: z.string(),
  teachers: z.array(teacherOut),
  capacity: z.number().int(),
  adminClassIds: z.array(z.number().int()),
  /** Codes of `adminClassIds`, in the same order (CS2401): what pages show. */
  adminClassCodes: z.array(z.string()),
  /** Majors and cohorts it is for; `majorName` so pages name the major (计算机科学与技术 2024级). */
  targetMajors: z.array(z.object({ majorId: z.number().int(), cohort: z.number().int(), majorName: z.string().optional() })),
  sessions: z.array(z.number().int()),
  weekPattern,
  weekMask: z.number().int(),
  weeks: z.array(z.number().int()),
  roomType: z.string().nullable(),
  roomFeatures: z.array(z.string()),
  timeWishes: z.array(z.unknown()),
};

export const courseRequest = z.object({
  ...offeringShape,
  status: requestStatus,
  crossCollegeNote: z.string().nullable(),
  note: z.string().nullable(),
  /** Reviewer comments per field from the last return (退回修改意见). */
  reviewComments: z.record(z.string(), z.string()).nullable(),
  workflowInstanceId: z.number().int().nullable(),
  teachingClassId: z.number().int().nullable(),
  /** The code of that teaching class (CS201-01), to link it by name. */
  teachingClassCode: z.string().nullable(),
  /** Who filed it (申请人) and when it was last submitted (提交时间, ISO). */
  applicantName: z.string().nullable(),
  submittedAt: z.string().nullable(),
});
export type CourseRequest = z.infer<typeof courseRequest>;

/** A PE section 体育分项 may be for one gender only. */
export const CLASS_GENDERS = ['male', 'female'] as const;

export const teachingClass = z.object({
  ...offeringShape,
  code: z.string(),
  sourceRequestId: z.number().int().nullable(),
  /** Only students of this gender may select it (PE sections); null: both. */
  genderRestriction: z.enum(CLASS_GENDERS).nullable(),
  /** 重修班: only for students retaking the course they failed. */
  isRetakeClass: z.boolean(),
});
export type TeachingClass = z.infer<typeof teachingClass>;

/** PATCH /api/teaching-classes/:id/selection-flags: what course selection checks of the class (the office sets it). */
export const classSelectionFlagsInput = z
  .object({
    genderRestriction: z.enum(CLASS_GENDERS).nullable().optional(),
    isRetakeClass: z.boolean().optional(),
  })
  .refine((f) => f.genderRestriction !== undefined || f.isRetakeClass !== undefined, { message: 'required', path: ['isRetakeClass'] });
export type ClassSelectionFlagsInput = z.infer<typeof classSelectionFlagsInput>;

/** Outcome of prefill and copy: the drafts created and what was skipped. */
export const proposalResult = z.object({ created: z.array(z.number().int()), skipped: z.number().int() });
