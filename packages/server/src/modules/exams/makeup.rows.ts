import { formatMessage, MAKEUP_COLUMNS, type BulkRowError, type Locale, type MakeupColumnKey } from '@jiaowu/contracts';
import { neutralizeCsvCell } from '../../platform/files/spreadsheet-writer.ts';
import type { ReadSheet } from '../../platform/files/spreadsheet-reader.ts';
import { matchHeaders } from '../imports/import-cells.ts';
import type { ColumnSpec } from '../org/org.spreadsheets.ts';

/**
 * The office's file of failed students 补考名单 (学号, 课程代码, 备注): columns matched by the
 * imports' header rules (Chinese, English or key), and every problem a row has, worded with its
 * column in the reader's language.
 */

type L = Record<Locale, string>;

export interface MakeupFileRow {
  row: number;
  studentNo: string;
  courseCode: string;
  note: string | null;
}

const SPECS: ColumnSpec[] = MAKEUP_COLUMNS.map((c) => ({ ...c, field: undefined, isRef: false }));
const NOTE_MAX = 200;

/** Row problems in words; `{column}` is the column's label in the reader's language. */
export const MAKEUP_MESSAGES: Record<string, L> = {
  required: { 'zh-CN': '{column}不能为空', en: '{column} is required' },
  too_long: { 'zh-CN': '{column}最多 {maximum} 个字符', en: '{column} may have at most {maximum} characters' },
  duplicate_row: {
    'zh-CN': '与第 {first} 行重复：同一学生和课程在一个文件中只能出现一次',
    en: 'Repeats row {first}: a student and course may appear once in a file',
  },
  unknown_student: { 'zh-CN': '{column}“{value}”不存在', en: '{column} “{value}” does not exist' },
  unknown_course: { 'zh-CN': '{column}“{value}”不存在', en: '{column} “{value}” does not exist' },
  no_final_exam: {
    'zh-CN': '该学生在{term}没有课程“{value}”的期末考试',
    en: 'The student had no final exam in course “{value}” in {term}',
  },
  already_candidate: {
    'zh-CN': '该学生已在补考名单中（课程“{value}”）',
    en: 'The student is already on the make-up list for course “{value}”',
  },
};

/** A row error naming the column in the reader's language; the cell echoed safe to open in Excel. */
export function makeupRowError(
  row: number,
  key: MakeupColumnKey,
  code: string,
  value: string,
  locale: Locale,
  params: Record<string, unknown> = {},
): BulkRowError {
  const spec = SPECS.find((s) => s.key === key)!;
  const column = locale === 'en' ? spec.en : spec.zh;
  return {
    row,
    field: key,
    column,
    code,
    value: String(neutralizeCsvCell(value)),
    message: formatMessage(MAKEUP_MESSAGES[code]![locale], { ...params, column, value }),
  };
}

/**
 * The file's rows, and the errors a row has before the database is asked (blank, too long, the
 * same student and course twice). A missing required column fails the whole file.
 */
export function readMakeupRows(sheet: ReadSheet, locale: Locale): { rows: MakeupFileRow[]; errors: BulkRowError[] } {
  const cols = matchHeaders(sheet.headers, SPECS, locale);
  const rows: MakeupFileRow[] = [];
  const errors: BulkRowError[] = [];
  const firstOf = new Map<string, number>();
  for (const r of sheet.rows) {
    const cell = (key: MakeupColumnKey) => {
      const c = cols.get(key);
      return c ? (r.cells[c.index] ?? '').trim() : '';
    };
    const bad: BulkRowError[] = [];
    for (const key of ['studentNo', 'courseCode'] as const) if (!cell(key)) bad.push(makeupRowError(r.row, key, 'required', '', locale));
    if (cell('note').length > NOTE_MAX) bad.push(makeupRowError(r.row, 'note', 'too_long', cell('note'), locale, { maximum: NOTE_MAX }));
    if (cell('studentNo') && cell('courseCode')) {
      const key = `${cell('studentNo')}\u0000${cell('courseCode')}`;
      const first = firstOf.get(key);
      if (first !== undefined) bad.push(makeupRowError(r.row, 'courseCode', 'duplicate_row', cell('courseCode'), locale, { first }));
      else firstOf.set(key, r.row);
    }
    if (bad.length) errors.push(...bad);
    else rows.push({ row: r.row, studentNo: cell('studentNo'), courseCode: cell('courseCode'), note: cell('note') || null });
  }
  return { rows, errors };
}
