import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CurriculumPlan } from '@jiaowu/contracts';
import { useLabels } from '../../i18n/labels.ts';

type Course = CurriculumPlan['groups'][number]['courses'][number];
type Row = { key: string; group?: CurriculumPlan['groups'][number]; course?: Course };

/** Courses by group (rows) and recommended term (columns 1–8), credits in the cell of the term. */
export function PlanGrid({ plan }: { plan: CurriculumPlan }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const rows: Row[] = plan.groups.flatMap((g) => [
    { key: `g${g.id}`, group: g },
    ...g.courses.map((c) => ({ key: `c${g.id}-${c.id}`, course: c })),
  ]);
  const terms = Array.from({ length: 8 }, (_, i) => i + 1);
  return (
    <Table<Row>
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      data-testid="plan-grid"
      rowClassName={(r) => (r.group ? 'plan-group-row' : '')}
      columns={[
        {
          title: t('plans.course'),
          key: 'course',
          onCell: (r) => (r.group ? { colSpan: 3 + terms.length, style: { background: '#fafafa', fontWeight: 600 } } : {}),
          render: (_, r) =>
            r.group ? (
              <>
                {r.group.name} <Tag>{labels.enumLabel('planGroupKind', r.group.kind)}</Tag>
                {r.group.kind === 'elective' && `${t('plans.minCredits')} ${r.group.minCredits ?? '—'} · `}
                {t('plans.plannedTotal', { credits: r.group.credits })}
              </>
            ) : (
              <span style={{ opacity: r.course!.isActive ? 1 : 0.5 }}>
                {r.course!.code} {r.course!.name}
              </span>
            ),
        },
        {
          title: labels.field('courses', 'credits'),
          key: 'credits',
          onCell: (r) => (r.group ? { colSpan: 0 } : {}),
          render: (_, r) => r.course?.credits,
        },
        {
          title: labels.field('courses', 'category'),
          key: 'cat',
          onCell: (r) => (r.group ? { colSpan: 0 } : {}),
          render: (_, r) => r.course && labels.enumLabel('courseCategory', r.course.category),
        },
        ...terms.map((term) => ({
          title: String(term),
          key: `t${term}`,
          align: 'center' as const,
          onCell: (r: Row) => (r.group ? { colSpan: 0 } : {}),
          render: (_: unknown, r: Row) => (r.course?.term === term ? <Tag color="blue">{r.course.credits}</Tag> : null),
        })),
      ]}
    />
  );
}
