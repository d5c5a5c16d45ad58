import { z } from 'zod';

/**
 * Times as the school reads them. Every instant a user sees — on a page, in a
 * notification, in an email — is shown in the school's time zone (a school
 * setting), never in the browser's or the server's, with one format per kind:
 * date `YYYY-MM-DD`, date-time `YYYY-MM-DD HH:mm`, time `HH:mm`. Server and
 * web share these functions so the same instant reads the same everywhere.
 */

/** The school's zone until an admin sets another one (学校所在时区). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Whether the runtime knows an IANA zone name ("Asia/Shanghai", "Europe/Berlin"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** PUT /api/settings/school. */
export const schoolSettingsInput = z.object({
  timeZone: z.string().trim().min(1).max(64).refine(isTimeZone, { message: 'time_zone' }),
});
export type SchoolSettingsInput = z.infer<typeof schoolSettingsInput>;

/** GET /api/settings/school (public: the web formats times with it before anyone signs in). */
export interface SchoolSettings {
  timeZone: string;
}

type Instant = Date | string | number;
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsOf(instant: Instant, zone: string) {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, f);
  }
  const p: Record<string, string> = {};
  for (const { type, value } of f.formatToParts(instant instanceof Date ? instant : new Date(instant))) p[type] = value;
  return p;
}

/** A calendar date ("2026-09-07") has no time zone: it is shown as it is, never shifted. */
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

const valid = (instant: Instant | null | undefined): instant is Instant =>
  instant !== null && instant !== undefined && instant !== '' && !Number.isNaN(new Date(instant).getTime());

/** `YYYY-MM-DD` of the instant in the zone; '' for nothing or garbage. */
export function formatDateIn(instant: Instant | null | undefined, zone: string): string {
  if (typeof instant === 'string' && PLAIN_DATE.test(instant)) return instant;
  if (!valid(instant)) return '';
  const p = partsOf(instant, zone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** `YYYY-MM-DD HH:mm` of the instant in the zone. */
export function formatDateTimeIn(instant: Instant | null | undefined, zone: string): string {
  if (!valid(instant)) return '';
  const p = partsOf(instant, zone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `HH:mm` of the instant in the zone. */
export function formatTimeIn(instant: Instant | null | undefined, zone: string): string {
  if (!valid(instant)) return '';
  const p = partsOf(instant, zone);
  return `${p.hour}:${p.minute}`;
}

/** `YYYY-MM-DD HH:mm:ss` (the audit log, where seconds tell events apart). */
export function formatDateTimeSecondsIn(instant: Instant | null | undefined, zone: string): string {
  if (!valid(instant)) return '';
  const p = partsOf(instant, zone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** The instant the day `date` (YYYY-MM-DD) begins in `timeZone` (the school's midnight, whatever the browser's zone). */
export function startOfDayIn(date: string, timeZone: string): Date {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const p = partsOf(new Date(guess), timeZone);
  // What the zone's clock reads at that UTC midnight, minus the midnight itself: the zone's offset.
  const offset = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - guess;
  return new Date(guess - offset);
}
