import { BULK_COLUMNS, formatMessage, type BulkColumnKey, type BulkRowError, type Locale } from '@jiaowu/contracts';
import { neutralizeCsvCell } from '../../platform/files/spreadsheet-writer.ts';
import type { ReadSheet } from '../../platform/files/spreadsheet-reader.ts';
import { matchHeaders, normalizeHeader, parseCell } from '../imports/import-cells.ts';
import type { ColumnSpec } from '../org/org.spreadsheets.ts';

/**
 * 批量选课/退课 — the rows of the office's file as requests: the columns matched by the imports'
 * header rules (Chinese, English or key), cells read by its cell helpers, and every problem a row
 * has before the database is asked (blank, an unknown action, the same student and class twice),
 * worded with its column.
 */

type L = Record<Locale, string>;

export type BulkAction = 'enrol' | 'drop';

export interface BulkRow {
  row: number;
  studentNo: string;
  classCode: string;
  action: BulkAction;
  reason: string;
  override: boolean;
}

export const BULK_SPECS: ColumnSpec[] = BULK_COLUMNS.map((c) => ({
  ...c,
  field: c.key === 'override' ? { key: c.key, kind: 'bool' } : undefined,
  isRef: false,
}));
const specOf = (key: BulkColumnKey) => BULK_SPECS.find((s) => s.key === key)!;

/** Row problems in words; `{column}` is the column's label in the reader's language. */
export const BULK_MESSAGES: Record<string, L> = {
  required: { 'zh-CN': '{column}不能为空', en: '{column} is required' },
  invalid_action: { 'zh-CN': '{column}应为 选课 或 退课，不能是“{value}”', en: '{column} must be enrol or drop, not “{value}”' },
  invalid_choice: { 'zh-CN': '{column}应为 是 或 否，不能是“{value}”', en: '{column} must be Yes or No, not “{value}”' },
  duplicate_row: {
    'zh-CN': '与第 {first} 行重复：同一学生和教学班在一个文件中只能出现一次',
    en: 'Repeats row {first}: a student and class may appear once in a file',
  },
  unknown_student: { 'zh-CN': '{column}“{value}”不存在', en: '{column} “{value}” does not exist' },
  unknown_class: {
    'zh-CN': '{column}“{value}”不是本学期的教学班',
    en: '{column} “{value}” is not a teaching class of this term',
  },
  not_enrolled: {
    'zh-CN': '学生未选{column}“{value}”，无法退课',
    en: 'The student is not enrolled in {column} “{value}”, so it cannot be dropped',
  },
};

const ENROL_WORDS = new Set(['选课', '选', '代选', '加选', 'enrol', 'enroll', 'add']);
const DROP_WORDS = new Set(['退课', '退', '退选', '代退', 'drop']);

/** A row error naming the column in the reader's language; the cell echoed safe to open in Excel. */
export function rowError(
  row: number,
  key: BulkColumnKey,
  code: string,
  value: string,
  locale: Locale,
  message?: string,
  params: Record<string, unknown> = {},
): BulkRowError {
  const spec = specOf(key);
  const column = locale === 'en' ? spec.en : spec.zh;
  const template = BULK_MESSAGES[code];
  return {
    row,
    field: key,
    column,
    code,
    value: String(neutralizeCsvCell(value)),
    message: message ?? (template ? formatMessage(template[locale], { ...params, column, value }) : code),
  };
}

/**
 * The file's rows as requests, and the errors of the rows that cannot be. A missing required
 * column fails the whole file (`import_missing_column`), as an import does.
 */
export function readBulkRows(sheet: ReadSheet, locale: Locale): { rows: BulkRow[]; errors: BulkRowError[] } {
  const cols = matchHeaders(sheet.headers, BULK_SPECS, locale);
  const rows: BulkRow[] = [];
  const errors: BulkRowError[] = [];
  const firstOf = new Map<string, number>();
  for (const r of sheet.rows) {
    const cell = (key: BulkColumnKey) => {
      const c = cols.get(key);
      return c ? (r.cells[c.index] ?? '').trim() : '';
    };
    const bad: BulkRowError[] = [];
    for (const key of ['studentNo', 'classCode', 'action', 'reason'] as const)
      if (!cell(key)) bad.push(rowError(r.row, key, 'required', '', locale));
    const actionText = normalizeHeader(cell('action'));
    const action: BulkAction | null = ENROL_WORDS.has(actionText) ? 'enrol' : DROP_WORDS.has(actionText) ? 'drop' : null;
    if (cell('action') && !action) bad.push(rowError(r.row, 'action', 'invalid_action', cell('action'), locale));
    let override = false;
    if (cell('override')) {
      const parsed = parseCell(specOf('override'), cell('override'), locale);
      if (parsed.ok) override = parsed.value === true;
      else bad.push(rowError(r.row, 'override', 'invalid_choice', cell('override'), locale));
    }
    const key = `${cell('studentNo')}\u0000${cell('classCode')}`;
    if (cell('studentNo') && cell('classCode')) {
      const first = firstOf.get(key);
      if (first !== undefined) bad.push(rowError(r.row, 'classCode', 'duplicate_row', cell('classCode'), locale, undefined, { first }));
      else firstOf.set(key, r.row);
    }
    if (bad.length) errors.push(...bad);
    else
      rows.push({
        row: r.row,
        studentNo: cell('studentNo'),
        classCode: cell('classCode'),
        action: action!,
        reason: cell('reason'),
        override,
      });
  }
  return { rows, errors };
}
