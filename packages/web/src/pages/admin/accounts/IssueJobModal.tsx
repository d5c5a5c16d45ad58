import { Alert, Button, Modal, Space } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { formatDateTime } from '../../../lib/time.ts';
import { useTranslation } from 'react-i18next';
import type { IssuePasswordsResult } from '@jiaowu/contracts';
import { accounts, type Job } from '../../../api/endpoints.ts';
import { JobProgress } from '../../../components/JobProgress.tsx';
import { useErrorReason } from '../../../components/QueryState.tsx';

/** Follows an issue-passwords job; when it succeeded, offers its handout list (XLSX). */
export function IssueJobModal({ jobId, onClose }: { jobId: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const reason = useErrorReason();
  const [result, setResult] = useState<IssuePasswordsResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setResult(null);
    setError(null);
    onClose();
  };
  const onDone = (job: Job) => {
    if (job.status === 'succeeded') setResult(job.result as IssuePasswordsResult);
  };
  return (
    <Modal
      open={jobId !== null}
      title={t('accounts.jobTitle')}
      onCancel={close}
      footer={<Button onClick={close}>{t('accounts.close')}</Button>}
      destroyOnHidden
    >
      {jobId !== null && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <JobProgress
            jobId={jobId}
            onDone={onDone}
            labels={{
              running: t('accounts.job.running'),
              cancel: t('accounts.job.cancel'),
              cancelled: t('accounts.job.cancelled'),
              failed: t('accounts.job.failed'),
            }}
          />
          {result && (
            <>
              <Alert
                type="success"
                showIcon
                title={t('accounts.handoutReady', {
                  count: result.issued,
                  until: result.handoutExpiresAt ? formatDateTime(result.handoutExpiresAt) : '—',
                })}
              />
              <Button
                type="primary"
                icon={<DownloadOutlined />}
                data-testid="download-handout"
                onClick={() => void accounts.handout(jobId).catch((e: unknown) => setError(reason(e)))}
              >
                {t('accounts.downloadHandout')}
              </Button>
              <Button href={`/users/handouts/${jobId}/print`} target="_blank" icon={<PrinterOutlined />}>
                {t('accounts.printHandout')}
              </Button>
            </>
          )}
          {error && <Alert type="error" showIcon title={error} />}
        </Space>
      )}
    </Modal>
  );
}
