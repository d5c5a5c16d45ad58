import { useEffect } from 'react';
import { Alert, Button, Progress, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { imports, type Job } from '../api/endpoints.ts';

/** The server translates a job's failure (`error.message`); a code is never shown to the user. */
function errorOf(job: Job): string {
  if (!job.error) return '';
  return typeof job.error === 'string' ? job.error : (job.error.message ?? '');
}

const FINAL: ReadonlySet<Job['status']> = new Set(['succeeded', 'failed', 'cancelled']);

/** What a job's states are called; imports by default, other jobs name their own work. */
export interface JobLabels {
  running: string;
  cancel: string;
  cancelled: string;
  failed: string;
}

/** Polls a background job (`GET /api/jobs/:id`) and shows its progress until it ends. */
export function JobProgress({ jobId, onDone, labels }: { jobId: string | number; onDone?: (job: Job) => void; labels?: JobLabels }) {
  const { t } = useTranslation();
  const text = labels ?? {
    running: t('imports.running'),
    cancel: t('imports.cancel'),
    cancelled: t('imports.cancelled'),
    failed: t('imports.failed'),
  };
  const queryClient = useQueryClient();
  const { data: job } = useQuery({
    queryKey: ['job', jobId],
    queryFn: () => imports.job(jobId),
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s && FINAL.has(s) ? false : 500;
    },
  });
  const cancel = useMutation({
    mutationFn: () => imports.cancelJob(jobId),
    onSuccess: (next) => queryClient.setQueryData(['job', jobId], next),
  });
  const finished = !!job && FINAL.has(job.status);
  useEffect(() => {
    if (job && finished) onDone?.(job);
    // Once per finish: the caller's onDone is a new function on every render.
  }, [finished]);

  if (!job) return <Progress percent={0} status="active" />;
  const percent = job.total
    ? Math.min(100, Math.round((job.progress / job.total) * 100))
    : job.status === 'succeeded'
      ? 100
      : Math.round(job.progress <= 1 ? job.progress * 100 : 0);
  const status = job.status === 'failed' ? 'exception' : job.status === 'succeeded' ? 'success' : 'active';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="job-progress" data-status={job.status}>
      <Progress percent={job.status === 'succeeded' ? 100 : percent} status={status} />
      {job.status === 'queued' && <Typography.Text type="secondary">{t('imports.queued')}</Typography.Text>}
      {job.status === 'running' && (
        <Typography.Text type="secondary">
          {text.running} {job.total ? `${job.progress} / ${job.total}` : ''}
        </Typography.Text>
      )}
      {(job.status === 'queued' || job.status === 'running') && (
        <Button size="small" data-testid="job-cancel" loading={cancel.isPending || job.cancelRequested} onClick={() => cancel.mutate()}>
          {job.cancelRequested ? t('imports.cancelling') : text.cancel}
        </Button>
      )}
      {cancel.isError && <Alert type="error" showIcon title={cancel.error instanceof Error ? cancel.error.message : t('errors.network')} />}
      {job.status === 'cancelled' && <Alert type="info" showIcon title={text.cancelled} />}
      {job.status === 'failed' && <Alert type="error" showIcon title={text.failed} description={errorOf(job)} />}
    </Space>
  );
}
