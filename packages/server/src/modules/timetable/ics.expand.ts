import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical from 'ical-generator';
import type { LectureItem, Locale } from '@jiaowu/contracts';
import { dateOfLecture } from './published.calendar.ts';

/** One meeting of a lecture on a real date, in the school's wall-clock time. */
export interface LectureOccurrence {
  uid: string;
  date: string;
  /** HH:mm of the school's clock. */
  start: string;
  end: string;
  summary: string;
  description: string;
  location: string;
}

export interface TermCalendar {
  startDate: string;
  weeks: number;
  periods: { period: number; startsAt: string; endsAt: string }[];
}

/**
 * Expands lectures over the term's real dates: one occurrence per week the lecture meets
 * (odd weeks, a week-5-only make-up…), dated from the term's first Monday, timed by the
 * clock of its first and last period. Expanded events rather than an RRULE with EXDATEs:
 * Outlook and some phone calendars handle those badly. UIDs are the lecture key and the
 * date, so a re-published timetable replaces the events instead of duplicating them.
 */
export function expandLectures(lectures: readonly LectureItem[], term: TermCalendar, locale: Locale): LectureOccurrence[] {
  const clock = new Map(term.periods.map((p) => [p.period, p]));
  const out: LectureOccurrence[] = [];
  for (const l of lectures) {
    if (l.day === null || l.startPeriod === null) continue;
    const first = clock.get(l.startPeriod);
    const last = clock.get(l.startPeriod + l.length - 1);
    if (!first || !last) continue;
    const course = locale === 'en' && l.courseNameEn ? l.courseNameEn : l.courseName;
    const sep = locale === 'en' ? ', ' : '、';
    const teachers = l.teacherNames.filter(Boolean).join(sep);
    const classes = l.adminClassNames.filter(Boolean).join(sep);
    const description =
      locale === 'en'
        ? [`Teachers: ${teachers}`, classes && `Classes: ${classes}`, `Class ${l.teachingClassCode}`].filter(Boolean).join('\n')
        : [`教师：${teachers}`, classes && `班级：${classes}`, `教学班：${l.teachingClassCode}`].filter(Boolean).join('\n');
    for (const week of l.weeks) {
      if (week > term.weeks) continue;
      const date = dateOfLecture(term.startDate, week, l.day);
      out.push({
        uid: `${l.key}-${date}@jiaowu`,
        date,
        start: first.startsAt,
        end: last.endsAt,
        summary: [course, l.roomName].filter(Boolean).join(' '),
        description,
        location: l.roomName ?? '',
      });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start) || a.uid.localeCompare(b.uid));
}

/**
 * A Date whose local fields read the school's wall clock: ical-generator writes an event of a
 * calendar with a time zone from the local fields (DTSTART;TZID=Asia/Shanghai:20260907T080000).
 */
function wallClock(date: string, hhmm: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [h, min] = hhmm.split(':').map(Number);
  return new Date(y, m - 1, d, h, min, 0);
}

/** The feed: VCALENDAR with the school's VTIMEZONE and one VEVENT per occurrence. */
export function icsCalendar(name: string, occurrences: readonly LectureOccurrence[], timeZone: string, stamp: Date): string {
  const cal = ical({ name, prodId: { company: 'Jiaowu', product: 'timetable', language: 'ZH' }, ttl: 3600 });
  cal.timezone({ name: timeZone, generator: getVtimezoneComponent });
  for (const o of occurrences)
    cal.createEvent({
      id: o.uid,
      start: wallClock(o.date, o.start),
      end: wallClock(o.date, o.end),
      timezone: timeZone,
      summary: o.summary,
      description: o.description,
      location: o.location || null,
      stamp,
    });
  return cal.toString();
}
