import { DEFAULT_TIME_ZONE, startOfDayIn, formatDateIn, formatDateTimeIn, formatDateTimeSecondsIn, formatTimeIn } from '@jiaowu/contracts';

/**
 * The one way a page shows a time: in the school's time zone (GET
 * /api/settings/school, loaded by SchoolTimeZone at start), whatever the
 * browser's zone, one format per kind — the same functions the server uses
 * for notifications and emails. Calendar dates ("2026-09-07") stay as they are.
 */
let zone = DEFAULT_TIME_ZONE;

export function setSchoolTimeZone(next: string): void {
  zone = next;
}

export function schoolTimeZone(): string {
  return zone;
}

type Value = Date | string | number | null | undefined;

/** `YYYY-MM-DD`; '' for no value. */
export const formatDate = (v: Value) => formatDateIn(v, zone);
/** `YYYY-MM-DD HH:mm`; '' for no value. */
export const formatDateTime = (v: Value) => formatDateTimeIn(v, zone);
/** `HH:mm`; '' for no value. */
export const formatTime = (v: Value) => formatTimeIn(v, zone);
/** `YYYY-MM-DD HH:mm:ss` (audit log). */
export const formatDateTimeSeconds = (v: Value) => formatDateTimeSecondsIn(v, zone);
/** Today's date at the school. */
export const schoolToday = () => formatDateIn(new Date(), zone);
/** The first instant of the school day `date` (YYYY-MM-DD), for date-range filters. */
export const startOfSchoolDay = (date: string) => startOfDayIn(date, zone);
/** The first instant of the school day after `date`: a range "to `date`" ends before it. */
export const endOfSchoolDay = (date: string) => new Date(startOfDayIn(date, zone).getTime() + 24 * 3600_000 - 1);
