import { useEffect } from 'react';
import { Alert, Progress, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { imports, type Job } from '../api/endpoints.ts';

function errorOf(job: Job): string {
  if (!job.error) return '';
  return typeof job.error === 'string' ? job.error : (job.error.message ?? job.error.code ?? '');
}

/** Polls a background job (`GET /api/jobs/:id`) and shows its progress until it ends. */
export function JobProgress({ jobId, onDone }: { jobId: string | number; onDone?: (job: Job) => void }) {
  const { t } = useTranslation();
  const { data: job } = useQuery({
    queryKey: ['job', jobId],
    queryFn: () => imports.job(jobId),
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s === 'succeeded' || s === 'failed' ? false : 500;
    },
  });
  const finished = job?.status === 'succeeded' || job?.status === 'failed';
  useEffect(() => {
    if (job && finished) onDone?.(job);
    // Once per finish: the caller's onDone is a new function on every render.
  }, [finished]);

  if (!job) return <Progress percent={0} status="active" />;
  const percent = job.total ? Math.min(100, Math.round((job.progress / job.total) * 100)) : job.status === 'succeeded' ? 100 : Math.round(job.progress <= 1 ? job.progress * 100 : 0);
  const status = job.status === 'failed' ? 'exception' : job.status === 'succeeded' ? 'success' : 'active';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="job-progress" data-status={job.status}>
      <Progress percent={job.status === 'succeeded' ? 100 : percent} status={status} />
      {job.status === 'queued' && <Typography.Text type="secondary">{t('imports.queued')}</Typography.Text>}
      {job.status === 'running' && (
        <Typography.Text type="secondary">
          {t('imports.running')} {job.total ? `${job.progress} / ${job.total}` : ''}
        </Typography.Text>
      )}
      {job.status === 'failed' && <Alert type="error" showIcon title={t('imports.failed')} description={errorOf(job)} />}
    </Space>
  );
}
