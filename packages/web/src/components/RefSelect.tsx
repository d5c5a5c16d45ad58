import { RESOURCES, type ResourceKey } from '@jiaowu/contracts';
import type { Row } from '../api/endpoints.ts';
import { ApiSelect } from './ApiSelect.tsx';

interface Props {
  resource: ResourceKey;
  value?: number | null;
  onChange?: (value: number | undefined) => void;
  /** Label of the current value when it is not among the loaded options. */
  currentLabel?: string;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  /** Extra filters of the referenced list (e.g. a college's departments). */
  filters?: Record<string, string | number | undefined>;
  'data-testid'?: string;
}

export function optionLabel(row: Row): string {
  const name = String(row.name ?? row.id);
  return row.code ? `${name} (${String(row.code)})` : name;
}

/**
 * Picks a record of an organisation resource. The options live under `['ref', resource]`,
 * which the resource pages invalidate after a write.
 */
export function RefSelect({ resource, value, onChange, style, ...rest }: Props) {
  return (
    <ApiSelect<number | undefined>
      {...rest}
      path={`/${RESOURCES[resource].path}`}
      queryKey={['ref', resource]}
      label={optionLabel}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      style={{ minWidth: 160, ...style }}
    />
  );
}
