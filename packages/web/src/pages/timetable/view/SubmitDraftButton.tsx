import { App, Button, Popconfirm, Space, Tag } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorReason } from '../../../components/QueryState.tsx';
import { timetableView } from './ttview.api.ts';

const COLORS: Record<string, string> = { draft: 'default', submitted: 'processing', published: 'success', archived: 'default' };

/**
 * 提交课程确认: the publication status of a draft and, while it is editable, the button that
 * submits it to the office head. The draft page (H1) embeds it; a refused submission shows
 * the server's reason (how many hard conflicts and unplaced lectures remain).
 */
export function SubmitDraftButton({ draftId, onSubmitted }: { draftId: number; onSubmitted?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reason = useErrorReason();
  const qc = useQueryClient();
  const status = useQuery({ queryKey: ['draft-publication', draftId], queryFn: () => timetableView.publication(draftId) });
  const submit = useMutation({
    mutationFn: () => timetableView.submit(draftId),
    onSuccess: (d) => {
      qc.setQueryData(['draft-publication', draftId], d);
      void message.success(t('ttview.submit.done'));
      onSubmitted?.();
    },
    onError: (e) => void message.error(reason(e), 6),
  });
  const s = status.data?.status;
  return (
    <Space data-testid="draft-publication">
      {s && (
        <Tag color={COLORS[s]} data-testid="draft-status">
          {t(`ttview.submit.status.${s}`, { defaultValue: s })}
        </Tag>
      )}
      {s === 'draft' && (
        <Popconfirm title={t('ttview.submit.confirm')} onConfirm={() => submit.mutate()}>
          <Button type="primary" icon={<SendOutlined />} loading={submit.isPending} data-testid="submit-draft">
            {t('ttview.submit.button')}
          </Button>
        </Popconfirm>
      )}
      {s === 'submitted' && status.data?.workflowInstanceId && <Link to="/inbox">{t('ttview.submit.openApproval')}</Link>}
    </Space>
  );
}
