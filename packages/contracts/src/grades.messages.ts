import type { GradeEntry, GradeIssue } from './grades.ts';

type Locale = 'zh-CN' | 'en';
type Words = { 'zh-CN': string; en: string };

/** Names of the grade vocabulary in both languages (the grid, the transcript, the messages). */
export const GRADE_WORDS = {
  scale: {
    percent: { 'zh-CN': '百分制', en: 'Percentage scale' },
    five_level: { 'zh-CN': '五级制', en: 'Five-level scale' },
    two_level: { 'zh-CN': '两级制', en: 'Pass/fail scale' },
  },
  component: {
    regular: { 'zh-CN': '平时', en: 'Coursework' },
    midterm: { 'zh-CN': '期中', en: 'Midterm' },
    lab: { 'zh-CN': '实验', en: 'Lab' },
    final: { 'zh-CN': '期末', en: 'Final exam' },
  },
  fiveLevel: {
    excellent: { 'zh-CN': '优', en: 'Excellent' },
    good: { 'zh-CN': '良', en: 'Good' },
    fair: { 'zh-CN': '中', en: 'Fair' },
    pass: { 'zh-CN': '及格', en: 'Pass' },
    fail: { 'zh-CN': '不及格', en: 'Fail' },
  },
  twoLevel: {
    pass: { 'zh-CN': '合格', en: 'Pass' },
    fail: { 'zh-CN': '不合格', en: 'Fail' },
  },
  mark: {
    absent: { 'zh-CN': '缺考', en: 'Absent' },
    deferred: { 'zh-CN': '缓考', en: 'Deferred' },
    cheating: { 'zh-CN': '作弊', en: 'Cheating' },
    misconduct: { 'zh-CN': '违纪', en: 'Misconduct' },
    exempt: { 'zh-CN': '免修', en: 'Exempt' },
    barred: { 'zh-CN': '取消考试资格', en: 'Barred from the exam' },
  },
  attempt: {
    normal: { 'zh-CN': '正常', en: 'Regular' },
    makeup: { 'zh-CN': '补考', en: 'Make-up' },
    retake: { 'zh-CN': '重修', en: 'Retake' },
  },
} as const satisfies Record<string, Record<string, Words>>;

/**
 * Problems with what a teacher typed, with a class's weights or with a school's band table
 * (spread into ERROR_MESSAGES). `{component}` and `{scale}` are codes in the params and are
 * replaced by their names by `gradeIssueText`.
 */
export const GRADES_ERROR_MESSAGES = {
  /** Neither a number, nor a level of the scale, nor a special mark. */
  grade_unrecognized: {
    'zh-CN': '无法识别“{input}”：请填写分数、等级或缺考、缓考等标记',
    en: '“{input}” is not a grade: type a score, a level, or a mark such as Absent',
  },
  grade_out_of_range: {
    'zh-CN': '“{input}”超出范围：分数应在 {min} 到 {max} 之间',
    en: '“{input}” is out of range: a score is between {min} and {max}',
  },
  grade_too_many_decimals: {
    'zh-CN': '“{input}”的小数位过多：分数最多保留一位小数',
    en: '“{input}” has too many decimals: a score has at most one',
  },
  /** A level typed in a 百分制 class, or a score in a 五级制 one. */
  grade_not_in_scale: {
    'zh-CN': '“{input}”不属于本课程的记分方式（{scale}）',
    en: '“{input}” does not belong to this course’s grading scale ({scale})',
  },
  grade_weight_out_of_range: {
    'zh-CN': '{component}成绩的比例为 {weight}%，应在 {min}% 到 {max}% 之间',
    en: 'The {component} weight is {weight}%; it must be between {min}% and {max}%',
  },
  grade_weight_not_integer: {
    'zh-CN': '{component}成绩的比例应为整数百分比',
    en: 'The {component} weight must be a whole percentage',
  },
  grade_component_duplicate: {
    'zh-CN': '{component}成绩出现了不止一次',
    en: 'The {component} component appears more than once',
  },
  grade_weights_sum: {
    'zh-CN': '各部分成绩比例之和为 {sum}%，应为 100%',
    en: 'The weights add up to {sum}%; they must add up to 100%',
  },
  /** A cell of a student whose grade the exams module fixed (缓考, 作弊, 违纪, 缺考). */
  grade_fixed_mark: {
    'zh-CN': '该生的成绩已由考务确定（{mark}），不能修改',
    en: 'This student’s grade was set by the exams office ({mark}) and cannot be changed',
  },
  /** A score typed as the grade of a class whose total comes from its components. */
  grade_entry_needs_components: {
    'zh-CN': '“{input}”：本课程的总评由各部分成绩计算，请填写平时、期末等成绩（此栏只填缺考等标记）',
    en: '“{input}”: this course’s total is computed from its components; type the component scores (this column takes marks such as Absent)',
  },
  gpa_bands_empty: {
    'zh-CN': '自定义绩点对照表为空',
    en: 'The custom grade point table is empty',
  },
  gpa_bands_duplicate: {
    'zh-CN': '绩点对照表中分数下限 {min} 重复',
    en: 'The grade point table lists the lower bound {min} twice',
  },
  /** A transcript of a student with no published grade would be an empty page. */
  transcript_no_grades: {
    'zh-CN': '该学生还没有已公布的成绩，无法开具成绩单',
    en: 'This student has no published grades yet, so there is no transcript to issue',
  },
  transcript_batch_too_large: {
    'zh-CN': '一次最多批量开具 {max} 名学生的成绩单，本次条件下有 {count} 名及以上：请按专业或学院缩小范围',
    en: 'A batch issues at most {max} students’ transcripts and this one covers {count} or more: narrow it by major or college',
  },
  transcript_batch_empty: {
    'zh-CN': '没有符合条件且有已公布成绩的学生',
    en: 'No student matching these conditions has published grades',
  },
  transcript_already_revoked: {
    'zh-CN': '该成绩单已作废',
    en: 'This transcript has already been revoked',
  },
} as const;

/** HTTP statuses of those errors (spread into the server's table): all are bad input. */
export const GRADES_ERROR_STATUS: Record<keyof typeof GRADES_ERROR_MESSAGES, number> = {
  grade_unrecognized: 400,
  grade_out_of_range: 400,
  grade_too_many_decimals: 400,
  grade_not_in_scale: 400,
  grade_weight_out_of_range: 400,
  grade_weight_not_integer: 400,
  grade_component_duplicate: 400,
  grade_weights_sum: 400,
  grade_fixed_mark: 400,
  grade_entry_needs_components: 400,
  gpa_bands_empty: 400,
  gpa_bands_duplicate: 400,
  transcript_no_grades: 400,
  transcript_batch_too_large: 400,
  transcript_batch_empty: 400,
  transcript_already_revoked: 409,
};

/** Warnings shown before a class's grades are submitted: the teacher may still submit. */
export const GRADES_WARNING_MESSAGES = {
  grade_missing: {
    'zh-CN': '还有 {count} 名学生没有成绩',
    en: '{count} students have no grade yet',
  },
  /** A total cannot be computed while a component has no score. */
  grade_component_missing: {
    'zh-CN': '缺少{component}成绩，无法计算总评',
    en: 'The {component} score is missing, so there is no total',
  },
  grade_cluster_below_pass: {
    'zh-CN': '{count} 名学生（{percent}%）的成绩恰好为 59 分，请核对',
    en: '{count} students ({percent}%) have exactly 59; please check',
  },
  grade_all_high: {
    'zh-CN': '全班成绩均在 {min} 分及以上，请核对',
    en: 'Every student has {min} or more; please check',
  },
  grade_low_pass_rate: {
    'zh-CN': '及格率只有 {percent}%，请核对',
    en: 'Only {percent}% passed; please check',
  },
  grade_all_same: {
    'zh-CN': '全班成绩相同（{score}），请核对',
    en: 'Every student has the same grade ({score}); please check',
  },
} as const;

export type GradesErrorCode = keyof typeof GRADES_ERROR_MESSAGES;
export type GradesWarningCode = keyof typeof GRADES_WARNING_MESSAGES;

const ALL_MESSAGES: Record<string, Words> = { ...GRADES_ERROR_MESSAGES, ...GRADES_WARNING_MESSAGES };

/** A grade issue as a sentence in the reader's language, codes in its params replaced by names. */
export function gradeIssueText(issue: GradeIssue, locale: Locale): string {
  const words = ALL_MESSAGES[issue.code];
  if (!words) return locale === 'zh-CN' ? '成绩数据有误' : 'The grade data is invalid';
  const params: Record<string, string | number> = { ...issue.params };
  const component = GRADE_WORDS.component[params.component as keyof typeof GRADE_WORDS.component];
  if (component) params.component = component[locale];
  const mark = GRADE_WORDS.mark[params.mark as keyof typeof GRADE_WORDS.mark];
  if (mark) params.mark = mark[locale];
  const scale = GRADE_WORDS.scale[params.scale as keyof typeof GRADE_WORDS.scale];
  if (scale) params.scale = scale[locale];
  // Not errors.ts's formatMessage: errors.ts imports this file's messages.
  return words[locale].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** A grade as a transcript or a table writes it: 85.5, 优, 合格, 缺考 (English: 85.5, Excellent, Pass, Absent). */
export function gradeEntryText(entry: GradeEntry, locale: Locale): string {
  switch (entry.kind) {
    case 'score':
      return entry.tenths % 10 === 0 ? String(entry.tenths / 10) : `${Math.trunc(entry.tenths / 10)}.${entry.tenths % 10}`;
    case 'five_level':
      return GRADE_WORDS.fiveLevel[entry.level][locale];
    case 'two_level':
      return GRADE_WORDS.twoLevel[entry.level][locale];
    case 'mark':
      return GRADE_WORDS.mark[entry.mark][locale];
  }
}
