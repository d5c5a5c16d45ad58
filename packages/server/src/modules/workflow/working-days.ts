import { DEFAULT_TIME_ZONE } from '@jiaowu/contracts';

/**
 * Deadlines count working days (Mon–Fri) in the school's time zone (a school
 * setting, Asia/Shanghai by default), so "3 working days" from a Friday
 * afternoon ends on Wednesday afternoon wherever the server runs.
 */
const DAY = 86_400_000;
const weekdays = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Day of week in the zone: 0 Sunday … 6 Saturday. */
function weekdayIn(at: Date, timeZone: string): number {
  let f = weekdays.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' });
    weekdays.set(timeZone, f);
  }
  return WEEKDAY[f.format(at)];
}

export function isWorkingDay(at: Date, timeZone: string = DEFAULT_TIME_ZONE): boolean {
  const d = weekdayIn(at, timeZone);
  return d !== 0 && d !== 6;
}

/**
 * The moment `days` working days after `from` (whole 24-hour days, so the same
 * time of day except across a daylight-saving change); negative counts backwards.
 */
export function addWorkingDays(from: Date, days: number, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const step = days >= 0 ? DAY : -DAY;
  let t = from.getTime();
  for (let left = Math.abs(days); left > 0;) {
    t += step;
    if (isWorkingDay(new Date(t), timeZone)) left--;
  }
  return new Date(t);
}
