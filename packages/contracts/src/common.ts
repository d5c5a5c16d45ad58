import { z } from 'zod';

/** Limits shared by the server's validation and the web forms. */
export const LIMITS = {
  pageSizeMax: 200,
  pageSizeDefault: 20,
  /** Past this page, offsets stop being meaningful (200 × 1,000,000 rows). */
  pageMax: 1_000_000,
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

/**
 * The range of PostgreSQL's `integer`, the type of every id and count column.
 * A larger number can never match a row; unbounded, it made the query fail (500).
 */
export const INT_MAX = 2_147_483_647;
export const INT_MIN = -2_147_483_648;

/** PostgreSQL text cannot hold U+0000; a NUL in input is refused with the field named. */
const hasNoNul = (s: string) => !s.includes('\u0000');

/** Free text up to `max` characters (trimmed, no NUL). */
export const text = (max: number = LIMITS.textMax) => z.string().trim().max(max).refine(hasNoNul, { message: 'nul_char' });

export const name = text(LIMITS.nameMax).min(1);
export const optionalText = text(LIMITS.textMax).nullish();
/** A row id: a positive `integer` (path ids, references in bodies, filters); strings coerce. */
export const id = z.coerce.number().int().positive().max(INT_MAX);
/** Any whole number that fits an `integer` column; strings coerce. */
export const integer = z.coerce.number().int().min(INT_MIN).max(INT_MAX);
export const idParams = z.object({ id });

export const sortOrder = z.enum(['asc', 'desc']);

/** Query string every list endpoint takes; resources add their own filters. */
export const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(LIMITS.pageMax).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  q: text(100).optional(),
  /** A column name; each resource narrows it to its own allow-list of sortable columns. */
  sort: z
    .string()
    .max(40)
    .regex(/^[A-Za-z][A-Za-z0-9]*$/, { message: 'invalid' })
    .optional(),
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
