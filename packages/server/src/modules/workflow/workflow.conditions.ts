import type { ContextValue, StepCondition } from '@jiaowu/contracts';

/**
 * Evaluates "capacity > 200" against the subject's context values: one
 * comparison, no code, no eval. A missing or null field never satisfies a
 * condition, so an incomplete context cannot skip a review by accident…
 * except for `!=`, where "not given" is indeed different from the value.
 */
export function evaluateCondition(condition: StepCondition | null | undefined, context: Record<string, ContextValue>): boolean {
  if (!condition) return true;
  const actual = Object.hasOwn(context, condition.field) ? context[condition.field] : null;
  const expected = condition.value;
  if (actual === null || actual === undefined) return condition.op === '!=';
  if (typeof expected === 'number') {
    const n = typeof actual === 'number' ? actual : typeof actual === 'string' && actual.trim() !== '' ? Number(actual) : NaN;
    if (Number.isNaN(n)) return condition.op === '!=';
    return compare(n, expected, condition.op);
  }
  if (typeof expected === 'boolean') {
    const b = typeof actual === 'boolean' ? actual : actual === 'true' ? true : actual === 'false' ? false : null;
    if (b === null) return condition.op === '!=';
    return condition.op === '=' ? b === expected : condition.op === '!=' ? b !== expected : false;
  }
  return compare(String(actual), expected, condition.op);
}

function compare<T extends number | string>(a: T, b: T, op: StepCondition['op']): boolean {
  switch (op) {
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '=':
      return a === b;
    case '!=':
      return a !== b;
  }
}
