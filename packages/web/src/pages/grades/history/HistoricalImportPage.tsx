import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Result, Space, Spin, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { GRADE_IMPORT_MAX_ROWS, type BulkRowError, type GradeImportResult } from '@jiaowu/contracts';
import { useErrorReason } from '../../../components/QueryState.tsx';
import { historicalImportApi } from './api.ts';

type Action = 'check' | 'commit';

/**
 * 历史成绩导入: template → file → 预检 (every bad row listed by row, column and reason) → 确认导入,
 * offered only when the check of this file with these options is clean. A failed request shows its
 * reason with a retry of the same step.
 */
export function HistoricalImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorReason = useErrorReason();
  const [file, setFile] = useState<File | null>(null);
  const [createMissingCourses, setCreateMissingCourses] = useState(false);
  const [createMissingTerms, setCreateMissingTerms] = useState(false);
  const [report, setReport] = useState<GradeImportResult | null>(null);
  const [result, setResult] = useState<GradeImportResult | null>(null);
  const [working, setWorking] = useState<Action | null>(null);
  const [failure, setFailure] = useState<{ action: Action; reason: string } | null>(null);

  const run = async (action: Action, f: File | null = file) => {
    if (!f) return;
    setFailure(null);
    setWorking(action);
    try {
      const res = await historicalImportApi.run(f, { dryRun: action === 'check', createMissingCourses, createMissingTerms });
      if (action === 'check' || !res.committed) setReport(res);
      else setResult(res);
    } catch (e) {
      setFailure({ action, reason: errorReason(e) });
    } finally {
      setWorking(null);
    }
  };

  const choose = (f: File) => {
    setFile(f);
    setReport(null);
    setResult(null);
    setFailure(null);
  };
  const reset = () => {
    setFile(null);
    setReport(null);
    setResult(null);
    setFailure(null);
  };
  const option = (set: (v: boolean) => void) => (v: boolean) => {
    set(v);
    // The check was of other options: it no longer says whether the import would pass.
    setReport(null);
  };

  const template = (format: 'xlsx' | 'csv') => historicalImportApi.template(format).catch((e: unknown) => message.error(errorReason(e)));
  const clean = !!report && report.errorCount === 0 && report.errors.length === 0;
  const list = (items: string[]) => items.join('、');

  if (result) {
    return (
      <Card title={t('ghist.title')}>
        <Result
          status="success"
          title={t('ghist.done')}
          subTitle={
            <Space orientation="vertical" data-testid="ghist-result">
              <span>{t('ghist.imported', { count: result.added })}</span>
              {result.coursesCreated.length > 0 && (
                <span>{t('ghist.coursesCreated', { count: result.coursesCreated.length, list: list(result.coursesCreated) })}</span>
              )}
              {result.termsCreated.length > 0 && (
                <span>{t('ghist.termsCreated', { count: result.termsCreated.length, list: list(result.termsCreated) })}</span>
              )}
            </Space>
          }
          extra={
            <Button type="primary" onClick={reset} data-testid="ghist-again">
              {t('ghist.again')}
            </Button>
          }
        />
      </Card>
    );
  }

  return (
    <Card title={t('ghist.title')}>
      <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="ghist-page">
        <Typography.Paragraph style={{ margin: 0 }}>{t('ghist.intro')}</Typography.Paragraph>
        <Space wrap>
          <Button icon={<DownloadOutlined />} onClick={() => void template('xlsx')} data-testid="ghist-template-xlsx">
            {t('ghist.template')} (XLSX)
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => void template('csv')} data-testid="ghist-template-csv">
            {t('ghist.template')} (CSV)
          </Button>
        </Space>
        <Typography.Text type="secondary">{t('ghist.templateHint', { max: GRADE_IMPORT_MAX_ROWS.toLocaleString() })}</Typography.Text>
        <Space wrap align="center">
          <Upload
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            showUploadList={false}
            disabled={working !== null}
            beforeUpload={(f) => {
              choose(f);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} disabled={working !== null} data-testid="ghist-pick">
              {file ? t('ghist.pickAgain') : t('ghist.pick')}
            </Button>
          </Upload>
          <Typography.Text type={file ? undefined : 'secondary'} data-testid="ghist-file">
            {file ? t('ghist.file', { name: file.name }) : t('ghist.noFile')}
          </Typography.Text>
        </Space>
        <Space wrap>
          <Checkbox
            checked={createMissingCourses}
            disabled={working !== null}
            onChange={(e) => option(setCreateMissingCourses)(e.target.checked)}
            data-testid="ghist-create-courses"
          >
            {t('ghist.createMissingCourses')}
          </Checkbox>
          <Checkbox
            checked={createMissingTerms}
            disabled={working !== null}
            onChange={(e) => option(setCreateMissingTerms)(e.target.checked)}
            data-testid="ghist-create-terms"
          >
            {t('ghist.createMissingTerms')}
          </Checkbox>
        </Space>
        <Space wrap>
          <Button
            type={clean ? 'default' : 'primary'}
            disabled={!file || working === 'commit'}
            loading={working === 'check'}
            onClick={() => void run('check')}
            data-testid="ghist-check"
          >
            {t('ghist.dryRun')}
          </Button>
          <Button
            type="primary"
            disabled={!clean || working === 'check'}
            loading={working === 'commit'}
            onClick={() => void run('commit')}
            data-testid="ghist-commit"
          >
            {t('ghist.commit')}
          </Button>
        </Space>
        {working && (
          <Space data-testid="ghist-working">
            <Spin />
            <Typography.Text type="secondary">{t('ghist.working')}</Typography.Text>
          </Space>
        )}
        {failure && (
          <Alert
            type="error"
            showIcon
            title={t('ghist.failed', { reason: failure.reason })}
            action={
              <Button size="small" icon={<ReloadOutlined />} onClick={() => void run(failure.action)} data-testid="ghist-retry">
                {t('ghist.retry')}
              </Button>
            }
            data-testid="ghist-error"
          />
        )}
        {report && <Report report={report} />}
      </Space>
    </Card>
  );
}

function Report({ report }: { report: GradeImportResult }) {
  const { t } = useTranslation();
  const ok = report.errorCount === 0 && report.errors.length === 0;
  const list = (items: string[]) => items.join('、');
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="ghist-report">
      <Alert
        type={ok ? 'success' : 'error'}
        showIcon
        title={
          ok
            ? t('ghist.dryRunOk', { rows: report.rows, added: report.added })
            : t('ghist.dryRunBad', { count: Math.max(report.errorCount, report.errors.length), rows: report.rows })
        }
        description={
          <Space orientation="vertical" size={2}>
            {report.coursesCreated.length > 0 && (
              <span>{t('ghist.coursesToCreate', { count: report.coursesCreated.length, list: list(report.coursesCreated) })}</span>
            )}
            {report.termsCreated.length > 0 && (
              <span>{t('ghist.termsToCreate', { count: report.termsCreated.length, list: list(report.termsCreated) })}</span>
            )}
            {report.encoding && <Typography.Text type="secondary">{t('ghist.encoding', { encoding: report.encoding })}</Typography.Text>}
            {report.errorCount > report.errors.length && (
              <Typography.Text type="secondary">
                {t('ghist.moreErrors', { count: report.errorCount, shown: report.errors.length })}
              </Typography.Text>
            )}
          </Space>
        }
        data-testid={ok ? 'ghist-ok' : 'ghist-bad'}
      />
      {!ok && (
        <Table<BulkRowError>
          size="small"
          rowKey={(e) => `${e.row}-${e.column}-${e.code}`}
          dataSource={report.errors}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 'max-content' }}
          data-testid="ghist-errors"
          columns={[
            { title: t('ghist.row'), dataIndex: 'row', width: 80 },
            { title: t('ghist.column'), dataIndex: 'column', width: 140, render: (v: string) => v || '—' },
            { title: t('ghist.value'), dataIndex: 'value', width: 160, render: (v: string) => v || '—' },
            { title: t('ghist.message'), dataIndex: 'message' },
          ]}
        />
      )}
    </Space>
  );
}
