import { useEffect } from 'react';
import { Alert, Button, Card, Descriptions, Progress, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { JobView, SolveProgress } from '@jiaowu/contracts';
import { QueryError } from '../../../components/QueryState.tsx';
import { draftsApi } from './api.ts';

const FINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** Live progress of a solve (polls `GET /api/jobs/:id`): phase, placed/total, hard, soft, elapsed, and a cancel button. */
export function SolveProgressPanel({ jobId, onDone }: { jobId: number; onDone: (job: JobView) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ['job', jobId],
    queryFn: () => draftsApi.job(jobId),
    refetchInterval: (q) => (q.state.data && FINAL.has(q.state.data.status) ? false : 700),
  });
  const cancel = useMutation({
    mutationFn: () => draftsApi.cancelJob(jobId),
    onSuccess: (next) => queryClient.setQueryData(['job', jobId], next),
  });
  const job = query.data;
  const finished = !!job && FINAL.has(job.status);
  useEffect(() => {
    if (job && finished) onDone(job);
    // Once per finish.
  }, [finished]);
  if (query.isError && !job) return <QueryError error={query.error} onRetry={() => void query.refetch()} compact />;
  const d = (job?.detail ?? null) as SolveProgress | null;
  const percent = d && d.total ? Math.round((d.placed / d.total) * 100) : 0;
  const statusText =
    job?.status === 'succeeded'
      ? t('ttsolve.progress.succeeded')
      : job?.status === 'cancelled'
        ? t('ttsolve.progress.cancelled')
        : job?.status === 'failed'
          ? t('ttsolve.progress.failed')
          : t('ttsolve.progress.running');
  return (
    <Card size="small" title={t('ttsolve.progress.title')} data-testid="solve-progress" data-status={job?.status ?? 'queued'}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text strong>{statusText}</Typography.Text>
        <Progress percent={percent} status={job?.status === 'failed' ? 'exception' : finished ? 'normal' : 'active'} />
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 5 }}>
          <Descriptions.Item label={t('ttsolve.progress.phase')}>
            <span data-testid="solve-phase">{d ? t(`ttsolve.progress.phases.${d.phase}`) : '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('ttsolve.progress.placed')}>
            <span data-testid="solve-placed">{d ? `${d.placed} / ${d.total}` : '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('ttsolve.progress.hard')}>{d ? d.hard : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('ttsolve.progress.soft')}>{d ? Math.round(d.soft) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('ttsolve.progress.elapsed')}>
            {d ? t('ttsolve.progress.seconds', { n: Math.round(d.elapsedMs / 1000) }) : '—'}
          </Descriptions.Item>
        </Descriptions>
        {job?.status === 'failed' && (
          <Alert type="error" showIcon message={(job.error as { message?: string } | null)?.message ?? t('ttsolve.progress.failed')} />
        )}
        {!finished && (
          <Space>
            <Button
              danger
              loading={cancel.isPending}
              disabled={job?.cancelRequested}
              onClick={() => cancel.mutate()}
              data-testid="solve-cancel"
            >
              {t('ttsolve.progress.cancel')}
            </Button>
            <Typography.Text type="secondary">{t('ttsolve.progress.cancelNote')}</Typography.Text>
          </Space>
        )}
      </Space>
    </Card>
  );
}
