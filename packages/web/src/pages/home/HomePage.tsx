import { lazy, Suspense } from 'react';
import { Card, Col, Row, Skeleton, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { HomeView } from '@jiaowu/contracts';
import { QueryView } from '../../components/QueryState.tsx';
import { DeadlinesCard } from './DeadlinesCard.tsx';
import { fetchHome, formatDate } from './home-api.ts';
import { MineCard } from './MineCard.tsx';
import { NoticesCard } from './NoticesCard.tsx';
import { NumbersRow } from './NumbersRow.tsx';
import { QuickActions } from './QuickActions.tsx';
import { SelectionCard } from './SelectionCard.tsx';
import { TermCard } from './TermCard.tsx';
import { WaitingCard } from './WaitingCard.tsx';

// ECharts is large: the dashboards load as their own chunk, only for those who get them.
const DashboardCharts = lazy(() => import('./DashboardCharts.tsx').then((m) => ({ default: m.DashboardCharts })));

/**
 * The day's work in one page: the term and today's week, what waits for me
 * (approvals, my applications, deadlines, notifications), quick actions for
 * my role, the term's numbers in my scope, and for the office and leaders
 * the school's dashboards. One request (GET /api/home).
 */
export function HomePage() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['home'], queryFn: fetchHome });
  // Approver tools only for those who approve in some flow (or have tasks waiting).
  const approves = (home: HomeView) => home.waiting.isApprover;
  const today = formatDate(new Date().toISOString());
  return (
    <QueryView query={query} rows={8}>
      {(home) => (
        <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="home">
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={14}>
              <TermCard term={home.term} today={today} />
            </Col>
            <Col xs={24} lg={10}>
              <QuickActions approves={approves(home)} />
            </Col>
          </Row>
          {home.selection && home.selection.length > 0 && <SelectionCard rounds={home.selection} />}
          {home.numbers && (
            <div data-testid="home-numbers">
              <Typography.Title level={5}>{t('homex.numbers.title')}</Typography.Title>
              <NumbersRow numbers={home.numbers} />
            </div>
          )}
          <Row gutter={[16, 16]}>
            {approves(home) && (
              <Col xs={24} lg={12}>
                <WaitingCard waiting={home.waiting} />
              </Col>
            )}
            <Col xs={24} lg={12}>
              <MineCard mine={home.mine} />
            </Col>
            <Col xs={24} lg={12}>
              <DeadlinesCard deadlines={home.deadlines} />
            </Col>
            <Col xs={24} lg={12}>
              <NoticesCard notifications={home.notifications} />
            </Col>
          </Row>
          {home.charts && (
            <div>
              <Typography.Title level={5}>{t('homex.charts.title')}</Typography.Title>
              <Suspense
                fallback={
                  <Card>
                    <Skeleton active />
                  </Card>
                }
              >
                <DashboardCharts charts={home.charts} />
              </Suspense>
            </div>
          )}
        </Space>
      )}
    </QueryView>
  );
}
