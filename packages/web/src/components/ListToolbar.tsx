import type { ReactNode } from 'react';
import { App, Button, Space } from 'antd';
import { FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useErrorReason } from './QueryState.tsx';

export type ExportFormat = 'xlsx' | 'csv';

/**
 * The bar above every list: filters and search on the left, the export buttons on the right
 * (XLSX then CSV, always with the same icons), wrapping under each other on a phone.
 * A failed export says why instead of doing nothing.
 */
export function ListToolbar({
  children,
  onExport,
  formats = ['xlsx', 'csv'],
  extra,
}: {
  /** Filters and search. */
  children?: ReactNode;
  /** Downloads the list as it is filtered; no export buttons without it. */
  onExport?: (format: ExportFormat) => Promise<unknown>;
  formats?: ExportFormat[];
  /** More buttons right of the export buttons. */
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reason = useErrorReason();
  const exportAs = async (format: ExportFormat) => {
    try {
      await onExport?.(format);
    } catch (e) {
      message.error(reason(e));
    }
  };
  return (
    <div className="list-toolbar" data-testid="list-toolbar">
      <Space wrap>{children}</Space>
      {(onExport || extra) && (
        <Space wrap>
          {onExport && formats.includes('xlsx') && (
            <Button icon={<FileExcelOutlined />} onClick={() => void exportAs('xlsx')} data-testid="export-xlsx">
              {t('common.exportXlsx')}
            </Button>
          )}
          {onExport && formats.includes('csv') && (
            <Button icon={<FileTextOutlined />} onClick={() => void exportAs('csv')} data-testid="export-csv">
              {t('common.exportCsv')}
            </Button>
          )}
          {extra}
        </Space>
      )}
    </div>
  );
}
