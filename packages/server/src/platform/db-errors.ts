import { CONSTRAINT_FIELDS } from '../db/constraint-registry.ts';
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
 * as one caught by validation. The field comes from the constraint's name
 * (the maps declared beside each module's tables); the one translator for
 * every module.
 */
export function translateDbError(e: unknown): never {
  const pe = pgError(e);
  const mapped = pe?.constraint ? CONSTRAINT_FIELDS[pe.constraint] : undefined;
  if (pe?.code === '23505') {
    const m = /\(([^)]+)\)=\(([^)]*)\)/.exec(pe.detail ?? '');
    const field = mapped ?? m?.[1] ?? 'code';
    const value = m?.[2] ?? '';
    // Personal data: the number is not repeated back (the other holder may be outside the user's scope).
    if (field === 'idNumber') throw new AppError('duplicate_id_number', { fields: [{ field, code: 'duplicate_id_number' }] });
    throw new AppError(field === 'username' ? 'duplicate_username' : 'duplicate_code', {
      params: { value },
      fields: [{ field, code: 'duplicate_code', params: { value } }],
    });
  }
  if (pe?.code === '23503') {
    // Insert/update pointing at a missing parent vs delete of a referenced row.
    if (/is still referenced/.test(pe.detail ?? '')) throw new AppError('in_use');
    const field = mapped ?? 'id';
    // detail: Key (college_id)=(999999) is not present in table "colleges".
    const value = /\)=\(([^)]*)\)/.exec(pe.detail ?? '')?.[1] ?? '';
    throw new AppError('reference_not_found', {
      params: { field },
      fields: [{ field, code: 'reference_not_found', params: { value } }],
    });
  }
  // A number past the column's type (an id or version above 2^31 − 1) that no contract bounded:
  // the request is wrong, not the server.
  if (pe?.code === '22003') throw new AppError('number_out_of_range');
  if (pe?.code === '40001' || pe?.code === '40P01') throw new AppError('conflict');
  throw e;
}

/** Runs a write and translates its constraint violations (see translateDbError). */
export async function withDbErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    return translateDbError(e);
  }
}
