import { App, Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AccountFilter, BulkAccountRequest } from '@jiaowu/contracts';
import { accounts } from '../../../api/endpoints.ts';
import { useErrorReason } from '../../../components/QueryState.tsx';

/** What is selected: ticked rows, or every account matching the current filter. */
export type AccountSelection = { ids: number[] } | { filter: AccountFilter; total: number };

export const selectionSize = (s: AccountSelection) => ('ids' in s ? s.ids.length : s.total);

/**
 * Bulk actions on the selection: reset passwords (a job; `onJob` follows it), disable, enable —
 * each confirmed first, since a reset makes the old passwords stop working at once.
 */
export function AccountBulkBar({
  selection,
  total,
  onSelectAllMatching,
  onClear,
  onJob,
  onChanged,
}: {
  selection: AccountSelection;
  total: number;
  onSelectAllMatching: () => void;
  onClear: () => void;
  onJob: (jobId: number) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const reason = useErrorReason();
  const count = selectionSize(selection);

  const run = (action: BulkAccountRequest['action'], confirmKey: string) => {
    void modal.confirm({
      title: t(confirmKey, { count }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const body: BulkAccountRequest = 'ids' in selection ? { action, ids: selection.ids } : { action, filter: selection.filter };
          const res = await accounts.bulk(body);
          if (res.jobId !== null) onJob(res.jobId);
          else void message.success(res.count ? t('accounts.done', { count: res.count }) : t('accounts.noneChanged'));
          onChanged();
        } catch (e) {
          void message.error(reason(e));
        }
      },
    });
  };

  return (
    <Space wrap style={{ marginBottom: 12 }} data-testid="account-bulk-bar">
      <Typography.Text strong>
        {'ids' in selection ? t('accounts.selected', { count }) : t('accounts.allMatching', { total: count })}
      </Typography.Text>
      {'ids' in selection && total > count && (
        <Button type="link" size="small" onClick={onSelectAllMatching}>
          {t('accounts.selectAllMatching', { total })}
        </Button>
      )}
      <Button size="small" onClick={onClear}>
        {t('accounts.clearSelection')}
      </Button>
      <Button size="small" type="primary" onClick={() => run('reset_password', 'accounts.confirmReset')}>
        {t('accounts.resetPasswords')}
      </Button>
      <Button size="small" danger onClick={() => run('disable', 'accounts.confirmDisable')}>
        {t('accounts.disable')}
      </Button>
      <Button size="small" onClick={() => run('enable', 'accounts.confirmEnable')}>
        {t('accounts.enable')}
      </Button>
    </Space>
  );
}
