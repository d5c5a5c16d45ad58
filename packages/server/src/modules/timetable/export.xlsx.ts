import ExcelJS from 'exceljs';
import type { PrintTimetable } from './export.layout.ts';

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** Sheet names: at most 31 characters, none of []:*?/\, unique in the workbook. */
export function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28) || 'Sheet';
  let n = base;
  for (let i = 2; taken.has(n); i++) n = `${base}-${i}`;
  taken.add(n);
  return n;
}

/** Draws one timetable on a new sheet: title row, header row, one row per period, merged cells per lecture. */
export function addTimetableSheet(wb: ExcelJS.Workbook, name: string, t: PrintTimetable) {
  const ws = wb.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 1, horizontalCentered: true },
  });
  const lastCol = 2 + t.dayNames.length;
  ws.columns = [{ width: 8 }, { width: 12 }, ...t.dayNames.map(() => ({ width: 22 }))];
  ws.mergeCells(1, 1, 1, lastCol);
  const title = ws.getCell(1, 1);
  title.value = `${t.title}（${t.subtitle}）`;
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 28;
  const header = ws.getRow(2);
  header.values = [t.headers.period, t.headers.time, ...t.dayNames];
  header.font = { bold: true };
  header.eachCell((c) => {
    c.alignment = { horizontal: 'center', vertical: 'middle' };
    c.border = border;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  });
  t.periods.forEach((p, i) => {
    const row = ws.getRow(3 + i);
    row.height = 42;
    row.getCell(1).value = p.label;
    row.getCell(2).value = p.time;
    for (let c = 1; c <= lastCol; c++) {
      const cell = row.getCell(c);
      cell.border = border;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    }
  });
  for (const b of t.blocks) {
    const col = 2 + b.day;
    const top = 2 + b.fromPeriod;
    const bottom = 2 + Math.min(b.toPeriod, t.periods.length);
    if (bottom > top) ws.mergeCells(top, col, bottom, col);
    const cell = ws.getCell(top, col);
    cell.value = b.entries.map((lines) => lines.join('\n')).join('\n\n');
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = border;
  }
  ws.pageSetup.printArea = `A1:${ws.getColumn(lastCol).letter}${2 + t.periods.length}`;
  return ws;
}

/** A workbook of timetables, one sheet each (one owner, or every admin class of the school). */
export async function timetableWorkbook(sheets: { name: string; timetable: PrintTimetable }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jiaowu';
  const taken = new Set<string>();
  for (const s of sheets) addTimetableSheet(wb, sheetName(s.name, taken), s.timetable);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
