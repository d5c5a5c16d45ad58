import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Card, List, Space, Switch, Tag, Typography } from 'antd';
import { QueryList } from '../../components/QueryState.tsx';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifications } from '../../api/modules.ts';
import { formatDateTime } from '../../lib/time.ts';

/** All my notifications, paged; mark read, mark all read. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [unread, setUnread] = useState(false);
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['notifications', 'page', unread, page],
    queryFn: () => notifications.list({ page, pageSize: 20, unread: unread ? 'true' : undefined }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['notifications'] });
  return (
    <Card
      title={t('notif.title')}
      extra={
        <Space wrap>
          <Switch
            checked={unread}
            onChange={(v) => {
              setUnread(v);
              setPage(1);
            }}
            aria-label={t('notif.unreadOnly')}
          />
          {t('notif.unreadOnly')}
          <Button onClick={() => void notifications.readAll().then(refresh)}>{t('bell.readAll')}</Button>
        </Space>
      }
    >
      <QueryList
        query={list}
        rowKey="id"
        data-testid="notification-list"
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showTotal: (total) => t('common.total', { total }),
        }}
        renderItem={(n) => (
          <List.Item
            actions={[
              !n.readAt && (
                <Button key="r" size="small" type="link" onClick={() => void notifications.read(n.id).then(refresh)}>
                  {t('bell.markRead')}
                </Button>
              ),
              n.link && (
                <Button key="o" size="small" type="link" onClick={() => void navigate(n.link!)}>
                  {t('common.detail')}
                </Button>
              ),
            ].filter(Boolean)}
          >
            <List.Item.Meta
              title={
                <Space>
                  <Tag>{t(`notif.kinds.${n.kind}`)}</Tag>
                  <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                </Space>
              }
              description={
                <>
                  <div>{n.body}</div>
                  <Typography.Text type="secondary" className="num">
                    {formatDateTime(n.createdAt)}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
