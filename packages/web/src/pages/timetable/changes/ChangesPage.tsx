import { Link, useNavigate } from 'react-router';
import { Button, Card, Select, Space, Switch, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CHANGE_KINDS, CHANGE_STATUSES, type ChangeItem, type Paged } from '@jiaowu/contracts';
import { ttchange } from '../../../api/ttchange.ts';
import { QueryTable } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useTerms } from '../../../lib/terms.ts';
import { useListParams } from '../../offerings/useListParams.ts';
import { weeksWords } from '../slot-words.ts';

export const STATUS_COLORS: Record<string, string> = {
  submitted: 'processing',
  returned: 'warning',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
  failed: 'error',
};

/** 调课申请: mine (a teacher), my college's (a secretary), all (the office), filtered and paginated on the server. */
export function ChangesPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { current, options } = useTerms();
  const { num, str, set } = useListParams();
  const termId = num('termId') ?? current?.id;
  const mine = str('mine') === 'true';
  const status = str('status');
  const kind = str('kind');
  const page = num('page') ?? 1;
  const pageSize = num('pageSize') ?? 20;
  const query = useQuery({
    queryKey: ['tt-changes', termId, mine, status, kind, page, pageSize],
    queryFn: () => ttchange.changes({ termId, mine: mine ? 'true' : undefined, status, kind, page, pageSize }),
    enabled: termId != null,
    placeholderData: keepPreviousData,
  });
  return (
    <Card
      title={t('ttchange.changes')}
      extra={
        <Button
          type="primary"
          onClick={() => void navigate(`/timetable/changes/new${termId ? `?termId=${termId}` : ''}`)}
          data-testid="new-change"
        >
          {t('ttchange.newChange')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 200 }}
          value={termId}
          options={options}
          onChange={(v) => set({ termId: v })}
          aria-label={t('ttchange.term')}
        />
        <Select
          style={{ width: 150 }}
          allowClear
          placeholder={t('ttchange.status')}
          value={status}
          options={CHANGE_STATUSES.map((s) => ({ value: s, label: t(`ttchange.statuses.${s}`) }))}
          onChange={(v) => set({ status: v })}
        />
        <Select
          style={{ width: 150 }}
          allowClear
          placeholder={t('ttchange.kind')}
          value={kind}
          options={CHANGE_KINDS.map((k) => ({ value: k, label: t(`ttchange.kinds.${k}`) }))}
          onChange={(v) => set({ kind: v })}
        />
        <Switch checked={mine} onChange={(v) => set({ mine: v ? 'true' : undefined })} /> {t('ttchange.mine')}
      </Space>
      <QueryTable<ChangeItem, Paged<ChangeItem>>
        query={query}
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        data-testid="table-changes"
        onRow={(r) => ({ onClick: () => void navigate(`/timetable/changes/${r.id}`), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => set({ page: p, pageSize: s }),
        }}
        columns={[
          {
            title: t('ttchange.course'),
            render: (_, r) => (
              <Link to={`/timetable/changes/${r.id}`} onClick={(e) => e.stopPropagation()}>
                {r.courseName}（{r.teachingClassCode}）
              </Link>
            ),
          },
          { title: t('ttchange.kind'), render: (_, r) => t(`ttchange.kinds.${r.kind}`) },
          { title: t('ttchange.weeks'), render: (_, r) => weeksWords(i18n.language, r.weeks) },
          { title: t('ttchange.teacher'), dataIndex: 'teacherName' },
          { title: t('ttchange.college'), dataIndex: 'collegeName' },
          { title: t('ttchange.reasonKind'), render: (_, r) => t(`ttchange.reasons.${r.reasonKind}`) },
          { title: t('ttchange.periodsCount'), dataIndex: 'periods' },
          {
            title: t('ttchange.status'),
            render: (_, r) => (
              <Tag color={STATUS_COLORS[r.status]} data-testid={`change-status-${r.id}`}>
                {t(`ttchange.statuses.${r.status}`)}
              </Tag>
            ),
          },
          { title: t('ttchange.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
        ]}
      />
    </Card>
  );
}
