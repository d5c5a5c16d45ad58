import { z } from 'zod';

/** Limits shared by the server's validation and the web forms. */
export const LIMITS = {
  pageSizeMax: 200,
  pageSizeDefault: 20,
  codeMax: 32,
  nameMax: 100,
  textMax: 2000,
  passwordMin: 8,
  passwordMax: 128,
  importMaxRows: 50_000,
  importMaxBytes: 20 * 1024 * 1024,
  exportMaxRows: 100_000,
  /** Longest cell an import reads (characters); longer than any field, so field checks still name the field below it. */
  importMaxCellChars: 5_000,
  /** XLSX: total size of the zip's entries once unpacked (a 50,000-row sheet is ~30 MB). */
  importMaxUnpackedBytes: 100 * 1024 * 1024,
  /** XLSX: entries in the zip (a workbook has ~10–20). */
  importMaxZipEntries: 500,
  /** XLSX: unpacked/packed size over the whole file; real sheets are 5–30:1, zip bombs hundreds to millions. */
  importMaxZipRatio: 150,
} as const;

/** Public code (学号, 工号, course code …): letters, digits, dash, underscore, dot. */
export const code = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.codeMax)
  .regex(/^[A-Za-z0-9_.-]+$/, { message: 'code_format' });

export const name = z.string().trim().min(1).max(LIMITS.nameMax);
export const optionalText = z.string().trim().max(LIMITS.textMax).nullish();
export const id = z.coerce.number().int().positive();
export const idParams = z.object({ id });

export const sortOrder = z.enum(['asc', 'desc']);

/** Query string every list endpoint takes; resources add their own filters. */
export const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  q: z.string().trim().max(100).optional(),
  sort: z.string().max(40).optional(),
  order: sortOrder.default('asc'),
});
export type ListQuery = z.infer<typeof listQuery>;

export const exportFormat = z.enum(['csv', 'xlsx']);

/** `{ items, total }` — the shape of every paginated list. */
export function paged<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}
export interface Paged<T> {
  items: T[];
  total: number;
}

/** The one error body the API returns. */
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

export const okBody = z.object({ ok: z.literal(true) });

export const locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof locale>;
