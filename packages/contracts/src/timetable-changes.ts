import { z } from 'zod';
import { id, LIMITS, text } from './common.ts';
import { hardViolation, MAX_WEEKS, weekList } from './timetable.ts';

/**
 * 空教室查询, 教室借用 and 调课/停课/补课/代课: the shapes of free-room search, room bookings
 * and change requests of a published timetable. Days 1-based (1 = Monday), periods 1-based.
 */

const page = {
  page: z.coerce.number().int().min(1).max(LIMITS.pageMax).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
};
const week = z.coerce.number().int().min(1).max(MAX_WEEKS);
const day = z.coerce.number().int().min(1).max(7);
const period = z.coerce.number().int().min(1).max(20);

/** "1,3,5" in a query string → [1, 3, 5]. */
const weeksParam = z
  .string()
  .max(200)
  .regex(/^\d{1,2}(,\d{1,2})*$/, { message: 'invalid_format' })
  .transform((s) => [...new Set(s.split(',').map(Number))].sort((a, b) => a - b))
  .pipe(weekList.min(1));

/** GET /api/timetable/rooms/free — rooms free in one week, on one day, over a period range. */
export const freeRoomsQuery = z
  .object({
    termId: id,
    week,
    day,
    fromPeriod: period,
    toPeriod: period,
    minCapacity: z.coerce.number().int().min(0).max(100_000).optional(),
    /** Room type code (classroom, lab …). */
    type: text(40).optional(),
    /** Features every room must have, comma-separated (projector,computers). */
    features: text(400).optional(),
    campusId: id.optional(),
    ...page,
  })
  .refine((q) => q.toPeriod >= q.fromPeriod, { path: ['toPeriod'], message: 'period_range' });
export type FreeRoomsQuery = z.infer<typeof freeRoomsQuery>;

export interface FreeRoomItem {
  roomId: number;
  code: string;
  name: string;
  type: string;
  capacity: number;
  features: string[];
  buildingId: number;
  buildingName: string;
  campusId: number;
  campusName: string;
}

// ---------------------------------------------------------------- bookings 教室借用

export const bookingInput = z
  .object({
    termId: id,
    roomId: id,
    weeks: weekList.min(1),
    day: z.number().int().min(1).max(7),
    fromPeriod: z.number().int().min(1).max(20),
    toPeriod: z.number().int().min(1).max(20),
    /** What the room is for (学术报告, 考试 …). */
    purpose: text(200).pipe(z.string().min(1)),
  })
  .refine((b) => b.toPeriod >= b.fromPeriod, { path: ['toPeriod'], message: 'period_range' });
export type BookingInput = z.infer<typeof bookingInput>;

export const bookingListQuery = z.object({
  termId: id,
  roomId: id.optional(),
  /** Cancelled bookings too. */
  includeCancelled: z.enum(['true', 'false']).optional(),
  ...page,
});

export interface BookingItem {
  id: number;
  termId: number;
  roomId: number;
  roomName: string;
  buildingName: string;
  weeks: number[];
  day: number;
  fromPeriod: number;
  toPeriod: number;
  purpose: string;
  bookedByName: string | null;
  createdAt: string;
  cancelledAt: string | null;
}

// ---------------------------------------------------------------- change requests 调课

/** move 调课 · cancel 停课 (with make-ups 补课) · substitute 代课 · permanent 永久调整 */
export const CHANGE_KINDS = ['move', 'cancel', 'substitute', 'permanent'] as const;
export const changeKind = z.enum(CHANGE_KINDS);
export type ChangeKind = z.infer<typeof changeKind>;

/** personal 个人原因 · official 公务 · illness 病假 · holiday 节假日 · other 其他 */
export const CHANGE_REASON_KINDS = ['personal', 'official', 'illness', 'holiday', 'other'] as const;
export const changeReasonKind = z.enum(CHANGE_REASON_KINDS);
export type ChangeReasonKind = z.infer<typeof changeReasonKind>;

export const CHANGE_STATUSES = ['submitted', 'returned', 'approved', 'rejected', 'withdrawn', 'failed'] as const;
export const changeStatus = z.enum(CHANGE_STATUSES);
export type ChangeStatus = z.infer<typeof changeStatus>;

/** Where (some weeks of) a lecture goes: a move's new slot, or one make-up 补课 of a cancellation. */
export const changeTarget = z.object({
  day: z.number().int().min(1).max(7),
  startPeriod: z.number().int().min(1).max(20),
  roomId: id,
  /** Weeks it meets in; omitted for a move: the weeks moved. */
  weeks: weekList.min(1).optional(),
});
export type ChangeTarget = z.infer<typeof changeTarget>;

export const changeInput = z.object({
  termId: id,
  /** The lecture of the published timetable ("<teachingClassId>:<sessionIndex>"). */
  lectureKey: z.string().trim().min(3).max(60),
  kind: changeKind,
  /** Weeks of the lecture concerned; a permanent change takes every week of the lecture from the first one given. */
  weeks: weekList.min(1),
  /** move / permanent: exactly one; cancel: the make-ups (none or more); substitute: none. */
  targets: z.array(changeTarget).max(8).default([]),
  substituteTeacherId: id.optional(),
  reasonKind: changeReasonKind,
  reason: text(500).pipe(z.string().min(1)),
});
export type ChangeInput = z.input<typeof changeInput>;

export const changeListQuery = z.object({
  termId: id,
  /** mine: filed by me or for me; else everything my scope shows. */
  mine: z.enum(['true', 'false']).optional(),
  status: changeStatus.optional(),
  kind: changeKind.optional(),
  teacherId: id.optional(),
  collegeId: id.optional(),
  ...page,
});

export const changeOptionsQuery = z.object({ termId: id, lectureKey: z.string().trim().min(3).max(60), weeks: weeksParam });

export const changeStatsQuery = z.object({ termId: id });

export const changeRulesQuery = z.object({ termId: id, teacherId: id.optional() });

/** A free slot the form proposes: free for the teacher and the admin classes, with rooms free there. */
export interface ChangeOption {
  day: number;
  startPeriod: number;
  length: number;
  free: boolean;
  /** Why not, in the reader's language (empty when free). */
  conflicts: string[];
  rooms: { roomId: number; name: string; capacity: number; buildingName: string }[];
}

/** The office's rules as the form shows them, for one teacher. */
export interface ChangeRulesView {
  noChangeWeeks: number[];
  maxPersonalPerTeacher: number | null;
  personalUsed: number;
  collegeOnlyUpToPeriods: number;
  /**
   * The school's today as a term week and weekday: a lesson on (week, day) at or before it has
   * taken place and cannot be changed (week may be 0 or below before the term, above its weeks after).
   */
  today: { week: number; day: number };
  /** The rules in the reader's language ("第1周不得调课", "本学期已因个人原因调课 2/3 次"). */
  texts: string[];
}

export const changeViolation = hardViolation.extend({ text: z.string() });

export interface ChangeItem {
  id: number;
  termId: number;
  kind: ChangeKind;
  status: ChangeStatus;
  lectureKey: string;
  teachingClassId: number;
  teachingClassCode: string;
  courseName: string;
  collegeId: number;
  collegeName: string;
  teacherId: number | null;
  teacherName: string | null;
  /** The lecture's slot before the change. */
  from: { day: number; startPeriod: number; length: number; roomId: number | null; roomName: string | null } | null;
  weeks: number[];
  targets: { day: number; startPeriod: number; roomId: number; roomName: string; weeks: number[] }[];
  substituteTeacherId: number | null;
  substituteTeacherName: string | null;
  reasonKind: ChangeReasonKind;
  reason: string;
  periods: number;
  /** Why applying it failed (failed only), in the reader's language. */
  failure: string[] | null;
  workflowInstanceId: number | null;
  appliedVersionId: number | null;
  requestedByName: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ChangeStats {
  total: number;
  byTeacher: { teacherId: number | null; name: string; count: number; periods: number }[];
  byCollege: { collegeId: number; name: string; count: number; periods: number }[];
  byReason: { reasonKind: ChangeReasonKind; count: number }[];
  byKind: { kind: ChangeKind; count: number }[];
  byStatus: { status: ChangeStatus; count: number }[];
}
