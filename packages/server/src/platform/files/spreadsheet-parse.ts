import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { AppError } from '../errors.ts';
import { FORMULA_START } from './spreadsheet-writer.ts';
import { verifyZipSizes, inspectZip, type ZipLimits } from './zip-limits.ts';

// The parsing itself: runs inside the parse worker (parse-worker.ts), never on
// the request thread. readSpreadsheet (spreadsheet-reader.ts) is the entry point.

/** A data row as it sits in the file: its 1-based spreadsheet row number and its cells as text. */
export interface SheetRow {
  row: number;
  cells: string[];
}

/** The first sheet of an uploaded file, every cell normalised to a trimmed string. */
export interface ReadSheet {
  format: 'csv' | 'xlsx';
  /** Text encoding of a CSV file: utf-8, utf-16le or gb18030 (which reads GBK). */
  encoding?: string;
  headerRow: number;
  headers: string[];
  /** Non-blank data rows after the header. */
  rows: SheetRow[];
}

/** Limits checked while reading; a limit hit is an AppError naming it. */
export interface ParseLimits {
  /** More data rows than this → `import_too_large`. */
  maxRows: number;
  /** A longer cell → `import_cell_too_long` with its row and column. */
  maxCellChars: number;
  zip: ZipLimits;
}

export const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Files people upload by mistake; recognised so they get "unsupported" instead of a page of garbage errors. */
export const BINARY_MAGICS = [
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), // legacy .xls / .doc (OLE)
  Buffer.from('%PDF'),
  Buffer.from([0x89, 0x50, 0x4e, 0x47]), // PNG
  Buffer.from([0xff, 0xd8, 0xff]), // JPEG
  Buffer.from('GIF8'),
  Buffer.from([0x1f, 0x8b]), // gzip
  Buffer.from('Rar!'),
  Buffer.from([0x37, 0x7a, 0xbc, 0xaf]), // 7z
];

/**
 * Parses an uploaded CSV or XLSX file. The format is decided by content, not by
 * the file name: XLSX is a zip holding `xl/workbook.xml`; anything else must be
 * text. CSV text is UTF-8 (with or without BOM), UTF-16 with BOM, or — what
 * Excel on Chinese Windows writes — GBK, read as GB18030 (its superset).
 */
export async function parseSpreadsheet(data: Buffer, limits: ParseLimits): Promise<ReadSheet> {
  if (data.length === 0) throw new AppError('import_empty');
  if (data.subarray(0, 4).equals(ZIP_MAGIC)) {
    if (!data.includes('xl/workbook')) throw new AppError('unsupported_format');
    // The directory's claims first (cheap), then the data is held to them before exceljs unpacks it.
    verifyZipSizes(data, inspectZip(data, limits.zip), limits.zip);
    return finish({ format: 'xlsx' }, await readXlsxRows(data, limits), limits);
  }
  if (BINARY_MAGICS.some((m) => data.subarray(0, m.length).equals(m))) throw new AppError('unsupported_format');
  const { text, encoding } = decodeText(data);
  if (text.includes('\u0000')) throw new AppError('unsupported_format');
  const rows = readCsvRows(text);
  for (const r of rows) checkCells(r, limits);
  return finish({ format: 'csv', encoding }, rows, limits);
}

/** Spreadsheet column letters as Excel shows them: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function checkCells({ row, cells }: SheetRow, { maxCellChars }: ParseLimits) {
  const i = cells.findIndex((c) => c.length > maxCellChars);
  if (i >= 0)
    throw new AppError('import_cell_too_long', {
      params: { row, column: columnLetter(i + 1), length: cells[i].length, max: maxCellChars },
    });
}

/** Decodes CSV bytes: BOMs first, then strict UTF-8, else GB18030. */
export function decodeText(data: Buffer): { text: string; encoding: string } {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return { text: data.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (data[0] === 0xff && data[1] === 0xfe) return { text: iconv.decode(data.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (data[0] === 0xfe && data[1] === 0xff) return { text: iconv.decode(data.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(data), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(data, 'gb18030'), encoding: 'gb18030' };
  }
}

/** Comma unless the first line clearly uses tabs or semicolons (Excel's "Unicode text", European locales). */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const candidates = [',', '\t', ';'].map((d) => [d, count(d)] as const).sort((a, b) => b[1] - a[1]);
  return candidates[0][1] > 0 ? candidates[0][0] : ',';
}

function readCsvRows(raw: string): SheetRow[] {
  // Files edited by hand mix \r\n and \n; csv-parse would keep the one it saw first.
  const text = raw.replace(/\r\n?/g, '\n');
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
    }) as string[][];
  } catch (e) {
    throw new AppError('import_unreadable', { params: { reason: (e as Error).message.slice(0, 200) } });
  }
  // A record is one spreadsheet row even when a quoted cell spans lines, as Excel shows it.
  return records.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => unquoteFormula(c.trim())) }));
}

/**
 * Our CSV exports put a single quote before a cell that would start a formula
 * (spreadsheet-writer.ts); reading it back drops that quote, so an export
 * imports back unchanged.
 */
function unquoteFormula(cell: string): string {
  return cell.length > 1 && cell[0] === "'" && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

async function readXlsxRows(data: Buffer, limits: ParseLimits): Promise<SheetRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    throw new AppError('import_unreadable', { params: { reason: (e as Error).message.slice(0, 200) } });
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('import_empty');
  const rows: SheetRow[] = [];
  let nonBlank = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const n = row.cellCount;
    for (let c = 1; c <= n; c++) cells.push(cellText(row.getCell(c)));
    const sheetRow = { row: rowNumber, cells };
    checkCells(sheetRow, limits);
    // Header plus maxRows data rows; stop early rather than normalise a million rows first.
    if (cells.some((c) => c !== '') && ++nonBlank > limits.maxRows + 1)
      throw new AppError('import_too_large', { params: { max: limits.maxRows } });
    rows.push(sheetRow);
  });
  return rows;
}

/** Normalises any Excel cell to the text a person sees in it. */
export function cellText(cell: Pick<ExcelJS.Cell, 'value' | 'numFmt'>): string {
  return valueText(cell.value, cell.numFmt).trim();
}

function valueText(v: ExcelJS.CellValue | undefined, numFmt?: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return numberText(v, numFmt);
  if (v instanceof Date) return dateText(v);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    // A formula cell gives the value Excel last computed and saved; it is never evaluated here.
    if ('formula' in v || 'sharedFormula' in v) return valueText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue, numFmt);
    if ('hyperlink' in v) return valueText((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ('error' in v) return '';
  }
  return String(v);
}

/**
 * Integers are written out in full (学号 2023010101, never 2.02301e9); a
 * zero-padded number format ("000000") keeps its leading zeros; fractions lose
 * binary noise (0.1 + 0.2 → 0.3).
 */
function numberText(n: number, numFmt?: string): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n)) {
    const s = Math.abs(n) < 1e21 ? BigInt(n).toString() : String(n);
    return numFmt && /^0+$/.test(numFmt) ? s.padStart(numFmt.length, '0') : s;
  }
  return String(Number(n.toPrecision(15)));
}

/** Excel dates come as UTC midnights; a date without a time is written as YYYY-MM-DD. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

function finish(meta: Pick<ReadSheet, 'format' | 'encoding'>, all: SheetRow[], { maxRows }: ParseLimits): ReadSheet {
  const nonBlank = all.filter((r) => r.cells.some((c) => c !== ''));
  if (nonBlank.length === 0) throw new AppError('import_empty');
  const [header, ...rows] = nonBlank;
  if (rows.length === 0) throw new AppError('import_empty');
  if (rows.length > maxRows) throw new AppError('import_too_large', { params: { max: maxRows } });
  // Drop trailing empty header cells (Excel often saves a few formatted blank columns).
  const headers = [...header.cells];
  while (headers.length && headers[headers.length - 1] === '') headers.pop();
  return { ...meta, headerRow: header.row, headers, rows };
}
