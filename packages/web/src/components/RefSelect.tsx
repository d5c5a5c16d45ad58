import { useDeferredValue, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { SelectLoadError } from './QueryState.tsx';
import type { ResourceKey } from '@jiaowu/contracts';
import { resources, type Row } from '../api/endpoints.ts';

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

/** Picks a record of another resource, searching the server (`pageSize=200&q=`). */
export function RefSelect({ resource, value, onChange, currentLabel, filters, ...rest }: Props) {
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search);
  const { data, isFetching, error, refetch } = useQuery({
    queryKey: ['ref', resource, q, filters],
    queryFn: () => resources.list(resource, { pageSize: 200, q, ...filters }),
    staleTime: 30_000,
  });
  const options = (data?.items ?? []).map((r) => ({ value: r.id, label: optionLabel(r) }));
  if (value != null && currentLabel && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: currentLabel });
  }
  return (
    <Select<number>
      {...rest}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={options}
      loading={isFetching}
      // A failed search says so (and offers a retry) instead of 暂无数据.
      notFoundContent={error ? <SelectLoadError error={error} onRetry={() => void refetch()} /> : undefined}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear={rest.allowClear ?? true}
      onClear={() => setSearch('')}
      popupMatchSelectWidth={false}
      style={{ minWidth: 160, ...rest.style }}
    />
  );
}
