import { cjkPdf } from '../../platform/files/pdf-document.ts';
import type { PrintRoster } from './rosters.service.ts';

/** Rows of students on one page of the printed roster (landscape A4). */
export const ROSTER_ROWS_PER_PAGE = 20;
/** Blank attendance columns after the signature column, one per class meeting to tick. */
export const ROSTER_ATTENDANCE_COLUMNS = 8;

/**
 * The roster on landscape A4 pages with the embedded CJK font (the timetable export's): title
 * and the class's facts on every page, the header row repeated, 序号 学号 姓名 行政班 专业 重修,
 * a signature column 签名 and blank attendance columns, "第 n 页，共 m 页" at the foot.
 */
export function rosterPdf(r: PrintRoster): Promise<Buffer> {
  const { doc, done } = cjkPdf({
    layout: 'landscape',
    margin: 28,
    bufferPages: true,
    info: { Title: r.title },
  });
  const left = doc.page.margins.left;
  const top = doc.page.margins.top;
  const width = doc.page.width - left - doc.page.margins.right;
  const h = r.headers;
  const fixed = [
    { label: h.no, w: 30 },
    { label: h.studentNo, w: 78 },
    { label: h.name, w: 62 },
    { label: h.adminClass, w: 100 },
    { label: h.major, w: 100 },
    { label: h.retake, w: 34 },
    { label: h.signature, w: 80 },
  ];
  const used = fixed.reduce((n, c) => n + c.w, 0);
  const attW = (width - used) / ROSTER_ATTENDANCE_COLUMNS;
  const columns = [...fixed, ...Array.from({ length: ROSTER_ATTENDANCE_COLUMNS }, (_, i) => ({ label: r.attendance(i + 1), w: attW }))];
  const rowH = 22;
  const cell = (x: number, y: number, w: number, text: string, fill?: string) => {
    if (fill) doc.rect(x, y, w, rowH).fill(fill).fillColor('#000');
    doc.rect(x, y, w, rowH).lineWidth(0.5).stroke('#666');
    if (!text) return;
    let size = 9;
    doc.fontSize(size);
    while (size > 5 && doc.widthOfString(text) > w - 4) doc.fontSize((size -= 0.5));
    doc.text(text, x + 2, y + (rowH - doc.currentLineHeight()) / 2, { width: w - 4, align: 'center', lineBreak: false });
  };
  const pages = Math.max(1, Math.ceil(r.rows.length / ROSTER_ROWS_PER_PAGE));
  for (let p = 0; p < pages; p++) {
    if (p > 0) doc.addPage();
    doc.fontSize(15).text(r.title, left, top, { width, align: 'center' });
    doc
      .fontSize(9)
      .fillColor('#333')
      .text([...r.facts.map((f) => `${f.label}：${f.value}`), r.total].join('    '), left, top + 24, { width, align: 'center' })
      .fillColor('#000');
    let y = top + 46;
    let x = left;
    for (const c of columns) {
      cell(x, y, c.w, c.label, '#eeeeee');
      x += c.w;
    }
    for (const s of r.rows.slice(p * ROSTER_ROWS_PER_PAGE, (p + 1) * ROSTER_ROWS_PER_PAGE)) {
      y += rowH;
      x = left;
      const values = [String(s.no), s.studentNo, s.name, s.adminClass, s.major, s.retake];
      columns.forEach((c, i) => {
        cell(x, y, c.w, values[i] ?? '');
        x += c.w;
      });
    }
  }
  for (let p = 0; p < pages; p++) {
    doc.switchToPage(p);
    // Below the bottom margin, where pdfkit would otherwise start a new page for it.
    const y = doc.page.height - doc.page.margins.bottom - 4;
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .fillColor('#555')
      .text(r.page(p + 1, pages), left, y, { width, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}
