import type { FormInstance } from 'antd';
import type { z } from 'zod';
import { ApiError } from '../api/client.ts';
import type { Labels } from '../i18n/labels.ts';

type NamePath = (string | number)[];
export interface FieldErrorEntry {
  name: NamePath;
  errors: string[];
}

/** `unavailable.0.toPeriod` → ['unavailable', 0, 'toPeriod'] (antd's name path). */
export function toNamePath(field: string | (string | number | symbol)[]): NamePath {
  const parts = Array.isArray(field) ? field.map((p) => (typeof p === 'symbol' ? String(p) : p)) : field.split(/[.[\]]+/).filter(Boolean);
  return parts.map((p) => (typeof p === 'string' && /^\d+$/.test(p) ? Number(p) : p));
}

/** Turns zod issues into translated antd field errors. Our own codes travel in `message`. */
export function zodFieldErrors(error: z.ZodError, labels: Labels): FieldErrorEntry[] {
  const byPath = new Map<string, FieldErrorEntry>();
  for (const issue of error.issues) {
    const raw = issue as unknown as Record<string, unknown>;
    let code: string = issue.code;
    if (issue.code === 'custom' || (issue.message && /^[a-z_]+$/.test(issue.message))) code = issue.message;
    if (issue.code === 'invalid_type' && raw.input === undefined) code = 'required';
    if (issue.code === 'too_small' && raw.minimum === 1 && raw.origin === 'string') code = 'required';
    const msg = labels.fieldMessage(code, { minimum: raw.minimum, maximum: raw.maximum });
    const name = toNamePath(issue.path as (string | number)[]);
    const key = name.join('.');
    const entry = byPath.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(msg)) entry.errors.push(msg);
    byPath.set(key, entry);
  }
  return [...byPath.values()];
}

/** Field errors of an API error body, with the server's (already translated) messages. */
export function apiFieldErrors(error: unknown): FieldErrorEntry[] {
  if (!(error instanceof ApiError)) return [];
  return error.fields.map((f) => ({ name: toNamePath(f.field), errors: [f.message] }));
}

/**
 * Validates form values with a contracts schema; on failure marks the fields
 * and returns null, otherwise the parsed value.
 */
export function validateWith<S extends z.ZodType>(form: FormInstance, schema: S, values: unknown, labels: Labels): z.output<S> | null {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  form.setFields(zodFieldErrors(parsed.error, labels));
  return null;
}

/** Shows the server's field errors on the form; returns whether there were any. */
export function showApiFieldErrors(form: FormInstance, error: unknown): boolean {
  const entries = apiFieldErrors(error);
  if (entries.length) form.setFields(entries);
  return entries.length > 0;
}

/** Leaf name paths of antd's `changedValues` (`{ periods: [, { startsAt: '08:10' }] }` → `[['periods', 1, 'startsAt']]`). */
function changedPaths(value: unknown, prefix: NamePath = []): NamePath[] {
  if (Array.isArray(value)) {
    const out: NamePath[] = [];
    // forEach skips the holes antd leaves for the list items that did not change.
    value.forEach((v, i) => out.push(...changedPaths(v, [...prefix, i])));
    return out.length ? out : [prefix];
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out = Object.entries(value).flatMap(([k, v]) => changedPaths(v, [...prefix, k]));
    return out.length ? out : [prefix];
  }
  return [prefix];
}

/** One path is the other or lies under it (an error on `grants` belongs to an edit of `grants.0.scope`, and back). */
function related(a: NamePath, b: NamePath): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (String(a[i]) !== String(b[i])) return false;
  return true;
}

/**
 * Our forms validate with the contracts schema on save and put the errors on the fields with
 * `form.setFields`; antd clears such an error only when the field runs its own rules, and our
 * fields have none, so a corrected field kept its red message until the next save. Pass the
 * result as `<Form onValuesChange>`: an edited field loses its error at once (the schema checks
 * it again on save). `onAllCleared` runs when the edit removed the last field error (e.g. to hide
 * a "fix the marked fields" banner).
 */
export function clearErrorsOnEdit(form: FormInstance, onAllCleared?: () => void): (changed: object) => void {
  return (changed) => {
    const edited = changedPaths(changed);
    const withErrors = form.getFieldsError().filter((f) => f.errors.length > 0);
    const stale = withErrors.filter((f) => edited.some((p) => related(toNamePath(f.name as (string | number)[]), p)));
    if (!stale.length) return;
    form.setFields(stale.map((f) => ({ name: f.name, errors: [] })));
    if (stale.length === withErrors.length) onAllCleared?.();
  };
}

/** The message to show for any error (the server's message is translated already). */
export function errorText(error: unknown, fallback: string): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return fallback;
  return fallback;
}
