import { ENUM_LABELS, type EnumName, type Locale } from '@jiaowu/contracts';
import { AppError } from '../../platform/errors.ts';
import type { ColumnSpec } from '../org/org.spreadsheets.ts';

// Pure helpers that turn spreadsheet text into API input: header matching,
// enumerations by value or label, lists, booleans. No database here.

/** Header text as compared: NFKC (full-width → half-width), no spaces of any width, lower case. */
export function normalizeHeader(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u3000\ufeff*＊]/g, '')
    .toLowerCase();
}

/** A matched column: where it sits in the row and its header as the file wrote it. */
export interface MatchedColumn {
  spec: ColumnSpec;
  index: number;
  header: string;
}

/**
 * Matches the file's header row to the kind's columns by key, Chinese or
 * English label. Unknown headers are ignored; a missing required column is
 * one `import_missing_column` error naming it in the caller's language.
 */
export function matchHeaders(headers: string[], specs: ColumnSpec[], locale: Locale): Map<string, MatchedColumn> {
  const indexOf = new Map<string, number>();
  headers.forEach((h, i) => {
    const n = normalizeHeader(h);
    if (n && !indexOf.has(n)) indexOf.set(n, i);
  });
  const matched = new Map<string, MatchedColumn>();
  for (const spec of specs) {
    const index = [spec.key, spec.zh, spec.en].map((x) => indexOf.get(normalizeHeader(x))).find((i) => i !== undefined);
    if (index !== undefined) matched.set(spec.key, { spec, index, header: headers[index] });
  }
  const missing = specs.filter((s) => s.required && !matched.has(s.key));
  if (missing.length) {
    const label = (s: ColumnSpec) => (locale === 'en' ? s.en : s.zh);
    throw new AppError('import_missing_column', {
      params: { column: label(missing[0]) },
      details: { missing: missing.map((s) => ({ key: s.key, label: label(s) })) },
    });
  }
  return matched;
}

type Parsed = { ok: true; value: unknown } | { ok: false; code: string; params: Record<string, unknown> };

const enumIndexCache = new Map<EnumName, Map<string, string>>();

/** Every accepted spelling of an enumeration's values (value, zh-CN label, English label), normalised. */
function enumIndex(name: EnumName): Map<string, string> {
  let index = enumIndexCache.get(name);
  if (!index) {
    index = new Map();
    for (const [value, labels] of Object.entries(ENUM_LABELS[name] as Record<string, Record<Locale, string>>)) {
      for (const spelling of [value, labels['zh-CN'], labels.en]) index.set(normalizeHeader(spelling), value);
    }
    enumIndexCache.set(name, index);
  }
  return index;
}

export function allowedLabels(name: EnumName, locale: Locale): string {
  const labels = Object.values(ENUM_LABELS[name] as Record<string, Record<Locale, string>>).map((l) => l[locale]);
  return labels.join(locale === 'en' ? ', ' : '、');
}

function parseEnum(name: EnumName, raw: string, locale: Locale): Parsed {
  const value = enumIndex(name).get(normalizeHeader(raw));
  return value !== undefined
    ? { ok: true, value }
    : { ok: false, code: 'invalid_choice', params: { value: raw, allowed: allowedLabels(name, locale) } };
}

/** Separators people use in one cell: , ， ; ； 、 | */
const LIST_SEPARATORS = /[,，;；、|]/;

function parseEnumList(name: EnumName, raw: string, locale: Locale): Parsed {
  const values: string[] = [];
  for (const item of raw
    .split(LIST_SEPARATORS)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const one = parseEnum(name, item, locale);
    if (!one.ok) return one;
    if (!values.includes(one.value as string)) values.push(one.value as string);
  }
  return { ok: true, value: values };
}

const TRUE_WORDS = new Set(['是', 'true', '1', 'yes', 'y', '启用', '有效']);
const FALSE_WORDS = new Set(['否', 'false', '0', 'no', 'n', '停用', '无效']);

function parseBool(raw: string, locale: Locale): Parsed {
  const s = normalizeHeader(raw);
  if (TRUE_WORDS.has(s)) return { ok: true, value: true };
  if (FALSE_WORDS.has(s)) return { ok: true, value: false };
  return { ok: false, code: 'invalid_choice', params: { value: raw, allowed: locale === 'en' ? 'Yes, No' : '是、否' } };
}

/**
 * Turns one non-blank cell into the value the API schema expects. Numbers
 * stay text for the schema to coerce ("2024级" is read as 2024); references
 * are resolved by the caller.
 */
export function parseCell(spec: ColumnSpec, raw: string, locale: Locale): Parsed {
  const f = spec.field;
  if (f?.enum && f.kind === 'enum') return parseEnum(f.enum, raw, locale);
  if (f?.enum && f.kind === 'enumList') return parseEnumList(f.enum, raw, locale);
  if (f?.kind === 'bool') return parseBool(raw, locale);
  if (f?.kind === 'number') return { ok: true, value: raw.replace(/\s*[级屆届]$/, '') };
  return { ok: true, value: raw };
}
