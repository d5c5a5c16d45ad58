import { Card } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { FlowSummary } from '@jiaowu/contracts';
import { workflow } from '../../api/modules.ts';
import { QueryTable } from '../../components/QueryState.tsx';
import { formatDateTime } from '../../lib/time.ts';

/** The approval flows (process documentation for staff), named in the reader's language. */
export function FlowsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  // Names come from the server in the request's language: a language switch asks again.
  const query = useQuery({ queryKey: ['flows', i18n.language], queryFn: workflow.flows, select: (items) => ({ items }) });
  return (
    <Card title={t('wf.flows')}>
      <QueryTable<FlowSummary>
        query={query}
        rowKey="key"
        size="middle"
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="table-flows"
        onRow={(f) => ({ onClick: () => void navigate(`/flows/${f.key}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('wf.flow'), dataIndex: 'name' },
          { title: t('flowsx.subjectKind'), dataIndex: 'subjectKindName' },
          { title: t('wf.version'), dataIndex: 'version' },
          { title: t('wf.steps'), dataIndex: 'stepCount' },
          { title: t('wf.updated'), dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
        ]}
      />
    </Card>
  );
}
