import type { TFunction } from 'i18next';

/** 2027-01-04 → 1月4日 周一 / Mon 1/4: the date as it stands (the school's local date, no time-zone shift). */
export function dayLabel(t: TFunction, date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = t(`exams.weekdays.${new Date(Date.UTC(y, m - 1, d)).getUTCDay()}`);
  return `${date} ${weekday}`;
}

/** `08:30–10:30` */
export const timeRange = (start: string | null, end: string | null) => (start && end ? `${start}–${end}` : '');
