import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Button, Card, Collapse, Space, Spin, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ResponsibilityRow } from '@jiaowu/contracts';
import { workflow } from '../../api/modules.ts';
import { useSession } from '../../auth/session.tsx';
import { FlowDiagram } from './FlowDiagram.tsx';
import { FlowEditor } from './FlowEditor.tsx';
import { formatDateTime } from '../../lib/time.ts';

/** One flow: the diagram, the mermaid text, the responsibility table, versions, and the editor for admins. */
export function FlowDetailPage() {
  const { key = '' } = useParams();
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const flow = useQuery({ queryKey: ['flow', key], queryFn: () => workflow.flow(key) });
  const diagram = useQuery({ queryKey: ['flow-diagram', key], queryFn: () => workflow.diagram(key) });
  if (!flow.data) return <Spin />;
  const f = flow.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={`${f.name} · ${t('wf.version')} ${f.version}`}
        extra={
          <Space>
            {can('workflow.manage') && (
              <Button onClick={() => setEditing(true)} data-testid="edit-flow">
                {t('wf.editSteps')}
              </Button>
            )}
            <Button onClick={() => void navigate('/flows')}>{t('common.back')}</Button>
          </Space>
        }
      >
        {f.description && <Typography.Paragraph type="secondary">{f.description}</Typography.Paragraph>}
        <div style={{ overflowX: 'auto' }}>
          <FlowDiagram steps={f.steps} approvers={diagram.data?.responsibility.map((r) => r.approver)} />
        </div>
      </Card>
      <Card title={t('wf.responsibility')}>
        <Table<ResponsibilityRow>
          rowKey="step"
          size="small"
          pagination={false}
          dataSource={diagram.data?.responsibility ?? []}
          data-testid="table-responsibility"
          columns={[
            { title: t('wf.stepCol'), dataIndex: 'step' },
            { title: t('wf.responsible'), dataIndex: 'responsible' },
            { title: t('wf.approver'), dataIndex: 'approver' },
            { title: t('wf.informed'), dataIndex: 'informed' },
            { title: t('wf.deadline'), dataIndex: 'deadlineDays', render: (d: number) => t('wf.days', { days: d }) },
            { title: t('wf.condition'), dataIndex: 'condition', render: (c: string | null) => c ?? '—' },
          ]}
        />
        <Collapse
          style={{ marginTop: 16 }}
          items={[
            {
              key: 'm',
              label: t('wf.mermaid'),
              children: (
                <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="mermaid-text">
                  {diagram.data?.mermaid}
                </pre>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('wf.versions')}>
        <Table
          rowKey="version"
          size="small"
          pagination={false}
          dataSource={f.versions}
          columns={[
            { title: t('wf.version'), dataIndex: 'version' },
            { title: t('wf.steps'), dataIndex: 'stepCount' },
            { title: t('wf.createdBy'), dataIndex: 'createdBy', render: (v: string | null) => v ?? '—' },
            { title: t('wf.at'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          ]}
        />
      </Card>
      {editing && <FlowEditor flow={f} onClose={() => setEditing(false)} />}
    </Space>
  );
}
