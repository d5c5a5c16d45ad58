import { startOfDayIn } from '@jiaowu/contracts';
// Calendar arithmetic in the school's time zone for the home page: which day
// it is at the school, which teaching week, and the instant a school day
// starts. Dates are YYYY-MM-DD strings; whole days are counted in UTC, where
// every day has 24 hours.

const DAY = 86_400_000;

/** The school's calendar date of an instant. */
export function schoolDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** `date` plus `days` (may be negative). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
}

/** The Monday of the week of `date`. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** The instant the school day `date` begins (midnight in `timeZone`). */
export const startOfSchoolDay = startOfDayIn;

/** The teaching week of `today` in a term: 1..weeks, 0 before it starts, null after it ends. */
export function teachingWeek(startDate: string, weeks: number, today: string): number | null {
  const days = daysBetween(startDate, today);
  if (days < 0) return 0;
  const week = Math.floor(days / 7) + 1;
  return week > weeks ? null : week;
}
