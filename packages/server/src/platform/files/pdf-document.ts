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
 * The font parsed once per process: pdfkit takes a parsed (fontkit) font as well as its bytes, and
 * parsing the 16 MB font for each document was most of a short document's time (a cohort's
 * transcripts, ~190 → ~60 ms each). pdfkit's parsed font is reached through a document that
 * registered it; should a pdfkit upgrade move it, each document parses the bytes again as before.
 */
let parsedFontCache: unknown = null;
function parsedCjkFont(): unknown {
  if (parsedFontCache) return parsedFontCache;
  const probe = new PDFDocument({ autoFirstPage: false });
  probe.registerFont('cjk', cjkFont());
  probe.font('cjk');
  const font = (probe as unknown as { _font?: { font?: { layout?: unknown } } })._font?.font;
  parsedFontCache = typeof font?.layout === 'function' ? font : cjkFont();
  return parsedFontCache;
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
  doc.registerFont('cjk', parsedCjkFont() as Buffer);
  doc.font('cjk');
  return { doc, done };
}
