import { useDeferredValue, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { SelectLoadError } from './QueryState.tsx';
import type { Paged } from '@jiaowu/contracts';
import { get } from '../api/client.ts';

type Item = Record<string, unknown> & { id: number };

interface Props<V> {
  /** API list or lookup path, e.g. `/courses`, `/teachers`, `/workflow/tasks/3/delegates`. */
  path: string;
  value?: V;
  onChange?: (value: V) => void;
  mode?: 'multiple';
  filters?: Record<string, string | number | boolean | undefined>;
  label?: (row: Item) => string;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  disabled?: boolean;
  id?: string;
  'data-testid'?: string;
}

const defaultLabel = (r: Item) =>
  r.code ? `${String(r.name ?? r.id)} (${String(r.code)})` : String(r.name ?? r.displayName ?? r.username ?? r.id);

/** Picks one or more records of any list endpoint, searching on the server (`pageSize=200&q=`). */
export function ApiSelect<V = number | undefined>({ path, value, onChange, mode, filters, label = defaultLabel, ...rest }: Props<V>) {
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search);
  const { data, isFetching, error, refetch } = useQuery({
    queryKey: ['api-select', path, q, filters],
    queryFn: () => get<Paged<Item> | Item[]>(path, { pageSize: 200, q, ...filters }),
    staleTime: 30_000,
  });
  // Lookups answer a plain array; list endpoints `{ items, total }`.
  const rows = Array.isArray(data) ? data : (data?.items ?? []);
  const options = rows.map((r) => ({ value: r.id, label: label(r) }));
  return (
    <Select<V>
      {...rest}
      mode={mode}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v as V)}
      options={options}
      loading={isFetching}
      // A failed search says so (and offers a retry) instead of 暂无数据.
      notFoundContent={error ? <SelectLoadError error={error} onRetry={() => void refetch()} /> : undefined}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear={rest.allowClear ?? true}
      onClear={() => setSearch('')}
      popupMatchSelectWidth={false}
      style={{ minWidth: 180, ...rest.style }}
    />
  );
}
