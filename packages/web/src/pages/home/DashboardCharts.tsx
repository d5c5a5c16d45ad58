import { Card, Col, Empty, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { REQUEST_STATUSES, type HomeCharts } from '@jiaowu/contracts';
import { EChart } from '../../components/EChart.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { shortDate } from './home-api.ts';

const HEIGHT = 300;

/** Counts on a value axis: whole numbers only, the axis labelled. */
const countAxis = { type: 'value', minInterval: 1, axisLabel: { show: true } } as const;

/** A category (college, week) × series (status, cohort) table as stacked bars; a zero draws no bar. */
function stacked(categories: string[], series: { name: string; values: number[] }[], horizontal: boolean) {
  // Colleges: every name, whole. Weeks: as many as fit, slanted; the tooltip names each.
  const categoryAxis = {
    type: 'category',
    data: categories,
    axisLabel: horizontal ? { interval: 0, width: 160, overflow: 'truncate' } : { interval: 'auto', rotate: 40, hideOverlap: true },
  };
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    grid: { left: horizontal ? 8 : 28, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: horizontal ? countAxis : categoryAxis,
    yAxis: horizontal ? { ...categoryAxis, inverse: true } : countAxis,
    series: series.map((s) => ({ name: s.name, type: 'bar', stack: 'total', barMaxWidth: 36, data: s.values.map((v) => v || null) })),
  };
}

function ChartCard({
  title,
  testId,
  empty,
  option,
}: {
  title: string;
  testId: string;
  empty: boolean;
  option: ReturnType<typeof stacked>;
}) {
  const { t } = useTranslation();
  return (
    <Card title={title} data-testid={testId}>
      {empty ? (
        <Empty description={t('homex.charts.empty')} style={{ height: HEIGHT - 40, paddingTop: 60 }} data-testid="chart-empty" />
      ) : (
        <EChart option={option} style={{ height: HEIGHT }} renderer="svg" />
      )}
    </Card>
  );
}

const unique = <T,>(xs: T[]) => [...new Set(xs)];

/** The office's and leaders' dashboards: requests by status per college, decisions per week, students per college and cohort, classes per college. */
export function DashboardCharts({ charts }: { charts: HomeCharts }) {
  const { t } = useTranslation();
  const labels = useLabels();

  const requestColleges = unique(charts.requestsByCollege.map((r) => r.college));
  const statuses = REQUEST_STATUSES.filter((s) => charts.requestsByCollege.some((r) => r.status === s));
  const requests = stacked(
    requestColleges,
    statuses.map((s) => ({
      name: labels.enumLabel('requestStatus', s),
      values: requestColleges.map((c) => charts.requestsByCollege.find((r) => r.college === c && r.status === s)?.count ?? 0),
    })),
    true,
  );

  const weeks = charts.decisionsPerWeek;
  const weekLabel = (w: (typeof weeks)[number]) => (w.week >= 1 ? t('homex.charts.week', { week: w.week }) : shortDate(w.weekStart));
  const decisions = stacked(
    weeks.map(weekLabel),
    (['approved', 'returned', 'rejected'] as const).map((k) => ({ name: t(`homex.charts.${k}`), values: weeks.map((w) => w[k]) })),
    false,
  );

  const studentColleges = unique(charts.studentsByCollege.map((r) => r.college));
  const cohorts = unique(charts.studentsByCollege.map((r) => r.cohort)).sort();
  const students = stacked(
    studentColleges,
    cohorts.map((cohort) => ({
      name: t('homex.charts.cohort', { cohort }),
      values: studentColleges.map((c) => charts.studentsByCollege.find((r) => r.college === c && r.cohort === cohort)?.count ?? 0),
    })),
    true,
  );

  const classes = stacked(
    charts.classesByCollege.map((r) => r.college),
    [{ name: t('homex.charts.classes'), values: charts.classesByCollege.map((r) => r.count) }],
    true,
  );

  return (
    <Row gutter={[16, 16]} data-testid="home-charts">
      <Col xs={24} xl={12}>
        <ChartCard title={t('homex.charts.requestsByCollege')} testId="chart-requests" empty={!requestColleges.length} option={requests} />
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard
          title={t('homex.charts.decisionsPerWeek')}
          testId="chart-decisions"
          empty={!weeks.some((w) => w.approved + w.returned + w.rejected > 0)}
          option={decisions}
        />
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard title={t('homex.charts.studentsByCollege')} testId="chart-students" empty={!studentColleges.length} option={students} />
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard
          title={t('homex.charts.classesByCollege')}
          testId="chart-classes"
          empty={!charts.classesByCollege.length}
          option={classes}
        />
      </Col>
    </Row>
  );
}
