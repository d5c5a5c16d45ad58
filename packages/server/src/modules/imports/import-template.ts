import { IMPORT_PATHS, RESOURCE_LABELS, type ImportKind, type Locale } from '@jiaowu/contracts';
import { renderSheet, writeXlsxBook, type Sheet } from '../../platform/files/spreadsheet-writer.ts';
import { BOOL_LABELS, importColumnSpecs, textColumnsOf, type ColumnSpec } from '../org/org.spreadsheets.ts';
import { allowedLabels } from './import-cells.ts';

type L = Record<Locale, string>;

/** What a reference column points at (also the import's row messages). */
export const REF_NOTES: Record<string, L> = {
  adminClassCode: {
    'zh-CN': '已有行政班的班级代码，如 CS2401；专业随行政班确定',
    en: 'Code of an existing admin class, e.g. CS2401; the major follows the class',
  },
  departmentCode: { 'zh-CN': '已有系的代码，如 0101', en: 'Code of an existing department, e.g. 0101' },
  buildingCode: { 'zh-CN': '已有楼宇的代码，如 A', en: 'Code of an existing building, e.g. A' },
  majorCode: { 'zh-CN': '已有专业的代码，如 080901', en: 'Code of an existing major, e.g. 080901' },
};

const OTHER_NOTES: Record<string, L> = {
  code: {
    'zh-CN': '字母、数字、-、_、.，最多 32 位；代码已存在时更新该记录（请按文本输入，以免丢失开头的 0）',
    en: 'Letters, digits, -, _ and ., at most 32; an existing code updates that record (enter as text to keep leading zeros)',
  },
  name: { 'zh-CN': '最多 100 字', en: 'At most 100 characters' },
  cohort: { 'zh-CN': '入学年份，如 2024（也可写 2024级）', en: 'Year of entry, e.g. 2024' },
  email: { 'zh-CN': '电子邮箱，可留空', en: 'Email address; may be blank' },
  phone: { 'zh-CN': '电话号码，可留空（请按文本输入）', en: 'Phone number; may be blank (enter as text)' },
  idNumber: {
    'zh-CN': '18 位身份证号（末位可为 X），或护照等证件号码，可留空（请按文本输入）',
    en: '18-character resident ID (may end in X), or a passport or other document number; may be blank (enter as text)',
  },
  capacity: { 'zh-CN': '座位数，0–5000', en: 'Seats, 0–5000' },
  examCapacity: { 'zh-CN': '考试时可用座位数，0–5000', en: 'Seats usable in exams, 0–5000' },
};

function note(spec: ColumnSpec, locale: Locale): string {
  const f = spec.field;
  if (spec.isRef) return REF_NOTES[spec.key]?.[locale] ?? '';
  if (f?.enum && f.kind === 'enum') return (locale === 'en' ? 'One of: ' : '可选值：') + allowedLabels(f.enum, locale);
  if (f?.enum && f.kind === 'enumList') {
    return (locale === 'en' ? 'Any of, separated by commas: ' : '可多选，用逗号、顿号或分号分隔：') + allowedLabels(f.enum, locale);
  }
  if (f?.kind === 'bool') return BOOL_LABELS[locale].join(' / ') + (locale === 'en' ? ' (blank: Yes)' : '（留空为“是”）');
  return OTHER_NOTES[spec.key]?.[locale] ?? '';
}

/**
 * An empty import file with the header row in the caller's language; the
 * XLSX version has a second sheet explaining each column and its allowed values.
 */
export async function buildImportTemplate(
  kind: ImportKind,
  format: 'csv' | 'xlsx',
  locale: Locale,
): Promise<{ file: Buffer; filename: string }> {
  const specs = importColumnSpecs(kind);
  const label = (s: ColumnSpec) => (locale === 'en' ? s.en : s.zh);
  const resource = RESOURCE_LABELS[kind]?.[locale] ?? kind;
  const data: Sheet = { name: resource, headers: specs.map(label), rows: [], textColumns: textColumnsOf(specs) };
  const filename = locale === 'en' ? `${IMPORT_PATHS[kind]}-import-template.${format}` : `${resource}导入模板.${format}`;
  if (format === 'csv') return { file: await renderSheet(data, 'csv'), filename };
  const yes = locale === 'en' ? 'Yes' : '是';
  const notes: Sheet = {
    name: locale === 'en' ? 'Notes' : '填写说明',
    headers: locale === 'en' ? ['Column', 'Required', 'Notes'] : ['列名', '必填', '说明'],
    rows: [
      ...specs.map((s) => [label(s), s.required ? yes : '', note(s, locale)]),
      [],
      [
        locale === 'en'
          ? 'Headers may be in Chinese or English; unknown columns are ignored; blank rows are skipped.'
          : '表头可用中文或英文；无法识别的列将被忽略；空行将被跳过。',
      ],
    ],
  };
  return { file: await writeXlsxBook([data, notes]), filename };
}
