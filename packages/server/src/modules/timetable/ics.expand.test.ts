import { maskOfWeeks, weeksOfMask, type LectureItem } from '@jiaowu/contracts';
import ical from 'node-ical';
import { describe, expect, it } from 'vitest';
import { expandLectures, icsCalendar } from './ics.expand.ts';
import { dateOfLecture, termWeekList } from './published.calendar.ts';

const term = {
  startDate: '2026-09-07', // a Monday
  weeks: 16,
  periods: [
    { period: 1, startsAt: '08:00', endsAt: '08:45' },
    { period: 2, startsAt: '08:55', endsAt: '09:40' },
    { period: 3, startsAt: '10:00', endsAt: '10:45' },
    { period: 4, startsAt: '10:55', endsAt: '11:40' },
  ],
};

const lecture = (over: Partial<LectureItem>): LectureItem => ({
  key: '7:0',
  teachingClassId: 7,
  teachingClassCode: 'CS201-01',
  courseId: 1,
  courseCode: 'CS201',
  courseName: '数据结构',
  courseNameEn: 'Data Structures',
  sessionIndex: 0,
  day: 3,
  startPeriod: 1,
  length: 2,
  weeks: weeksOfMask(maskOfWeeks([1, 3, 5, 7, 9, 11, 13, 15])),
  roomId: 1,
  roomName: 'A101',
  teacherIds: [1],
  teacherNames: ['王芳'],
  adminClassIds: [1],
  adminClassNames: ['计科2501'],
  kind: 'regular',
  lockTime: false,
  lockRoom: false,
  ...over,
});

describe('lectures over the term’s real dates', () => {
  it('an odd-week lecture meets on the Wednesdays of weeks 1, 3 … 15 from the first period’s start to the second’s end', () => {
    const occ = expandLectures([lecture({})], term, 'zh-CN');
    expect(occ.map((o) => o.date)).toEqual([
      '2026-09-09',
      '2026-09-23',
      '2026-10-07',
      '2026-10-21',
      '2026-11-04',
      '2026-11-18',
      '2026-12-02',
      '2026-12-16',
    ]);
    expect(occ[0]).toMatchObject({ start: '08:00', end: '09:40', summary: '数据结构 A101', uid: '7:0-2026-09-09@jiaowu' });
    expect(occ[0].description).toContain('王芳');
  });

  it('a week-5-only make-up is one event; weeks past the term are dropped', () => {
    const occ = expandLectures(
      [lecture({ key: '7:0:m1', kind: 'makeup', day: 6, startPeriod: 3, weeks: [5] }), lecture({ key: '8:0', weeks: [16, 17] })],
      term,
      'zh-CN',
    );
    expect(occ.map((o) => [o.uid, o.date, o.start, o.end])).toEqual([
      ['7:0:m1-2026-10-10@jiaowu', '2026-10-10', '10:00', '11:40'],
      ['8:0-2026-12-23@jiaowu', '2026-12-23', '08:00', '09:40'],
    ]);
  });

  it('a term starting mid-week counts week 1 from its Monday', () => {
    expect(dateOfLecture('2026-09-09', 1, 1)).toBe('2026-09-07');
    expect(termWeekList('2026-09-07', 2, 5)).toEqual([
      { week: 1, startDate: '2026-09-07', endDate: '2026-09-11' },
      { week: 2, startDate: '2026-09-14', endDate: '2026-09-18' },
    ]);
  });

  it('the feed carries the school’s VTIMEZONE and parses to instants in that zone', () => {
    const text = icsCalendar('课表', expandLectures([lecture({})], term, 'zh-CN'), 'Asia/Shanghai', new Date('2026-09-01T00:00:00Z'));
    expect(text).toContain('BEGIN:VTIMEZONE');
    expect(text).toContain('DTSTART;TZID=Asia/Shanghai:20260909T080000');
    const events = Object.values(ical.sync.parseICS(text)).filter((e) => e?.type === 'VEVENT');
    expect(events).toHaveLength(8);
    const first = events.find((e) => e.type === 'VEVENT' && e.uid === '7:0-2026-09-09@jiaowu');
    // 08:00 in Shanghai (UTC+8) is midnight UTC.
    expect(first && first.type === 'VEVENT' && new Date(first.start).toISOString()).toBe('2026-09-09T00:00:00.000Z');
  });
});
