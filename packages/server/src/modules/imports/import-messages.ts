import { formatMessage, type Locale } from '@jiaowu/contracts';
import { fieldMessage } from '../../platform/i18n.ts';
import type { ColumnSpec } from '../org/org.spreadsheets.ts';
import { allowedLabels } from './import-cells.ts';
import { REF_NOTES } from './import-template.ts';

type L = Record<Locale, string>;

/**
 * A row error of an import as the person fixing the file needs it: which
 * column, and what the cell should hold ("性别应为 男 或 女", "行政班代码“X”不存在").
 * The generic field messages (必填, 格式不正确) name neither.
 */
const MESSAGES: Record<string, L> = {
  required: { 'zh-CN': '{column}不能为空', en: '{column} is required' },
  reference_not_found: {
    'zh-CN': '{column}“{value}”不存在（应为{expected}）',
    en: '{column} “{value}” does not exist (expected: {expected})',
  },
  invalid_choice: { 'zh-CN': '{column}应为 {allowed}，不能是“{value}”', en: '{column} must be {allowed}, not “{value}”' },
  duplicate_in_file: {
    'zh-CN': '{column}与第 {row} 行重复：同一文件中每个代码只能出现一次',
    en: '{column} repeats row {row}: each code may appear once in a file',
  },
  duplicate_id_in_file: {
    'zh-CN': '{column}与第 {row} 行相同：同一证件号码只能属于一个人',
    en: '{column} is the same as in row {row}: one ID number belongs to one person',
  },
  duplicate_id_number: {
    'zh-CN': '{column}已被另一人使用：同一证件号码只能属于一个人',
    en: '{column} is already recorded for someone else: one ID number belongs to one person',
  },
  code_format: {
    'zh-CN': '{column}只能包含字母、数字、-、_、.，如 CS2401',
    en: '{column} may hold only letters, digits, -, _ and ., e.g. CS2401',
  },
  email: { 'zh-CN': '{column}格式应为 name@example.edu.cn', en: '{column} must look like name@example.edu.cn' },
  date: { 'zh-CN': '{column}日期格式应为 2026-09-07', en: '{column} must be a date like 2026-09-07' },
  number: { 'zh-CN': '{column}应为数字，如 {example}', en: '{column} must be a number, e.g. {example}' },
  too_big_number: { 'zh-CN': '{column}应不大于 {maximum}', en: '{column} must be at most {maximum}' },
  too_small_number: { 'zh-CN': '{column}应不小于 {minimum}', en: '{column} must be at least {minimum}' },
  too_big: { 'zh-CN': '{column}最多 {maximum} 个字符', en: '{column} may have at most {maximum} characters' },
  too_small: { 'zh-CN': '{column}至少 {minimum} 个字符', en: '{column} needs at least {minimum} characters' },
  out_of_scope: {
    'zh-CN': '{column}所指的记录不在您的管辖范围内：只能导入您所在学院（系）的记录',
    en: 'The record {column} points at is outside your scope: you may import records of your own college (department) only',
  },
  other: { 'zh-CN': '{column}：{message}', en: '{column}: {message}' },
};

/** Example values of number columns, for "应为数字，如 …". */
const NUMBER_EXAMPLES: Record<string, string> = { cohort: '2024', capacity: '60', examCapacity: '30' };

/** "男 或 女" for two or three choices, a list for more. */
function choices(spec: ColumnSpec, locale: Locale): string {
  if (!spec.field?.enum) return locale === 'en' ? 'Yes or No' : '是 或 否';
  const labels = allowedLabels(spec.field.enum, locale).split(locale === 'en' ? ', ' : '、');
  if (labels.length <= 3) return labels.join(locale === 'en' ? ' or ' : ' 或 ');
  return (locale === 'en' ? 'one of ' : '以下之一：') + labels.join(locale === 'en' ? ', ' : '、');
}

/**
 * A message naming its column: `{column}` in the template is the column's
 * label in the reader's language. For imports with row rules of their own
 * (the catalog's), worded like the ones here.
 */
export function columnMessage(spec: ColumnSpec, template: L, params: Record<string, unknown>, locale: Locale): string {
  return formatMessage(template[locale], { ...params, column: locale === 'en' ? spec.en : spec.zh });
}

/** The message of one row error, in the reader's language, naming the column and what it expects. */
export function importMessage(spec: ColumnSpec | undefined, code: string, params: Record<string, unknown>, locale: Locale): string {
  // A field no column holds (derived from another): the plain message.
  if (!spec) return fieldMessage(code, locale, params);
  const kind = spec.field?.kind;
  const say = (key: string, extra: Record<string, unknown> = {}) => columnMessage(spec, MESSAGES[key], { ...params, ...extra }, locale);
  switch (code) {
    case 'duplicate_in_file':
      return say(spec.key === 'idNumber' ? 'duplicate_id_in_file' : code);
    case 'duplicate_id_number':
      return say(code);
    case 'required':
    case 'code_format':
    case 'out_of_scope':
      return say(code);
    case 'reference_not_found':
      return say(code, { expected: REF_NOTES[spec.key]?.[locale] ?? (locale === 'en' ? 'an existing code' : '已有的代码') });
    case 'invalid_choice':
      return say(code, { allowed: choices(spec, locale) });
    case 'too_big':
    case 'too_small':
      return say(kind === 'number' ? `${code}_number` : code);
    case 'invalid_type':
    case 'invalid_format':
    case 'invalid':
      if (spec.key === 'email') return say('email');
      if (kind === 'date') return say('date');
      if (kind === 'number') return say('number', { example: NUMBER_EXAMPLES[spec.key] ?? '1' });
      return say('other', { message: fieldMessage(code, locale, params) });
    default:
      return say('other', { message: fieldMessage(code, locale, params) });
  }
}
