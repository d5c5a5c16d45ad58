import {
  formatMessage,
  GRADE_WORDS,
  gradeEntryText,
  gradeIssueText,
  type BulkRowError,
  type GradeCellError,
  type GradeComponent,
  type GradeEntry,
  type GradeSheetSave,
  type GradingScheme,
  type Locale,
} from '@jiaowu/contracts';
import { neutralizeCsvCell, writeXlsxBook, type Sheet } from '../../platform/files/spreadsheet-writer.ts';
import type { ReadSheet } from '../../platform/files/spreadsheet-reader.ts';
import { matchHeaders } from '../imports/import-cells.ts';
import type { ColumnSpec } from '../org/org.spreadsheets.ts';
import type { SheetState } from './sheet-context.ts';
import { rowsOf } from './sheet-context.ts';
import type { RowChange } from './save-sheet.ts';
import { hasComponents } from './sheet-rows.ts';

/**
 * 成绩导入模板 — a class's grade sheet as a file: the roster with its current grades (学号, 姓名,
 * 行政班, one column per component of the scheme, and 成绩), and the filled file read back into
 * the rows of a save, every problem a row has worded with its row and column.
 */

type L = Record<Locale, string>;

/** The most rows a grade file may have (a class is far smaller). */
export const GRADE_FILE_MAX_ROWS = 2000;

const FIXED: { key: string; zh: string; en: string; required: boolean }[] = [
  { key: 'studentNo', zh: '学号', en: 'Student No.', required: true },
  { key: 'studentName', zh: '姓名', en: 'Name', required: false },
  { key: 'adminClass', zh: '行政班', en: 'Class', required: false },
];

/** The entry column: the grade itself, or (beside components) only a mark such as 缺考. */
const entryHeader = (scheme: GradingScheme): L =>
  hasComponents(scheme) ? { 'zh-CN': '成绩标记', en: 'Mark' } : { 'zh-CN': '成绩', en: 'Grade' };

/** The columns of a class's file, in order. */
export function gradeFileSpecs(scheme: GradingScheme): ColumnSpec[] {
  const components = hasComponents(scheme) ? scheme.components.map((w) => w.component) : [];
  const entry = entryHeader(scheme);
  return [
    ...FIXED,
    ...components.map((c) => ({ key: c, zh: GRADE_WORDS.component[c]['zh-CN'], en: GRADE_WORDS.component[c].en, required: false })),
    { key: 'entry', zh: entry['zh-CN'], en: entry.en, required: false },
  ].map((c) => ({ ...c, field: undefined, isRef: false }));
}

const label = (spec: ColumnSpec, locale: Locale) => (locale === 'en' ? spec.en : spec.zh);

const scoreText = (tenths: number | null | undefined) =>
  tenths === null || tenths === undefined ? '' : tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
const entryText = (e: GradeEntry | null, locale: Locale) => (e ? gradeEntryText(e, locale) : '');

/** What the file says about the accepted values, per column. */
function notes(scheme: GradingScheme, locale: Locale): string[][] {
  const words = (group: Record<string, L>) =>
    Object.values(group)
      .map((w) => w[locale])
      .join(locale === 'en' ? ', ' : '、');
  const marks = words(GRADE_WORDS.mark);
  const levels =
    scheme.scale === 'five_level' ? words(GRADE_WORDS.fiveLevel) : scheme.scale === 'two_level' ? words(GRADE_WORDS.twoLevel) : null;
  const en = locale === 'en';
  const rows: string[][] = [
    [en ? 'Student No.' : '学号', en ? 'Matches the row to a student of the class; do not change it' : '按学号匹配本班学生，请勿修改'],
    [en ? 'Name, Class' : '姓名、行政班', en ? 'For reading only; not imported' : '仅供核对，不导入'],
  ];
  if (hasComponents(scheme))
    for (const w of scheme.components)
      rows.push([
        GRADE_WORDS.component[w.component][locale],
        en
          ? `Score 0–100 with at most one decimal (weight ${w.weight}%); blank = not entered`
          : `分数 0–100，最多一位小数（占 ${w.weight}%）；留空表示未录入`,
      ]);
  const entry = entryHeader(scheme)[locale];
  rows.push([
    entry,
    hasComponents(scheme)
      ? en
        ? `Only a mark: ${marks}; the total is computed from the components`
        : `只填标记：${marks}；总评由各部分成绩自动计算`
      : levels
        ? en
          ? `A level: ${levels}; or a mark: ${marks}`
          : `等级：${levels}；或标记：${marks}`
        : en
          ? `Score 0–100 with at most one decimal; or a mark: ${marks}`
          : `分数 0–100，最多一位小数；或标记：${marks}`,
  ]);
  rows.push([
    en ? 'Marks set by the exams office' : '考务确定的标记',
    en
      ? 'Absent, Deferred, Cheating or Misconduct recorded by the exams office cannot be changed here'
      : '考务已确定的缺考、缓考、作弊、违纪不能在此修改',
  ]);
  rows.push([
    en ? 'Import' : '导入',
    en
      ? 'Upload the file with Import: every bad row is listed first and nothing is saved until you confirm'
      : '在成绩登记页点击“导入”上传：先列出每一行的问题，确认后才保存',
  ]);
  return rows;
}

/** The class's file: its roster with the grades entered so far, headers in the caller's language, and a notes sheet. */
export async function buildGradeTemplate(state: SheetState, locale: Locale): Promise<{ file: Buffer; filename: string }> {
  const specs = gradeFileSpecs(state.scheme);
  const { rows } = rowsOf(state);
  const data: Sheet = {
    name: locale === 'en' ? 'Grades' : '成绩',
    headers: specs.map((s) => label(s, locale)),
    // Strings stay strings: a name such as "=1+1" is written as text, never as a formula.
    rows: rows.map((r) =>
      specs.map((s) => {
        if (s.key === 'studentNo') return r.studentCode;
        if (s.key === 'studentName') return r.studentName;
        if (s.key === 'adminClass') return r.adminClassName ?? '';
        if (s.key === 'entry') return entryText(r.entry, locale);
        const v = r.components[s.key as GradeComponent];
        return v === null || v === undefined ? null : v / 10;
      }),
    ),
    textColumns: [0, 1, 2, specs.length - 1],
  };
  const notesSheet: Sheet = {
    name: locale === 'en' ? 'Notes' : '填写说明',
    headers: locale === 'en' ? ['Column', 'Accepted values'] : ['列', '填写说明'],
    rows: notes(state.scheme, locale),
  };
  const kind = state.kind === 'makeup' ? (locale === 'en' ? '-makeup' : '（补考）') : '';
  const filename =
    locale === 'en'
      ? `grades-${state.c.courseCode}-${state.c.code}${kind}.xlsx`
      : `成绩登记表-${state.c.courseCode}-${state.c.code}${kind}.xlsx`;
  return { file: await writeXlsxBook([data, notesSheet]), filename };
}

/** Row problems in words; `{column}` is the column's label in the reader's language. */
export const GRADE_FILE_MESSAGES: Record<string, L> = {
  required: { 'zh-CN': '{column}不能为空', en: '{column} is required' },
  duplicate_row: {
    'zh-CN': '与第 {first} 行重复：同一学号在一个文件中只能出现一次',
    en: 'Repeats row {first}: a student number may appear once in a file',
  },
  unknown_student: { 'zh-CN': '{column}“{value}”不存在', en: '{column} “{value}” does not exist' },
  not_in_class: {
    'zh-CN': '学号“{value}”的学生不在本成绩登记表中',
    en: 'The student with number “{value}” is not on this grade sheet',
  },
};

export function gradeRowError(
  row: number,
  spec: ColumnSpec,
  code: string,
  value: string,
  locale: Locale,
  params: Record<string, unknown> = {},
): BulkRowError {
  const column = label(spec, locale);
  return {
    row,
    field: spec.key,
    column,
    code,
    value: String(neutralizeCsvCell(value)),
    message: formatMessage(GRADE_FILE_MESSAGES[code]![locale], { ...params, column, value }),
  };
}

export interface GradeFileRow {
  row: number;
  studentNo: string;
  /** The save row: only the cells that differ from what the sheet holds. */
  cells: { entry?: string; components: Partial<Record<GradeComponent, string>> };
  /** The cells as the file holds them, by column key (for the error echo). */
  raw: Record<string, string>;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The file's rows matched to the sheet by 学号: blank or repeated 学号 are row errors; a student
 * not on the sheet is reported by the caller (it asks whether the number exists at all). A cell
 * equal to what the sheet holds is left out, so an unchanged fixed mark is no overwrite.
 */
export function readGradeFile(file: ReadSheet, state: SheetState, locale: Locale) {
  const specs = gradeFileSpecs(state.scheme);
  const cols = matchHeaders(file.headers, specs, locale);
  const current = new Map(rowsOf(state).rows.map((r) => [r.studentCode, r]));
  const rows: GradeFileRow[] = [];
  const errors: BulkRowError[] = [];
  const firstOf = new Map<string, number>();
  const noSpec = specs[0]!;
  for (const r of file.rows) {
    const raw: Record<string, string> = {};
    for (const [key, c] of cols) raw[key] = (r.cells[c.index] ?? '').trim();
    const no = raw.studentNo ?? '';
    if (!no) {
      errors.push(gradeRowError(r.row, noSpec, 'required', '', locale));
      continue;
    }
    const first = firstOf.get(no);
    if (first !== undefined) {
      errors.push(gradeRowError(r.row, noSpec, 'duplicate_row', no, locale, { first }));
      continue;
    }
    firstOf.set(no, r.row);
    const now = current.get(no);
    const cells: GradeFileRow['cells'] = { components: {} };
    for (const spec of specs) {
      if (!cols.has(spec.key) || ['studentNo', 'studentName', 'adminClass'].includes(spec.key)) continue;
      const value = raw[spec.key] ?? '';
      if (spec.key === 'entry') {
        const held = now ? entryText(now.entry, locale) : '';
        const heldOther = now?.entry ? entryText(now.entry, locale === 'en' ? 'zh-CN' : 'en') : '';
        if (now && (same(value, held) || (heldOther && same(value, heldOther)))) continue;
        cells.entry = value;
      } else {
        const held = now ? scoreText(now.components[spec.key as GradeComponent]) : '';
        if (now && (same(value, held) || (value !== '' && held !== '' && Number(value) === Number(held)))) continue;
        cells.components[spec.key as GradeComponent] = value;
      }
    }
    rows.push({ row: r.row, studentNo: no, cells, raw });
  }
  return { rows, errors, specs };
}

/** The save rows of the file's students on the sheet. */
export function saveRowsOf(rows: GradeFileRow[], studentIdOf: Map<string, number>): GradeSheetSave['rows'] {
  return rows.flatMap((r) => {
    const studentId = studentIdOf.get(r.studentNo);
    if (studentId === undefined) return [];
    const { entry, components } = r.cells;
    if (entry === undefined && Object.keys(components).length === 0) return [];
    return [{ studentId, ...(entry !== undefined ? { entry } : {}), components }];
  });
}

/** A cell the grade core could not read, as a row error naming the file's row and column. */
export function cellRowError(e: GradeCellError, fileRow: GradeFileRow, specs: ColumnSpec[], locale: Locale): BulkRowError {
  const spec = specs.find((s) => s.key === e.column) ?? specs[specs.length - 1]!;
  return {
    row: fileRow.row,
    field: spec.key,
    column: label(spec, locale),
    code: e.issue.code,
    value: String(neutralizeCsvCell(fileRow.raw[spec.key] ?? '')),
    message: gradeIssueText(e.issue, locale),
  };
}

/** A change as the preview shows it: each changed column, before → after, as text. */
export function changeCells(ch: RowChange, scheme: GradingScheme, locale: Locale) {
  const cells: { column: string; before: string | null; after: string | null }[] = [];
  const text = (s: string) => (s === '' ? null : s);
  for (const w of hasComponents(scheme) ? scheme.components : []) {
    const b = scoreText(ch.before?.components[w.component]);
    const a = scoreText(ch.after.components[w.component]);
    if (a !== b) cells.push({ column: GRADE_WORDS.component[w.component][locale], before: text(b), after: text(a) });
  }
  const b = entryText(ch.before?.entry ?? null, locale);
  const a = entryText(ch.after.entry, locale);
  if (a !== b)
    cells.push({
      column: hasComponents(scheme) ? (locale === 'en' ? 'Total' : '总评') : entryHeader(scheme)[locale],
      before: text(b),
      after: text(a),
    });
  return cells;
}
