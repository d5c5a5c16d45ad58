import { availableParallelism } from 'node:os';
import { LIMITS } from '@jiaowu/contracts';
import { AppError } from '../errors.ts';
import { createParsePool, type ParsePool } from './parse-pool.ts';
import { ZIP_MAGIC, type ParseLimits, type ReadSheet } from './spreadsheet-parse.ts';
import { inspectZip } from './zip-limits.ts';

export { cellText, decodeText, type ReadSheet, type SheetRow } from './spreadsheet-parse.ts';

export interface ReadOptions {
  /** More data rows than this → `import_too_large`. */
  maxRows: number;
}

/** Heap of one parse worker: a 50,000-row sheet needs ~250 MB in exceljs. */
export const PARSE_HEAP_MB = 512;
/** A parse that takes longer is stopped (a pathological file, or a machine out of CPU). */
export const PARSE_TIMEOUT_MS = 120_000;

/**
 * The process's parse workers. Each may use PARSE_HEAP_MB, so the pool size
 * bounds the memory imports can take: six uploads at once queue (briefly,
 * then 429) instead of exhausting the heap.
 */
const pool: ParsePool = createParsePool({
  size: Math.max(1, Math.min(2, availableParallelism() - 1)),
  heapMb: PARSE_HEAP_MB,
  maxWaitMs: 15_000,
  retryAfterSeconds: 10,
  timeoutMs: PARSE_TIMEOUT_MS,
  idleMs: 60_000,
});

const DEFAULT_LIMITS: Omit<ParseLimits, 'maxRows'> = {
  maxCellChars: LIMITS.importMaxCellChars,
  zip: { maxUnpackedBytes: LIMITS.importMaxUnpackedBytes, maxEntries: LIMITS.importMaxZipEntries, maxRatio: LIMITS.importMaxZipRatio },
};

/**
 * Reads an uploaded CSV or XLSX file (see parseSpreadsheet for formats) in a
 * worker thread: parsing 10,000 XLSX rows takes ~1.5 s of CPU that would
 * otherwise block every other request, and the worker's own heap limit
 * contains a file that needs too much memory. A zip whose directory already
 * breaks the limits is refused here, before any worker starts.
 */
export async function readSpreadsheet(data: Buffer, options: ReadOptions): Promise<ReadSheet> {
  if (data.length === 0) throw new AppError('import_empty');
  const limits: ParseLimits = { ...DEFAULT_LIMITS, maxRows: options.maxRows };
  if (data.subarray(0, 4).equals(ZIP_MAGIC) && data.includes('xl/workbook')) inspectZip(data, limits.zip);
  return pool.parse({ data, limits });
}
