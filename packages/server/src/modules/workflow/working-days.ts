/**
 * Deadlines count working days (Mon–Fri) in the school's time zone
 * (China Standard Time, UTC+8, no daylight saving), so "3 working days"
 * from a Friday afternoon ends on Wednesday afternoon.
 */
export const SCHOOL_UTC_OFFSET_HOURS = 8;
const DAY = 86_400_000;

/** Day of week in the school's time zone: 0 Sunday … 6 Saturday. */
function schoolWeekday(at: Date): number {
  return new Date(at.getTime() + SCHOOL_UTC_OFFSET_HOURS * 3_600_000).getUTCDay();
}

export function isWorkingDay(at: Date): boolean {
  const d = schoolWeekday(at);
  return d !== 0 && d !== 6;
}

/** The moment `days` working days after `from` (same time of day); negative counts backwards. */
export function addWorkingDays(from: Date, days: number): Date {
  const step = days >= 0 ? DAY : -DAY;
  let t = from.getTime();
  for (let left = Math.abs(days); left > 0;) {
    t += step;
    if (isWorkingDay(new Date(t))) left--;
  }
  return new Date(t);
}
