import { useState } from 'react';
import { App, Button, Card, Select, Tag } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { OUTBOX_STATUSES, type OutboxItem } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { notifications } from '../../api/modules.ts';
import { ListToolbar } from '../../components/ListToolbar.tsx';
import { QueryTable } from '../../components/QueryState.tsx';
import { RowActions, useActionsColumn } from '../../components/RowActions.tsx';
import { formatDateTime } from '../../lib/time.ts';

const COLORS = { pending: 'processing', failed: 'error', sent: 'success' } as const;
const when = (v: string | null) => (v ? formatDateTime(v) : '—');

/** The mail outbox by status; failed mails can be retried. */
export function OutboxPage() {
  const { t } = useTranslation();
  const actionsColumn = useActionsColumn();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const list = useQuery({
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
      <ListToolbar>
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('mail.status')}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={OUTBOX_STATUSES.map((s) => ({
            value: s,
            label: `${t(`mail.statuses.${s}`)}${list.data?.counts?.[s] != null ? ` (${list.data.counts[s]})` : ''}`,
          }))}
          data-testid="filter-status"
        />
      </ListToolbar>
      <QueryTable<OutboxItem, NonNullable<typeof list.data>>
        query={list}
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        data-testid="table-outbox"
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
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
          { title: t('mail.attempts'), dataIndex: 'attempts', className: 'num' },
          { title: t('mail.lastError'), dataIndex: 'lastError', render: (v: string | null) => v ?? '—' },
          { title: t('mail.createdAt'), dataIndex: 'createdAt', className: 'num', render: when },
          { title: t('mail.sentAt'), dataIndex: 'sentAt', className: 'num', render: when },
          {
            ...actionsColumn,
            title: t('common.actions'),
            render: (_, r) =>
              r.status === 'failed' && (
                <RowActions>
                  <Button type="link" size="small" icon={<ReloadOutlined />} onClick={() => void retry(r.id)}>
                    {t('mail.retry')}
                  </Button>
                </RowActions>
              ),
          },
        ]}
      />
    </Card>
  );
}
