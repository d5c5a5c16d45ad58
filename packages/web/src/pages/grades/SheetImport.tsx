import { useState } from 'react';
import { type ButtonProps, Alert, App, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { BulkRowError, SheetImportChange, SheetImportResult, GradeSheetKind } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { useErrorReason } from '../../components/QueryState.tsx';
import { gradesApi } from './api.ts';

/**
 * 下载模板 / 导入 beside the grid: the class's roster as an XLSX with the grades so far, and a
 * filled file read back. The dry run opens a dialog with every bad row (row, column, what is wrong)
 * or the changes (before → after); the teacher confirms, the grades are saved, the grid reloads.
 */
export function SheetImport({
  teachingClassId,
  kind,
  classCode,
  version,
  beforeImport,
  onImported,
}: {
  teachingClassId: number;
  kind: GradeSheetKind;
  classCode: string;
  /** The sheet's version now (after the grid's pending autosave). */
  version: () => number;
  /** Sends the grid's unsaved cells first, so the file is compared with what is saved. */
  beforeImport: () => Promise<unknown>;
  onImported: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reason = useErrorReason();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<SheetImportResult | null>(null);
  const [busy, setBusy] = useState<'dry' | 'commit' | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [downloading, setDownloading] = useState(false);

  const close = () => {
    setFile(null);
    setReport(null);
    setFailure(null);
  };
  const run = async (f: File, dryRun: boolean) => {
    setBusy(dryRun ? 'dry' : 'commit');
    setFailure(null);
    try {
      if (dryRun) await beforeImport();
      const r = await gradesApi.importFile(teachingClassId, f, { kind, version: version(), dryRun });
      setReport(r);
      if (r.committed) {
        void message.success(t('grades.import.committed', { count: r.changes.length }));
        close();
        await onImported();
      }
    } catch (e) {
      setFailure(e);
      if (e instanceof ApiError && e.status === 409) await onImported();
    } finally {
      setBusy(null);
    }
  };
  const template = async () => {
    setDownloading(true);
    try {
      await gradesApi.template(teachingClassId, kind, `${t('grades.import.templateName')}-${classCode}.xlsx`);
    } catch (e) {
      void message.error(reason(e));
    } finally {
      setDownloading(false);
    }
  };

  const canCommit = !!report && report.dryRun && report.errors.length === 0 && report.changes.length > 0;
  const cellText = (v: string | null) => v ?? t('grades.import.blank');

  return (
    <>
      <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void template()} data-testid="grades-template">
        {t('grades.import.template')}
      </Button>
      <Upload
        accept=".xlsx,.csv"
        maxCount={1}
        showUploadList={false}
        disabled={busy !== null}
        beforeUpload={(f) => {
          setFile(f);
          setReport(null);
          void run(f, true);
          // Held here and sent by the dialog, never uploaded by the component itself.
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy === 'dry' && !file} data-testid="grades-import">
          {t('grades.import.import')}
        </Button>
      </Upload>
      <Modal
        open={file !== null}
        title={t('grades.import.title', { name: file?.name ?? '' })}
        width={900}
        onCancel={close}
        okText={t('grades.import.confirm', { count: report?.changes.length ?? 0 })}
        okButtonProps={{ disabled: !canCommit, loading: busy === 'commit', 'data-testid': 'grades-import-confirm' } as ButtonProps}
        onOk={() => file && void run(file, false)}
        cancelText={t('grades.import.cancel')}
        cancelButtonProps={{ 'data-testid': 'grades-import-cancel' } as ButtonProps}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="grades-import-dialog">
          {busy === 'dry' && <Typography.Text type="secondary">{t('grades.import.checking')}</Typography.Text>}
          {failure !== null && (
            <Alert
              type="error"
              showIcon
              message={reason(failure)}
              action={
                file && (
                  <Button size="small" onClick={() => void run(file, true)}>
                    {t('grades.import.retry')}
                  </Button>
                )
              }
            />
          )}
          {report && (
            <Alert
              type={report.errors.length ? 'error' : report.changes.length ? 'success' : 'info'}
              showIcon
              data-testid="grades-import-summary"
              message={
                report.errors.length
                  ? t('grades.import.bad', { count: report.errors.length, rows: report.rows })
                  : report.changes.length
                    ? t('grades.import.ok', { rows: report.rows, count: report.changes.length })
                    : t('grades.import.nothing', { rows: report.rows })
              }
              description={report.encoding ? t('grades.import.encoding', { encoding: report.encoding }) : undefined}
            />
          )}
          {report && report.errors.length > 0 && (
            <Table<BulkRowError>
              size="small"
              rowKey={(e) => `${e.row}-${e.field}-${e.code}`}
              dataSource={report.errors}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              data-testid="grades-import-errors"
              columns={[
                { title: t('grades.import.row'), dataIndex: 'row', width: 70 },
                { title: t('grades.import.column'), dataIndex: 'column', width: 110 },
                {
                  title: t('grades.import.value'),
                  dataIndex: 'value',
                  width: 140,
                  render: (v: string) => (v ? <Typography.Text code>{v}</Typography.Text> : '—'),
                },
                { title: t('grades.import.message'), dataIndex: 'message' },
              ]}
            />
          )}
          {report && report.changes.length > 0 && (
            <>
              {report.errors.length > 0 && <Typography.Text strong>{t('grades.import.goodRows')}</Typography.Text>}
              <Table<SheetImportChange>
                size="small"
                rowKey="studentId"
                dataSource={report.changes}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                data-testid="grades-import-changes"
                columns={[
                  { title: t('grades.import.row'), dataIndex: 'row', width: 70 },
                  { title: t('grades.import.studentCode'), dataIndex: 'studentCode', width: 130 },
                  { title: t('grades.import.studentName'), dataIndex: 'studentName', width: 110 },
                  {
                    title: t('grades.import.change'),
                    dataIndex: 'cells',
                    render: (cells: SheetImportChange['cells']) => (
                      <Space wrap size={12}>
                        {cells.map((c) => (
                          <span key={c.column}>
                            {c.column}：<Typography.Text delete={c.before !== null}>{cellText(c.before)}</Typography.Text> →{' '}
                            <Typography.Text strong>{cellText(c.after)}</Typography.Text>
                          </span>
                        ))}
                      </Space>
                    ),
                  },
                ]}
              />
            </>
          )}
        </Space>
      </Modal>
    </>
  );
}
