import { useEffect } from 'react';
import { Alert, Button, Card, Descriptions, Progress, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { JobView, SolveProgress } from '@jiaowu/contracts';
import { QueryError } from '../../../components/QueryState.tsx';
import { examsApi } from './api.ts';

const FINAL = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * Live progress of an exam solve (polls `GET /api/jobs/:id`): phase, placed/total, hard, soft,
 * elapsed, and a cancel. A run that had already ended when the page opened is not shown
 * (`onlyRunning`): its outcome is the plan's summary.
 */
export function SolveProgressCard({
  jobId,
  onlyRunning,
  onDone,
  onClose,
}: {
  jobId: number;
  onlyRunning?: boolean;
  onDone: () => void;
  onClose?: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ['job', jobId],
    queryFn: () => examsApi.job(jobId),
    refetchInterval: (q) => (q.state.data && FINAL.has(q.state.data.status) ? false : 700),
  });
  const cancel = useMutation({
    mutationFn: () => examsApi.cancelJob(jobId),
    onSuccess: (next: JobView) => queryClient.setQueryData(['job', jobId], next),
  });
  const job = query.data;
  const finished = !!job && FINAL.has(job.status);
  useEffect(() => {
    if (finished) onDone();
    // Once per finish.
  }, [finished]);
  if (query.isError && !job) return <QueryError error={query.error} onRetry={() => void query.refetch()} compact />;
  if (onlyRunning && (!job || finished)) return null;
  const d = (job?.detail ?? null) as SolveProgress | null;
  const percent = d && d.total ? Math.round((d.placed / d.total) * 100) : 0;
  const status = job?.status;
  const statusText =
    status === 'succeeded' || status === 'cancelled' || status === 'failed' ? t(`exams.progress.${status}`) : t('exams.progress.running');
  return (
    <Card
      size="small"
      title={t('exams.progress.title')}
      style={{ marginBottom: 12 }}
      data-testid="exam-solve-progress"
      data-status={status ?? 'queued'}
      extra={
        finished && onClose ? (
          <Button size="small" type="text" onClick={onClose}>
            {t('exams.progress.close')}
          </Button>
        ) : null
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text strong>{statusText}</Typography.Text>
        <Progress percent={percent} status={status === 'failed' ? 'exception' : finished ? 'normal' : 'active'} />
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 5 }}>
          <Descriptions.Item label={t('exams.progress.phase')}>
            <span data-testid="exam-solve-phase">{d ? t(`exams.progress.phases.${d.phase}`) : '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('exams.progress.placed')}>
            <span data-testid="exam-solve-placed">{d ? `${d.placed} / ${d.total}` : '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('exams.progress.hard')}>{d ? d.hard : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('exams.progress.soft')}>{d ? Math.round(d.soft) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('exams.progress.elapsed')}>
            {d ? t('exams.progress.seconds', { n: Math.round(d.elapsedMs / 1000) }) : '—'}
          </Descriptions.Item>
        </Descriptions>
        {status === 'failed' && (
          <Alert type="error" showIcon message={(job?.error as { message?: string } | null)?.message ?? t('exams.progress.failed')} />
        )}
        {!finished && (
          <Space wrap>
            <Button
              danger
              loading={cancel.isPending}
              disabled={job?.cancelRequested}
              onClick={() => cancel.mutate()}
              data-testid="exam-solve-cancel"
            >
              {t('exams.progress.cancel')}
            </Button>
            <Typography.Text type="secondary">{t('exams.progress.cancelNote')}</Typography.Text>
          </Space>
        )}
      </Space>
    </Card>
  );
}
