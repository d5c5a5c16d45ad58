import type { TermWeek } from '@jiaowu/contracts';
import { addDays, mondayOf, schoolDate, teachingWeek } from '../home/school-dates.ts';

/**
 * The term's weeks on the calendar. Week 1 is the week of the term's start date (its Monday:
 * day 1 of the grid is a Monday), so the date of (week w, day d) is that Monday + 7(w − 1) + d − 1.
 * Dates are plain YYYY-MM-DD strings of the school's calendar.
 */
export function dateOfLecture(startDate: string, week: number, day: number): string {
  return addDays(mondayOf(startDate), (week - 1) * 7 + (day - 1));
}

/** Every teaching week with its first and last day of the grid. */
export function termWeekList(startDate: string, weeks: number, daysPerWeek: number): TermWeek[] {
  return Array.from({ length: weeks }, (_, i) => ({
    week: i + 1,
    startDate: dateOfLecture(startDate, i + 1, 1),
    endDate: dateOfLecture(startDate, i + 1, daysPerWeek),
  }));
}

/** The dates of one week's days (index 0 = Monday). */
export function weekDatesOf(startDate: string, week: number, daysPerWeek: number): string[] {
  return Array.from({ length: daysPerWeek }, (_, d) => dateOfLecture(startDate, week, d + 1));
}

/** The teaching week the instant falls in at the school, null before or after the term. */
export function currentWeekOf(startDate: string, weeks: number, now: Date, timeZone: string): number | null {
  const w = teachingWeek(mondayOf(startDate), weeks, schoolDate(now, timeZone));
  return w === null || w === 0 ? null : w;
}
