import { cjkPdf } from '../../platform/files/pdf-document.ts';
import type { PrintTimetable } from './export.layout.ts';

/** Draws the timetable on one landscape A4 page: the same grid as the XLSX, text shrunk to fit its cell. */
export function timetablePdf(t: PrintTimetable): Promise<Buffer> {
  const { doc, done } = cjkPdf({ layout: 'landscape', margin: 28, info: { Title: t.title } });
  const left = doc.page.margins.left;
  const top = doc.page.margins.top;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.fontSize(14).text(t.title, left, top, { width, align: 'center' });
  doc
    .fontSize(9)
    .fillColor('#555')
    .text(t.subtitle, left, top + 20, { width, align: 'center' })
    .fillColor('#000');
  const gridTop = top + 38;
  const gridHeight = doc.page.height - doc.page.margins.bottom - gridTop;
  const col0 = 44;
  const col1 = 62;
  const dayWidth = (width - col0 - col1) / t.dayNames.length;
  const headerHeight = 18;
  const rowHeight = (gridHeight - headerHeight) / Math.max(1, t.periods.length);
  const xOfDay = (d: number) => left + col0 + col1 + (d - 1) * dayWidth;
  const yOfPeriod = (p: number) => gridTop + headerHeight + (p - 1) * rowHeight;
  const box = (x: number, y: number, w: number, h: number, text: string, size: number, fill?: string) => {
    if (fill) doc.rect(x, y, w, h).fill(fill).fillColor('#000');
    doc.rect(x, y, w, h).lineWidth(0.5).stroke('#888');
    let s = size;
    doc.fontSize(s);
    // Shrink until the text fits the cell (long merged entries on a busy day).
    while (s > 4.5 && doc.heightOfString(text, { width: w - 4 }) > h - 2) doc.fontSize((s -= 0.5));
    const th = doc.heightOfString(text, { width: w - 4 });
    doc.text(text, x + 2, y + Math.max(1, (h - th) / 2), { width: w - 4, height: h - 2, align: 'center' });
  };
  box(left, gridTop, col0, headerHeight, t.headers.period, 8, '#eeeeee');
  box(left + col0, gridTop, col1, headerHeight, t.headers.time, 8, '#eeeeee');
  t.dayNames.forEach((d, i) => box(xOfDay(i + 1), gridTop, dayWidth, headerHeight, d, 8, '#eeeeee'));
  t.periods.forEach((p, i) => {
    box(left, yOfPeriod(i + 1), col0, rowHeight, p.label, 7);
    box(left + col0, yOfPeriod(i + 1), col1, rowHeight, p.time, 7);
    t.dayNames.forEach((_, d) =>
      doc
        .rect(xOfDay(d + 1), yOfPeriod(i + 1), dayWidth, rowHeight)
        .lineWidth(0.5)
        .stroke('#888'),
    );
  });
  for (const b of t.blocks) {
    const to = Math.min(b.toPeriod, t.periods.length);
    const h = (to - b.fromPeriod + 1) * rowHeight;
    box(xOfDay(b.day), yOfPeriod(b.fromPeriod), dayWidth, h, b.entries.map((lines) => lines.join('\n')).join('\n\n'), 7.5, '#ffffff');
  }
  doc.end();
  return done;
}
