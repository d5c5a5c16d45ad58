import { z } from 'zod';

/**
 * 成绩 — the vocabulary of grades shared by the server's pure grade core
 * (`@jiaowu/contracts/grades-core`) and the web app: scales, special marks, components and their
 * weights, GPA formulas and the rules that say which attempt counts.
 *
 * Scores travel as integer TENTHS of a point (85.5 → 855) so that no layer ever holds a
 * binary fraction; credits likewise (2.5 credits → 25).
 */

/** percent 百分制 | five_level 五级制 | two_level 两级制 */
export const GRADE_SCALES = ['percent', 'five_level', 'two_level'] as const;
export const gradeScale = z.enum(GRADE_SCALES);
export type GradeScale = z.infer<typeof gradeScale>;

/** 优 excellent | 良 good | 中 fair | 及格 pass | 不及格 fail (best first). */
export const FIVE_LEVELS = ['excellent', 'good', 'fair', 'pass', 'fail'] as const;
export const fiveLevel = z.enum(FIVE_LEVELS);
export type FiveLevel = z.infer<typeof fiveLevel>;

/** 合格 pass | 不合格 fail */
export const TWO_LEVELS = ['pass', 'fail'] as const;
export const twoLevel = z.enum(TWO_LEVELS);
export type TwoLevel = z.infer<typeof twoLevel>;

/**
 * absent 缺考 | deferred 缓考 | cheating 作弊 | misconduct 违纪 | exempt 免修 | barred 取消考试资格.
 * A mark replaces the grade: cheating and misconduct are recorded as 0 with the mark.
 */
export const SPECIAL_MARKS = ['absent', 'deferred', 'cheating', 'misconduct', 'exempt', 'barred'] as const;
export const specialMark = z.enum(SPECIAL_MARKS);
export type SpecialMark = z.infer<typeof specialMark>;

/** regular 平时 | midterm 期中 | lab 实验 | final 期末 */
export const GRADE_COMPONENTS = ['regular', 'midterm', 'lab', 'final'] as const;
export const gradeComponent = z.enum(GRADE_COMPONENTS);
export type GradeComponent = z.infer<typeof gradeComponent>;

/** normal 正常 | makeup 补考 | retake 重修 */
export const ATTEMPT_KINDS = ['normal', 'makeup', 'retake'] as const;
export const attemptKind = z.enum(ATTEMPT_KINDS);
export type AttemptKind = z.infer<typeof attemptKind>;

/** The highest score, in tenths (100.0). */
export const SCORE_MAX_TENTHS = 1000;
/** The pass line, in tenths (60.0). */
export const PASS_LINE_TENTHS = 600;

const tenths = z.number().int().min(0).max(SCORE_MAX_TENTHS);

/** One grade as typed or pasted, once understood: a score, a level, or a special mark. */
export const gradeEntry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('score'), tenths }),
  z.object({ kind: z.literal('five_level'), level: fiveLevel }),
  z.object({ kind: z.literal('two_level'), level: twoLevel }),
  z.object({ kind: z.literal('mark'), mark: specialMark }),
]);
export type GradeEntry = z.infer<typeof gradeEntry>;

/** A component and its integer weight in percent. */
export const componentWeight = z.object({ component: gradeComponent, weight: z.number().int() });
export type ComponentWeight = z.infer<typeof componentWeight>;

/** The office's limits on a teacher's weights (e.g. 期末 at least 50 %). */
export const componentRules = z.object({
  /** Per component, the smallest and largest weight allowed (default 0–100). */
  limits: z.partialRecord(gradeComponent, z.object({ min: z.number().int(), max: z.number().int() })),
});
export type ComponentRules = z.infer<typeof componentRules>;

/**
 * How a total is rounded: `integer` half up to a whole point (the default for 百分制 totals),
 * `tenth` half up to one decimal.
 */
export const TOTAL_ROUNDINGS = ['integer', 'tenth'] as const;
export const totalRounding = z.enum(TOTAL_ROUNDINGS);
export type TotalRounding = z.infer<typeof totalRounding>;

/** A class's grading scheme: its scale and, for 百分制, the components and the school's rules. */
export const gradingScheme = z.object({
  scale: gradeScale,
  components: z.array(componentWeight),
  rounding: totalRounding.default('integer'),
  /** When a component has no score: no total (and a warning), or count it as 0. */
  missingComponentAsZero: z.boolean().default(false),
});
export type GradingScheme = z.infer<typeof gradingScheme>;

/** bands4 4.0 by bands | linear score/10 − 5 | quadratic 4 − 3(100 − x)²/1600 | custom: the school's band table */
export const GPA_FORMULAS = ['bands4', 'linear', 'quadratic', 'custom'] as const;
export const gpaFormula = z.enum(GPA_FORMULAS);
export type GpaFormula = z.infer<typeof gpaFormula>;

/** One row of a band table: from `minTenths` up (to the next row), `pointsHundredths` points (3.7 → 370). */
export const gpaBand = z.object({ minTenths: tenths, pointsHundredths: z.number().int().min(0).max(500) });
export type GpaBand = z.infer<typeof gpaBand>;

/** A school's GPA rules. Points are in hundredths (4.0 → 400) to stay exact. */
export const gpaConfig = z.object({
  formula: gpaFormula,
  /** The band table for `custom` (any order; a score below every row gets 0). */
  bands: z.array(gpaBand).default([]),
  /** Points of each 五级制 level. */
  fiveLevelPoints: z.record(fiveLevel, z.number().int().min(0).max(500)),
  /** 两级制 grades: left out of the GPA (null), or given these points. */
  twoLevelPoints: z.record(twoLevel, z.number().int().min(0).max(500)).nullable(),
  /** 免修: left out of the GPA (null, the default), or given these points. */
  exemptPoints: z.number().int().min(0).max(500).nullable(),
  /** Course categories and kinds (codes) left out of the GPA, e.g. PE and general electives. */
  excludedCategories: z.array(z.string()),
});
export type GpaConfig = z.infer<typeof gpaConfig>;

/** Which attempt of a course counts, and how a make-up is shown. */
export const attemptPolicy = z.object({
  /** A make-up's grade on the transcript is capped here (tenths; null: not capped). */
  makeupCapTenths: tenths.nullable(),
  /** Retakes: the best attempt counts, or the latest. */
  retakeCounts: z.enum(['best', 'latest']),
});
export type AttemptPolicy = z.infer<typeof attemptPolicy>;

/** What each special mark means for failing, credits and a make-up. */
export const markPolicy = z.object({
  /** Marks after which the student may sit the make-up exam 补考. */
  makeupAllowedAfter: z.array(specialMark),
});
export type MarkPolicy = z.infer<typeof markPolicy>;

/** 五级制 levels as totals (the scale's point equivalents) — configurable per school. */
export const fiveLevelTotals = z.record(fiveLevel, tenths);
export type FiveLevelTotals = z.infer<typeof fiveLevelTotals>;

/** An exact rational as strings (JSON has no BigInt), and its 2-decimal presentation (half up). */
export const exactValue = z.object({ num: z.string(), den: z.string(), display: z.string() });
export type ExactValue = z.infer<typeof exactValue>;

/** A problem with what was typed, or with the weights, or a warning before submission. */
export const gradeIssue = z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) });
export type GradeIssue = z.infer<typeof gradeIssue>;
