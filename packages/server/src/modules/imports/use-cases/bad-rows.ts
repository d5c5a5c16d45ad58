import type { Locale } from '@jiaowu/contracts';
import type { ReadSheet } from '../../../platform/files/spreadsheet-reader.ts';
import { writeXlsx } from '../../../platform/files/spreadsheet-writer.ts';
import { normalizeHeader } from '../import-cells.ts';

/** What the file is of: its sheet name and file name ("学生导入错误行.xlsx", "students-rows-to-fix.xlsx"). */
export interface BadRowsTarget {
  resource: Record<Locale, string>;
  /** The kind's URL segment, for the English file name. */
  path: string;
}

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
export async function buildBadRowsFile(
  target: BadRowsTarget,
  sheet: ReadSheet,
  rowMessages: ReadonlyMap<number, string[]>,
  locale: Locale,
) {
  const keep = sheet.headers.map((h, i) => ({ h, i })).filter(({ h }) => !isErrorColumn(h));
  const headers = [...keep.map(({ h }) => h), ERROR_COLUMN[locale]];
  const separator = locale === 'en' ? '; ' : '；';
  const rows = sheet.rows
    .filter((r) => rowMessages.has(r.row))
    .map((r) => [...keep.map(({ i }) => r.cells[i] ?? ''), rowMessages.get(r.row)!.join(separator)]);
  const resource = target.resource[locale];
  const file = await writeXlsx({ name: resource, headers, rows, textColumns: headers.map((_, i) => i) });
  const filename = locale === 'en' ? `${target.path}-rows-to-fix.xlsx` : `${resource}导入错误行.xlsx`;
  return { file, filename, count: rows.length };
}
