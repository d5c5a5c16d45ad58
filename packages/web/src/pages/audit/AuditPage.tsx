import { useState } from 'react';
import { Card, DatePicker, Input, Space, Table, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@jiaowu/contracts';
import { audit } from '../../api/endpoints.ts';
import { AuditDiff } from '../../components/AuditDiff.tsx';
import { formatDateTimeSeconds } from '../../lib/time.ts';

interface Filters {
  q?: string;
  action?: string;
  entityType?: string;
  actor?: string;
  from?: string;
  to?: string;
}

/** The append-only audit log, filterable, each entry expandable into a before/after diff. */
export function AuditPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [filters, setFilters] = useState<Filters>({});
  const { data, isFetching } = useQuery({
    queryKey: ['audit', page, pageSize, filters],
    queryFn: () => audit.list({ page, pageSize, ...filters }),
    placeholderData: keepPreviousData,
  });
  const set = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const onRange = (range: [Dayjs | null, Dayjs | null] | null) =>
    set({ from: range?.[0]?.startOf('day').toISOString(), to: range?.[1]?.endOf('day').toISOString() });

  return (
    <Card title={t('audit.title')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('common.search')} onSearch={(q) => set({ q })} style={{ width: 200 }} />
        <Input.Search allowClear placeholder={t('audit.action')} onSearch={(action) => set({ action })} style={{ width: 180 }} />
        <Input.Search
          allowClear
          placeholder={t('audit.entityType')}
          onSearch={(entityType) => set({ entityType })}
          style={{ width: 160 }}
        />
        <Input.Search allowClear placeholder={t('audit.actor')} onSearch={(actor) => set({ actor })} style={{ width: 160 }} />
        <DatePicker.RangePicker onChange={(r) => onRange(r as [Dayjs | null, Dayjs | null] | null)} />
      </Space>
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        data-testid="audit-table"
        expandable={{
          expandedRowRender: (e) => <AuditDiff before={e.before} after={e.after} entityType={e.entityType} />,
        }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(s !== pageSize ? 1 : p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', render: (v: string) => formatDateTimeSeconds(v) },
          {
            title: t('audit.actor'),
            dataIndex: 'actorName',
            render: (v: string | null, e) => (
              <Space size={4}>
                {v ?? '—'}
                <Tag>{t(`audit.kind.${e.actorKind}`)}</Tag>
              </Space>
            ),
          },
          { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <Tag color="blue">{v}</Tag> },
          { title: t('audit.entityType'), dataIndex: 'entityType' },
          { title: t('audit.entityId'), dataIndex: 'entityId' },
          { title: t('audit.ip'), dataIndex: 'ip' },
        ]}
      />
    </Card>
  );
}
