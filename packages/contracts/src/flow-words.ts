import type { Locale } from './common.ts';
import type { ConditionOperator, StepCondition } from './workflow.ts';

/**
 * Flows in words: the names of the kinds of things that go through approval,
 * the fields a step's condition may test, and a condition read out as a
 * sentence ("容量大于 200", "学院为 计算机学院") — shared by the server (diagram,
 * responsibility table) and the web (diagram, editor), so both read alike.
 */

type Words = Record<Locale, string>;

/** Kinds of subject (审批事项) by their code; a flow of the same key approves that kind. */
export const SUBJECT_KINDS: Record<string, Words> = {
  course_request: { 'zh-CN': '开课申请', en: 'Course request' },
  timetable_change: { 'zh-CN': '调课申请', en: 'Timetable change request' },
  timetable_publish: { 'zh-CN': '课程确认（课表发布）', en: 'Timetable confirmation' },
  credit_raise: { 'zh-CN': '超学分申请', en: 'Credit-limit raise' },
  exam_list: { 'zh-CN': '考试安排确认', en: 'Exam list confirmation' },
  exam_deferral: { 'zh-CN': '缓考申请', en: 'Deferred exam application' },
  exam_publish: { 'zh-CN': '考试安排发布确认', en: 'Exam timetable confirmation' },
  grade_sheet: { 'zh-CN': '成绩审核与公布', en: 'Grade review and publication' },
};

/** The kind's name in the language; a kind without a name yet reads as "other item", never as its code. */
export function subjectKindName(kind: string, locale: Locale): string {
  return SUBJECT_KINDS[kind]?.[locale] ?? (locale === 'en' ? 'Other item' : '其他事项');
}

/** A field of a subject's context a condition may test; `ref` names what its value identifies. */
export interface ConditionField {
  label: Words;
  type: 'number' | 'text' | 'ref';
  ref?: 'college';
}

/** The context fields each flow's subjects carry (what offerings submits for a course request). */
export const CONDITION_FIELDS: Record<string, Record<string, ConditionField>> = {
  course_request: {
    capacity: { label: { 'zh-CN': '容量', en: 'Capacity' }, type: 'number' },
    credits: { label: { 'zh-CN': '学分', en: 'Credits' }, type: 'number' },
    weeklyHours: { label: { 'zh-CN': '周学时', en: 'Weekly hours' }, type: 'number' },
    courseCode: { label: { 'zh-CN': '课程代码', en: 'Course code' }, type: 'text' },
    collegeId: { label: { 'zh-CN': '学院', en: 'College' }, type: 'ref', ref: 'college' },
  },
  timetable_change: {
    periods: { label: { 'zh-CN': '涉及学时', en: 'Periods affected' }, type: 'number' },
    periodsOverLimit: {
      label: { 'zh-CN': '超出学院审批范围的学时', en: 'Periods beyond the college’s limit' },
      type: 'number',
    },
    kind: { label: { 'zh-CN': '调课类型', en: 'Kind of change' }, type: 'text' },
    collegeId: { label: { 'zh-CN': '学院', en: 'College' }, type: 'ref', ref: 'college' },
  },
  timetable_publish: {
    lectures: { label: { 'zh-CN': '课次数', en: 'Lectures' }, type: 'number' },
  },
  exam_publish: {
    exams: { label: { 'zh-CN': '考试门数', en: 'Exams' }, type: 'number' },
  },
  grade_sheet: {
    students: { label: { 'zh-CN': '学生人数', en: 'Students' }, type: 'number' },
    collegeId: { label: { 'zh-CN': '学院', en: 'College' }, type: 'ref', ref: 'college' },
  },
};

/** Comparison words: "大于" / "is more than". */
export const OPERATOR_WORDS: Record<ConditionOperator, Words> = {
  '>': { 'zh-CN': '大于', en: 'is more than' },
  '>=': { 'zh-CN': '不少于', en: 'is at least' },
  '<': { 'zh-CN': '小于', en: 'is less than' },
  '<=': { 'zh-CN': '不超过', en: 'is at most' },
  '=': { 'zh-CN': '为', en: 'is' },
  '!=': { 'zh-CN': '不为', en: 'is not' },
};

/** The field's label for a flow, or the field's own name when the flow does not declare it (a custom context field). */
export function conditionFieldLabel(flowKey: string, field: string, locale: Locale): string {
  return CONDITION_FIELDS[flowKey]?.[field]?.label[locale] ?? field;
}

/**
 * The condition as a sentence in the language: "容量大于 200", "Capacity is
 * more than 200", "学院为 计算机学院". `valueName` is the name behind a
 * reference value (the college's name for its id), looked up by the caller.
 */
export function describeCondition(
  condition: StepCondition | null | undefined,
  locale: Locale,
  opts: { flowKey: string; valueName?: string | null },
): string | null {
  if (!condition) return null;
  const label = conditionFieldLabel(opts.flowKey, condition.field, locale);
  const op = OPERATOR_WORDS[condition.op][locale];
  const v = condition.value;
  const value =
    opts.valueName ??
    (typeof v === 'boolean' ? (locale === 'en' ? (v ? 'yes' : 'no') : v ? '是' : '否') : typeof v === 'string' ? `“${v}”` : String(v));
  return locale === 'en' ? `${label} ${op} ${value}` : `${label}${op} ${value}`;
}
