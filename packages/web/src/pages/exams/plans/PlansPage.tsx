import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Select, Space } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ExamPlanView } from '@jiaowu/contracts';
import { useSession } from '../../../auth/session.tsx';
import { QueryTable } from '../../../components/QueryState.tsx';
import { useTerms } from '../../../lib/terms.ts';
import { examsApi } from './api.ts';
import { CreatePlanModal } from './CreatePlanModal.tsx';
import { ScheduleExportModal } from './ScheduleExportModal.tsx';
import { PlanStatusTags } from './StatusTags.tsx';

/** 考试安排 — the office's exam plans of a term and a form to open one. */
export function PlansPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const { current, options } = useTerms();
  const [picked, setPicked] = useState<number>();
  const termId = picked ?? current?.id;
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const list = useQuery({ queryKey: ['exam-plans', termId], queryFn: () => examsApi.plans(termId!), enabled: termId != null });

  return (
    <Card title={t('exams.plans.title')} data-testid="exam-plans-page">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select style={{ width: 220 }} value={termId} options={options} onChange={(v) => setPicked(v)} data-testid="exam-plans-term" />
        {can('exams.manage') && (
          <Button type="primary" disabled={termId == null} onClick={() => setCreating(true)} data-testid="exam-plan-create">
            {t('exams.plans.create')}
          </Button>
        )}
        <Button disabled={termId == null} onClick={() => setExporting(true)} data-testid="exam-schedule-export-open">
          {t('exams.exportSchedule.open')}
        </Button>
      </Space>
      <QueryTable<ExamPlanView, { items: ExamPlanView[] }>
        query={list}
        rowKey="id"
        size="middle"
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('exams.plans.empty') }}
        data-testid="exam-plans-table"
        columns={[
          { title: t('exams.plans.name'), render: (_, p) => <Link to={`/exams/plans/${p.id}`}>{p.name}</Link> },
          { title: t('exams.plans.kind'), render: (_, p) => t(`exams.plans.kinds.${p.kind}`) },
          { title: t('exams.plans.period'), render: (_, p) => `${p.startDate} ~ ${p.endDate}` },
          { title: t('exams.plans.status'), render: (_, p) => <PlanStatusTags plan={p} /> },
          { title: t('exams.plans.exams'), dataIndex: 'exams' },
          { title: t('exams.plans.placed'), render: (_, p) => `${p.placed} / ${p.exams}` },
        ]}
      />
      <ScheduleExportModal open={exporting} termId={termId} onClose={() => setExporting(false)} />
      {termId != null && (
        <CreatePlanModal
          open={creating}
          termId={termId}
          onClose={() => setCreating(false)}
          onCreated={() => {
            void message.success(t('exams.plans.created'));
            setCreating(false);
            void queryClient.invalidateQueries({ queryKey: ['exam-plans', termId] });
          }}
        />
      )}
    </Card>
  );
}
