import { List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HomeDeadline } from '@jiaowu/contracts';
import { HomeListCard } from './HomeListCard.tsx';
import { formatDate, formatDateTime } from './home-api.ts';

/** Dates ahead: my approval deadlines (overdue first, as the server sorts them), the term's end, the next term's start. */
export function DeadlinesCard({ deadlines }: { deadlines: HomeDeadline[] }) {
  const { t } = useTranslation();
  return (
    <HomeListCard
      title={t('homex.deadlines.title')}

      items={deadlines}
      rowKey={(d) => `${d.kind}-${d.at}-${d.title}`}
      renderItem={(d, i) => (
        <List.Item key={`${d.kind}-${i}`}>
          <List.Item.Meta
            title={d.link ? <Link to={d.link}>{d.title}</Link> : d.title}
            description={
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                {t(`homex.deadlines.${d.kind}`)} · {d.kind === 'task' || d.kind === 'review' ? formatDateTime(d.at) : formatDate(d.at)}
              </Typography.Text>
            }
          />
          {d.isOverdue && <Tag color="error">{t('homex.deadlines.overdue')}</Tag>}
        </List.Item>
      )}
      empty={t('homex.deadlines.none')}
      testId="home-deadlines"
    />
  );
}
