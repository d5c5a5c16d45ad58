import { useState } from 'react';
import { Card, Col, DatePicker, Row, Select, Space, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { EChart } from '../../components/EChart.tsx';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { DurationStats } from '@jiaowu/contracts';
import { workflow } from '../../api/modules.ts';

type Row = DurationStats & { key: string; name: string };
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const hrs = (v: number | null) => (v == null ? '—' : v.toFixed(1));

/** Per flow and per step: count, median and P90 duration, overdue share, rejection and return rates. */
export function MetricsPage() {
  const { t } = useTranslation();
  const flows = useQuery({ queryKey: ['flows'], queryFn: workflow.flows });
  const [key, setKey] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(6, 'month'), dayjs()]);
  const flowKey = key ?? flows.data?.[0]?.key;
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const { data, isFetching } = useQuery({
    queryKey: ['metrics', flowKey, from, to],
    queryFn: () => workflow.metrics(flowKey!, { from, to }),
    enabled: !!flowKey,
  });
  const rows: Row[] = data
    ? [{ key: 'flow', name: t('wf.whole'), ...data.flow }, ...data.steps.map((s) => ({ ...s, key: String(s.step) }))]
    : [];
  const names = rows.map((r) => r.name);
  const bar = (series: { name: string; data: (number | null)[] }[], percent = false) => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, width: 110, overflow: 'truncate' } },
    yAxis: { type: 'value', axisLabel: percent ? { formatter: (v: number) => `${v * 100}%` } : undefined },
    series: series.map((s) => ({ ...s, type: 'bar' })),
  });
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
        <Table<Row>
          rowKey="key"
          size="small"
          loading={isFetching}
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
      </Card>
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
    </Space>
  );
}
