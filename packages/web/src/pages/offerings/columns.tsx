import type { TFunction } from 'i18next';
import { useQuery } from '@tanstack/react-query';
import type { Paged } from '@jiaowu/contracts';
import { get } from '../../api/client.ts';
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
/** Admin class codes by id, to name a request's targets. */
export function useClassCodes(): Map<number, string> {
  const q = useQuery({
    queryKey: ['class-codes'],
    queryFn: () => get<Paged<{ id: number; code: string }>>('/admin-classes', { pageSize: 200 }),
    staleTime: 60_000,
  });
  return new Map((q.data?.items ?? []).map((c) => [c.id, c.code]));
}

export function offeringColumns<T extends Offering>(t: TFunction, labels: Labels, codes: Map<number, string> = new Map()) {
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
        [...r.adminClassIds.map((i) => codes.get(i) ?? `#${i}`), ...r.targetMajors.map((m) => `${m.cohort}`)].join(', ') || '—',
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
