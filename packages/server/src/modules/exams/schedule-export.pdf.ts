import { cjkPdf } from '../../platform/files/pdf-document.ts';
import type { PrintSchedule } from './schedule-export.layout.ts';

/** The exam schedule on landscape A4 pages: title, then the table, its header repeated on every page. */
export function schedulePdf(t: PrintSchedule): Promise<Buffer> {
  const { doc, done } = cjkPdf({ layout: 'landscape', margin: 32, info: { Title: t.title } });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = doc.page.height - doc.page.margins.bottom;
  const total = t.widths.reduce((a, b) => a + b, 0);
  const cols = t.widths.map((w) => (w / total) * width);
  const rowH = 22;
  doc.fontSize(15).text(t.title, left, doc.page.margins.top, { width, align: 'center' });
  let y = doc.page.margins.top + 30;
  const row = (cells: string[], head: boolean) => {
    let x = left;
    cells.forEach((text, i) => {
      const w = cols[i]!;
      if (head) doc.rect(x, y, w, rowH).fill('#eef2f7').fillColor('#000');
      doc.rect(x, y, w, rowH).lineWidth(0.5).stroke('#666');
      // Shrink a long cell (a course name, a list of invigilators) rather than break the row.
      let size = 9;
      doc.fontSize(size);
      while (size > 5 && doc.widthOfString(text) > w - 6) doc.fontSize((size -= 0.5));
      doc.text(text, x + 3, y + (rowH - doc.currentLineHeight()) / 2, { width: w - 6, align: 'center', lineBreak: false });
      x += w;
    });
    y += rowH;
  };
  row(t.headers, true);
  if (t.rows.length === 0) doc.fontSize(10).text(t.empty, left, y + 8, { width, align: 'center' });
  for (const r of t.rows) {
    if (y + rowH > bottom) {
      doc.addPage();
      y = doc.page.margins.top;
      row(t.headers, true);
    }
    row(r, false);
  }
  doc.end();
  return done;
}
