import { Badge, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HomeView } from '@jiaowu/contracts';
import { HomeListCard } from './HomeListCard.tsx';
import { formatDateTime } from './home-api.ts';

/** Approvals assigned to me: how many, how many overdue, and the first few, each opening its item. */
export function WaitingCard({ waiting }: { waiting: HomeView['waiting'] }) {
  const { t } = useTranslation();
  return (
    <HomeListCard
      title={
        <Space>
          {t('homex.waiting.title')}
          <Badge count={waiting.count} showZero color={waiting.count ? '#1677ff' : '#bfbfbf'} data-testid="waiting-count" />
          {waiting.overdue > 0 && <Tag color="error">{t('homex.waiting.overdue', { count: waiting.overdue })}</Tag>}
        </Space>
      }
      all={{ to: '/inbox', label: t('homex.waiting.all') }}
      items={waiting.items}
      rowKey={(i) => i.taskId ?? i.instanceId}
      renderItem={(i) => (
        <List.Item key={i.taskId ?? i.instanceId}>
          <List.Item.Meta
            title={<Link to={i.link}>{i.title}</Link>}
            description={
              <Space wrap size={4}>
                <Typography.Text type="secondary">
                  {i.flowName} · {i.stepName}
                </Typography.Text>
                {i.applicantName && (
                  <Typography.Text type="secondary">{t('homex.waiting.applicant', { name: i.applicantName })}</Typography.Text>
                )}
                {i.dueAt && <Tag color={i.isOverdue ? 'error' : 'default'}>{t('homex.waiting.due', { at: formatDateTime(i.dueAt) })}</Tag>}
              </Space>
            }
          />
        </List.Item>
      )}
      empty={t('homex.waiting.none')}
      testId="home-waiting"
    />
  );
}
