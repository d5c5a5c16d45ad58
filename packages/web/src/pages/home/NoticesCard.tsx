import { Badge, Button, Card, Empty, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { HomeView } from '@jiaowu/contracts';
import { formatDateTime } from './home-api.ts';

/** Unread count and the latest notifications (unread ones in bold). */
export function NoticesCard({ notifications }: { notifications: HomeView['notifications'] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card
      title={
        <Space>
          {t('homex.notices.title')}
          {notifications.unread > 0 && (
            <Badge count={t('homex.notices.unread', { count: notifications.unread })} data-testid="home-unread" />
          )}
        </Space>
      }
      extra={
        <Button type="link" onClick={() => void navigate('/notifications')}>
          {t('homex.notices.all')}
        </Button>
      }
      data-testid="home-notices"
    >
      {notifications.latest.length ? (
        <List
          size="small"
          dataSource={notifications.latest}
          renderItem={(n) => (
            <List.Item key={n.id}>
              <List.Item.Meta
                title={<Typography.Text strong={!n.readAt}>{n.link ? <Link to={n.link}>{n.title}</Link> : n.title}</Typography.Text>}
                description={<Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>}
              />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('homex.notices.none')} />
      )}
    </Card>
  );
}
