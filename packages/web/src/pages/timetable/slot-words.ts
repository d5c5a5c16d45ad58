import { weeksText } from '@jiaowu/contracts';
import type { TFunction } from 'i18next';

/** "周三 第3-4节" in the UI language. */
export function slotWords(t: TFunction, day: number, from: number, to: number): string {
  const days = t('ttchange.days', { returnObjects: true }) as string[];
  const p = from === to ? t('ttchange.period', { n: from }) : t('ttchange.periods', { from, to });
  return `${days[day - 1] ?? day} ${p}`;
}

/** "1-16周" / "Weeks 1–16". */
export function weeksWords(lang: string, weeks: readonly number[]): string {
  return weeksText(weeks, lang === 'en' ? 'en' : 'zh-CN');
}
