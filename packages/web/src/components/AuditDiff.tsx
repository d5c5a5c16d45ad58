import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditChange, AuditEntry } from '@jiaowu/contracts';

/**
 * The fields an audit entry changed, as the server words them: field labels,
 * names behind ids, translated values. A create shows only what was set, a
 * delete only what was there; unchanged fields never appear.
 */
export function AuditDiff({ entry }: { entry: Pick<AuditEntry, 'changes' | 'before' | 'after'> }) {
  const { t } = useTranslation();
  if (!entry.changes.length) return <Typography.Text type="secondary">{t('audit.noChange')}</Typography.Text>;
  const isCreate = entry.before == null;
  const isDelete = entry.after == null;
  const value = (v: string | null, tone: 'old' | 'new') =>
    v === null ? (
      <Typography.Text type="secondary">{t('auditx.empty')}</Typography.Text>
    ) : (
      <span style={{ background: tone === 'old' ? '#fff1f0' : '#f6ffed', wordBreak: 'break-word' }}>{v}</span>
    );
  return (
    <Table<AuditChange>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={entry.changes}
      data-testid="audit-diff"
      columns={[
        { title: t('audit.field'), dataIndex: 'label', width: 180 },
        ...(isCreate
          ? []
          : [
              {
                title: isDelete ? t('auditx.removed') : t('audit.before'),
                dataIndex: 'before',
                render: (v: string | null) => value(v, 'old'),
              },
            ]),
        ...(isDelete
          ? []
          : [
              {
                title: isCreate ? t('auditx.created') : t('audit.after'),
                dataIndex: 'after',
                render: (v: string | null) => value(v, 'new'),
              },
            ]),
      ]}
    />
  );
}
