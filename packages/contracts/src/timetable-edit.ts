import { z } from 'zod';
import { INT_MAX, listQuery } from './common.ts';
import { DRAFT_STATUSES, lectureItem, weekList } from './timetable.ts';

/**
 * Editing a draft 排课方案 by hand: the grid of one owner, the live check of a drag, the edits
 * (move, swap, weeks, lock) with undo, the conflict report and the summaries.
 */

const id = z.coerce.number().int().positive().max(2147483647);

export const editDraftParams = z.object({ id });
export const editLectureParams = z.object({ id, key: z.string().min(1).max(60) });

/** Whose week grid: at most one owner (none: the draft and its grid only, before an owner is chosen). */
export const draftGridQuery = z
  .object({
    adminClassId: id.optional(),
    teacherId: id.optional(),
    roomId: id.optional(),
    teachingClassId: id.optional(),
  })
  .refine((q) => [q.adminClassId, q.teacherId, q.roomId, q.teachingClassId].filter((x) => x !== undefined).length <= 1, {
    message: 'one owner at most',
    path: ['adminClassId'],
  });
export type DraftGridQuery = z.infer<typeof draftGridQuery>;

export const editGridPeriod = z.object({ period: z.number().int(), startsAt: z.string(), endsAt: z.string() });

export const draftGrid = z.object({
  draft: z.object({
    id: z.number().int(),
    name: z.string(),
    version: z.number().int(),
    status: z.enum(DRAFT_STATUSES),
    termId: z.number().int(),
  }),
  grid: z.object({ days: z.number().int(), periodsPerDay: z.number().int(), weeks: z.number().int(), periods: z.array(editGridPeriod) }),
  owner: z
    .object({ kind: z.enum(['admin_class', 'teacher', 'room', 'teaching_class']), id: z.number().int(), name: z.string() })
    .nullable(),
  items: z.array(lectureItem),
  /** Edits that can be undone (the undo button is off at 0). */
  undoable: z.number().int(),
});
export type DraftGrid = z.infer<typeof draftGrid>;

/** The options of one lecture for a drag: every slot of the grid with what a move there would do. */
export const slotOptionsQuery = z.object({
  /** The room to try (default: the lecture's own room). */
  roomId: id.optional(),
  /** Rooms free and suitable for this slot are listed when day and startPeriod are given. */
  day: z.coerce.number().int().min(1).max(7).optional(),
  startPeriod: z.coerce.number().int().min(1).max(20).optional(),
});

export const slotStatus = z.enum(['free', 'conflict', 'preference', 'current']);
export type SlotStatus = z.infer<typeof slotStatus>;

export const slotOption = z.object({
  day: z.number().int(),
  startPeriod: z.number().int(),
  status: slotStatus,
  /** Why, in the caller's language (hard violations first). */
  reasons: z.array(z.string()),
  /** True when another room would be free here (a hard conflict caused by the room only). */
  otherRoomFree: z.boolean(),
});
export type SlotOption = z.infer<typeof slotOption>;

export const suggestedRoom = z.object({
  id: z.number().int(),
  name: z.string(),
  capacity: z.number().int(),
  buildingName: z.string(),
  campusName: z.string(),
  /** Preferences a move into it would break (empty: none). */
  reasons: z.array(z.string()),
});

export const slotOptions = z.object({
  key: z.string(),
  roomId: z.number().int().nullable(),
  slots: z.array(slotOption),
  /** For the slot asked about (day + startPeriod): rooms free and suitable there, best first. */
  rooms: z.array(suggestedRoom),
});
export type SlotOptions = z.infer<typeof slotOptions>;

// Bounded to the database's integer: a larger number is a bad request, not a failed query.
const versioned = { version: z.number().int().min(1).max(INT_MAX) };
const key = z.string().min(1).max(60);

/** One manual edit; `version` is the draft version the client read (a stale one is refused). */
export const draftEditInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('move'),
    ...versioned,
    key,
    day: z.number().int().min(1).max(7),
    startPeriod: z.number().int().min(1).max(20),
    /** Omitted: keep the room. */
    roomId: z.number().int().positive().max(2147483647).nullable().optional(),
  }),
  z.object({ kind: z.literal('swap'), ...versioned, keys: z.tuple([key, key]) }),
  z.object({ kind: z.literal('weeks'), ...versioned, key, weeks: weekList.min(1) }),
  z.object({ kind: z.literal('lock'), ...versioned, key, time: z.boolean().optional(), room: z.boolean().optional() }),
  z.object({ kind: z.literal('unlock'), ...versioned, key, time: z.boolean().optional(), room: z.boolean().optional() }),
]);
export type DraftEditInput = z.infer<typeof draftEditInput>;
export const DRAFT_EDIT_KINDS = ['move', 'swap', 'weeks', 'lock', 'unlock'] as const;

export const draftUndoInput = z.object(versioned);

export const draftEditResult = z.object({
  version: z.number().int(),
  editId: z.number().int().nullable(),
  /** The lectures as they are now. */
  items: z.array(lectureItem),
  undoable: z.number().int(),
});
export type DraftEditResult = z.infer<typeof draftEditResult>;

/** Where a violation can be seen: an owner to open in the grid. */
export const editGridOwner = z.object({ kind: z.enum(['admin_class', 'teacher', 'room', 'teaching_class']), id: z.number().int() });
export type EditGridOwner = z.infer<typeof editGridOwner>;

export const conflictItem = z.object({
  text: z.string(),
  lectureKeys: z.array(z.string()),
  owner: editGridOwner.nullable(),
  day: z.number().int().nullable(),
  period: z.number().int().nullable(),
});

export const conflictGroup = z.object({
  severity: z.enum(['hard', 'soft']),
  rule: z.string(),
  title: z.string(),
  count: z.number().int(),
  items: z.array(conflictItem),
});

export const conflictReport = z.object({
  draftId: z.number().int(),
  version: z.number().int(),
  hard: z.number().int(),
  soft: z.number().int(),
  groups: z.array(conflictGroup),
});
export type ConflictReport = z.infer<typeof conflictReport>;

export const roomUseRow = z.object({
  roomId: z.number().int(),
  roomName: z.string(),
  buildingName: z.string(),
  campusName: z.string(),
  capacity: z.number().int(),
  /** Periods used in an average teaching week (a lecture of 8 out of 16 weeks counts half). */
  used: z.number(),
  available: z.number().int(),
  share: z.number(),
});
/** A page of a summary table (fullest rooms / busiest teachers first). */
export const summaryPageQuery = listQuery.pick({ page: true, pageSize: true });
export type SummaryPageQuery = z.infer<typeof summaryPageQuery>;

export const roomUse = z.object({
  /** One page of the rooms; `total` counts them all. */
  rooms: z.array(roomUseRow),
  total: z.number().int(),
  buildings: z.array(
    z.object({ buildingName: z.string(), campusName: z.string(), used: z.number(), available: z.number().int(), share: z.number() }),
  ),
});
export type RoomUse = z.infer<typeof roomUse>;

export const teacherLoadRow = z.object({
  teacherId: z.number().int(),
  teacherName: z.string(),
  /** Periods in a typical week (a lecture of 8 out of 16 weeks counts half). */
  periodsPerWeek: z.number(),
  days: z.number().int(),
  maxPerDay: z.number().int(),
  eveningPeriods: z.number().int(),
  lectures: z.number().int(),
});
export const teacherLoad = z.object({
  /** One page of the teachers; `total` counts them all. */
  teachers: z.array(teacherLoadRow),
  total: z.number().int(),
  maxPerDayLimit: z.number().int().nullable(),
});
export type TeacherLoad = z.infer<typeof teacherLoad>;
