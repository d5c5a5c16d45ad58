import { App, Button, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import { CalendarOutlined, CopyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryView, useErrorReason } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { timetableView } from './ttview.api.ts';

/** 订阅到日历: the caller's private ICS address of their own timetable, copy, rotate and revoke. */
export function FeedButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reason = useErrorReason();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const feeds = useQuery({ queryKey: ['timetable-feeds'], queryFn: timetableView.feeds, enabled: open });
  const done = () => void qc.invalidateQueries({ queryKey: ['timetable-feeds'] });
  const create = useMutation({
    mutationFn: () => timetableView.createFeed(),
    onSuccess: done,
    onError: (e) => void message.error(reason(e)),
  });
  const revoke = useMutation({
    mutationFn: (id: number) => timetableView.revokeFeed(id),
    onSuccess: () => {
      done();
      void message.success(t('ttview.feed.revoked'));
    },
    onError: (e) => void message.error(reason(e)),
  });
  const url = (path: string) => `${window.location.origin}${path}`;
  return (
    <>
      <Button icon={<CalendarOutlined />} onClick={() => setOpen(true)} data-testid="feed-button">
        {t('ttview.feed.button')}
      </Button>
      <Modal open={open} title={t('ttview.feed.title')} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('ttview.feed.intro')}</Typography.Paragraph>
        <QueryView query={feeds} rows={2}>
          {(data) => {
            const mine = data.items[0];
            if (!mine)
              return (
                <Space direction="vertical">
                  <Typography.Text type="secondary">{t('ttview.feed.none')}</Typography.Text>
                  <Button type="primary" loading={create.isPending} onClick={() => create.mutate()} data-testid="feed-create">
                    {t('ttview.feed.create')}
                  </Button>
                </Space>
              );
            return (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space.Compact style={{ width: '100%' }}>
                  <Input readOnly value={url(mine.path)} data-testid="feed-url" />
                  <Button
                    icon={<CopyOutlined />}
                    onClick={() =>
                      void navigator.clipboard.writeText(url(mine.path)).then(
                        () => message.success(t('ttview.feed.copied')),
                        () => undefined,
                      )
                    }
                  >
                    {t('ttview.feed.copy')}
                  </Button>
                </Space.Compact>
                <Typography.Text type="secondary">
                  {mine.lastUsedAt ? t('ttview.feed.lastUsed', { at: formatDateTime(mine.lastUsedAt) }) : t('ttview.feed.neverUsed')}
                </Typography.Text>
                <Space wrap>
                  <Button loading={create.isPending} onClick={() => create.mutate()}>
                    {t('ttview.feed.rotate')}
                  </Button>
                  <Popconfirm title={t('ttview.feed.confirmRevoke')} onConfirm={() => revoke.mutate(mine.id)}>
                    <Button danger loading={revoke.isPending} data-testid="feed-revoke">
                      {t('ttview.feed.revoke')}
                    </Button>
                  </Popconfirm>
                </Space>
              </Space>
            );
          }}
        </QueryView>
      </Modal>
    </>
  );
}
