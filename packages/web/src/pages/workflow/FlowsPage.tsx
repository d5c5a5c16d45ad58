import { Card, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { FlowSummary } from '@jiaowu/contracts';
import { workflow } from '../../api/modules.ts';
import { formatDateTime } from '../../lib/time.ts';

/** The approval flows (process documentation for everybody). */
export function FlowsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data, isFetching } = useQuery({ queryKey: ['flows'], queryFn: workflow.flows });
  return (
    <Card title={t('wf.flows')}>
      <Table<FlowSummary>
        rowKey="key"
        size="middle"
        loading={isFetching}
        dataSource={data ?? []}
        pagination={false}
        data-testid="table-flows"
        onRow={(f) => ({ onClick: () => void navigate(`/flows/${f.key}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('wf.flow'), dataIndex: 'name' },
          { title: 'key', dataIndex: 'key' },
          { title: t('wf.version'), dataIndex: 'version' },
          { title: t('wf.steps'), dataIndex: 'stepCount' },
          { title: t('wf.updated'), dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
        ]}
      />
    </Card>
  );
}
