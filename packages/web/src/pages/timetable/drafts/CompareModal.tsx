import { Modal, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../../components/QueryState.tsx';
import { draftsApi } from './api.ts';
import { MovesTable } from './MovesTable.tsx';

const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : Math.round(v * 10) / 10);

/** Two or three drafts side by side: placed, hard, soft, cost by constraint, per college, and the moves between them. */
export function CompareModal({ ids, onClose }: { ids: number[] | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['timetable-compare', ids, i18n.language],
    queryFn: () => draftsApi.compare(ids!),
    enabled: ids !== null && ids.length >= 2,
  });
  return (
    <Modal open={ids !== null} onCancel={onClose} footer={null} width={960} title={t('ttsolve.compareTitle')} destroyOnHidden>
      <QueryView query={query}>
        {(c) => (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="compare-view">
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={[
                { key: 'placed', label: t('ttsolve.placed'), values: c.drafts.map((d) => `${d.placed} / ${d.total}`) },
                { key: 'hard', label: t('ttsolve.hard'), values: c.drafts.map((d) => String(d.hard)) },
                { key: 'soft', label: t('ttsolve.soft'), values: c.drafts.map((d) => String(num(d.soft))) },
                ...c.byConstraint.map((x) => ({ key: x.key, label: x.label, values: x.values.map((v) => String(num(v))) })),
              ]}
              columns={[
                { title: t('ttsolve.constraint'), dataIndex: 'label' },
                ...c.drafts.map((d, i) => ({ title: d.name, key: d.id, render: (_: unknown, r: { values: string[] }) => r.values[i] })),
              ]}
            />
            <Typography.Title level={5}>{t('ttsolve.byCollege')}</Typography.Title>
            <Table
              size="small"
              pagination={false}
              rowKey="collegeId"
              dataSource={c.byCollege}
              columns={[
                { title: t('ttsolve.college'), dataIndex: 'collegeName' },
                ...c.drafts.map((d, i) => ({
                  title: d.name,
                  key: d.id,
                  render: (_: unknown, r: (typeof c.byCollege)[number]) =>
                    `${r.values[i].placed} / ${r.values[i].total} · ${t('ttsolve.soft')} ${num(r.values[i].soft)}`,
                })),
              ]}
            />
            {c.moves.map((m) => (
              <div key={m.otherId}>
                <Typography.Title level={5}>
                  {t('ttsolve.movesBetween', { a: c.drafts[0].name, b: c.drafts.find((d) => d.id === m.otherId)?.name ?? '', n: m.count })}
                </Typography.Title>
                <MovesTable items={m.items} />
              </div>
            ))}
          </Space>
        )}
      </QueryView>
    </Modal>
  );
}
