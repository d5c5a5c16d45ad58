import { useDeferredValue, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { resources } from '../../../api/endpoints.ts';
import { SelectLoadError } from '../../../components/QueryState.tsx';

/** Picks a student by number or name (the students list, searched on the server). */
export function StudentPicker({
  value,
  onChange,
  onPicked,
  id,
  style,
  'data-testid': testId,
}: {
  value?: number;
  onChange?: (v: number | undefined) => void;
  /** The picked student's words ("张三 (2024010101)"), for lists and messages. */
  onPicked?: (label: string) => void;
  id?: string;
  style?: React.CSSProperties;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search);
  const { data, isFetching, error, refetch } = useQuery({
    queryKey: ['sel-student-pick', q],
    queryFn: () => resources.list('students', { page: 1, pageSize: 30, q }),
    staleTime: 30_000,
  });
  const options = (data?.items ?? []).map((s) => ({ value: s.id, label: `${String(s.name)} (${String(s.code)})` }));
  return (
    <Select<number>
      id={id}
      data-testid={testId}
      value={value}
      placeholder={t('seloff.pickStudent')}
      options={options}
      loading={isFetching}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onClear={() => setSearch('')}
      notFoundContent={error ? <SelectLoadError error={error} onRetry={() => void refetch()} /> : undefined}
      onChange={(v) => {
        onChange?.(v ?? undefined);
        const o = options.find((x) => x.value === v);
        if (o) onPicked?.(o.label);
      }}
      style={{ minWidth: 260, ...style }}
      popupMatchSelectWidth={false}
    />
  );
}
