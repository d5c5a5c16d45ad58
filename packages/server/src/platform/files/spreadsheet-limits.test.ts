import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { createParsePool } from './parse-pool.ts';
import { readSpreadsheet } from './spreadsheet-reader.ts';
import { bombSheet, entryOf, xlsxWith } from './zip-fixtures.ts';

const opts = { maxRows: 50_000 };
const MB = 1024 * 1024;

async function failure(p: Promise<unknown>): Promise<{ code: string; params?: Record<string, unknown> }> {
  try {
    await p;
    return { code: 'ok' };
  } catch (e) {
    return e instanceof AppError ? { code: e.code, params: e.params } : { code: String(e) };
  }
}

const sheetXml = (rows: string[][]) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows
    .map(
      (cells, r) =>
        `<row r="${r + 1}">${cells.map((c, i) => `<c r="${String.fromCharCode(65 + i)}${r + 1}" t="inlineStr"><is><t>${c}</t></is></c>`).join('')}</row>`,
    )
    .join('')}</sheetData></worksheet>`;

describe('XLSX limits', () => {
  it('reads a hand-built workbook (the fixtures are real XLSX, so only limits refuse the bombs below)', async () => {
    const sheet = await readSpreadsheet(
      xlsxWith(
        entryOf(
          'xl/worksheets/sheet1.xml',
          sheetXml([
            ['code', 'name'],
            ['A1', 'x'],
          ]),
        ),
      ),
      opts,
    );
    expect(sheet.rows).toEqual([{ row: 2, cells: ['A1', 'x'] }]);
  });

  it('refuses the reported bomb (15,000 rows × 32,000 characters, under 1 MB on disk) from its directory, quickly', async () => {
    const file = xlsxWith(await bombSheet(15_000, 32_000));
    expect(file.length).toBeLessThan(1 * MB);
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 6 }, () => failure(readSpreadsheet(file, opts))));
    expect(performance.now() - started).toBeLessThan(2000);
    for (const r of results) expect(r).toEqual({ code: 'import_unpacked_too_large', params: { size: 459, max: 100 } });
  });

  it('stops a bomb whose directory understates its size while unpacking, at the declared size', async () => {
    const honest = await bombSheet(2_000, 32_000); // ~61 MB unpacked: under the total limit, so only the lie trips
    const liar = { ...honest, declared: 1 * MB };
    expect(await failure(readSpreadsheet(xlsxWith(liar), opts))).toMatchObject({ code: 'import_unpacked_too_large' });
  });

  it('refuses a compression ratio only a bomb has, and too many entries', async () => {
    const dense = await bombSheet(700, 32_000); // ~21 MB of one repeated character
    expect(await failure(readSpreadsheet(xlsxWith(dense), opts))).toMatchObject({ code: 'import_zip_ratio', params: { max: 150 } });
    const many = Array.from({ length: 600 }, (_, i) => entryOf(`xl/media/x${i}.xml`, '<x/>'));
    const sheet = entryOf('xl/worksheets/sheet1.xml', sheetXml([['code'], ['A1']]));
    expect(await failure(readSpreadsheet(xlsxWith(sheet, many), opts))).toEqual({
      code: 'import_zip_entries',
      params: { count: 605, max: 500 },
    });
  });

  it('names the row and column of a cell longer than the limit, in XLSX and in CSV', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['code', 'name']);
    ws.addRow(['A1', 'ok']);
    ws.addRow(['A2', 'y'.repeat(5_001)]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await failure(readSpreadsheet(xlsx, opts))).toEqual({
      code: 'import_cell_too_long',
      params: { row: 3, column: 'B', length: 5001, max: 5000 },
    });
    const csv = Buffer.from(`code,name\nA1,${'z'.repeat(6_000)}\n`);
    expect(await failure(readSpreadsheet(csv, opts))).toEqual({
      code: 'import_cell_too_long',
      params: { row: 2, column: 'B', length: 6000, max: 5000 },
    });
  });

  it('stops reading XLSX rows past the row limit', async () => {
    const rows = [['code'], ...Array.from({ length: 30 }, (_, i) => [`C${i}`])];
    const file = xlsxWith(entryOf('xl/worksheets/sheet1.xml', sheetXml(rows)));
    expect(await failure(readSpreadsheet(file, { maxRows: 20 }))).toEqual({ code: 'import_too_large', params: { max: 20 } });
  });

  it('never evaluates a formula cell: the value Excel saved is read as text, none is blank', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['code', 'name', 'note']);
    ws.addRow(['A1', { formula: 'HYPERLINK("http://evil.example/","x")', result: '点我' }, { formula: '1+1' }]);
    const sheet = await readSpreadsheet(Buffer.from(await wb.xlsx.writeBuffer()), opts);
    expect(sheet.rows[0].cells).toEqual(['A1', '点我', '']);
  });
});

describe('parse pool', () => {
  const csv = Buffer.from('code\nA1\n');
  const limits = { maxRows: 10, maxCellChars: 100, zip: { maxUnpackedBytes: MB, maxEntries: 10, maxRatio: 100 } };

  it('turns a worker out of heap into import_parse_memory and frees its slot', async () => {
    const tiny = createParsePool({ size: 1, heapMb: 4, maxWaitMs: 1000, retryAfterSeconds: 3, timeoutMs: 60_000, idleMs: 10 });
    const big = Buffer.from('code,name\n' + Array.from({ length: 20_000 }, (_, i) => `C${i},${'n'.repeat(90)}`).join('\n'));
    expect(await failure(tiny.parse({ data: big, limits: { ...limits, maxRows: 50_000 } }))).toEqual({
      code: 'import_parse_memory',
      params: { max: 4 },
    });
    expect(tiny.stats()).toEqual({ busy: 0, waiting: 0 });
  });

  it('runs at most `size` parses; a caller that waits too long gets import_busy with the seconds to wait', async () => {
    const pool = createParsePool({ size: 1, heapMb: 256, maxWaitMs: 20, retryAfterSeconds: 7, timeoutMs: 60_000, idleMs: 10 });
    const first = pool.parse({ data: csv, limits });
    const second = failure(pool.parse({ data: csv, limits }));
    expect(pool.stats()).toEqual({ busy: 1, waiting: 1 });
    expect(await second).toEqual({ code: 'import_busy', params: { seconds: 7 } });
    expect((await first).rows).toEqual([{ row: 2, cells: ['A1'] }]);
    expect(pool.stats()).toEqual({ busy: 0, waiting: 0 });
  });
});
