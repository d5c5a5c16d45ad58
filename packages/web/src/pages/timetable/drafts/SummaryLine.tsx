import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DraftItem } from '@jiaowu/contracts';

/** The last solve of a draft in one line: feasible or not, time, seed, moves. */
export function SummaryLine({ draft }: { draft: DraftItem }) {
  const { t } = useTranslation();
  const s = draft.solveSummary;
  if (!s) return <Typography.Text type="secondary">{t('ttsolve.notSolved')}</Typography.Text>;
  return (
    <Space wrap size={4} data-testid="solve-summary">
      {s.hard === 0 ? (
        <Tag color="green">{t('ttsolve.summary.feasible')}</Tag>
      ) : (
        <Tag color="red">{t('ttsolve.summary.infeasible', { n: s.hard })}</Tag>
      )}
      <Typography.Text type="secondary">
        {t('ttsolve.placed')}: {s.placed} / {s.total} · {t('ttsolve.soft')}: {Math.round(s.soft)} ·{' '}
        {t('ttsolve.summary.elapsed', { s: (s.elapsedMs / 1000).toFixed(1) })}
        {s.firstFeasibleMs !== null && ` · ${t('ttsolve.summary.firstFeasible', { s: (s.firstFeasibleMs / 1000).toFixed(1) })}`} ·{' '}
        {t('ttsolve.summary.seed', { seed: s.seed })}
        {s.moved !== undefined && ` · ${t('ttsolve.summary.moved', { n: s.moved })}`}
      </Typography.Text>
      {s.cancelled && <Tag color="orange">{t('ttsolve.cancelledNote')}</Tag>}
    </Space>
  );
}
