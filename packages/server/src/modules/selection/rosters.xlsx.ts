import ExcelJS from 'exceljs';
import { neutralizeCsvCell } from '../../platform/files/spreadsheet-writer.ts';
import { sheetName } from '../timetable/export.xlsx.ts';
import type { PrintRoster } from './rosters.service.ts';

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };
/** Names typed by people (a student's name through an import) must never run as a formula in Excel. */
const safe = (v: string) => neutralizeCsvCell(v);

/**
 * The roster as one printable sheet: title, the class's facts, then one row per student
 * (序号, 学号, 姓名, 行政班, 专业, 重修) with an empty signature column 签名.
 */
export async function rosterWorkbook(r: PrintRoster): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jiaowu';
  const ws = wb.addWorksheet(sheetName(r.facts[0]?.value || 'Roster', new Set()), {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true },
  });
  const h = r.headers;
  ws.columns = [{ width: 7 }, { width: 16 }, { width: 12 }, { width: 22 }, { width: 22 }, { width: 8 }, { width: 18 }];
  ws.mergeCells(1, 1, 1, 7);
  const title = ws.getCell(1, 1);
  title.value = safe(r.title);
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 26;
  ws.mergeCells(2, 1, 2, 7);
  ws.getCell(2, 1).value = safe(r.facts.map((f) => `${f.label}: ${f.value}`).join('    ') + `    ${r.total}`);
  const header = ws.getRow(3);
  header.values = [h.no, h.studentNo, h.name, h.adminClass, h.major, h.retake, h.signature];
  header.font = { bold: true };
  header.eachCell((c) => {
    c.border = border;
    c.alignment = { horizontal: 'center', vertical: 'middle' };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  });
  // 学号 as text, so leading zeros stay.
  ws.getColumn(2).numFmt = '@';
  for (const s of r.rows) {
    const row = ws.addRow([s.no, safe(s.studentNo), safe(s.name), safe(s.adminClass), safe(s.major), s.retake, '']);
    row.height = 22;
    row.eachCell({ includeEmpty: true }, (c) => {
      c.border = border;
      c.alignment = { vertical: 'middle' };
    });
  }
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  ws.pageSetup.printTitlesRow = '3:3';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
