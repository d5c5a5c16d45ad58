import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, Descriptions, InputNumber, Modal, Row, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { CurriculumPlan } from '@jiaowu/contracts';
import { plans } from '../../api/modules.ts';
import { useSession } from '../../auth/session.tsx';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { QueryView } from '../../components/QueryState.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { PlanGrid } from './PlanGrid.tsx';
import { PlanGroupsEditor } from './PlanGroupsEditor.tsx';
import { PlanRequirementsEditor } from './PlanRequirementsEditor.tsx';

/** A curriculum plan: warnings first, credits by category and term, the term × course grid; edit, copy. */
export function PlanDetailPage() {
  const id = Number(useParams().id);
  const { t } = useTranslation();
  const location = useLocation();
  const query = useQuery({ queryKey: ['plan', id], queryFn: () => plans.get(id) });
  // The list's filters come back with its link (PlansPage passes them when it opens a plan).
  const back = (location.state as { back?: string } | null)?.back ?? '/plans';
  const titleOf = (plan: CurriculumPlan) => `${plan.majorName} · ${plan.cohort} · ${plan.name ?? t('plans.title')}`;
  return (
    <>
      <Breadcrumbs items={[{ label: t('plans.title'), to: back }, { label: query.data ? titleOf(query.data) : '…' }]} />
      <QueryView query={query} rows={8}>
        {(plan) => <PlanDetail plan={plan} title={titleOf(plan)} />}
      </QueryView>
    </>
  );
}

function PlanDetail({ plan, title }: { plan: CurriculumPlan; title: string }) {
  const id = plan.id;
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const { can } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [editingRequirements, setEditingRequirements] = useState(false);
  const [copyOpen, setCopyOpen] = useState(false);
  const [cohort, setCohort] = useState<number | null>(null);
  const copy = async () => {
    if (!cohort) return;
    try {
      const copied = await plans.copy(id, cohort);
      message.success(t('plans.copied'));
      setCopyOpen(false);
      await qc.invalidateQueries({ queryKey: ['plans'] });
      void navigate(`/plans/${copied.id}`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('errors.network'));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card>
        <div className="page-head">
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="plan-title">
            {title}
          </Typography.Title>
          <Space wrap>
            {can('catalog.manage') && (
              <Button onClick={() => setEditing(true)} data-testid="edit-plan">
                {t('plans.editGroups')}
              </Button>
            )}
            {can('catalog.manage') && (
              <Button
                onClick={() => {
                  setCohort(plan.cohort + 1);
                  setCopyOpen(true);
                }}
              >
                {t('plans.copy')}
              </Button>
            )}
          </Space>
        </div>
        {plan.warnings.length ? (
          <Alert
            type="warning"
            showIcon
            title={t('plans.warnings')}
            data-testid="plan-warnings"
            style={{ marginBottom: 16 }}
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {plan.warnings.map((w, i) => (
                  <li key={i}>{w.message}</li>
                ))}
              </ul>
            }
          />
        ) : (
          <Alert type="success" showIcon title={t('plans.noWarnings')} style={{ marginBottom: 16 }} />
        )}
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 3 }}
          items={[
            { label: t('plans.college'), children: plan.collegeName },
            { label: t('plans.totalCredits'), children: <span className="num">{plan.totalCredits ?? '—'}</span> },
            { label: t('plans.planned'), children: <span className="num">{plan.plannedCredits}</span> },
          ]}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card
            title={t('plans.byCategory')}
            size="small"
            extra={
              can('catalog.manage') && (
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditingRequirements(true)} data-testid="edit-requirements">
                  {t('plans.editRequirements')}
                </Button>
              )
            }
          >
            <Table
              size="small"
              pagination={false}
              rowKey="category"
              dataSource={plan.creditsByCategory}
              data-testid="plan-by-category"
              locale={{ emptyText: t('plans.noCategories') }}
              columns={[
                {
                  title: labels.field('courses', 'category'),
                  dataIndex: 'category',
                  render: (v: string) => labels.enumLabel('courseCategory', v),
                },
                { title: t('plans.required'), dataIndex: 'required', className: 'num', render: (v: string | null) => v ?? '—' },
                {
                  title: t('plans.planned'),
                  dataIndex: 'planned',
                  className: 'num',
                  render: (v: string, r) => (r.required && Number(v) < Number(r.required) ? <Tag color="red">{v}</Tag> : v),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('plans.byTerm')} size="small">
            <Table
              size="small"
              pagination={false}
              rowKey="term"
              dataSource={plan.creditsByTerm}
              columns={[
                { title: t('plans.termShort'), dataIndex: 'term', render: (v: number) => t('plans.term', { term: v }) },
                { title: labels.field('courses', 'credits'), dataIndex: 'credits', className: 'num' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card title={t('plans.grid')}>
        <PlanGrid plan={plan} />
      </Card>
      {editing && <PlanGroupsEditor plan={plan} onClose={() => setEditing(false)} />}
      {editingRequirements && <PlanRequirementsEditor plan={plan} onClose={() => setEditingRequirements(false)} />}
      <Modal
        open={copyOpen}
        title={t('plans.copy')}
        onOk={() => void copy()}
        onCancel={() => setCopyOpen(false)}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
      >
        {t('plans.copyTo')}: <InputNumber min={1990} max={2100} value={cohort} onChange={setCohort} />
      </Modal>
    </Space>
  );
}
