import type { AttachmentMime } from '@jiaowu/contracts';

/**
 * What an uploaded file really is, from its first bytes: the name and the browser's type are
 * the uploader's word, and a program renamed `证明.pdf` must not be stored (or served) as a PDF.
 */
const SIGNATURES: { mime: AttachmentMime; magic: Buffer }[] = [
  { mime: 'application/pdf', magic: Buffer.from('%PDF-', 'latin1') },
  { mime: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mime: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
];

/** The file's type from its magic bytes; null when it is none we accept. */
export function sniffMime(data: Buffer): AttachmentMime | null {
  return SIGNATURES.find((s) => data.subarray(0, s.magic.length).equals(s.magic))?.mime ?? null;
}

const EXTENSIONS: Record<AttachmentMime, string> = { 'application/pdf': '.pdf', 'image/png': '.png', 'image/jpeg': '.jpg' };
const FILENAME_MAX = 200;

/**
 * The name to keep: the last part of a path (browsers on Windows may send `C:\…\x.pdf`), without
 * control or bidirectional-override characters (a name that shows as `exe.pdf` but is not),
 * and not longer than 200 characters. Nothing left: a name from the type.
 */
export function cleanFilename(raw: string | null | undefined, mime: AttachmentMime): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  const name = cleaned.replace(/^\.+/, '').slice(0, FILENAME_MAX);
  return name || `attachment${EXTENSIONS[mime]}`;
}

/**
 * Content-Disposition for a download (RFC 6266): an ASCII fallback without quotes or
 * backslashes, and the real (often Chinese) name as RFC 5987 `filename*`, whose attr-chars
 * exclude ' ( ) * that encodeURIComponent leaves alone.
 */
export function downloadDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
