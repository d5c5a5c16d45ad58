import { Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldSpec, ResourceKey } from '@jiaowu/contracts';
import type { Labels } from '../i18n/labels.ts';
import { RefSelect } from './RefSelect.tsx';

export type Filters = Record<string, string | number | boolean | undefined>;

interface Props {
  resource: ResourceKey;
  fields: FieldSpec[];
  labels: Labels;
  q: string;
  onQ: (q: string) => void;
  filters: Filters;
  onFilters: (f: Filters) => void;
}

/** Search box plus one control per filterable field of the resource. */
export function FilterBar({ resource, fields, labels, q, onQ, filters, onFilters }: Props) {
  const { t } = useTranslation();
  const set = (key: string, v: unknown) => onFilters({ ...filters, [key]: v === null || v === '' ? undefined : (v as Filters[string]) });
  return (
    // Spacing below comes from the ListToolbar around it.
    <Space wrap>
      <Input.Search
        allowClear
        placeholder={t('table.searchPlaceholder')}
        defaultValue={q}
        onSearch={onQ}
        style={{ width: 220 }}
        data-testid="table-search"
      />
      {fields
        .filter((f) => f.filter)
        .map((f) => {
          const placeholder = labels.field(resource, f.key);
          const value = filters[f.key];
          if (f.kind === 'ref')
            return (
              <RefSelect
                key={f.key}
                resource={f.ref as ResourceKey}
                placeholder={placeholder}
                value={value as number | undefined}
                onChange={(v) => set(f.key, v)}
                style={{ width: 180 }}
                data-testid={`filter-${f.key}`}
              />
            );
          if (f.kind === 'enum')
            return (
              <Select
                key={f.key}
                allowClear
                placeholder={placeholder}
                value={value}
                onChange={(v) => set(f.key, v)}
                options={labels.enumOptions(f.enum!)}
                style={{ width: 150 }}
                data-testid={`filter-${f.key}`}
              />
            );
          if (f.kind === 'bool')
            return (
              <Select
                key={f.key}
                allowClear
                placeholder={placeholder}
                value={value}
                onChange={(v) => set(f.key, v)}
                options={[
                  { value: true, label: `${placeholder}: ${t('common.yes')}` },
                  { value: false, label: `${placeholder}: ${t('common.no')}` },
                ]}
                style={{ width: 150 }}
              />
            );
          if (f.kind === 'number')
            return (
              <InputNumber
                key={f.key}
                placeholder={placeholder}
                value={value as number | undefined}
                onChange={(v) => set(f.key, v)}
                style={{ width: 120 }}
              />
            );
          return (
            <Input
              key={f.key}
              allowClear
              placeholder={placeholder}
              value={(value as string) ?? ''}
              onChange={(e) => set(f.key, e.target.value)}
              style={{ width: 150 }}
            />
          );
        })}
    </Space>
  );
}
