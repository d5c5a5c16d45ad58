import { Button, Card, Empty, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { HomeView, WorkflowState } from '@jiaowu/contracts';
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
  const navigate = useNavigate();
  return (
    <Card
      title={t('homex.mine.title')}
      extra={
        <Button type="link" onClick={() => void navigate('/inbox')}>
          {t('homex.mine.all')}
        </Button>
      }
      data-testid="home-mine"
    >
      {mine.items.length ? (
        <List
          size="small"
          dataSource={mine.items}
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
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('homex.mine.none')} />
      )}
    </Card>
  );
}
