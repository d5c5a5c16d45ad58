import { Card, Select, Space, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EXAM_DEFERRAL_STATUSES, type ExamDeferral, type ExamDeferralStatus, type Paged } from '@jiaowu/contracts';
import { get } from '../../../api/client.ts';
import { AttachmentLink } from '../../../components/AttachmentPicker.tsx';
import { QueryTable } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useListParams } from '../../offerings/useListParams.ts';
import { examTime } from '../exam-time.ts';
import { DEFERRAL_STATUS_COLOR } from './status.ts';

/**
 * 缓考名单 — applications the reader may see (a secretary: their college's students; the office:
 * all; a student: their own), filtered by status, paged on the server. The approved ones of a
 * term are the make-up plan's list. Decisions are taken in the approval inbox.
 */
export function DeferralsListPage() {
  const { t } = useTranslation();
  const { num, str, set } = useListParams();
  const page = num('page') ?? 1;
  const pageSize = num('pageSize') ?? 20;
  const status = str('status') as ExamDeferralStatus | undefined;
  const termId = num('termId');
  const query = useQuery({
    queryKey: ['exam-deferrals', 'list', status, termId, page, pageSize],
    queryFn: () => get<Paged<ExamDeferral>>('/exams/deferrals', { status, termId, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  return (
    <Card title={t('examdef.list.title')} data-testid="deferrals-list">
      <Typography.Paragraph type="secondary">{t('examdef.list.help')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<ExamDeferralStatus | undefined>
          allowClear
          placeholder={t('examdef.list.allStatuses')}
          style={{ width: 160 }}
          value={status}
          onChange={(v) => set({ status: v })}
          options={EXAM_DEFERRAL_STATUSES.map((s) => ({ value: s, label: t(`examdef.status.${s}`) }))}
          data-testid="deferrals-status"
        />
      </Space>
      <QueryTable<ExamDeferral, Paged<ExamDeferral>>
        query={query}
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total,
          showTotal: (n) => t('common.total', { total: n }),
          onChange: (p, s) => set({ page: p, pageSize: s }),
        }}
        columns={[
          { title: t('examdef.list.student'), render: (_, d) => `${d.studentName}（${d.studentCode}）` },
          { title: t('examdef.list.course'), render: (_, d) => `${d.courseCode} ${d.courseName}` },
          { title: t('examdef.list.plan'), dataIndex: 'planName' },
          { title: t('examdef.list.time'), render: (_, d) => examTime(d) ?? t('examdef.notScheduled') },
          { title: t('examdef.list.reason'), dataIndex: 'reason' },
          {
            title: t('examdef.list.attachment'),
            key: 'attachment',
            render: (_: unknown, d: ExamDeferral) => <AttachmentLink file={d.attachment} testId={`deferral-attachment-${d.id}`} />,
          },
          {
            title: t('examdef.list.status'),
            render: (_, d) => <Tag color={DEFERRAL_STATUS_COLOR[d.status]}>{t(`examdef.status.${d.status}`)}</Tag>,
          },
          { title: t('examdef.list.appliedAt'), render: (_, d) => formatDateTime(d.createdAt) },
          { title: t('examdef.list.decidedAt'), render: (_, d) => (d.decidedAt ? formatDateTime(d.decidedAt) : '—') },
        ]}
      />
    </Card>
  );
}
