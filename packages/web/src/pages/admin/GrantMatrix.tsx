import { Checkbox, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { PERMISSIONS, SCOPES, type Grant, type Permission, type Scope } from '@jiaowu/contracts';
import { useLabels } from '../../i18n/labels.ts';

interface Props {
  value?: Grant[];
  onChange?: (grants: Grant[]) => void;
  disabled?: boolean;
}

/** Permission × data scope matrix: one checkbox per (permission, scope) grant. */
export function GrantMatrix({ value = [], onChange, disabled }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const has = (p: Permission, s: Scope) => value.some((g) => g.permission === p && g.scope === s);
  const toggle = (p: Permission, s: Scope, on: boolean) =>
    onChange?.(on ? [...value, { permission: p, scope: s }] : value.filter((g) => !(g.permission === p && g.scope === s)));
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(p) => p}
      dataSource={[...PERMISSIONS]}
      scroll={{ x: 'max-content' }}
      data-testid="grant-matrix"
      columns={[
        {
          title: t('roles.permission'),
          render: (_, p: Permission) => <span title={p}>{labels.enumLabel('permission', p)}</span>,
        },
        ...SCOPES.map((s) => ({
          title: labels.enumLabel('scope', s),
          align: 'center' as const,
          render: (_: unknown, p: Permission) => (
            <Checkbox checked={has(p, s)} disabled={disabled} onChange={(e) => toggle(p, s, e.target.checked)} aria-label={`${p}:${s}`} />
          ),
        })),
      ]}
    />
  );
}
