import { useState } from 'react';
import { Alert, App, Button, Progress, Space, Table, Typography, Upload, type ButtonProps } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BulkResult, BulkRowError, Round } from '@jiaowu/contracts';
import { ApiError } from '../../../api/client.ts';
import { selectionChecks } from '../../../api/selection-checks.ts';

/** Where a request is: the file going up (0–100), then the server checking the rows. */
type Phase = { kind: 'idle' } | { kind: 'uploading'; percent: number } | { kind: 'checking' };

/**
 * 批量选课/退课: the office uploads a file of rows (学号, 教学班代码, 操作, 原因, 忽略规则), runs it dry
 * to see every row's problem in words, then commits it — all rows or none.
 */
export function BulkTab({ round }: { round: Round }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [report, setReport] = useState<BulkResult | null>(null);
  const locked = round.status === 'locked';
  const busy = phase.kind !== 'idle';
  const canCommit = !!report && report.dryRun && report.errors.length === 0 && report.rows > 0;

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setPhase({ kind: 'uploading', percent: 0 });
    try {
      const r = await selectionChecks.bulk(round.id, file, dryRun, (sent) => {
        setPhase(sent >= 1 ? { kind: 'checking' } : { kind: 'uploading', percent: Math.round(sent * 100) });
      });
      setReport(r);
      if (r.committed) {
        message.success(t('selaudit.committed', r));
        void qc.invalidateQueries({ queryKey: ['sel-round-classes', round.id] });
        void qc.invalidateQueries({ queryKey: ['sel-dashboard', round.id] });
      }
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setPhase({ kind: 'idle' });
    }
  };

  const commit = () => {
    if (!report) return;
    modal.confirm({
      title: t('selaudit.commitConfirmTitle'),
      content: t('selaudit.commitConfirm', { enrol: report.enrol, drop: report.drop }),
      okButtonProps: { 'data-testid': 'bulk-commit-confirm' } as ButtonProps,
      onOk: () => send(false),
    });
  };

  const summary = (r: BulkResult) => {
    if (r.committed) return <Alert type="success" showIcon title={t('selaudit.committed', r)} data-testid="bulk-summary" />;
    if (!r.dryRun)
      return <Alert type="error" showIcon title={t('selaudit.notCommitted', { count: r.errors.length })} data-testid="bulk-summary" />;
    return r.errors.length ? (
      <Alert type="warning" showIcon title={t('selaudit.dryRunBad', { count: r.errors.length, rows: r.rows })} data-testid="bulk-summary" />
    ) : (
      <Alert type="success" showIcon title={t('selaudit.dryRunOk', r)} data-testid="bulk-summary" />
    );
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="bulk-tab">
      {locked && <Alert type="info" showIcon title={t('selaudit.lockedBulk')} />}
      <Typography.Text type="secondary">{t('selaudit.bulkHelp')}</Typography.Text>
      <Space wrap>
        <Button icon={<DownloadOutlined />} onClick={() => void selectionChecks.template('xlsx', `${t('selaudit.templateName')}.xlsx`)}>
          {t('selaudit.templateXlsx')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void selectionChecks.template('csv', `${t('selaudit.templateName')}.csv`)}>
          {t('selaudit.templateCsv')}
        </Button>
      </Space>
      <Space wrap align="center">
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          showUploadList={false}
          disabled={locked || busy}
          beforeUpload={(f) => {
            setFile(f);
            setReport(null);
            // Held here, sent by the buttons below.
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="bulk-pick">
            {t('selaudit.pickFile')}
          </Button>
        </Upload>
        <Typography.Text data-testid="bulk-file">{file ? file.name : t('selaudit.noFile')}</Typography.Text>
        <Button onClick={() => void send(true)} disabled={!file || locked} loading={busy} data-testid="bulk-dry-run">
          {t('selaudit.dryRun')}
        </Button>
        <Button
          type="primary"
          onClick={commit}
          disabled={!canCommit || locked || busy}
          title={canCommit ? undefined : t('selaudit.needDryRun')}
          data-testid="bulk-commit"
        >
          {t('selaudit.commit')}
        </Button>
      </Space>
      {phase.kind === 'uploading' && (
        <div style={{ maxWidth: 480 }}>
          <Progress percent={phase.percent} size="small" />
          <Typography.Text type="secondary">{t('selaudit.uploading', { percent: phase.percent })}</Typography.Text>
        </div>
      )}
      {phase.kind === 'checking' && (
        <div style={{ maxWidth: 480 }}>
          <Progress percent={100} status="active" showInfo={false} size="small" />
          <Typography.Text type="secondary">{t('selaudit.checking')}</Typography.Text>
        </div>
      )}
      {report && summary(report)}
      {report && report.errors.length > 0 && (
        <Table<BulkRowError>
          size="small"
          rowKey={(e) => `${e.row}-${e.field}-${e.code}`}
          dataSource={report.errors}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          data-testid="bulk-errors"
          columns={[
            { title: t('selaudit.row'), dataIndex: 'row', width: 80 },
            { title: t('selaudit.column'), dataIndex: 'column', width: 120 },
            {
              title: t('selaudit.value'),
              dataIndex: 'value',
              width: 200,
              render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
            },
            { title: t('selaudit.problem'), dataIndex: 'message' },
          ]}
        />
      )}
    </Space>
  );
}
