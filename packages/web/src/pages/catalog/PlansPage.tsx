import { useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { App, Button, Card, Form, Grid, Input, InputNumber, List, Modal, Space, Typography } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { curriculumPlanInput } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { plans, type PlanSummary } from '../../api/modules.ts';
import { useSession } from '../../auth/session.tsx';
import { ListToolbar } from '../../components/ListToolbar.tsx';
import { QueryList, QueryTable } from '../../components/QueryState.tsx';
import { RefSelect } from '../../components/RefSelect.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { clearErrorsOnEdit, showApiFieldErrors, validateWith } from '../../lib/form-errors.ts';

type Filters = { majorId?: number; collegeId?: number; cohort?: number };
const FILTER_KEYS = ['majorId', 'collegeId', 'cohort'] as const;

/** Curriculum plans by major, cohort and college; create a plan. Filters live in the URL, so going back keeps them. */
export function PlansPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const { can } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const isPhone = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm();
  const [creating, setCreating] = useState(false);
  const [params, setParams] = useSearchParams();
  const filters: Filters = {};
  for (const k of FILTER_KEYS) if (params.get(k)) filters[k] = Number(params.get(k));
  const page = Number(params.get('page') ?? 1);
  const [pageSize, setPageSize] = useState(20);
  const list = useQuery({
    queryKey: ['plans', filters, page, pageSize],
    queryFn: () => plans.list({ ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const update = (changes: Record<string, number | undefined | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v == null) next.delete(k);
          else next.set(k, String(v));
        }
        return next;
      },
      { replace: true },
    );
  const set = (k: keyof Filters, v: number | undefined | null) => update({ [k]: v, page: null });
  const open = (p: PlanSummary) => void navigate(`/plans/${p.id}`, { state: { back: `${location.pathname}${location.search}` } });
  const create = async () => {
    const parsed = validateWith(form, curriculumPlanInput, form.getFieldsValue(), labels);
    if (!parsed) return;
    try {
      const plan = await plans.create(parsed);
      await qc.invalidateQueries({ queryKey: ['plans'] });
      void navigate(`/plans/${plan.id}`);
    } catch (e) {
      showApiFieldErrors(form, e);
      message.error(e instanceof ApiError ? e.message : t('errors.network'));
    }
  };
  const pagination = {
    current: page,
    pageSize,
    total: list.data?.total ?? 0,
    showTotal: (total: number) => t('common.total', { total }),
    onChange: (p: number, s: number) => {
      update({ page: p === 1 ? null : p });
      setPageSize(s);
    },
  };
  const majorOf = (p: PlanSummary) => `${p.majorName}（${p.majorCode}）`;
  return (
    <Card
      title={t('plans.title')}
      extra={
        can('catalog.manage') && (
          <Space wrap>
            {can('imports.run') && (
              <Button icon={<UploadOutlined />} onClick={() => void navigate('/imports?kind=curriculumPlans')} data-testid="import-plans">
                {t('common.import')}
              </Button>
            )}
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                form.resetFields();
                setCreating(true);
              }}
            >
              {t('plans.create')}
            </Button>
          </Space>
        )
      }
    >
      <ListToolbar onExport={(format) => plans.export(format, filters)}>
        <RefSelect
          resource="colleges"
          placeholder={t('plans.college')}
          value={filters.collegeId}
          onChange={(v) => set('collegeId', v)}
          style={{ width: 180 }}
        />
        <RefSelect
          resource="majors"
          placeholder={t('plans.major')}
          filters={{ collegeId: filters.collegeId }}
          value={filters.majorId}
          onChange={(v) => set('majorId', v)}
          style={{ width: 180 }}
        />
        <InputNumber
          placeholder={t('plans.cohort')}
          min={1990}
          max={2100}
          value={filters.cohort}
          onChange={(v) => set('cohort', v)}
          data-testid="filter-cohort"
        />
      </ListToolbar>
      {isPhone ? (
        // A phone has no room for five columns: one card per plan, the numbers on their own line.
        <QueryList<PlanSummary>
          query={list}
          rowKey="id"
          data-testid="list-plans"
          pagination={{ ...pagination, simple: true, size: 'small' }}
          renderItem={(p) => (
            <List.Item onClick={() => open(p)} style={{ cursor: 'pointer' }} data-testid="plan-card">
              <List.Item.Meta
                title={<Typography.Link>{majorOf(p)}</Typography.Link>}
                description={
                  <Space orientation="vertical" size={0}>
                    <span>{p.name ?? p.collegeName}</span>
                    <Space size={16} wrap>
                      <span className="nowrap">
                        {t('plans.cohort')} {p.cohort}
                      </span>
                      <span className="nowrap">
                        {t('plans.totalCredits')} {p.totalCredits ?? '—'}
                      </span>
                    </Space>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <QueryTable<PlanSummary>
          query={list}
          rowKey="id"
          size="middle"
          data-testid="table-plans"
          scroll={{ x: 'max-content' }}
          onRow={(p) => ({ onClick: () => open(p), style: { cursor: 'pointer' } })}
          pagination={pagination}
          columns={[
            { title: t('plans.major'), key: 'major', render: (_, p) => majorOf(p) },
            { title: t('plans.cohort'), dataIndex: 'cohort', className: 'num' },
            { title: t('plans.college'), dataIndex: 'collegeName' },
            { title: t('plans.name'), dataIndex: 'name', render: (v: string | null) => v ?? '—' },
            { title: t('plans.totalCredits'), dataIndex: 'totalCredits', className: 'num', render: (v: string | null) => v ?? '—' },
          ]}
        />
      )}
      <Modal
        open={creating}
        title={t('plans.create')}
        onOk={() => void create()}
        onCancel={() => setCreating(false)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onValuesChange={clearErrorsOnEdit(form)}>
          <Form.Item name="majorId" label={t('plans.major')} required>
            <RefSelect resource="majors" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="cohort" label={t('plans.cohort')} required>
            <InputNumber
              min={1990}
              max={2100}
              placeholder={t('shell.example', { example: new Date().getFullYear() })}
              style={{ width: 160 }}
            />
          </Form.Item>
          <Form.Item name="name" label={t('plans.name')}>
            <Input placeholder={t('shell.example', { example: t('shell.examples.planName') })} />
          </Form.Item>
          <Form.Item name="totalCredits" label={t('plans.totalCredits')}>
            <Input style={{ width: 160 }} placeholder={t('shell.example', { example: '160' })} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
