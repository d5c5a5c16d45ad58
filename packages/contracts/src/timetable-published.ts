import { z } from 'zod';
import { id } from './common.ts';
import { MAX_WEEKS, type LectureItem } from './timetable.ts';

/**
 * 课表 — the published timetable as everyone reads it: versions, one owner's lectures with
 * week selection, exports and calendar feeds (ICS). The draft → approval → version path
 * (课程确认) writes what these read.
 */

/** Whose timetable: one of the owner params, or none (the caller's own). */
export const publishedQuery = z.object({
  termId: id,
  adminClassId: id.optional(),
  teacherId: id.optional(),
  roomId: id.optional(),
  studentId: id.optional(),
  collegeId: id.optional(),
  /** Only lectures meeting this week (and the dates of that week's days). */
  week: z.coerce.number().int().min(1).max(MAX_WEEKS).optional(),
  /** An older version by its number; none: the version in force. */
  version: z.coerce.number().int().min(1).optional(),
});
export type PublishedQuery = z.infer<typeof publishedQuery>;

export const TIMETABLE_OWNER_KINDS = ['admin_class', 'teacher', 'room', 'student', 'college', 'school'] as const;
export type TimetableOwnerKind = (typeof TIMETABLE_OWNER_KINDS)[number];

/** One teaching week of the term with its dates (ISO dates, Monday..last day of the grid). */
export interface TermWeek {
  week: number;
  startDate: string;
  endDate: string;
}

export interface TimetableVersionView {
  id: number;
  versionNo: number;
  /** publish | change | resolve */
  source: string;
  publishedAt: string;
  publishedByName: string | null;
  note: string | null;
  lectureCount: number;
  draftId: number | null;
}

export interface PublishedTimetable {
  term: { id: number; code: string; name: string; startDate: string; weeks: number };
  owner: { kind: TimetableOwnerKind; id: number | null; name: string };
  /** Null: nothing published yet for the term. */
  version: TimetableVersionView | null;
  grid: { daysPerWeek: number; periodsPerDay: number; periods: { period: number; startsAt: string; endsAt: string }[] };
  weekList: TermWeek[];
  /** The teaching week today falls in (school's time zone), null outside the term. */
  currentWeek: number | null;
  week: number | null;
  /** With `week`: the date of each day of that week (index 0 = Monday). */
  weekDates: string[] | null;
  lectures: LectureItem[];
}

export const versionsQuery = z.object({ termId: id });

export const exportQuery = z.object({
  termId: id,
  adminClassId: id.optional(),
  teacherId: id.optional(),
  roomId: id.optional(),
  format: z.enum(['xlsx', 'pdf']).default('xlsx'),
});
export type ExportQuery = z.infer<typeof exportQuery>;

export const FEED_OWNER_KINDS = ['teacher', 'student', 'room'] as const;
export type FeedOwnerKind = (typeof FEED_OWNER_KINDS)[number];

/** Create (or rotate) a feed: no owner → the caller's own (teacher or student). */
export const feedInput = z.object({
  ownerKind: z.enum(FEED_OWNER_KINDS).optional(),
  ownerId: z.number().int().positive().optional(),
});
export type FeedInput = z.infer<typeof feedInput>;

export interface CalendarFeedView {
  id: number;
  ownerKind: FeedOwnerKind;
  ownerId: number;
  ownerName: string;
  /** Path of the feed (/api/timetable/ics/<token>); the web prefixes the origin. */
  path: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export const tokenParams = z.object({ token: z.string().min(10).max(100) });

/** The state of a draft's publication, for the submit button and the draft page. */
export interface DraftPublication {
  draftId: number;
  status: string;
  workflowInstanceId: number | null;
}
