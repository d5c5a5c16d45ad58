import { Tag } from 'antd';
import { CheckCircleTwoTone, MinusCircleOutlined } from '@ant-design/icons';
import type { FieldSpec } from '@jiaowu/contracts';
import type { Labels } from '../i18n/labels.ts';
import { formatDate } from '../lib/time.ts';

/** How one field of a record is shown in a table or a description list. */
export function renderCell(field: FieldSpec, row: Record<string, unknown>, labels: Labels) {
  const v = row[field.key];
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
      return v ? formatDate(String(v)) : '';
    case 'slots':
      return Array.isArray(v) ? v.length : 0;
    default:
      return v == null ? '' : String(v);
  }
}
