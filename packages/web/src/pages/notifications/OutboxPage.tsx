import { useState } from 'react';
import { App, Button, Card, Select, Table, Tag } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { OUTBOX_STATUSES, type OutboxItem } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { notifications } from '../../api/modules.ts';
import { formatDateTime } from '../../lib/time.ts';

const COLORS = { pending: 'processing', failed: 'error', sent: 'success' } as const;
const when = (v: string | null) => (v ? formatDateTime(v) : '—');

/** The mail outbox by status; failed mails can be retried. */
export function OutboxPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const { data, isFetching } = useQuery({
    queryKey: ['outbox', status, page],
    queryFn: () => notifications.outbox({ status, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  const retry = async (id: number) => {
    try {
      await notifications.retry(id);
      message.success(t('mail.retried'));
      await qc.invalidateQueries({ queryKey: ['outbox'] });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('errors.network'));
    }
  };
  return (
    <Card title={t('mail.outbox')}>
      <Select
        allowClear
        style={{ width: 180, marginBottom: 12 }}
        placeholder={t('mail.status')}
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
        options={OUTBOX_STATUSES.map((s) => ({
          value: s,
          label: `${t(`mail.statuses.${s}`)}${data?.counts?.[s] != null ? ` (${data.counts[s]})` : ''}`,
        }))}
      />
      <Table<OutboxItem>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        data-testid="table-outbox"
        pagination={{
          current: page,
          pageSize: 20,
          total: data?.total ?? 0,
          onChange: setPage,
          showTotal: (total) => t('common.total', { total }),
        }}
        columns={[
          { title: t('mail.to'), dataIndex: 'to' },
          { title: t('mail.subject'), dataIndex: 'subject' },
          {
            title: t('mail.status'),
            dataIndex: 'status',
            render: (s: OutboxItem['status']) => <Tag color={COLORS[s]}>{t(`mail.statuses.${s}`)}</Tag>,
          },
          { title: t('mail.attempts'), dataIndex: 'attempts' },
          { title: t('mail.lastError'), dataIndex: 'lastError', render: (v: string | null) => v ?? '—' },
          { title: t('mail.createdAt'), dataIndex: 'createdAt', render: when },
          { title: t('mail.sentAt'), dataIndex: 'sentAt', render: when },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_, r) =>
              r.status === 'failed' && (
                <Button size="small" onClick={() => void retry(r.id)}>
                  {t('mail.retry')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}
