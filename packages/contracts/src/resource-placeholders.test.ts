import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { RESOURCE_KEYS, RESOURCES } from './resources.ts';

// The forms show each field's example as its placeholder ("例如 2026-2027"): an example the
// form itself would refuse would teach the wrong format.
describe('resource field examples', () => {
  const cases = RESOURCE_KEYS.flatMap((key) =>
    RESOURCES[key].fields.filter((f) => f.placeholder !== undefined).map((f) => ({ key, field: f.key, example: f.placeholder! })),
  );

  it('are given for the codes and formats people get wrong', () => {
    const has = (key: string, field: string) => cases.some((c) => c.key === key && c.field === field);
    expect(RESOURCE_KEYS.every((k) => has(k, 'code'))).toBe(true);
    expect(has('terms', 'academicYear') && has('terms', 'startDate')).toBe(true);
  });

  it.each(cases)('$key.$field: $example is accepted by the create schema', ({ key, field, example }) => {
    const shape = RESOURCES[key].input.shape as Record<string, z.ZodType>;
    expect(shape[field].safeParse(example).success).toBe(true);
  });
});
