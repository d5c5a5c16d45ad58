import { IMPORT_PATHS, RESOURCE_LABELS, type ImportKind, type Locale } from '@jiaowu/contracts';
import type { ReadSheet } from '../../../platform/files/spreadsheet-reader.ts';
import { writeXlsx } from '../../../platform/files/spreadsheet-writer.ts';
import { normalizeHeader } from '../import-cells.ts';
import type { Validation } from './validate-import.ts';

/** The added column; an import ignores it (no such field), so the fixed file imports as it is. */
export const ERROR_COLUMN: Record<Locale, string> = { 'zh-CN': '错误说明', en: 'Errors' };
const isErrorColumn = (h: string) => Object.values(ERROR_COLUMN).some((e) => normalizeHeader(e) === normalizeHeader(h));

/**
 * The rows of an upload that failed, as an XLSX to fix and upload again: the
 * file's own columns in its own order (so it imports as the original would),
 * the cells as read, and an error column in the reader's language. A file
 * that is itself a bad-rows file gets its old error column replaced.
 *
 * Every column is formatted as text: a cell is written as a string, never a
 * formula, and a cell that starts with = stays text when edited in Excel;
 * codes keep their leading zeros.
 */
export async function buildBadRowsFile(kind: ImportKind, sheet: ReadSheet, checked: Validation, locale: Locale) {
  const keep = sheet.headers.map((h, i) => ({ h, i })).filter(({ h }) => !isErrorColumn(h));
  const headers = [...keep.map(({ h }) => h), ERROR_COLUMN[locale]];
  const separator = locale === 'en' ? '; ' : '；';
  const rows = sheet.rows
    .filter((r) => checked.rowMessages.has(r.row))
    .map((r) => [...keep.map(({ i }) => r.cells[i] ?? ''), checked.rowMessages.get(r.row)!.join(separator)]);
  const resource = RESOURCE_LABELS[kind]?.[locale] ?? kind;
  const file = await writeXlsx({ name: resource, headers, rows, textColumns: headers.map((_, i) => i) });
  const filename = locale === 'en' ? `${IMPORT_PATHS[kind]}-rows-to-fix.xlsx` : `${resource}导入错误行.xlsx`;
  return { file, filename, count: rows.length };
}
