import {
  ENUM_LABELS,
  IMPORT_COLUMNS,
  RESOURCE_LABELS,
  RESOURCES,
  type FieldSpec,
  type ImportColumn,
  type ImportKind,
  type Locale,
  type ResourceKey,
} from '@jiaowu/contracts';
import type { Exporter } from '../../platform/crud/resource.export.ts';

/** How a spreadsheet column is written and read: a resource field, or a reference by public code. */
export type ColumnSpec = ImportColumn & { field: FieldSpec | undefined; isRef: boolean };

/**
 * The import columns of a kind with the resource field behind each one
 * (enum, list, bool, number); columns such as `adminClassCode` are references
 * by code. Imports parse and exports format cells by this same description.
 */
export function importColumnSpecs(kind: ImportKind): ColumnSpec[] {
  const fields = RESOURCES[kind as ResourceKey].fields;
  return IMPORT_COLUMNS[kind].map((col) => {
    const field = fields.find((f) => f.key === col.key);
    return { ...col, field, isRef: !field && col.key.endsWith('Code') };
  });
}

export const BOOL_LABELS: Record<Locale, [string, string]> = { 'zh-CN': ['是', '否'], en: ['Yes', 'No'] };

/** The text of a cell as an export writes it (labels in the reader's language; lists joined with ','). */
export function formatCell(spec: ColumnSpec, value: unknown, locale: Locale): string | number | null {
  if (value == null) return null;
  const f = spec.field;
  if (f?.enum && (f.kind === 'enum' || f.kind === 'enumList')) {
    const labels = ENUM_LABELS[f.enum] as Record<string, Record<Locale, string>>;
    const one = (x: unknown) => labels[String(x)]?.[locale] ?? String(x);
    return Array.isArray(value) ? value.map(one).join(',') : one(value);
  }
  if (f?.kind === 'bool') return BOOL_LABELS[locale][value ? 0 : 1];
  if (typeof value === 'number') return value;
  return String(value);
}

/** Columns typed as text in XLSX: codes and phone numbers must not become numbers. */
export function textColumnsOf(specs: ColumnSpec[]): number[] {
  return specs.flatMap((s, i) => (s.key === 'code' || s.isRef || s.key === 'phone' || s.key === 'idNumber' ? [i] : []));
}

function importColumnsExporter(kind: ImportKind): Exporter {
  const specs = importColumnSpecs(kind);
  return (rows, locale) => ({
    name: RESOURCE_LABELS[kind]?.[locale] ?? kind,
    headers: specs.map((s) => (locale === 'en' ? s.en : s.zh)),
    rows: rows.map((row) => specs.map((s) => formatCell(s, row[s.key], locale))),
    textColumns: textColumnsOf(specs),
  });
}

/**
 * Spreadsheet layouts of the importable organisation resources. Exports of
 * these resources write exactly the import columns (see IMPORT_COLUMNS), so a
 * file can be exported, edited and imported back.
 */
export const ORG_EXPORTERS: Partial<Record<ResourceKey, Exporter>> = {
  students: importColumnsExporter('students'),
  teachers: importColumnsExporter('teachers'),
  rooms: importColumnsExporter('rooms'),
  adminClasses: importColumnsExporter('adminClasses'),
};
