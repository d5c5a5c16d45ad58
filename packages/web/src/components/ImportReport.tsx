import type { ReactNode } from 'react';
import { Alert, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportError, ImportResult } from '@jiaowu/contracts';

/**
 * The dry-run report: counts, encoding and a table of the bad rows (row,
 * column, and a message saying what the cell should hold). `badRows` is the
 * action that downloads those rows as a file to fix.
 */
export function ImportReport({ report, fileName, badRows }: { report: ImportResult; fileName?: string; badRows?: ReactNode }) {
  const { t } = useTranslation();
  const ok = report.errors.length === 0;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="import-report">
      <Alert
        type={ok ? 'success' : 'error'}
        showIcon
        title={
          ok
            ? t('imports.dryRunOk', { rows: report.rows })
            : t('imports.dryRunBad', { count: report.errors.length, rows: report.rows, valid: report.valid })
        }
        description={
          <Space wrap size={16}>
            {fileName && <Typography.Text type="secondary">{t('imports.file', { name: fileName })}</Typography.Text>}
            {report.encoding && <Typography.Text type="secondary">{t('imports.encoding', { encoding: report.encoding })}</Typography.Text>}
          </Space>
        }
        data-testid={ok ? 'import-ok' : 'import-bad'}
      />
      {!ok && badRows}
      {!ok && (
        <Table<ImportError>
          size="small"
          rowKey={(e) => `${e.row}-${e.column}-${e.code}`}
          dataSource={report.errors}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          data-testid="import-errors"
          columns={[
            { title: t('imports.row'), dataIndex: 'row', width: 80 },
            { title: t('imports.column'), dataIndex: 'column', width: 160, render: (v) => v ?? '—' },
            { title: t('imports.message'), dataIndex: 'message' },
          ]}
        />
      )}
    </Space>
  );
}
