import { Badge, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HomeView } from '@jiaowu/contracts';
import { HomeListCard } from './HomeListCard.tsx';
import { formatDateTime } from './home-api.ts';

/** Unread count and the latest notifications (unread ones in bold). */
export function NoticesCard({ notifications }: { notifications: HomeView['notifications'] }) {
  const { t } = useTranslation();
  return (
    <HomeListCard
      title={
        <Space>
          {t('homex.notices.title')}
          {notifications.unread > 0 && (
            <Badge count={t('homex.notices.unread', { count: notifications.unread })} data-testid="home-unread" />
          )}
        </Space>
      }
      all={{ to: '/notifications', label: t('homex.notices.all') }}
      items={notifications.latest}
      rowKey={(n) => n.id}
      renderItem={(n) => (
        <List.Item key={n.id}>
          <List.Item.Meta
            title={<Typography.Text strong={!n.readAt}>{n.link ? <Link to={n.link}>{n.title}</Link> : n.title}</Typography.Text>}
            description={<Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>}
          />
        </List.Item>
      )}
      empty={t('homex.notices.none')}
      testId="home-notices"
    />
  );
}
