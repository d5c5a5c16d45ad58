import { AppError } from './errors.ts';

interface PgLikeError {
  code?: string;
  constraint?: string;
  detail?: string;
  cause?: unknown;
}

/** Finds the PostgreSQL error under Drizzle's wrapper (PGlite and pg both carry `code`). */
export function pgError(e: unknown): PgLikeError | null {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    const c = cur as PgLikeError;
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code)) return c;
    cur = c.cause;
  }
  return null;
}

/**
 * Translates constraint violations into AppErrors naming the field, so a
 * concurrent duplicate (two clicks, two admins) gets the same clear message
 * as one caught by validation.
 */
export function translateDbError(e: unknown, refFields: Record<string, string> = {}): never {
  const pe = pgError(e);
  if (pe?.code === '23505') {
    const m = /\(([^)]+)\)=\(([^)]*)\)/.exec(pe.detail ?? '');
    const column = m?.[1] ?? 'code';
    const field = column === 'username' ? 'username' : column === 'code' ? 'code' : column;
    throw new AppError(column === 'username' ? 'duplicate_username' : 'duplicate_code', {
      params: { value: m?.[2] ?? '' },
      fields: [{ field, code: 'duplicate_code', params: { value: m?.[2] ?? '' } }],
    });
  }
  if (pe?.code === '23503') {
    // Insert/update pointing at a missing parent vs delete of a referenced row.
    if (/is still referenced/.test(pe.detail ?? '')) throw new AppError('in_use');
    const constraint = pe.constraint ?? '';
    const hit = Object.entries(refFields).find(([frag]) => constraint.includes(frag));
    const field = hit?.[1] ?? 'id';
    // detail: Key (college_id)=(999999) is not present in table "colleges".
    const value = /\)=\(([^)]*)\)/.exec(pe.detail ?? '')?.[1] ?? '';
    throw new AppError('reference_not_found', {
      params: { field },
      fields: [{ field, code: 'reference_not_found', params: { value } }],
    });
  }
  if (pe?.code === '40001' || pe?.code === '40P01') throw new AppError('conflict');
  throw e;
}
