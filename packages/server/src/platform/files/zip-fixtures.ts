import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

// Hand-built zips for the limit tests and the bench: real XLSX structure, so
// only the limits (not "this is not a workbook") can refuse them.

export interface FixtureEntry {
  name: string;
  /** Packed bytes (raw deflate). */
  packed: Buffer;
  /** What the directory claims the entry unpacks to (a lying bomb claims less). */
  declared: number;
  crc?: number;
}

/** An entry deflated from real content. */
export function entryOf(name: string, content: string | Buffer): FixtureEntry {
  const data = typeof content === 'string' ? Buffer.from(content) : content;
  return { name, packed: deflateRawSync(data), declared: data.length, crc: crc32(data) };
}

/** A zip (method 8 everywhere) from entries, with local headers and a central directory. */
export function buildZip(entries: FixtureEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc ?? 0, 14);
    local.writeUInt32LE(e.packed.length, 18);
    local.writeUInt32LE(e.declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc ?? 0, 16);
    central.writeUInt32LE(e.packed.length, 20);
    central.writeUInt32LE(e.declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.packed);
    centrals.push(central, name);
    offset += 30 + name.length + e.packed.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
const SHEET_TAIL = `</sheetData></worksheet>`;

/** An XLSX whose first sheet is the given sheet entry. */
export function xlsxWith(sheet: FixtureEntry, extra: FixtureEntry[] = []): Buffer {
  return buildZip([
    entryOf('[Content_Types].xml', CONTENT_TYPES),
    entryOf('_rels/.rels', ROOT_RELS),
    entryOf('xl/workbook.xml', WORKBOOK),
    entryOf('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    sheet,
    ...extra,
  ]);
}

/**
 * The sheet of the reported zip bomb: `rows` rows of one `cellChars`-character
 * inline-string cell each, deflated as a stream so the test never holds the
 * unpacked XML (15,000 × 32,000 = 480 MB) in memory.
 */
export async function bombSheet(rows: number, cellChars: number): Promise<FixtureEntry> {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => deflate.on('end', resolve));
  const cell = 'x'.repeat(cellChars);
  let size = 0;
  const write = (s: string) => {
    size += Buffer.byteLength(s);
    return deflate.write(s) ? Promise.resolve() : new Promise((r) => deflate.once('drain', r));
  };
  await write(SHEET_HEAD);
  for (let r = 1; r <= rows; r++) await write(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${cell}</t></is></c></row>`);
  await write(SHEET_TAIL);
  deflate.end();
  await ended;
  return { name: 'xl/worksheets/sheet1.xml', packed: Buffer.concat(chunks), declared: size };
}
