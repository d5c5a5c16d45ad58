import { useState } from 'react';
import { Alert, App, Button, Radio, Result, Space, Steps, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { IMPORT_KINDS, RESOURCES, type ImportKind, type ImportResult } from '@jiaowu/contracts';
import { ApiError } from '../api/client.ts';
import { imports, type Job } from '../api/endpoints.ts';
import { useLabels } from '../i18n/labels.ts';
import { ImportReport } from './ImportReport.tsx';
import { JobProgress } from './JobProgress.tsx';

/**
 * Choose a kind → download a template → upload for a dry run → fix and upload
 * again until clean → commit as a background job and watch its progress.
 */
export function ImportWizard({ initialKind }: { initialKind?: ImportKind }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [kind, setKind] = useState<ImportKind>(initialKind ?? 'students');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportResult | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | number | null>(null);
  const [job, setJob] = useState<Job | null>(null);

  const reset = () => {
    setFile(null);
    setReport(null);
    setJobId(null);
    setJob(null);
    setError(null);
  };

  const check = async (f: File) => {
    setError(null);
    setReport(null);
    setFile(f);
    setChecking(true);
    try {
      setReport(await imports.run(kind, f, true));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setChecking(false);
    }
  };

  const commit = async () => {
    if (!file) return;
    setError(null);
    try {
      const res = await imports.run(kind, file, false);
      if (res.jobId !== undefined) setJobId(res.jobId);
      else setJob({ id: 0, kind, status: 'succeeded', progress: 1, total: 1, result: res, error: null });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.network'));
    }
  };

  const template = (format: 'xlsx' | 'csv') =>
    imports.template(kind, format).catch((e) => message.error(e instanceof ApiError ? e.message : t('errors.network')));

  const clean = !!report && report.errors.length === 0;
  const step = jobId !== null || job ? 2 : report ? 1 : 0;
  const result = job?.status === 'succeeded' ? job.result : null;

  return (
    <Space orientation="vertical" size={20} style={{ width: '100%' }} data-testid="import-wizard">
      <Steps
        current={step}
        responsive
        items={[{ title: t('imports.stepKind') }, { title: t('imports.stepCheck') }, { title: t('imports.stepCommit') }]}
      />
      <Space wrap align="center">
        <Typography.Text strong>{t('imports.kind')}:</Typography.Text>
        <Radio.Group
          value={kind}
          optionType="button"
          disabled={jobId !== null}
          onChange={(e) => {
            setKind(e.target.value);
            reset();
          }}
          options={IMPORT_KINDS.map((k) => ({ value: k, label: labels.resource(k) }))}
          data-testid="import-kind"
        />
      </Space>
      <Space wrap>
        <Button icon={<DownloadOutlined />} onClick={() => template('xlsx')}>{t('imports.template')} (XLSX)</Button>
        <Button icon={<DownloadOutlined />} onClick={() => template('csv')}>{t('imports.template')} (CSV)</Button>
      </Space>
      <Typography.Text type="secondary">{t('imports.templateHint')}</Typography.Text>
      {jobId === null && !job && (
        <Upload
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          beforeUpload={(f) => {
            void check(f);
            return false;
          }}
        >
          <Button type={report ? 'default' : 'primary'} icon={<UploadOutlined />} loading={checking} data-testid="import-upload">
            {report && !clean ? t('imports.reupload') : t('imports.upload')}
          </Button>
        </Upload>
      )}
      {error && <Alert type="error" showIcon title={error} data-testid="import-error" />}
      {report && !job && jobId === null && <ImportReport report={report} fileName={file?.name} />}
      {clean && jobId === null && !job && (
        <Button type="primary" size="large" onClick={commit} data-testid="import-commit">
          {t('imports.commit')}
        </Button>
      )}
      {jobId !== null && (
        <JobProgress
          jobId={jobId}
          onDone={(j) => {
            setJob(j);
            void qc.invalidateQueries({ queryKey: ['list'] });
            void qc.invalidateQueries({ queryKey: ['count'] });
          }}
        />
      )}
      {result && (
        <Result
          status="success"
          title={t('imports.done')}
          subTitle={
            <span data-testid="import-result">
              {t('imports.created', { count: Number(result.created ?? 0) })} · {t('imports.updated', { count: Number(result.updated ?? 0) })}
            </span>
          }
          extra={[
            <Button key="list" type="primary" onClick={() => navigate(`/${RESOURCES[kind].path}`)}>{t('imports.gotoList')}</Button>,
            <Button key="again" onClick={reset}>{t('imports.again')}</Button>,
          ]}
        />
      )}
    </Space>
  );
}
