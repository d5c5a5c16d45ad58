import { useMemo } from 'react';
import { Alert, Card, List, Space, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SheetSummary } from './grid-logic.ts';
import { EChart } from '../../components/EChart.tsx';
import { useIssueText } from './issue-text.ts';

const BANDS = Array.from({ length: 10 }, (_, i) => (i === 9 ? '90–100' : `${i * 10}–${i * 10 + 9}`));

/** Beside the grid: the histogram, mean, median, pass rate, how many are missing, and the warnings — live. */
export function DistributionCard({ summary }: { summary: SheetSummary }) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const d = summary.distribution;
  const option = useMemo(
    () => ({
      grid: { left: 32, right: 8, top: 16, bottom: 40 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: BANDS, axisLabel: { rotate: 45, fontSize: 10 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          data: d.histogram.map((v, i) => ({ value: v, itemStyle: { color: i < 6 ? '#ff7875' : '#4096ff' } })),
          label: { show: true, position: 'top', formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
        },
      ],
    }),
    [d.histogram],
  );
  const fmt = (v: number | null, digits = 1) => (v === null ? '—' : v.toFixed(digits));
  return (
    <Card size="small" title={t('grades.stats.title')} data-testid="grade-distribution">
      <EChart option={option} style={{ height: 220 }} renderer="svg" />
      <Space wrap size={[24, 8]} style={{ marginBottom: 12 }}>
        <Statistic title={t('grades.stats.count')} value={d.count} data-testid="stat-count" />
        <Statistic title={t('grades.stats.mean')} value={fmt(d.mean)} data-testid="stat-mean" />
        <Statistic title={t('grades.stats.median')} value={fmt(d.median)} />
        <Statistic
          title={t('grades.stats.passRate')}
          value={d.passRate === null ? '—' : `${Math.round(d.passRate * 100)}%`}
          data-testid="stat-pass"
        />
        <Statistic title={t('grades.stats.missing')} value={summary.missing} data-testid="stat-missing" />
      </Space>
      {summary.warnings.length === 0 ? (
        <Alert type="success" showIcon message={t('grades.stats.noWarnings')} />
      ) : (
        <List
          size="small"
          header={t('grades.stats.warnings')}
          dataSource={summary.warnings}
          data-testid="grade-warnings"
          renderItem={(w) => <List.Item style={{ color: '#d46b08' }}>{issueText(w)}</List.Item>}
        />
      )}
    </Card>
  );
}
