import { useState } from 'react';
import { Alert, App, Button, Radio, Result, Space, Steps, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { RESOURCES, type ImportResult } from '@jiaowu/contracts';
import { ApiError } from '../api/client.ts';
import { IMPORT_MANAGE, imports, WIZARD_IMPORT_KINDS, type Job, type WizardImportKind } from '../api/endpoints.ts';
import { useSession } from '../auth/session.tsx';
import { useLabels } from '../i18n/labels.ts';
import { ImportReport } from './ImportReport.tsx';
import { JobProgress } from './JobProgress.tsx';

/** Where the imported rows are listed. */
const LIST_PATH: Record<WizardImportKind, string> = {
  students: `/${RESOURCES.students.path}`,
  teachers: `/${RESOURCES.teachers.path}`,
  rooms: `/${RESOURCES.rooms.path}`,
  adminClasses: `/${RESOURCES.adminClasses.path}`,
  courses: '/courses',
  curriculumPlans: '/plans',
};

/** The kinds this user may import: imports.run (the page's guard) and the kind's manage permission. */
export function useImportKinds(): WizardImportKind[] {
  const { can } = useSession();
  if (!can('imports.run')) return [];
  return WIZARD_IMPORT_KINDS.filter((k) => can(IMPORT_MANAGE[k]));
}

/**
 * Choose a kind → download a template → upload for a dry run → fix and upload
 * again until clean → commit (org kinds as a background job whose progress is
 * shown; catalog kinds synchronously) and show the counts.
 */
export function ImportWizard({ initialKind }: { initialKind?: WizardImportKind }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const kinds = useImportKinds();
  const [kind, setKind] = useState<WizardImportKind | undefined>(initialKind && kinds.includes(initialKind) ? initialKind : kinds[0]);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportResult | null>(null);
  const [checking, setChecking] = useState(false);
  const [committing, setCommitting] = useState(false);
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

  const refreshLists = () => {
    for (const key of ['list', 'count', 'courses', 'plans', 'plan']) void qc.invalidateQueries({ queryKey: [key] });
  };

  const check = async (f: File) => {
    if (!kind) return;
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
    if (!file || !kind) return;
    setError(null);
    setCommitting(true);
    try {
      const res = await imports.run(kind, file, false);
      if (res.jobId !== undefined) setJobId(res.jobId);
      else {
        setJob({ id: 0, kind, status: 'succeeded', progress: 1, total: 1, result: res, error: null });
        refreshLists();
      }
    } catch (e) {
      // The data changed since the dry run: the server answers with the new report.
      const details = e instanceof ApiError ? (e.details as ImportResult | undefined) : undefined;
      if (details && Array.isArray(details.errors)) setReport(details);
      setError(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setCommitting(false);
    }
  };

  const [downloading, setDownloading] = useState(false);
  /** The bad rows of the checked file, with an error column, to fix and upload again. */
  const downloadBadRows = async () => {
    if (!file || !kind) return;
    setDownloading(true);
    try {
      await imports.badRows(kind, file);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setDownloading(false);
    }
  };

  const template = (format: 'xlsx' | 'csv') =>
    kind && imports.template(kind, format).catch((e) => message.error(e instanceof ApiError ? e.message : t('errors.network')));

  if (!kind) return <Alert type="info" showIcon title={t('imports.noKinds')} data-testid="import-no-kinds" />;

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
          options={kinds.map((k) => ({ value: k, label: labels.resource(k) }))}
          data-testid="import-kind"
        />
      </Space>
      <Space wrap>
        <Button icon={<DownloadOutlined />} onClick={() => void template('xlsx')}>
          {t('imports.template')} (XLSX)
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void template('csv')}>
          {t('imports.template')} (CSV)
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }} data-testid="import-hint">
        {t('imports.templateHint')}
        {kind === 'courses' && (
          <>
            <br />
            {t('imports.hintCourses')}
          </>
        )}
        {kind === 'curriculumPlans' && (
          <>
            <br />
            {t('imports.hintPlans')}
          </>
        )}
      </Typography.Paragraph>
      {jobId === null && !job && (
        <Upload
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          beforeUpload={(f) => {
            void check(f);
            return false;
          }}
        >
          <Button
            type={report ? 'default' : 'primary'}
            icon={<UploadOutlined />}
            loading={checking}
            disabled={committing}
            data-testid="import-upload"
          >
            {report && !clean ? t('imports.reupload') : t('imports.upload')}
          </Button>
        </Upload>
      )}
      {error && <Alert type="error" showIcon title={error} data-testid="import-error" />}
      {report && !job && jobId === null && (
        <ImportReport
          report={report}
          fileName={file?.name}
          badRows={
            <Space wrap align="center">
              <Button
                icon={<DownloadOutlined />}
                loading={downloading}
                onClick={() => void downloadBadRows()}
                data-testid="import-bad-rows"
              >
                {t('auditx.downloadBadRows')}
              </Button>
              <Typography.Text type="secondary">{t('auditx.badRowsHint')}</Typography.Text>
            </Space>
          }
        />
      )}
      {clean && jobId === null && !job && (
        <Button type="primary" size="large" onClick={() => void commit()} loading={committing} data-testid="import-commit">
          {t('imports.commit')}
        </Button>
      )}
      {jobId !== null && (
        <JobProgress
          jobId={jobId}
          onDone={(j) => {
            setJob(j);
            refreshLists();
          }}
        />
      )}
      {result && (
        <Result
          status="success"
          title={t('imports.done')}
          subTitle={
            <span data-testid="import-result">
              {t('imports.created', { count: Number(result.created ?? 0) })} ·{' '}
              {t('imports.updated', { count: Number(result.updated ?? 0) })}
            </span>
          }
          extra={[
            <Button key="list" type="primary" onClick={() => void navigate(LIST_PATH[kind])} data-testid="import-goto-list">
              {t('imports.gotoList')}
            </Button>,
            <Button key="again" onClick={reset}>
              {t('imports.again')}
            </Button>,
          ]}
        />
      )}
    </Space>
  );
}
