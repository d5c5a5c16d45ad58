import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/**
 * The CJK font of printed documents: Source Han Sans SC (思源黑体, SIL OFL) from the npm
 * package node-source-han-sans-sc, so a fresh machine needs no system fonts. pdfkit embeds
 * only the glyphs used, so a PDF stays small. Read once per process.
 */
let fontCache: Buffer | null = null;
export const CJK_FONT_NAME = 'SourceHanSansSC-Regular';
export function cjkFont(): Buffer {
  fontCache ??= readFileSync(createRequire(import.meta.url).resolve(`node-source-han-sans-sc/${CJK_FONT_NAME}.otf`));
  return fontCache;
}

/**
 * An A4 document set in the CJK font, and the bytes it will have once `doc.end()` is called:
 * every printed document (timetables, rosters, tickets, exam schedules) starts here.
 */
export function cjkPdf(options: PDFKit.PDFDocumentOptions): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({ size: 'A4', ...options, info: { Creator: 'Jiaowu', ...options.info } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', cjkFont());
  doc.font('cjk');
  return { doc, done };
}
