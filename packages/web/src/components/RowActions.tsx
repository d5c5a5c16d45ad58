import type { ReactNode } from 'react';
import { Button, Grid, Popconfirm, Space } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/**
 * The actions cell of a list row, the same on every list: other actions first, then 编辑 and
 * 删除 with their icons; 删除 asks first. Put it in the last column, fixed to the right.
 */
export function RowActions({
  onEdit,
  onDelete,
  deleteConfirm,
  children,
}: {
  onEdit?: () => void;
  /** Awaited: the confirm button spins until the delete ends. */
  onDelete?: () => Promise<unknown>;
  /** The question before deleting (default 确定删除吗？). */
  deleteConfirm?: string;
  /** Actions of this list (links or small link buttons), shown before 编辑. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  // A phone shows the icons only (named for screen readers and on hover), so the row keeps room for its data.
  const iconOnly = Grid.useBreakpoint().md === false;
  return (
    <Space size={0} className="row-actions">
      {children}
      {onEdit && (
        <Button
          type="link"
          size="small"
          icon={<EditOutlined />}
          onClick={onEdit}
          aria-label={t('common.edit')}
          title={iconOnly ? t('common.edit') : undefined}
          data-testid="row-edit"
        >
          {iconOnly ? null : t('common.edit')}
        </Button>
      )}
      {onDelete && (
        <Popconfirm
          title={deleteConfirm ?? t('common.confirmDelete')}
          // eslint-disable-next-line @typescript-eslint/no-misused-promises -- antd awaits a promise onConfirm returns (OK shows loading until the delete ends) but types it as returning void
          onConfirm={() => onDelete()}
          okText={t('common.ok')}
          cancelText={t('common.cancel')}
        >
          <Button
            type="link"
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('common.delete')}
            title={iconOnly ? t('common.delete') : undefined}
            data-testid="row-delete"
          >
            {iconOnly ? null : t('common.delete')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

/** The placement of the actions column: last, fixed to the right on a wide screen (a phone scrolls it with the row). */
export function useActionsColumn(): { key: string; fixed?: 'right' } {
  const isPhone = Grid.useBreakpoint().md === false;
  return isPhone ? { key: '_actions' } : { key: '_actions', fixed: 'right' };
}
