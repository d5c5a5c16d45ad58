import { z } from 'zod';
import { id, text } from './common.ts';
import { myEnrolment } from './selection.ts';

/**
 * The office's class-level tools of course selection 选课管理 (issue 13, "Office tools"): a class's
 * capacity, its reserved seats 预留名额, cancelling an under-enrolled class 停开, merging two
 * classes 合班, and the office's view of one student's selection.
 */

/** Most seats a class may have (a lecture hall, not a typo of an extra zero). */
export const CLASS_CAPACITY_MAX = 2000;
const seats = z.number().int().min(0).max(CLASS_CAPACITY_MAX);
const instant = z.iso.datetime({ offset: true });

/** PATCH /api/selection/office/classes/:teachingClassId/capacity */
export const classCapacityInput = z.object({ capacity: seats });
export type ClassCapacityInput = z.infer<typeof classCapacityInput>;
export const classCapacityResult = z.object({
  teachingClassId: z.number().int(),
  capacity: z.number().int(),
  enrolled: z.number().int(),
  /** Students enrolled from the waitlist by a raise, in queue order. */
  promoted: z.number().int(),
});

/** Whom reserved seats are for: a cohort (year), a major or a college. */
export const RESERVED_KINDS = ['cohort', 'major', 'college'] as const;
export const reservedKind = z.enum(RESERVED_KINDS);
export type ReservedKind = z.infer<typeof reservedKind>;

/** POST /api/selection/office/classes/:teachingClassId/reserved-seats; PATCH …/reserved-seats/:id takes the same fields. */
export const reservedSeatInput = z.object({
  seats: seats.min(1),
  forKind: reservedKind,
  /** The cohort year (2023), or the major's / college's id. */
  forValue: id,
  /** After this moment the seats not taken are open to everybody. */
  until: instant,
});
export type ReservedSeatInput = z.infer<typeof reservedSeatInput>;

/** A reserved-seat row with whom it is for in words ("2023级", the major's or college's name). */
export const reservedSeat = z.object({
  id: z.number().int(),
  teachingClassId: z.number().int(),
  seats: z.number().int(),
  taken: z.number().int(),
  forKind: reservedKind,
  forValue: z.number().int(),
  forName: z.string(),
  until: z.string(),
});
export type ReservedSeat = z.infer<typeof reservedSeat>;
export const reservedSeatList = z.object({ capacity: z.number().int(), enrolled: z.number().int(), items: z.array(reservedSeat) });
export type ReservedSeatList = z.infer<typeof reservedSeatList>;

/** GET /api/selection/office/classes/:teachingClassId/cancel?roundId= — what cancelling would touch (the confirmation). */
export const classToolsRoundQuery = z.object({ roundId: id });
export const cancelPreview = z.object({
  teachingClassId: z.number().int(),
  code: z.string(),
  enrolled: z.number().int(),
  waiting: z.number().int(),
});
export type CancelPreview = z.infer<typeof cancelPreview>;

/** POST /api/selection/office/classes/:teachingClassId/cancel 停开 */
export const cancelClassInput = z.object({ roundId: id, reason: text(200).min(1) });
export type CancelClassInput = z.infer<typeof cancelClassInput>;
export const cancelClassResult = z.object({
  teachingClassId: z.number().int(),
  dropped: z.number().int(),
  closedWaitlistEntries: z.number().int(),
  notified: z.number().int(),
});

/** POST /api/selection/office/classes/merge 合班: B's students move into A, then B is cancelled. */
export const mergeClassesInput = z.object({
  roundId: id,
  intoClassId: id,
  fromClassId: id,
  /** A's new capacity when the office raises it in the same action. */
  capacity: seats.optional(),
  /** Merge even though these students get a time conflict in A. */
  override: z.boolean().default(false),
  reason: text(200).min(1),
});
export type MergeClassesInput = z.input<typeof mergeClassesInput>;
export const mergeClassesResult = z.object({
  intoClassId: z.number().int(),
  fromClassId: z.number().int(),
  moved: z.number().int(),
  capacity: z.number().int(),
  /** Students moved despite a time conflict (override). */
  conflicts: z.number().int(),
});

/** GET /api/selection/office/students/:studentId/selection?termId= — one student's selection as the office sees it. */
export const studentSelectionQuery = z.object({ termId: id });
export const officeStudentItem = myEnrolment.extend({
  /** How an enrolment was made: self | office | prefill | lottery | waitlist; null for waitlist entries and choices. */
  source: z.string().nullable(),
  roundName: z.string().nullable(),
});
export type OfficeStudentItem = z.infer<typeof officeStudentItem>;
export const officeStudentSelection = z.object({
  studentId: z.number().int(),
  studentNo: z.string(),
  studentName: z.string(),
  items: z.array(officeStudentItem),
  totalCredits: z.string(),
  holds: z.array(z.object({ reason: z.string() })),
});
export type OfficeStudentSelection = z.infer<typeof officeStudentSelection>;

/** Errors of these tools, with their messages ({classCode} etc. filled by the server). */
export const CLASS_TOOLS_ERROR_MESSAGES = {
  class_not_in_selection: {
    'zh-CN': '教学班 {classCode} 不在本学期的选课中',
    en: 'The class {classCode} is not part of this term’s course selection',
  },
  capacity_below_enrolled: {
    'zh-CN': '教学班 {classCode}（{courseZh}）已选 {enrolled} 人，容量不能低于已选人数',
    en: '{classCode} ({courseEn}) has {enrolled} students enrolled; its capacity cannot be lower',
  },
  reserved_over_capacity: {
    'zh-CN': '教学班 {classCode} 的预留名额合计 {total} 个，超过容量 {capacity}',
    en: 'The reserved seats of {classCode} would total {total}, more than its capacity of {capacity}',
  },
  reserved_below_taken: {
    'zh-CN': '该预留名额已被占用 {taken} 个，名额数不能少于已占用数',
    en: '{taken} of these reserved seats are taken; the number cannot be lower',
  },
  merge_same_class: { 'zh-CN': '合班的两个教学班相同（{classCode}）', en: 'The merge names the same class twice ({classCode})' },
  merge_not_same_course: {
    'zh-CN': '{into} 与 {from} 不是同一学期同一课程的教学班，不能合班',
    en: '{into} and {from} are not classes of the same course in the same term; they cannot be merged',
  },
  merge_over_capacity: {
    'zh-CN': '合班后 {classCode} 需容纳 {needed} 人，超过其容量 {capacity}；请同时扩容',
    en: 'After the merge {classCode} must hold {needed} students, more than its capacity of {capacity}; raise it in the same action',
  },
  merge_time_conflict: {
    'zh-CN': '{count} 名学生并入 {classCode} 后会与其已选课程时间冲突：{students}',
    en: '{count} students would get a time conflict in {classCode}: {students}',
  },
} as const;
/** HTTP status of each error above. */
export const CLASS_TOOLS_ERROR_STATUS = {
  class_not_in_selection: 409,
  capacity_below_enrolled: 409,
  reserved_over_capacity: 409,
  reserved_below_taken: 409,
  merge_same_class: 409,
  merge_not_same_course: 409,
  merge_over_capacity: 409,
  merge_time_conflict: 409,
} as const satisfies Record<keyof typeof CLASS_TOOLS_ERROR_MESSAGES, number>;
