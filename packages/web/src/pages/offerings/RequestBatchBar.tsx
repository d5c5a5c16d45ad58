import { useState } from 'react';
import { App, Button, List, Space, Typography } from 'antd';
import { DeleteOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CourseRequest, RequestBatchInput } from '@jiaowu/contracts';
import { requestTools } from '../../api/pagesx.ts';
import { useErrorReason } from '../../components/QueryState.tsx';

type Action = RequestBatchInput['action'];
const ICONS = { submit: <SendOutlined />, withdraw: <RollbackOutlined />, delete: <DeleteOutlined /> };

/**
 * Batch submit / withdraw / delete of the selected requests. Each request is
 * done on its own on the server; what failed is listed by course with the
 * reason, what succeeded is dropped from the selection.
 */
export function RequestBatchBar({ selected, onDone }: { selected: CourseRequest[]; onDone: (failedIds: number[]) => void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const reason = useErrorReason();
  const [busy, setBusy] = useState<Action | null>(null);
  const label = (a: Action) => t(`pagesx.requests.batch${a[0].toUpperCase()}${a.slice(1)}`);

  const run = async (action: Action) => {
    setBusy(action);
    try {
      const { results } = await requestTools.batch({ action, ids: selected.map((r) => r.id) });
      const failed = results.filter((r) => !r.ok);
      const name = (id: number) => {
        const r = selected.find((x) => x.id === id);
        return r ? `${r.courseName}（${r.courseCode}）` : '';
      };
      const summary = t('pagesx.requests.batchResult', { ok: results.length - failed.length, failed: failed.length });
      if (failed.length)
        modal.warning({
          title: summary,
          width: 560,
          content: (
            <List
              size="small"
              header={t('pagesx.requests.batchFailures')}
              dataSource={failed}
              data-testid="batch-failures"
              renderItem={(f) => (
                <List.Item>
                  <Typography.Text strong>{name(f.id)}</Typography.Text>：{f.message}
                </List.Item>
              )}
            />
          ),
        });
      else message.success(summary);
      await qc.invalidateQueries({ queryKey: ['course-requests'] });
      await qc.invalidateQueries({ queryKey: ['course-request-summary'] });
      onDone(failed.map((f) => f.id));
    } catch (e) {
      message.error(reason(e));
    } finally {
      setBusy(null);
    }
  };
  const confirm = (action: Action) =>
    modal.confirm({
      title: t('pagesx.requests.batchConfirm', { count: selected.length, action: label(action) }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: action === 'delete' },
      onOk: () => run(action),
    });

  return (
    <Space wrap style={{ marginBottom: 12 }} data-testid="batch-bar">
      <Typography.Text type="secondary">{t('pagesx.requests.selected', { count: selected.length })}</Typography.Text>
      {(['submit', 'withdraw', 'delete'] as const).map((a) => (
        <Button
          key={a}
          icon={ICONS[a]}
          danger={a === 'delete'}
          disabled={!selected.length}
          loading={busy === a}
          onClick={() => {
            confirm(a);
          }}
          data-testid={`batch-${a}`}
        >
          {label(a)}
        </Button>
      ))}
    </Space>
  );
}
