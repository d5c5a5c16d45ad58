import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { Button, Card, Space, Switch, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ResponsibilityRow } from '@jiaowu/contracts';
import { workflow } from '../../api/modules.ts';
import { useSession } from '../../auth/session.tsx';
import { QueryError, QueryView } from '../../components/QueryState.tsx';
import { formatDateTime } from '../../lib/time.ts';
import { FlowDiagram } from './FlowDiagram.tsx';
import { FlowEditor } from './FlowEditor.tsx';

/**
 * One flow: the diagram, the responsibility table, versions, and the editor
 * for admins. The Mermaid source is for developers, behind a toggle.
 */
export function FlowDetailPage() {
  const { key = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [developer, setDeveloper] = useState(false);
  // Texts are written by the server in the request's language: a language switch asks again.
  const flow = useQuery({ queryKey: ['flow', key, i18n.language], queryFn: () => workflow.flow(key) });
  const diagram = useQuery({ queryKey: ['flow-diagram', key, i18n.language], queryFn: () => workflow.diagram(key) });
  const rows = diagram.data?.responsibility;
  return (
    <QueryView query={flow}>
      {(f) => (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Breadcrumbs items={[{ label: t('menu2.flows'), to: '/flows' }, { label: f.name }]} />
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
            {f.description && (
              <Typography.Paragraph type="secondary" data-testid="flow-description">
                {f.description}
              </Typography.Paragraph>
            )}
            <div style={{ overflowX: 'auto' }}>
              <FlowDiagram steps={f.steps} approvers={rows?.map((r) => r.approver)} conditions={rows?.map((r) => r.condition)} />
            </div>
          </Card>
          <Card
            title={t('wf.responsibility')}
            extra={
              <Space>
                <Typography.Text type="secondary">{t('flowsx.developer')}</Typography.Text>
                <Switch
                  size="small"
                  checked={developer}
                  onChange={setDeveloper}
                  aria-label={t('flowsx.showMermaid')}
                  data-testid="developer-toggle"
                />
              </Space>
            }
          >
            {diagram.isError && !rows ? (
              <QueryError error={diagram.error} onRetry={() => void diagram.refetch()} />
            ) : (
              <Table<ResponsibilityRow>
                rowKey="step"
                size="small"
                pagination={false}
                loading={diagram.isFetching}
                scroll={{ x: 'max-content' }}
                dataSource={rows ?? []}
                data-testid="table-responsibility"
                columns={[
                  { title: t('wf.stepCol'), dataIndex: 'step' },
                  { title: t('wf.responsible'), dataIndex: 'responsible' },
                  { title: t('wf.approver'), dataIndex: 'approver' },
                  { title: t('wf.informed'), dataIndex: 'informed' },
                  { title: t('wf.deadline'), dataIndex: 'deadlineDays', render: (d: number) => t('wf.days', { days: d }) },
                  { title: t('wf.condition'), dataIndex: 'condition', render: (c: string | null) => c ?? t('flowsx.noCondition') },
                ]}
              />
            )}
            {developer && diagram.data && (
              <div style={{ marginTop: 16 }}>
                <Typography.Paragraph type="secondary">
                  {t('wf.mermaid')} · {t('flowsx.mermaidHint')}
                </Typography.Paragraph>
                <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="mermaid-text">
                  {diagram.data.mermaid}
                </pre>
              </div>
            )}
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
      )}
    </QueryView>
  );
}
