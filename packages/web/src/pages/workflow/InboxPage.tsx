import { useState } from 'react';
import { App, Button, Card, Space, Tabs, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { InboxItem, Paged } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { workflow } from '../../api/modules.ts';
import { QueryTable } from '../../components/QueryState.tsx';
import { TaskDrawer } from './TaskDrawer.tsx';
import { formatDateTime } from '../../lib/time.ts';
import { useIsApprover } from './useApprover.ts';

/**
 * The approval inbox: tasks waiting for me (batch approve) and my own applications. Who
 * approves nothing (students, teachers) sees only their own applications, opened to read.
 */
export function InboxPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const isApprover = useIsApprover();
  const [chosen, setBox] = useState<'waiting' | 'mine' | null>(null);
  const box = isApprover ? (chosen ?? 'waiting') : 'mine';
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [selected, setSelected] = useState<number[]>([]);
  const [open, setOpen] = useState<InboxItem | null>(null);
  const counts = useQuery({ queryKey: ['inbox', 'counts'], queryFn: workflow.counts });
  const query = useQuery({
    queryKey: ['inbox', box, page, pageSize],
    queryFn: () => workflow.inbox({ box, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const reload = () => qc.invalidateQueries({ queryKey: ['inbox'] });
  const batch = async () => {
    try {
      const res = await workflow.batchApprove(selected);
      const ok = res.results.filter((r) => r.ok).length;
      message.info(t('wf.batchDone', { ok, failed: res.results.length - ok }));
      setSelected([]);
      await reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('errors.network'));
    }
  };
  const data = query.data;
  return (
    <Card title={isApprover ? t('wf.inbox') : t('pagesx.inbox.myApplications')}>
      {isApprover && (
        <Tabs
          activeKey={box}
          onChange={(k) => {
            setBox(k as 'waiting' | 'mine');
            setPage(1);
            setSelected([]);
          }}
          items={[
            { key: 'waiting', label: `${t('wf.waiting')} (${counts.data?.waiting ?? 0})` },
            { key: 'mine', label: `${t('wf.mine')} (${counts.data?.mine ?? 0})` },
          ]}
        />
      )}
      {box === 'waiting' && (
        <Button
          type="primary"
          disabled={!selected.length}
          onClick={() => void batch()}
          style={{ marginBottom: 12 }}
          data-testid="batch-approve"
        >
          {t('wf.batchApprove', { count: selected.length })}
        </Button>
      )}
      <QueryTable<InboxItem, Paged<InboxItem>>
        query={query}
        rowKey={(r) => `${r.instanceId}-${r.taskId ?? ''}`}
        size="middle"
        scroll={{ x: 'max-content' }}
        data-testid="table-inbox"
        rowSelection={
          box === 'waiting'
            ? {
                selectedRowKeys: selected.map((id) => `${data?.items.find((i) => i.taskId === id)?.instanceId}-${id}`),
                onChange: (_, rows) => setSelected(rows.map((r) => r.taskId!).filter(Boolean)),
              }
            : undefined
        }
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          {
            title: t('wf.subject'),
            dataIndex: 'title',
            render: (v: string, r) => <Typography.Link onClick={() => setOpen(r)}>{v}</Typography.Link>,
          },
          { title: t('wf.flow'), dataIndex: 'flowName' },
          { title: t('wf.step'), dataIndex: 'stepName', render: (v: string | null) => v ?? '—' },
          { title: t('wf.applicant'), dataIndex: 'applicantName', render: (v: string | null) => v ?? '—' },
          { title: t('wf.state'), dataIndex: 'state', render: (v: string) => <Tag>{t(`wf.states.${v}`)}</Tag> },
          {
            title: t('wf.due'),
            dataIndex: 'dueAt',
            render: (v: string | null, r) => (
              <Space size={4}>
                {v ? formatDateTime(v) : '—'}
                {r.isOverdue && (
                  <Tag color="red" data-testid="overdue-tag">
                    {t('wf.overdue')}
                  </Tag>
                )}
              </Space>
            ),
          },
          { title: t('wf.updated'), dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
          {
            title: t('common.actions'),
            key: 'open',
            render: (_, r) => (
              <Button size="small" onClick={() => setOpen(r)} data-testid="open-task">
                {r.taskId != null ? t('wf.open') : t('pagesx.inbox.view')}
              </Button>
            ),
          },
        ]}
      />
      <TaskDrawer
        item={open}
        onClose={() => setOpen(null)}
        onDone={() => {
          setOpen(null);
          void reload();
        }}
      />
    </Card>
  );
}
