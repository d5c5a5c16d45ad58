import { describe, expect, it } from 'vitest';
import { translateDbError } from './db-errors.ts';
import { AppError } from './errors.ts';

const caught = (e: unknown) => {
  try {
    translateDbError(e);
  } catch (x) {
    return x;
  }
  throw new Error('translateDbError returned');
};

describe('database errors in words', () => {
  it('a number past the column type (under Drizzle’s wrapper) is the request’s fault, not a 500', () => {
    const e = caught(
      new Error('Failed query', { cause: { code: '22003', message: 'value "2147483648" is out of range for type integer' } }),
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('number_out_of_range');
  });

  it('a duplicate names the field and value; anything else is left as it is', () => {
    const dup = caught({ code: '23505', constraint: 'x', detail: 'Key (code)=(CS101) already exists.' }) as AppError;
    expect(dup.code).toBe('duplicate_code');
    const other = new Error('boom');
    expect(caught(other)).toBe(other);
  });
});
