import type { ReactNode } from 'react';
import { Tag } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ExamIncident, Paged } from '@jiaowu/contracts';
import { QueryTable } from '../../../components/QueryState.tsx';
import { INCIDENT_STATUS_COLOR } from '../deferrals/status.ts';
import { examTime } from '../exam-time.ts';

/** A page of incidents (the invigilator's own, or the office's review list with its actions). */
export function IncidentsTable({
  query,
  page,
  pageSize,
  onPage,
  actions,
}: {
  query: UseQueryResult<Paged<ExamIncident>>;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  actions?: (i: ExamIncident) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <QueryTable<ExamIncident, Paged<ExamIncident>>
      query={query}
      rowKey="id"
      size="middle"
      scroll={{ x: 'max-content' }}
      data-testid="incidents-table"
      pagination={{
        current: page,
        pageSize,
        total: query.data?.total,
        showTotal: (n) => t('common.total', { total: n }),
        onChange: onPage,
      }}
      columns={[
        { title: t('incidents.cols.student'), render: (_, i) => `${i.studentName}（${i.studentCode}）` },
        { title: t('incidents.cols.course'), render: (_, i) => `${i.courseCode} ${i.courseName}` },
        { title: t('incidents.cols.time'), render: (_, i) => examTime(i) ?? t('examdef.notScheduled') },
        {
          title: t('incidents.cols.room'),
          render: (_, i) => (i.roomName ? `${i.roomName} · ${t('incidents.record.seat', { seat: i.seatNo })}` : '—'),
        },
        { title: t('incidents.cols.kind'), render: (_, i) => t(`incidents.kinds.${i.kind}`) },
        { title: t('incidents.cols.note'), dataIndex: 'note' },
        { title: t('incidents.cols.recordedBy'), render: (_, i) => i.recordedByName ?? '—' },
        {
          title: t('incidents.cols.status'),
          render: (_, i) => <Tag color={INCIDENT_STATUS_COLOR[i.status]}>{t(`incidents.statuses.${i.status}`)}</Tag>,
        },
        { title: t('incidents.cols.review'), render: (_, i) => i.reviewNote || '—' },
        ...(actions ? [{ title: t('incidents.cols.actions'), render: (_: unknown, i: ExamIncident) => actions(i) }] : []),
      ]}
    />
  );
}
