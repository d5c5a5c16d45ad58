import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { readSpreadsheet } from './spreadsheet-reader.ts';

const opts = { maxRows: 100 };
const CSV = '学号,姓名,性别\n2024010101,张三,男\n0024010102,李四,女\n';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
}

async function xlsx(rows: ExcelJS.CellValue[][], setup?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('学生');
  setup?.(ws);
  for (const r of rows) ws.addRow(r);
  wb.addWorksheet('ignored').addRow(['not', 'read']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('readSpreadsheet: CSV', () => {
  it('reads UTF-8 without a BOM, keeping leading zeros and row numbers', async () => {
    const sheet = await readSpreadsheet(Buffer.from(CSV), opts);
    expect(sheet).toMatchObject({ format: 'csv', encoding: 'utf-8', headerRow: 1, headers: ['学号', '姓名', '性别'] });
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['2024010101', '张三', '男'] },
      { row: 3, cells: ['0024010102', '李四', '女'] },
    ]);
  });

  it('reads UTF-8 with a BOM (Excel "CSV UTF-8")', async () => {
    const sheet = await readSpreadsheet(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)]), opts);
    expect(sheet.headers[0]).toBe('学号');
    expect(sheet.encoding).toBe('utf-8');
  });

  it('reads GBK bytes (Excel on Chinese Windows) as GB18030', async () => {
    const sheet = await readSpreadsheet(iconv.encode(CSV, 'gbk'), opts);
    expect(sheet.encoding).toBe('gb18030');
    expect(sheet.headers).toEqual(['学号', '姓名', '性别']);
    expect(sheet.rows[1].cells).toEqual(['0024010102', '李四', '女']);
  });

  it('skips blank lines but keeps the row numbers a spreadsheet shows', async () => {
    const sheet = await readSpreadsheet(Buffer.from('code,name\r\n\r\nA1,x\r\n,\r\n  ,  \r\nA2,"y, z"\r\n\r\n'), opts);
    expect(sheet.rows).toEqual([
      { row: 3, cells: ['A1', 'x'] },
      { row: 6, cells: ['A2', 'y, z'] },
    ]);
  });

  it('detects tab-separated and semicolon-separated text', async () => {
    expect((await readSpreadsheet(Buffer.from('a\tb\n1\t2\n'), opts)).rows[0].cells).toEqual(['1', '2']);
    expect((await readSpreadsheet(Buffer.from('a;b\n1;2\n'), opts)).rows[0].cells).toEqual(['1', '2']);
  });

  it('refuses empty files, header-only files and too many rows', async () => {
    expect(await codeOf(readSpreadsheet(Buffer.alloc(0), opts))).toBe('import_empty');
    expect(await codeOf(readSpreadsheet(Buffer.from('\n\n'), opts))).toBe('import_empty');
    expect(await codeOf(readSpreadsheet(Buffer.from('code,name\n'), opts))).toBe('import_empty');
    const big = 'code\n' + Array.from({ length: 101 }, (_, i) => `C${i}`).join('\n');
    expect(await codeOf(readSpreadsheet(Buffer.from(big), opts))).toBe('import_too_large');
  });

  it('refuses bytes that are neither CSV nor XLSX', async () => {
    expect(await codeOf(readSpreadsheet(Buffer.from('%PDF-1.7\n...'), opts))).toBe('unsupported_format');
    expect(await codeOf(readSpreadsheet(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), opts))).toBe('unsupported_format');
    expect(await codeOf(readSpreadsheet(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), opts))).toBe('unsupported_format');
    expect(await codeOf(readSpreadsheet(Buffer.from([1, 2, 0, 0, 5, 6, 7]), opts))).toBe('unsupported_format');
    // A zip that is not a workbook (e.g. a .docx).
    expect(await codeOf(readSpreadsheet(Buffer.from('PK\u0003\u0004word/document.xml'), opts))).toBe('unsupported_format');
  });
});

describe('readSpreadsheet: XLSX', () => {
  it('reads the first worksheet, normalising numbers, rich text, dates, formulas and booleans', async () => {
    const data = await xlsx([
      ['学号', { richText: [{ text: '姓' }, { text: '名', font: { bold: true } }] }, '年级', '入学日期', '启用', '容量'],
      [2024010101, '张三', { formula: '2020+4', result: 2024 }, new Date(Date.UTC(2024, 8, 1)), true, 0.1 + 0.2],
      ['0024010102', { richText: [{ text: '李' }, { text: '四' }] }, 2024, null, false, 45],
    ]);
    const sheet = await readSpreadsheet(data, opts);
    expect(sheet.format).toBe('xlsx');
    expect(sheet.encoding).toBeUndefined();
    expect(sheet.headers).toEqual(['学号', '姓名', '年级', '入学日期', '启用', '容量']);
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['2024010101', '张三', '2024', '2024-09-01', 'true', '0.3'] },
      { row: 3, cells: ['0024010102', '李四', '2024', '', 'false', '45'] },
    ]);
  });

  it('keeps big numeric 学号 in full and zero-padded number formats', async () => {
    const data = await xlsx(
      [
        ['学号', '工号'],
        [202301019999, 12],
      ],
      (ws) => {
        ws.getColumn(2).numFmt = '000000';
      },
    );
    const sheet = await readSpreadsheet(data, opts);
    expect(sheet.rows[0].cells).toEqual(['202301019999', '000012']);
  });

  it('skips empty rows and keeps spreadsheet row numbers', async () => {
    const data = await xlsx([['code', 'name'], [], ['A1', 'x'], [null, '  '], ['A2', 'y']]);
    const sheet = await readSpreadsheet(data, opts);
    expect(sheet.rows.map((r) => r.row)).toEqual([3, 5]);
  });

  it('refuses a workbook with only a header row', async () => {
    expect(await codeOf(xlsx([['code', 'name']]).then((d) => readSpreadsheet(d, opts)))).toBe('import_empty');
  });
});

describe('readSpreadsheet: line endings', () => {
  it('reads files that mix \\r\\n and \\n', async () => {
    const sheet = await readSpreadsheet(Buffer.from('a,b\r\n1,2\r\n3,4\n5,6\n'), opts);
    expect(sheet.rows.map((r) => r.cells)).toEqual([
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });
});
