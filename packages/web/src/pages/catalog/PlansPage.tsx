import { useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Card, Form, Input, InputNumber, Modal, Space, Table } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { curriculumPlanInput } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { plans, type PlanSummary } from '../../api/modules.ts';
import { useSession } from '../../auth/session.tsx';
import { RefSelect } from '../../components/RefSelect.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { showApiFieldErrors, validateWith } from '../../lib/form-errors.ts';

/** Curriculum plans by major, cohort and college; create a plan. */
export function PlansPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const { can } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [creating, setCreating] = useState(false);
  const [filters, setFilters] = useState<{ majorId?: number; collegeId?: number; cohort?: number }>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const { data, isFetching } = useQuery({
    queryKey: ['plans', filters, page, pageSize],
    queryFn: () => plans.list({ ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const set = (k: string, v: number | undefined | null) => {
    setFilters((f) => ({ ...f, [k]: v ?? undefined }));
    setPage(1);
  };
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
  return (
    <Card
      title={t('plans.title')}
      extra={
        can('catalog.manage') && (
          <Space>
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
      <Space wrap style={{ marginBottom: 12 }}>
        <RefSelect resource="colleges" placeholder={t('plans.college')} value={filters.collegeId} onChange={(v) => set('collegeId', v)} />
        <RefSelect
          resource="majors"
          placeholder={t('plans.major')}
          filters={{ collegeId: filters.collegeId }}
          value={filters.majorId}
          onChange={(v) => set('majorId', v)}
        />
        <InputNumber placeholder={t('plans.cohort')} min={1990} max={2100} value={filters.cohort} onChange={(v) => set('cohort', v)} />
      </Space>
      <Table<PlanSummary>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        data-testid="table-plans"
        onRow={(p) => ({ onClick: () => void navigate(`/plans/${p.id}`), style: { cursor: 'pointer' } })}
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
          { title: t('plans.major'), key: 'major', render: (_, p) => `${p.majorName}（${p.majorCode}）` },
          { title: t('plans.cohort'), dataIndex: 'cohort' },
          { title: t('plans.college'), dataIndex: 'collegeName' },
          { title: t('plans.name'), dataIndex: 'name', render: (v: string | null) => v ?? '—' },
          { title: t('plans.totalCredits'), dataIndex: 'totalCredits', render: (v: string | null) => v ?? '—' },
        ]}
      />
      <Modal
        open={creating}
        title={t('plans.create')}
        onOk={() => void create()}
        onCancel={() => setCreating(false)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="majorId" label={t('plans.major')} required>
            <RefSelect resource="majors" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="cohort" label={t('plans.cohort')} required>
            <InputNumber min={1990} max={2100} />
          </Form.Item>
          <Form.Item name="name" label={t('plans.name')}>
            <Input />
          </Form.Item>
          <Form.Item name="totalCredits" label={t('plans.totalCredits')}>
            <Input style={{ width: 120 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
