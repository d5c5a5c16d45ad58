import { weeksText, type RoundClassItem } from '@jiaowu/contracts';
import type { TFunction } from 'i18next';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';

export type Lecture = RoundClassItem['lectures'][number];

/** A course's name in the UI language (the English name when there is one). */
export function courseName(lang: string, c: { courseName: string; courseNameEn: string | null }): string {
  return lang === 'en' && c.courseNameEn ? c.courseNameEn : c.courseName;
}

/** "第3-4节". */
function periodsText(t: TFunction, l: { startPeriod: number; length: number }): string {
  const to = l.startPeriod + l.length - 1;
  return l.length > 1 ? t('selstu.periods', { from: l.startPeriod, to }) : t('selstu.period', { n: l.startPeriod });
}

/** "周一 第3-4节". */
export function slotText(t: TFunction, l: { day: number; startPeriod: number; length: number }): string {
  const days = t('selstu.days', { returnObjects: true }) as string[];
  return `${days[l.day - 1] ?? l.day} ${periodsText(t, l)}`;
}

/** "周一 第3-4节 1-16周 · 教一 101"; without the day ("第3-4节 1-16周 · 教一 101") under a day's heading. */
export function lectureText(t: TFunction, lang: string, l: Lecture, withDay = true): string {
  const weeks = weeksText(l.weeks, lang === 'en' ? 'en' : 'zh-CN');
  const when = withDay ? slotText(t, l) : periodsText(t, l);
  return `${when} ${weeks} · ${l.roomName ?? t('selstu.noRoom')}`;
}

/** The words of a class line for the current language. */
export function useSelectionWords() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return {
    t,
    lang,
    course: (c: { courseName: string; courseNameEn: string | null }) => courseName(lang, c),
    /** "CS201-01 数据结构", for messages that name a class. */
    classLabel: (c: { code: string; courseName: string; courseNameEn: string | null }) => `${c.code} ${courseName(lang, c)}`,
    lecture: (l: Lecture, withDay = true) => lectureText(t, lang, l, withDay),
    teachers: (names: readonly string[]) => (names.length ? names.join(lang === 'en' ? ', ' : '、') : t('selstu.noTeacher')),
  };
}

/** Lectures in the order of the week (the server lists them as they were timetabled). */
export function byTime<T extends { day: number; startPeriod: number }>(lectures: readonly T[]): T[] {
  return [...lectures].sort((a, b) => a.day - b.day || a.startPeriod - b.startPeriod);
}

/** Whether two lectures meet at the same time in a common week. */
export function lecturesClash(a: Lecture, b: Lecture): boolean {
  if (a.day !== b.day) return false;
  if (a.startPeriod + a.length <= b.startPeriod || b.startPeriod + b.length <= a.startPeriod) return false;
  const weeks = new Set(a.weeks);
  return b.weeks.some((w) => weeks.has(w));
}

/** One column of cards on a phone, as many as fit on a wide screen. */
export const CARD_GRID: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 360px), 1fr))',
  gap: 10,
};
