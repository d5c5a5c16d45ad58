import { Tag } from 'antd';
import { CheckCircleTwoTone, MinusCircleOutlined } from '@ant-design/icons';
import { maskIdNumber, type FieldSpec } from '@jiaowu/contracts';
import type { Labels } from '../i18n/labels.ts';
import { formatDate } from '../lib/time.ts';

/** The cell class of a field's column: numbers, dates and codes never wrap (styles.css). */
export function cellClass(field: FieldSpec): string | undefined {
  if (field.kind === 'number' || field.kind === 'date' || field.kind === 'slots') return 'num';
  if (field.key === 'code') return 'code';
  return undefined;
}

/** How one field of a record is shown in a table or a description list (numbers and dates on one line). */
export function renderCell(field: FieldSpec, row: Record<string, unknown>, labels: Labels) {
  const v = row[field.key];
  // Personal data is masked wherever it is displayed, even to a manager who receives it in full for the edit form.
  if (field.sensitive) return v == null ? '' : <span className="nowrap">{maskIdNumber(String(v))}</span>;
  switch (field.kind) {
    case 'ref':
      return (field.display ? (row[field.display] as string) : null) ?? (v == null ? '' : String(v));
    case 'enum':
      return v == null ? '' : labels.enumLabel(field.enum!, v);
    case 'enumList':
      return ((v as string[] | null) ?? []).map((x) => <Tag key={x}>{labels.enumLabel(field.enum!, x)}</Tag>);
    case 'bool':
      return v ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <MinusCircleOutlined style={{ color: '#bbb' }} />;
    case 'date':
      return v ? <span className="num">{formatDate(String(v))}</span> : '';
    case 'slots':
      return <span className="num">{Array.isArray(v) ? v.length : 0}</span>;
    case 'number':
      return v == null ? '' : <span className="num">{String(v)}</span>;
    default:
      return v == null ? '' : field.key === 'code' ? <span className="nowrap">{String(v)}</span> : String(v);
  }
}
