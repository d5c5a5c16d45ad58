import {
  formatMessage,
  gradeIssueText,
  GRADE_IMPORT_COLUMNS,
  type AttemptKind,
  type BulkRowError,
  type GradeEntry,
  type GradeImportColumnKey,
  type GradeIssue,
  type GradeScale,
  type Locale,
} from '@jiaowu/contracts';
import { parseGradeInput } from '@jiaowu/contracts/grades-core';
import { neutralizeCsvCell } from '../../platform/files/spreadsheet-writer.ts';
import type { ReadSheet } from '../../platform/files/spreadsheet-reader.ts';
import { matchHeaders, normalizeHeader } from '../imports/import-cells.ts';
import type { ColumnSpec } from '../org/org.spreadsheets.ts';

/**
 * 历史成绩文件 — the rows of an old system's grades (学号, 学期, 课程代码, 成绩, 考试性质, 学分,
 * 课程名称): columns matched by the imports' header rules, the grade read as the old system wrote
 * it (a score, a five-level or pass/fail word, or a mark such as 缺考), and every problem a row has
 * before the database is asked, worded with its column in the reader's language.
 */

type L = Record<Locale, string>;

export interface GradeFileRow {
  row: number;
  studentNo: string;
  termCode: string;
  courseCode: string;
  /** The grade as the old system wrote it (kept as `raw_grade`). */
  raw: string;
  entry: GradeEntry;
  attempt: AttemptKind;
  creditsTenths: number;
  courseName: string | null;
}

const SPECS: ColumnSpec[] = GRADE_IMPORT_COLUMNS.map((c) => ({ ...c, field: undefined, isRef: false }));
const SCALES: GradeScale[] = ['percent', 'five_level', 'two_level'];
const NAME_MAX = 100;
const CODE = /^[A-Za-z0-9_.-]{1,32}$/;
/** A term code as the school writes it: 2024-2025-1 (academic year, then semester 1–3). */
export const TERM_CODE = /^(\d{4})-(\d{4})-([123])$/;

const ATTEMPT_WORDS: Record<string, AttemptKind> = {
  正常: 'normal',
  正考: 'normal',
  初修: 'normal',
  normal: 'normal',
  补考: 'makeup',
  makeup: 'makeup',
  'make-up': 'makeup',
  重修: 'retake',
  retake: 'retake',
};

/** Row problems in words; `{column}` is the column's label in the reader's language. */
export const GRADE_IMPORT_MESSAGES: Record<string, L> = {
  required: { 'zh-CN': '{column}不能为空', en: '{column} is required' },
  too_long: { 'zh-CN': '{column}最多 {maximum} 个字符', en: '{column} may have at most {maximum} characters' },
  code_format: {
    'zh-CN': '{column}“{value}”格式不正确：只能包含字母、数字、-、_、.',
    en: '{column} “{value}” is malformed: letters, digits, -, _ and . only',
  },
  term_format: {
    'zh-CN': '{column}“{value}”格式不正确，应如 2024-2025-1',
    en: '{column} “{value}” is malformed; write it like 2024-2025-1',
  },
  attempt_unknown: {
    'zh-CN': '{column}“{value}”无法识别，应为 正常、补考 或 重修',
    en: '{column} “{value}” is not one of Normal, Make-up, Retake',
  },
  credits_format: {
    'zh-CN': '{column}“{value}”应为 0 到 30 之间、最多一位小数的数字',
    en: '{column} “{value}” must be a number from 0 to 30 with at most one decimal',
  },
  grade: { 'zh-CN': '{column}：{issue}', en: '{column}: {issue}' },
  duplicate_row: {
    'zh-CN': '与第 {first} 行重复：同一学生、学期、课程和考试性质只能出现一次',
    en: 'Repeats row {first}: a student, term, course and attempt may appear once',
  },
  already_recorded: {
    'zh-CN': '系统中已有该学生 {term} 学期课程“{value}”的{attempt}成绩',
    en: 'The student already has a {attempt} grade for course “{value}” in {term}',
  },
  unknown_student: { 'zh-CN': '{column}“{value}”不存在', en: '{column} “{value}” does not exist' },
  unknown_course: {
    'zh-CN': '{column}“{value}”不在课程库中（可勾选“创建缺失课程”将其建为已停用课程）',
    en: '{column} “{value}” is not in the catalog (tick “create missing courses” to add it as an archived course)',
  },
  unknown_term: {
    'zh-CN': '{column}“{value}”不存在（可勾选“创建缺失学期”将其建为往年学期）',
    en: '{column} “{value}” does not exist (tick “create missing terms” to add it as a past term)',
  },
  term_not_past: {
    'zh-CN': '{column}“{value}”尚未开始，不能作为往年学期创建',
    en: '{column} “{value}” has not started yet and cannot be created as a past term',
  },
  course_credits_missing: {
    'zh-CN': '新建课程“{value}”需要学分',
    en: 'Course “{value}” to be created needs credits',
  },
};

const ATTEMPT_LABEL: Record<AttemptKind, L> = {
  normal: { 'zh-CN': '正常', en: 'normal' },
  makeup: { 'zh-CN': '补考', en: 'make-up' },
  retake: { 'zh-CN': '重修', en: 'retake' },
};
export const attemptLabel = (a: AttemptKind, locale: Locale) => ATTEMPT_LABEL[a][locale];

/** A row error naming the column in the reader's language; the cell echoed safe to open in Excel. */
export function gradeRowError(
  row: number,
  key: GradeImportColumnKey,
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
    message: formatMessage(GRADE_IMPORT_MESSAGES[code]![locale], { ...params, column, value }),
  };
}

/** The grade as the old system wrote it, trying 百分制, 五级制 then 二级制: the entry, or the first scale's complaint. */
export function readOldGrade(raw: string): { entry: GradeEntry } | { issue: GradeIssue } {
  let first: GradeIssue | null = null;
  for (const scale of SCALES) {
    const parsed = parseGradeInput(raw, scale);
    if (parsed.ok && parsed.entry) return { entry: parsed.entry };
    if (!parsed.ok && parsed.issue.code !== 'grade_not_in_scale') return { issue: parsed.issue };
    if (!parsed.ok) first ??= parsed.issue;
  }
  return { issue: first ?? { code: 'grade_unrecognized', params: { input: raw } } };
}

/** Credits as written (3, 2.5, ３) in tenths, or null. */
export function readCredits(raw: string): number | null {
  const m = /^(\d{1,2})(?:\.(\d))?0*$/.exec(raw.normalize('NFKC').trim());
  if (!m) return null;
  const tenths = Number(m[1]) * 10 + Number(m[2] ?? '0');
  return tenths <= 300 ? tenths : null;
}

/**
 * The file's rows, and the errors a row has before the database is asked (blank, malformed, an
 * unreadable grade, the same student, term, course and attempt twice). A missing required column
 * fails the whole file. One pass; nothing here allocates per row beyond the row itself.
 */
export function readGradeRows(sheet: ReadSheet, locale: Locale): { rows: GradeFileRow[]; errors: BulkRowError[]; unread: number } {
  const cols = matchHeaders(sheet.headers, SPECS, locale);
  const index = (key: GradeImportColumnKey) => cols.get(key)?.index ?? -1;
  const at = {
    studentNo: index('studentNo'),
    termCode: index('termCode'),
    courseCode: index('courseCode'),
    grade: index('grade'),
    attempt: index('attempt'),
    credits: index('credits'),
    courseName: index('courseName'),
  };
  const rows: GradeFileRow[] = [];
  const errors: BulkRowError[] = [];
  const firstOf = new Map<string, number>();
  let unread = 0;
  for (const r of sheet.rows) {
    const cell = (i: number) => (i < 0 ? '' : (r.cells[i] ?? '').trim());
    const studentNo = cell(at.studentNo);
    const termCode = cell(at.termCode);
    const courseCode = cell(at.courseCode);
    const raw = cell(at.grade);
    const attemptRaw = cell(at.attempt);
    const creditsRaw = cell(at.credits);
    const courseName = cell(at.courseName);
    const before = errors.length;
    const err = (key: GradeImportColumnKey, code: string, value: string, params?: Record<string, unknown>) =>
      errors.push(gradeRowError(r.row, key, code, value, locale, params));
    if (!studentNo) err('studentNo', 'required', '');
    else if (!CODE.test(studentNo)) err('studentNo', 'code_format', studentNo);
    if (!termCode) err('termCode', 'required', '');
    else if (!TERM_CODE.test(termCode) || Number(termCode.slice(5, 9)) !== Number(termCode.slice(0, 4)) + 1)
      err('termCode', 'term_format', termCode);
    if (!courseCode) err('courseCode', 'required', '');
    else if (!CODE.test(courseCode)) err('courseCode', 'code_format', courseCode);
    let entry: GradeEntry | null = null;
    if (!raw) err('grade', 'required', '');
    else {
      const read = readOldGrade(raw);
      if ('entry' in read) entry = read.entry;
      else err('grade', 'grade', raw, { issue: gradeIssueText(read.issue, locale) });
    }
    const attempt = attemptRaw ? ATTEMPT_WORDS[normalizeHeader(attemptRaw)] : 'normal';
    if (!attempt) err('attempt', 'attempt_unknown', attemptRaw);
    const creditsTenths = creditsRaw ? readCredits(creditsRaw) : null;
    if (!creditsRaw) err('credits', 'required', '');
    else if (creditsTenths === null) err('credits', 'credits_format', creditsRaw);
    if (courseName.length > NAME_MAX) err('courseName', 'too_long', courseName, { maximum: NAME_MAX });
    if (errors.length === before) {
      const key = `${studentNo}\u0000${termCode}\u0000${courseCode}\u0000${attempt}`;
      const first = firstOf.get(key);
      if (first !== undefined) err('courseCode', 'duplicate_row', courseCode, { first });
      else firstOf.set(key, r.row);
    }
    if (errors.length === before)
      rows.push({
        row: r.row,
        studentNo,
        termCode,
        courseCode,
        raw,
        entry: entry!,
        attempt: attempt!,
        creditsTenths: creditsTenths!,
        courseName: courseName || null,
      });
    else unread++;
  }
  return { rows, errors, unread };
}
