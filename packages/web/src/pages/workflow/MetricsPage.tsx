import { useState } from 'react';
import { Card, Col, DatePicker, Empty, Row, Select, Space, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { EChart } from '../../components/EChart.tsx';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { DurationStats } from '@jiaowu/contracts';
import { workflow } from '../../api/modules.ts';
import { QueryView } from '../../components/QueryState.tsx';

type Row = DurationStats & { key: string; name: string };
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const hrs = (v: number | null) => (v == null ? '—' : v.toFixed(1));

/** A round axis end above `max`: 1, 2, 5 × 10ⁿ, never below `floor`. */
function niceMax(max: number, floor: number): number {
  const v = Math.max(max, floor);
  const step = 10 ** Math.floor(Math.log10(v));
  const m = [1, 2, 5, 10].find((f) => f * step >= v)!;
  return m * step;
}

/** Per flow and per step: count, median and P90 duration, overdue share, rejection and return rates. */
export function MetricsPage() {
  const { t } = useTranslation();
  const flows = useQuery({ queryKey: ['flows'], queryFn: workflow.flows });
  const [key, setKey] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(6, 'month'), dayjs()]);
  const flowKey = key ?? flows.data?.[0]?.key;
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const query = useQuery({
    queryKey: ['metrics', flowKey, from, to],
    queryFn: () => workflow.metrics(flowKey!, { from, to }),
    enabled: !!flowKey,
  });
  const data = query.data;
  const rows: Row[] = data
    ? [{ key: 'flow', name: t('wf.whole'), ...data.flow }, ...data.steps.map((s) => ({ ...s, key: String(s.step) }))]
    : [];
  const names = rows.map((r) => r.name);
  // The axis starts at 0 and ends at a round value above the largest bar (at least 1 hour or
  // 10%), so a flow with nothing overdue shows no bar instead of a full-height one at 0.
  const bar = (series: { name: string; data: (number | null)[] }[], percent = false) => ({
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number | null) => (v == null ? '—' : percent ? pct(v) : `${hrs(v)} ${t('pagesx.metrics.hours')}`),
    },
    legend: { top: 0 },
    grid: { left: 56, right: 20, top: 48, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, width: 110, overflow: 'truncate' } },
    yAxis: {
      type: 'value',
      min: 0,
      max: (v: { max: number }) => niceMax(v.max, percent ? 0.1 : 1),
      name: percent ? '%' : t('pagesx.metrics.hours'),
      axisLabel: { formatter: (v: number) => (percent ? `${Math.round(v * 100)}%` : String(v)) },
    },
    series: series.map((s) => ({
      ...s,
      type: 'bar',
      label: {
        show: true,
        position: 'top',
        formatter: (p: { value: number | null }) => (p.value ? (percent ? pct(p.value) : hrs(p.value)) : ''),
      },
    })),
  });
  const empty = !!data && data.flow.count === 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t('wf.metrics')}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            style={{ width: 220 }}
            value={flowKey}
            options={(flows.data ?? []).map((f) => ({ value: f.key, label: f.name }))}
            onChange={setKey}
          />
          <DatePicker.RangePicker value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} aria-label={t('wf.period')} />
        </Space>
        <QueryView query={query}>
          {() => (
            <Table<Row>
              rowKey="key"
              size="small"
              loading={query.isFetching}
              pagination={false}
              dataSource={rows}
              data-testid="table-metrics"
              columns={[
                { title: t('wf.stepCol'), dataIndex: 'name' },
                { title: t('wf.count'), dataIndex: 'count' },
                { title: t('wf.median'), dataIndex: 'medianHours', render: hrs },
                { title: t('wf.p90'), dataIndex: 'p90Hours', render: hrs },
                { title: t('wf.overdueShare'), dataIndex: 'overdueShare', render: pct },
                { title: t('wf.rejectionRate'), dataIndex: 'rejectionRate', render: pct },
                { title: t('wf.returnRate'), dataIndex: 'returnRate', render: pct },
              ]}
            />
          )}
        </QueryView>
      </Card>
      {empty ? (
        <Card>
          <Empty description={t('pagesx.metrics.empty')} data-testid="metrics-empty" />
        </Card>
      ) : (
        data && (
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card title={t('wf.durations')}>
                <EChart
                  style={{ height: 280 }}
                  option={bar([
                    { name: t('wf.median'), data: rows.map((r) => r.medianHours) },
                    { name: t('wf.p90'), data: rows.map((r) => r.p90Hours) },
                  ])}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('wf.rates')}>
                <EChart
                  style={{ height: 280 }}
                  option={bar(
                    [
                      { name: t('wf.overdueShare'), data: rows.map((r) => r.overdueShare) },
                      { name: t('wf.rejectionRate'), data: rows.map((r) => r.rejectionRate) },
                      { name: t('wf.returnRate'), data: rows.map((r) => r.returnRate) },
                    ],
                    true,
                  )}
                />
              </Card>
            </Col>
          </Row>
        )
      )}
    </Space>
  );
}
