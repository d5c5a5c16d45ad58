import { ENUM_LABELS, fieldLabel, RESOURCES, type Locale, type ResourceKey } from '@jiaowu/contracts';
import type { Sheet } from '../files/spreadsheet-writer.ts';

/** Turns list rows into a sheet: one column per list field, labels and enum values in the user's language. */
export type Exporter = (rows: Record<string, unknown>[], locale: Locale) => Sheet;

export function genericExporter(key: ResourceKey, sheetName: string): Exporter {
  const fields = RESOURCES[key].fields.filter((f) => f.list || f.kind !== 'slots');
  return (rows, locale) => ({
    name: sheetName,
    headers: fields.map((f) => fieldLabel(key, f.key, locale)),
    rows: rows.map((row) =>
      fields.map((f) => {
        const v = row[f.key];
        if (v == null) return null;
        if (f.kind === 'ref') return (row[f.display ?? ''] as string) ?? String(v);
        if ((f.kind === 'enum' || f.kind === 'enumList') && f.enum) {
          const labels = ENUM_LABELS[f.enum] as Record<string, Record<Locale, string>>;
          const one = (x: unknown) => labels[String(x)]?.[locale] ?? String(x);
          return Array.isArray(v) ? v.map(one).join(', ') : one(v);
        }
        if (f.kind === 'bool') return v ? (locale === 'en' ? 'Yes' : '是') : locale === 'en' ? 'No' : '否';
        if (typeof v === 'object') return JSON.stringify(v);
        return v as string | number;
      }),
    ),
  });
}
