import { CATALOG_LIMITS, type Locale } from '@jiaowu/contracts';
import { columnMessage, importMessage } from '../imports/import-messages.ts';
import type { ColumnSpec } from '../org/org.spreadsheets.ts';

type L = Record<Locale, string>;

const CREDITS: L = {
  'zh-CN': `{column}应为 0 到 ${CATALOG_LIMITS.creditsMax} 之间的数字，最多一位小数，如 3 或 2.5`,
  en: `{column} must be a number from 0 to ${CATALOG_LIMITS.creditsMax} with at most one decimal, e.g. 3 or 2.5`,
};
const HOURS: L = {
  'zh-CN': `{column}应为 0 到 ${CATALOG_LIMITS.hoursMax} 之间的整数，如 32`,
  en: `{column} must be a whole number from 0 to ${CATALOG_LIMITS.hoursMax}, e.g. 32`,
};

/**
 * What a number column of the catalog imports holds, said whole: the schema
 * reports one broken bound at a time ("应不大于 30"), which leaves the reader
 * guessing the other one and the decimals.
 */
const RANGES: Record<string, L> = {
  credits: CREDITS,
  minCredits: CREDITS,
  lectureHours: HOURS,
  labHours: HOURS,
  practiceHours: HOURS,
  cohort: {
    'zh-CN': '{column}应为 1990 到 2100 之间的入学年份，如 2026',
    en: '{column} must be a year of entry from 1990 to 2100, e.g. 2026',
  },
  term: {
    'zh-CN': `{column}应为 1 到 ${CATALOG_LIMITS.planTerms} 之间的整数，如 3`,
    en: `{column} must be a whole number from 1 to ${CATALOG_LIMITS.planTerms}, e.g. 3`,
  },
};
const RANGE_CODES = new Set(['credits_format', 'invalid_type', 'invalid_format', 'invalid', 'too_big', 'too_small', 'not_integer']);

/** Rules only the catalog has: prerequisite expressions, and a plan's courses and groups. */
const MESSAGES: Record<string, L> = {
  prerequisite_syntax: {
    'zh-CN': '{column}“{value}”无法识别：应为课程代码，& 表示并且，| 表示或者，可加括号，如 CS101 & (MA101 | MA104)',
    en: '{column} “{value}” cannot be read: use course codes, & for “and”, | for “or”, and brackets, e.g. CS101 & (MA101 | MA104)',
  },
  prerequisite_unknown: {
    'zh-CN': '{column}中的课程代码 {value} 不存在：应为课程库或本文件中已有的课程代码',
    en: 'Course code {value} in {column} does not exist: use codes of the catalog or of this file',
  },
  prerequisite_self: { 'zh-CN': '{column}不能包含本课程自身', en: '{column} cannot include the course itself' },
  prerequisite_cycle: {
    'zh-CN': '{column}构成循环（{path}）：请去掉其中一门课程的这条先修要求',
    en: '{column} form a cycle ({path}): remove one of these requirements',
  },
  prerequisite_items: {
    'zh-CN': '{column}的每组括号内最多列出 {maximum} 门课程',
    en: '{column} may list at most {maximum} courses in one bracket',
  },
  prerequisite_invalid: {
    'zh-CN': '{column}应为课程代码，& 表示并且，| 表示或者，可加括号，如 CS101 & (MA101 | MA104)',
    en: '{column} must be course codes with & for “and”, | for “or”, and brackets, e.g. CS101 & (MA101 | MA104)',
  },
  prerequisite_depth: {
    'zh-CN': '{column}的括号最多嵌套 {maximum} 层',
    en: '{column} may nest brackets at most {maximum} levels deep',
  },
  course_not_found: {
    'zh-CN': '{column}“{value}”不存在（应为课程库中已有课程的代码，如 CS201）',
    en: '{column} “{value}” does not exist (expected: code of a course in the catalog, e.g. CS201)',
  },
  course_twice_in_plan: {
    'zh-CN': '{column}与第 {row} 行重复：同一培养方案中每门课程只能出现一次',
    en: '{column} repeats row {row}: a course may appear once in a plan',
  },
  group_kind_differs: {
    'zh-CN': '{column}与第 {row} 行不一致：同一课程组的各行应填写相同的类型',
    en: '{column} differs from row {row}: every row of a course group must give the same kind',
  },
  elective_min_credits: {
    'zh-CN': '{column}不能为空：选修课程组应填写最低学分，如 4',
    en: '{column} is required for an elective group, e.g. 4',
  },
};

/**
 * The message of one catalog import row error, in the reader's language,
 * naming the column and what it expects; what the org imports share (required,
 * choices, unknown department or major, scope) comes from the imports module.
 */
export function catalogImportMessage(spec: ColumnSpec | undefined, code: string, params: Record<string, unknown>, locale: Locale): string {
  if (!spec) return importMessage(spec, code, params, locale);
  const say = (key: string) => columnMessage(spec, MESSAGES[key], params, locale);
  const key = spec.key;
  if (RANGES[key] && RANGE_CODES.has(code)) return columnMessage(spec, RANGES[key], params, locale);
  if (key === 'prerequisites') {
    if (code === 'reference_not_found') return say('prerequisite_unknown');
    if (code === 'too_big') return say('prerequisite_items');
    if (code in MESSAGES) return say(code);
    // A code that is not one (code_format) says so in the imports module's words; anything else the schema finds, the syntax.
    if (code !== 'code_format') return say('prerequisite_invalid');
  }
  if (key === 'courseCode' && code === 'reference_not_found') return say('course_not_found');
  if (key === 'courseCode' && code === 'duplicate_in_file') return say('course_twice_in_plan');
  if (key === 'groupKind' && code === 'duplicate_in_file') return say('group_kind_differs');
  if (key === 'minCredits' && code === 'required') return say('elective_min_credits');
  return importMessage(spec, code, params, locale);
}
