import type { TFunction } from 'i18next';
import { Tag } from 'antd';
import type { TeachingClass } from '@jiaowu/contracts';
import type { Labels } from '../../i18n/labels.ts';

type Offering = Pick<
  TeachingClass,
  | 'courseCode'
  | 'courseName'
  | 'credits'
  | 'teachers'
  | 'capacity'
  | 'adminClassIds'
  | 'adminClassCodes'
  | 'targetMajors'
  | 'sessions'
  | 'weekPattern'
  | 'weeks'
  | 'roomType'
>;

/** Weeks as ranges: 1-16, or 1,3,5-9. */
export function formatWeeks(weeks: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < weeks.length;) {
    let j = i;
    while (j + 1 < weeks.length && weeks[j + 1] === weeks[j] + 1) j++;
    parts.push(i === j ? String(weeks[i]) : `${weeks[i]}-${weeks[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** Columns shared by course requests and teaching classes. */
export function offeringColumns<T extends Offering>(t: TFunction, labels: Labels) {
  return [
    { title: t('classes.course'), key: 'course', render: (_: unknown, r: T) => `${r.courseName}（${r.courseCode}）` },
    { title: labels.field('courses', 'credits'), dataIndex: 'credits' },
    {
      title: t('classes.teachers'),
      key: 'teachers',
      render: (_: unknown, r: T) =>
        r.teachers.map((x) => (
          <Tag key={x.teacherId}>
            {x.name ?? x.teacherId} {x.share}%
          </Tag>
        )),
    },
    { title: t('classes.capacity'), dataIndex: 'capacity' },
    {
      title: t('classes.targets'),
      key: 'targets',
      render: (_: unknown, r: T) =>
        [...r.adminClassCodes, ...r.targetMajors.map((m) => `${m.majorName ?? ''} ${m.cohort}`.trim())].join(', ') || '—',
    },
    { title: t('classes.sessions'), key: 'sessions', render: (_: unknown, r: T) => r.sessions.join('+') },
    {
      title: t('classes.weeks'),
      key: 'weeks',
      render: (_: unknown, r: T) => `${labels.enumLabel('weekPattern', r.weekPattern)} ${formatWeeks(r.weeks)}`,
    },
    {
      title: labels.field('courseRequests', 'roomType'),
      dataIndex: 'roomType',
      render: (v: string | null) => (v ? labels.enumLabel('roomType', v) : '—'),
    },
  ];
}
