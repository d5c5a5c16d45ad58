import { DatePicker, Input, InputNumber, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { FieldSpec, ResourceKey } from '@jiaowu/contracts';
import type { Labels } from '../i18n/labels.ts';
import { RefSelect } from './RefSelect.tsx';

interface Props {
  field: FieldSpec;
  labels: Labels;
  /** The record being edited, for the display name of references. */
  row?: Record<string, unknown>;
  value?: unknown;
  onChange?: (v: unknown) => void;
  id?: string;
}

/** The input control of one resource field, chosen by its kind (antd passes value/onChange). */
export function FieldInput({ field, labels, row, ...control }: Props) {
  const { t } = useTranslation();
  // The contract's example value: "例如 2026-2027" tells the expected format before the first save.
  const placeholder = field.placeholder ? t('shell.example', { example: field.placeholder }) : undefined;
  const common = { id: control.id, 'data-testid': `field-${field.key}` };
  switch (field.kind) {
    case 'number':
      return (
        <InputNumber
          {...common}
          value={control.value as number}
          onChange={control.onChange}
          placeholder={placeholder}
          style={{ width: '100%' }}
        />
      );
    case 'enum':
      return (
        <Select
          {...common}
          value={control.value}
          onChange={control.onChange}
          allowClear={!field.required}
          options={labels.enumOptions(field.enum!)}
        />
      );
    case 'enumList':
      return (
        <Select {...common} mode="multiple" value={control.value} onChange={control.onChange} options={labels.enumOptions(field.enum!)} />
      );
    case 'ref':
      return (
        <RefSelect
          {...common}
          resource={field.ref as ResourceKey}
          value={control.value as number}
          onChange={control.onChange}
          allowClear={!field.required}
          currentLabel={row && field.display ? (row[field.display] as string | undefined) : undefined}
          style={{ width: '100%' }}
        />
      );
    case 'date':
      return (
        <DatePicker
          {...common}
          value={control.value as Dayjs | null | undefined}
          onChange={control.onChange}
          placeholder={placeholder}
          style={{ width: '100%' }}
        />
      );
    case 'bool':
      return <Switch {...common} checked={!!control.value} onChange={control.onChange} />;
    default:
      return (
        <Input
          {...common}
          value={(control.value as string) ?? ''}
          onChange={(e) => control.onChange?.(e.target.value)}
          placeholder={placeholder}
        />
      );
  }
}
