import { useDeferredValue, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { selectionOffice } from '../../../api/selection-office.ts';
import { SelectLoadError } from '../../../components/QueryState.tsx';

/** Picks a class open in the round, searching on the server. */
export function ClassPicker({
  roundId,
  value,
  onChange,
  onPicked,
  id,
  'data-testid': testId,
}: {
  roundId: number;
  value?: number;
  onChange?: (v: number | undefined) => void;
  /** The picked class's words (code and course), for messages. */
  onPicked?: (label: string) => void;
  id?: string;
  'data-testid'?: string;
}) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search);
  const { data, isFetching, error, refetch } = useQuery({
    queryKey: ['sel-class-pick', roundId, q],
    queryFn: () => selectionOffice.roundClasses(roundId, { page: 1, pageSize: 50, q }),
    staleTime: 15_000,
  });
  const en = i18n.language === 'en';
  const options = (data?.items ?? []).map((c) => ({
    value: c.teachingClassId,
    label: `${c.code} ${en && c.courseNameEn ? c.courseNameEn : c.courseName}（${t('seloff.seatsLeft')} ${c.seatsLeft}/${c.capacity}）`,
    words: `${c.code}（${en && c.courseNameEn ? c.courseNameEn : c.courseName}）`,
  }));
  return (
    <Select<number>
      id={id}
      data-testid={testId}
      value={value}
      placeholder={t('seloff.pickClass')}
      options={options}
      loading={isFetching}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onClear={() => setSearch('')}
      notFoundContent={error ? <SelectLoadError error={error} onRetry={() => void refetch()} /> : undefined}
      onChange={(v) => {
        onChange?.(v ?? undefined);
        const o = options.find((x) => x.value === v);
        if (o) onPicked?.(o.words);
      }}
      style={{ minWidth: 320 }}
      popupMatchSelectWidth={false}
    />
  );
}
