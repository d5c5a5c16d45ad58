import { Card, Progress, Space, Tag, Typography } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { HomeTerm } from '@jiaowu/contracts';
import { useSession } from '../../auth/session.tsx';
import { formatDate } from './home-api.ts';

/** Welcome, the user's roles and where today falls in the current term. */
export function TermCard({ term, today }: { term: HomeTerm | null; today: string }) {
  const { t } = useTranslation();
  const { me } = useSession();
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="welcome">
        {t('home.welcome', { name: me?.user.displayName ?? '' })}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('home.roles')}:</Typography.Text>
        {me?.user.roles.map((r) => (
          <Tag key={`${r.roleId}-${r.collegeId}-${r.departmentId}`} color="blue">
            {r.roleName}
          </Tag>
        ))}
        <Typography.Text type="secondary">{t('homex.today', { date: today })}</Typography.Text>
      </Space>
      <div>
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
          <CalendarOutlined /> {t('homex.term.title')}
        </Typography.Text>
        {term ? (
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="current-term">
              {term.name}
              {term.week !== null && term.week >= 1 && (
                <Tag color="green" style={{ marginLeft: 8 }} data-testid="term-week">
                  {t('homex.term.week', { week: term.week, weeks: term.weeks })}
                </Tag>
              )}
            </Typography.Text>
            <Typography.Text type="secondary">
              {term.week === 0
                ? t('homex.term.before', { start: term.startDate })
                : term.week === null
                  ? t('homex.term.after')
                  : t('homex.term.range', { start: formatDate(term.startDate), end: formatDate(term.endDate) })}
            </Typography.Text>
            {term.week !== null && term.week >= 1 && (
              <Progress percent={Math.round((term.week / term.weeks) * 100)} showInfo={false} size="small" style={{ maxWidth: 420 }} />
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('home.noCurrentTerm')}</Typography.Text>
        )}
      </div>
    </Card>
  );
}
