import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../i18n/labels.ts';

interface DiffRow {
  key: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

function show(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return 'null';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Field-by-field comparison of an audit entry's before/after snapshots; changes highlighted. */
export function diffRows(before: unknown, after: unknown): DiffRow[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.map((key) => ({ key, before: b[key], after: a[key], changed: show(b[key]) !== show(a[key]) }));
}

export function AuditDiff({ before, after, entityType }: { before: unknown; after: unknown; entityType: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const rows = diffRows(before, after);
  const changed = rows.filter((r) => r.changed);
  const shown = before && after ? changed : rows;
  if (!shown.length) return <Typography.Text type="secondary">{t('audit.noChange')}</Typography.Text>;
  return (
    <Table<DiffRow>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={shown}
      data-testid="audit-diff"
      columns={[
        {
          title: t('audit.field'),
          dataIndex: 'key',
          width: 200,
          render: (k: string) => `${labels.field(entityType, k)}${labels.field(entityType, k) !== k ? ` (${k})` : ''}`,
        },
        {
          title: t('audit.before'),
          dataIndex: 'before',
          render: (v, r) => (
            <span style={{ background: r.changed && before ? '#fff1f0' : undefined, wordBreak: 'break-all' }}>{show(v)}</span>
          ),
        },
        {
          title: t('audit.after'),
          dataIndex: 'after',
          render: (v, r) => (
            <span style={{ background: r.changed && after ? '#f6ffed' : undefined, wordBreak: 'break-all' }}>{show(v)}</span>
          ),
        },
      ]}
    />
  );
}
