import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, InputNumber, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ExamPlanCollege } from '@jiaowu/contracts';
import { useSession } from '../../../auth/session.tsx';
import { QueryView, useErrorReason } from '../../../components/QueryState.tsx';
import { useTerms } from '../../../lib/terms.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { examsApi } from './api.ts';
import { ExamsTable } from './ExamsTable.tsx';
import { InvigilationCard } from './InvigilationCard.tsx';
import { MakeupCard } from './MakeupCard.tsx';
import { RulesCard } from './RulesCard.tsx';
import { SolveProgressCard } from './SolveProgress.tsx';
import { SolveSummaryCard } from './SolveSummary.tsx';
import { PlanStatusTags } from './StatusTags.tsx';

const LIST_COLOR = { draft: 'default', pending: 'processing', approved: 'success', returned: 'warning', rejected: 'error' } as const;

/** One exam plan: its state, the colleges' lists, the exams, scheduling with progress, publication and invigilation. */
export function PlanDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reason = useErrorReason();
  const { can } = useSession();
  const canManage = can('exams.manage');
  const id = Number(useParams().id);
  const queryClient = useQueryClient();
  const [solveOpen, setSolveOpen] = useState(false);
  const [watched, setWatched] = useState<number | null>(null);
  const [timeLimit, setTimeLimit] = useState(20);
  const plan = useQuery({ queryKey: ['exam-plan', id], queryFn: () => examsApi.plan(id) });
  const { terms } = useTerms();
  const termName = (termId: number) => terms.find((x) => x.id === termId)?.name ?? '';
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['exam-plan', id] });
    void queryClient.invalidateQueries({ queryKey: ['exam-list', id] });
    void queryClient.invalidateQueries({ queryKey: ['exam-load', id] });
    void queryClient.invalidateQueries({ queryKey: ['exam-duties', id] });
  };
  const onError = (e: unknown) => void message.error(reason(e));
  const submit = useMutation({
    mutationFn: () => examsApi.submit(id),
    onSuccess: () => {
      void message.success(t('exams.detail.submitted'));
      refresh();
    },
    onError,
  });
  const solve = useMutation({
    mutationFn: () => examsApi.solve(id, timeLimit),
    onSuccess: (r) => {
      setWatched(r.jobId);
      setSolveOpen(false);
    },
    onError,
  });
  const publish = useMutation({
    mutationFn: () => examsApi.publish(id),
    onSuccess: (r) => {
      void message.success(t(r.scheduleStatus === 'published' ? 'exams.detail.publishedNow' : 'exams.detail.publishSubmitted'));
      refresh();
    },
    // Shown under the buttons until the next try: what keeps the plan from publication (unplaced exams, clashes).
  });

  return (
    <QueryView query={plan}>
      {(p) => (
        <>
          <Card
            title={
              <Space wrap>
                <span data-testid="exam-plan-name">{p.name}</span>
                <PlanStatusTags plan={p} />
              </Space>
            }
            extra={<Link to="/exams/plans">{t('exams.detail.back')}</Link>}
            style={{ marginBottom: 12 }}
            data-testid="exam-plan-page"
          >
            <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
              <Descriptions.Item label={t('exams.plans.kind')}>{t(`exams.plans.kinds.${p.kind}`)}</Descriptions.Item>
              {p.sourceTermId !== null && (
                <Descriptions.Item label={t('exams.makeup.sourceTerm')}>{termName(p.sourceTermId)}</Descriptions.Item>
              )}
              <Descriptions.Item label={t('exams.plans.period')}>{`${p.startDate} ~ ${p.endDate}`}</Descriptions.Item>
              <Descriptions.Item label={t('exams.plans.sessions')}>
                {`${p.dailySessions.map((s) => `${s.start}–${s.end}`).join('，')}（${t('exams.detail.sessionsCount', { n: p.sessions })}）`}
              </Descriptions.Item>
              <Descriptions.Item label={t('exams.plans.placed')}>
                <span data-testid="exam-plan-placed">{`${p.placed} / ${p.exams}`}</span>
              </Descriptions.Item>
              {p.publishedAt && (
                <Descriptions.Item label={t('exams.detail.publishedAt')}>{formatDateTime(p.publishedAt)}</Descriptions.Item>
              )}
            </Descriptions>
            {canManage && (
              <Space wrap style={{ marginTop: 12 }}>
                {p.status === 'draft' && (
                  <Popconfirm title={t('exams.detail.submitConfirm')} onConfirm={() => submit.mutate()}>
                    <Button type="primary" loading={submit.isPending} data-testid="exam-submit">
                      {t('exams.detail.submit')}
                    </Button>
                  </Popconfirm>
                )}
                {p.status === 'approved' && (p.scheduleStatus === 'none' || p.scheduleStatus === 'draft') && (
                  <Button
                    type="primary"
                    onClick={() => setSolveOpen(true)}
                    disabled={watched !== null && solve.isPending}
                    data-testid="exam-solve"
                  >
                    {t('exams.detail.solve')}
                  </Button>
                )}
                {p.scheduleStatus === 'draft' && (
                  <Popconfirm title={t('exams.detail.publishConfirm')} onConfirm={() => publish.mutate()}>
                    <Button loading={publish.isPending} data-testid="exam-publish">
                      {t('exams.detail.publish')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            )}
            {p.scheduleStatus === 'submitted' && (
              <Alert
                type="info"
                showIcon
                style={{ marginTop: 12 }}
                message={t('exams.detail.awaitingConfirmation')}
                action={<Link to="/inbox">{t('exams.detail.openTask')}</Link>}
                data-testid="exam-awaiting-confirmation"
              />
            )}
            {publish.isError && (
              <Alert type="error" showIcon style={{ marginTop: 12 }} message={reason(publish.error)} data-testid="exam-publish-error" />
            )}
          </Card>
          {watched !== null && <SolveProgressCard jobId={watched} onDone={refresh} onClose={() => setWatched(null)} />}
          {watched === null && p.lastJobId !== null && <SolveProgressCard jobId={p.lastJobId} onlyRunning onDone={refresh} />}
          {p.solveSummary && <SolveSummaryCard summary={p.solveSummary} />}
          <Card size="small" title={t('exams.detail.colleges')} style={{ marginBottom: 12 }}>
            <Table<ExamPlanCollege>
              size="small"
              rowKey="collegeId"
              pagination={false}
              dataSource={p.colleges}
              data-testid="exam-colleges"
              columns={[
                { title: t('exams.detail.college'), dataIndex: 'collegeName' },
                { title: t('exams.plans.exams'), dataIndex: 'exams' },
                {
                  title: t('exams.detail.listStatus'),
                  render: (_, c) => <Tag color={LIST_COLOR[c.status]}>{t(`exams.detail.listStatuses.${c.status}`)}</Tag>,
                },
              ]}
            />
          </Card>
          {p.kind === 'makeup' && canManage && (
            <MakeupCard planId={p.id} editable={p.scheduleStatus !== 'published' && p.status !== 'pending'} onChanged={refresh} />
          )}
          <ExamsTable plan={p} canManage={canManage} onChanged={refresh} />
          <RulesCard planId={p.id} editable={canManage && (p.scheduleStatus === 'none' || p.scheduleStatus === 'draft')} />
          {p.scheduleStatus !== 'none' && <InvigilationCard planId={p.id} canManage={canManage} />}
          <Modal
            open={solveOpen}
            title={t('exams.detail.solveTitle')}
            onCancel={() => setSolveOpen(false)}
            destroyOnHidden
            footer={
              <Button type="primary" loading={solve.isPending} onClick={() => solve.mutate()} data-testid="exam-solve-ok">
                {t('exams.detail.start')}
              </Button>
            }
          >
            <Form layout="vertical">
              <Form.Item label={t('exams.detail.timeLimit')}>
                <InputNumber
                  min={2}
                  max={600}
                  precision={0}
                  value={timeLimit}
                  onChange={(v) => setTimeLimit(v ?? 20)}
                  data-testid="exam-solve-seconds"
                />
              </Form.Item>
            </Form>
          </Modal>
        </>
      )}
    </QueryView>
  );
}
