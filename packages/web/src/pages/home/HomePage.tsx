import { Button, Card, Col, Row, Space, Statistic, Tag, Typography } from 'antd';
import { CalendarOutlined, HomeOutlined, IdcardOutlined, KeyOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ResourceKey } from '@jiaowu/contracts';
import { resources } from '../../api/endpoints.ts';
import { useSession } from '../../auth/session.tsx';
import { canBrowse } from '../../components/menu.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { formatDate, schoolToday } from '../../lib/time.ts';

const COUNTED: { key: ResourceKey; icon: React.ReactNode }[] = [
  { key: 'students', icon: <TeamOutlined /> },
  { key: 'teachers', icon: <UserOutlined /> },
  { key: 'rooms', icon: <HomeOutlined /> },
];

function CountCard({ resource, icon }: { resource: ResourceKey; icon: React.ReactNode }) {
  const labels = useLabels();
  const navigate = useNavigate();
  const { data, isLoading } = useQuery({
    queryKey: ['count', resource],
    queryFn: () => resources.list(resource, { pageSize: 1 }),
  });
  return (
    <Card hoverable onClick={() => void navigate(`/${resource}`)} data-testid={`count-${resource}`}>
      <Statistic title={labels.resource(resource)} value={data?.total ?? 0} loading={isLoading} prefix={icon} />
    </Card>
  );
}

/** Welcome, the current term and headline counts from the list endpoints' totals. */
export function HomePage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { me, scopeOf, can } = useSession();
  const navigate = useNavigate();
  const isStudent = me?.user.studentId != null;
  const termsQuery = useQuery({
    queryKey: ['list', 'terms', 'current'],
    queryFn: () => resources.list('terms', { pageSize: 200, sort: 'startDate', order: 'desc' }),
    enabled: can('org.read'),
  });
  const current = termsQuery.data?.items.find((x) => x.isCurrent);
  const week = current ? Math.floor(dayjs(schoolToday()).diff(dayjs(String(current.startDate)), 'day') / 7) + 1 : null;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="welcome">
          {t('home.welcome', { name: me?.user.displayName ?? '' })}
        </Typography.Title>
        <Space wrap>
          <Typography.Text type="secondary">{t('home.roles')}:</Typography.Text>
          {me?.user.roles.map((r) => (
            <Tag key={`${r.roleId}-${r.collegeId}-${r.departmentId}`} color="blue">
              {r.roleName}
            </Tag>
          ))}
          <Typography.Text type="secondary">{`${schoolToday()} ${dayjs(schoolToday()).format('dddd')}`}</Typography.Text>
        </Space>
      </Card>
      {can('org.read') && (
        <Card
          title={
            <>
              <CalendarOutlined /> {t('home.currentTerm')}
            </>
          }
          loading={termsQuery.isLoading}
        >
          {current ? (
            <Space orientation="vertical" size={4}>
              <Typography.Text strong style={{ fontSize: 16 }} data-testid="current-term">
                {String(current.name)}
                {week !== null && week >= 1 && week <= Number(current.weeks) && (
                  <Tag color="green" style={{ marginLeft: 8 }}>
                    {t('home.week', { week })}
                  </Tag>
                )}
              </Typography.Text>
              <Typography.Text type="secondary">
                {labels.enumLabel('semester', current.semester)} ·{' '}
                {t('home.weeks', { weeks: current.weeks, start: formatDate(String(current.startDate)) })}
              </Typography.Text>
            </Space>
          ) : (
            <Typography.Text type="secondary">{t('home.noCurrentTerm')}</Typography.Text>
          )}
        </Card>
      )}
      {isStudent && (
        <Card title={t('home.quick')}>
          <Space wrap>
            <Button icon={<IdcardOutlined />} onClick={() => void navigate('/me')}>
              {t('menu.profile')}
            </Button>
            <Button icon={<KeyOutlined />} onClick={() => void navigate('/change-password')}>
              {t('header.changePassword')}
            </Button>
          </Space>
        </Card>
      )}
      <Row gutter={[16, 16]}>
        {COUNTED.filter((c) => !isStudent && canBrowse(scopeOf, c.key)).map((c) => (
          <Col key={c.key} xs={24} sm={8}>
            <CountCard resource={c.key} icon={c.icon} />
          </Col>
        ))}
      </Row>
    </Space>
  );
}
