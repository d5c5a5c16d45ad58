import { Card, Col, Empty, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Round, RoundDashboard } from '@jiaowu/contracts';
import { selectionOffice } from '../../../api/selection-office.ts';
import { QueryView } from '../../../components/QueryState.tsx';
import { formatDateTimeSeconds } from '../../../lib/time.ts';
import { reasonLabel } from './words.ts';

type Waitlist = RoundDashboard['topWaitlists'][number];

/** 选课监控: the round's figures, polled every 5 s while its window is open. */
export function DashboardTab({ round }: { round: Round }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['sel-dashboard', round.id],
    queryFn: () => selectionOffice.dashboard(round.id),
    // Polls while the window is open; stops by itself at the close (the round itself is not re-read).
    refetchInterval: () => (round.isOpen && Date.now() < new Date(round.closesAt).getTime() ? 5000 : false),
  });
  return (
    <QueryView query={query}>
      {(d) => {
        const refusals = Object.entries(d.refusals)
          .map(([code, count]) => ({ code, count }))
          .sort((a, b) => b.count - a.count);
        return (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="dashboard">
            <Space>
              {round.isOpen ? <Tag color="green">{t('seloff.live')}</Tag> : <Tag>{t('seloff.notLive')}</Tag>}
              <Typography.Text type="secondary">
                {t('seloff.updatedAt', { time: formatDateTimeSeconds(query.dataUpdatedAt) })}
              </Typography.Text>
            </Space>
            <Row gutter={[16, 16]}>
              <Col xs={12} md={8} xl={4}>
                <Statistic title={t('seloff.enrolled')} value={d.enrolled} data-testid="dash-enrolled" />
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Statistic title={t('seloff.students')} value={d.students} />
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Statistic title={t('seloff.fullClasses')} value={d.fullClasses} suffix={`/ ${d.classes}`} />
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Statistic title={t('seloff.waiting')} value={d.waiting} />
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Statistic title={t('seloff.rps')} value={d.requestsPerSecond} precision={1} />
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Statistic
                  title={t('seloff.errorsCount')}
                  value={d.errors}
                  styles={d.errors ? { content: { color: '#cf1322' } } : undefined}
                />
              </Col>
            </Row>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12}>
                <Card size="small" title={t('seloff.refusals')}>
                  {refusals.length ? (
                    <Table
                      rowKey="code"
                      size="small"
                      pagination={false}
                      dataSource={refusals}
                      data-testid="dash-refusals"
                      columns={[
                        { title: t('seloff.refusalRule'), render: (_, r) => reasonLabel(t, r.code) },
                        { title: t('seloff.refusalCount'), dataIndex: 'count', align: 'right' },
                      ]}
                    />
                  ) : (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('seloff.noRefusals')} />
                  )}
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card size="small" title={t('seloff.topWaitlists')}>
                  <Table<Waitlist>
                    rowKey="teachingClassId"
                    size="small"
                    pagination={false}
                    dataSource={d.topWaitlists}
                    locale={{ emptyText: t('seloff.noWaitlists') }}
                    columns={[
                      { title: t('seloff.code'), dataIndex: 'code' },
                      { title: t('seloff.course'), dataIndex: 'courseName' },
                      { title: t('seloff.waitingCount'), dataIndex: 'waiting', align: 'right' },
                    ]}
                  />
                </Card>
              </Col>
            </Row>
          </Space>
        );
      }}
    </QueryView>
  );
}
