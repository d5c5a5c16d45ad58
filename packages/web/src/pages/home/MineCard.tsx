import { List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HomeView, WorkflowState } from '@jiaowu/contracts';
import { HomeListCard } from './HomeListCard.tsx';
import { formatDateTime } from './home-api.ts';

const COLORS: Record<WorkflowState, string> = {
  draft: 'default',
  pending: 'processing',
  returned: 'warning',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

/** My own applications, latest change first, with their state. */
export function MineCard({ mine }: { mine: HomeView['mine'] }) {
  const { t } = useTranslation();
  return (
    <HomeListCard
      title={t('homex.mine.title')}
      all={{ to: '/inbox', label: t('homex.mine.all') }}
      items={mine.items}
      rowKey={(i) => i.instanceId}
      renderItem={(i) => (
        <List.Item key={i.instanceId} extra={<Tag color={COLORS[i.state]}>{t(`wf.states.${i.state}`)}</Tag>}>
          <List.Item.Meta
            title={<Link to={i.link}>{i.title}</Link>}
            description={
              <Typography.Text type="secondary">
                {i.flowName} · {t('homex.mine.updated', { at: formatDateTime(i.updatedAt) })}
              </Typography.Text>
            }
          />
        </List.Item>
      )}
      empty={t('homex.mine.none')}
      testId="home-mine"
    />
  );
}
