import { weeksText, type LectureItem, type Locale } from '@jiaowu/contracts';

/**
 * The printed timetable of one owner, as Chinese offices lay it out: days as columns, periods
 * as rows (with their clock times), each lecture in the cell of its day and first period,
 * spanning its periods. Lectures of one day whose periods overlap (odd and even weeks sharing
 * a slot) are one block spanning all of them, listed one after the other. XLSX and PDF are
 * both drawn from this model, so they read alike.
 */
export interface PrintBlock {
  day: number;
  fromPeriod: number;
  toPeriod: number;
  /** One entry per lecture: course, teachers, room, weeks. */
  entries: string[][];
}

export interface PrintTimetable {
  title: string;
  subtitle: string;
  dayNames: string[];
  periods: { label: string; time: string }[];
  blocks: PrintBlock[];
  headers: { period: string; time: string };
}

const DAY_NAMES: Record<Locale, string[]> = {
  'zh-CN': ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

/** The lines of one lecture in a cell. */
export function cellLines(l: LectureItem, locale: Locale): string[] {
  const course = locale === 'en' && l.courseNameEn ? l.courseNameEn : l.courseName;
  const kind =
    l.kind === 'makeup'
      ? locale === 'en'
        ? ' (make-up)'
        : '（补课）'
      : l.kind === 'substitute'
        ? locale === 'en'
          ? ' (substitute)'
          : '（代课）'
        : '';
  return [
    `${course}${kind}`,
    l.teacherNames.filter(Boolean).join(locale === 'en' ? ', ' : '、'),
    l.roomName ?? '',
    weeksText(l.weeks, locale),
  ].filter((s) => s !== '');
}

/** Groups a day's lectures into blocks of overlapping periods. */
export function blocksOf(lectures: readonly LectureItem[], locale: Locale): PrintBlock[] {
  const placed = lectures
    .filter((l): l is LectureItem & { day: number; startPeriod: number } => l.day !== null && l.startPeriod !== null)
    .sort((a, b) => a.day - b.day || a.startPeriod - b.startPeriod || a.courseName.localeCompare(b.courseName));
  const out: PrintBlock[] = [];
  for (const l of placed) {
    const end = l.startPeriod + l.length - 1;
    const last = out[out.length - 1];
    if (last && last.day === l.day && l.startPeriod <= last.toPeriod) {
      last.toPeriod = Math.max(last.toPeriod, end);
      last.entries.push(cellLines(l, locale));
    } else out.push({ day: l.day, fromPeriod: l.startPeriod, toPeriod: end, entries: [cellLines(l, locale)] });
  }
  return out;
}

export function printTimetable(input: {
  termName: string;
  ownerName: string;
  versionNo: number | null;
  daysPerWeek: number;
  periods: { period: number; startsAt: string; endsAt: string }[];
  lectures: readonly LectureItem[];
  locale: Locale;
}): PrintTimetable {
  const en = input.locale === 'en';
  return {
    title: en ? `${input.termName} — Timetable of ${input.ownerName}` : `${input.termName} ${input.ownerName} 课表`,
    subtitle:
      input.versionNo === null ? (en ? 'Not published yet' : '尚未发布') : en ? `Version ${input.versionNo}` : `第 ${input.versionNo} 版`,
    dayNames: DAY_NAMES[input.locale].slice(0, input.daysPerWeek),
    periods: input.periods.map((p) => ({ label: en ? `Period ${p.period}` : `第${p.period}节`, time: `${p.startsAt}-${p.endsAt}` })),
    blocks: blocksOf(input.lectures, input.locale),
    headers: { period: en ? 'Period' : '节次', time: en ? 'Time' : '时间' },
  };
}
