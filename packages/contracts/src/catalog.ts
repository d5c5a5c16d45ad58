import { z } from 'zod';
import { code, id, integer, name, optionalText } from './common.ts';

// Course catalog (课程库) and curriculum plans (培养方案).

/** 课程类别: 通识 / 学科基础 / 专业核心 / 专业选修 / 实践 */
export const COURSE_CATEGORIES = ['general', 'foundation', 'major_core', 'major_elective', 'practice'] as const;
export const courseCategory = z.enum(COURSE_CATEGORIES);
export type CourseCategory = z.infer<typeof courseCategory>;

/** 考核方式: 考试 (exam) / 考查 (assessment by coursework) */
export const ASSESSMENT_TYPES = ['exam', 'assessment'] as const;
export const assessmentType = z.enum(ASSESSMENT_TYPES);

/** 课程组类型: 必修 (every course) / 选修 (at least `minCredits` of them) */
export const PLAN_GROUP_KINDS = ['required', 'elective'] as const;
export const planGroupKind = z.enum(PLAN_GROUP_KINDS);

export const CATALOG_LIMITS = {
  creditsMax: 30,
  /** A plan's total or a category's requirement: a degree is 150–180 credits, 通识教育 alone often 35+. */
  planCreditsMax: 300,
  hoursMax: 1000,
  prerequisiteDepth: 6,
  prerequisiteItems: 30,
  planTerms: 8,
  planCourses: 300,
} as const;

/**
 * Credits as the API takes them: a number or a string with at most one
 * decimal (2, 2.5, "3.0"); always returned as a string such as "2.5" (numeric
 * in the database, never a float).
 */
export const credits = z
  .union([z.string().trim(), z.number()])
  .transform((v) => String(v))
  .refine((s) => /^\d{1,2}(\.\d)?$/.test(s), { message: 'credits_format' })
  .refine((s) => Number(s) <= CATALOG_LIMITS.creditsMax, { message: 'credits_format' })
  .transform((s) => Number(s).toFixed(1));

/** Credits of a whole plan or of one of its categories (up to CATALOG_LIMITS.planCreditsMax). */
export const planCredits = z
  .union([z.string().trim(), z.number()])
  .transform((v) => String(v))
  .refine((s) => /^\d{1,3}(\.\d)?$/.test(s), { message: 'credits_format' })
  .refine((s) => Number(s) <= CATALOG_LIMITS.planCreditsMax, { message: 'credits_format' })
  .transform((s) => Number(s).toFixed(1));

const hours = z.coerce.number().int().min(0).max(CATALOG_LIMITS.hoursMax);

/**
 * A prerequisite expression (先修要求) over course codes:
 * `{ op: 'all', items: [{ course: 'MA101' }, { op: 'any', items: [{ course: 'CS101' }, { course: 'CS102' }] }] }`.
 */
export type PrerequisiteExpr = { course: string } | { op: 'all' | 'any'; items: PrerequisiteExpr[] };
export const prerequisiteExpr: z.ZodType<PrerequisiteExpr> = z.lazy(() =>
  z.union([
    z.object({ course: code }).strict(),
    z.object({ op: z.enum(['all', 'any']), items: z.array(prerequisiteExpr).min(1).max(CATALOG_LIMITS.prerequisiteItems) }).strict(),
  ]),
);

export const courseInput = z.object({
  code, // 课程代码, e.g. CS201
  name, // 中文名称
  nameEn: z.string().trim().max(200).nullish(),
  credits,
  lectureHours: hours.default(0), // 讲授学时
  labHours: hours.default(0), // 实验学时
  practiceHours: hours.default(0), // 实践学时
  assessment: assessmentType.default('exam'),
  departmentId: id, // 开课系
  category: courseCategory,
  prerequisites: prerequisiteExpr.nullish(),
  description: optionalText,
  /** Retired courses (停开) stay in plans and history but cannot be requested. */
  isActive: z.boolean().default(true),
});
export type CourseInput = z.input<typeof courseInput>;
export const course = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  credits: z.string(),
  lectureHours: z.number().int(),
  labHours: z.number().int(),
  practiceHours: z.number().int(),
  assessment: assessmentType,
  departmentId: z.number().int(),
  departmentName: z.string().optional(),
  collegeId: z.number().int().optional(),
  collegeName: z.string().optional(),
  category: courseCategory,
  prerequisites: prerequisiteExpr.nullable(),
  description: z.string().nullable(),
  isActive: z.boolean(),
});
export type Course = z.infer<typeof course>;

// ---------- curriculum plans ----------
const term18 = z.coerce.number().int().min(1).max(CATALOG_LIMITS.planTerms);

export const planGroupInput = z
  .object({
    name,
    kind: planGroupKind,
    /** Elective groups: credits a student must earn from this group. */
    minCredits: credits.nullish(),
    courses: z.array(z.object({ courseId: id, term: term18 })).max(CATALOG_LIMITS.planCourses),
  })
  .refine((g) => g.kind === 'required' || g.minCredits != null, { message: 'required', path: ['minCredits'] });

export const creditRequirement = z.object({ category: courseCategory, credits: planCredits });

export const curriculumPlanInput = z.object({
  majorId: id,
  cohort: z.coerce.number().int().min(1990).max(2100), // 年级
  name: z.string().trim().max(200).nullish(),
  /** Credits to graduate (总学分); null = not set. */
  totalCredits: planCredits.nullish(),
  creditRequirements: z.array(creditRequirement).max(COURSE_CATEGORIES.length).default([]),
  groups: z.array(planGroupInput).max(50).default([]),
  note: optionalText,
});
export type CurriculumPlanInput = z.input<typeof curriculumPlanInput>;
export const curriculumPlanPatch = curriculumPlanInput.partial().extend({
  creditRequirements: z.array(creditRequirement).max(COURSE_CATEGORIES.length).optional(),
  groups: z.array(planGroupInput).max(50).optional(),
});
export const copyPlanInput = z.object({ cohort: z.coerce.number().int().min(1990).max(2100) });

export const planListQuery = z.object({
  majorId: id.optional(),
  collegeId: id.optional(),
  cohort: integer.optional(),
});

/** Problems that make a plan's requirements unattainable; listed, not refused. */
export const PLAN_WARNING_CODES = [
  'elective_group_short',
  'category_short',
  'total_short',
  'prerequisite_order',
  'course_retired',
] as const;
export const planWarning = z.object({
  code: z.enum(PLAN_WARNING_CODES),
  message: z.string(),
  params: z.record(z.string(), z.unknown()),
});
export type PlanWarning = z.infer<typeof planWarning>;

export const PLAN_WARNING_MESSAGES: Record<(typeof PLAN_WARNING_CODES)[number], { 'zh-CN': string; en: string }> = {
  elective_group_short: {
    'zh-CN': '选修课程组“{group}”的课程合计 {planned} 学分，低于最低要求 {required} 学分',
    en: 'Elective group “{group}” lists {planned} credits, fewer than its minimum of {required}',
  },
  category_short: {
    'zh-CN': '{category}要求 {required} 学分，但方案中该类课程合计只有 {planned} 学分',
    en: '{category} requires {required} credits but the plan lists only {planned}',
  },
  total_short: {
    'zh-CN': '总学分要求 {required}，但方案中课程合计只有 {planned} 学分',
    en: 'The plan requires {required} credits in total but lists only {planned}',
  },
  prerequisite_order: {
    'zh-CN': '课程 {course}（第 {term} 学期）安排在先修课程 {prerequisite}（第 {prerequisiteTerm} 学期）之前或同学期',
    en: '{course} (term {term}) is placed before or with its prerequisite {prerequisite} (term {prerequisiteTerm})',
  },
  course_retired: { 'zh-CN': '课程 {course} 已停开', en: 'Course {course} is retired' },
};

export const planCourse = z.object({
  id: z.number().int(),
  courseId: z.number().int(),
  code: z.string(),
  name: z.string(),
  credits: z.string(),
  category: courseCategory,
  lectureHours: z.number().int(),
  labHours: z.number().int(),
  practiceHours: z.number().int(),
  assessment: assessmentType,
  isActive: z.boolean(),
  term: z.number().int(),
});
export const planGroup = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: planGroupKind,
  minCredits: z.string().nullable(),
  credits: z.string(),
  courses: z.array(planCourse),
});
export const curriculumPlanSummary = z.object({
  id: z.number().int(),
  majorId: z.number().int(),
  majorCode: z.string(),
  majorName: z.string(),
  collegeId: z.number().int(),
  collegeName: z.string(),
  cohort: z.number().int(),
  name: z.string().nullable(),
  totalCredits: z.string().nullable(),
  note: z.string().nullable(),
});
export const curriculumPlan = curriculumPlanSummary.extend({
  creditRequirements: z.array(z.object({ category: courseCategory, credits: z.string() })),
  groups: z.array(planGroup),
  creditsByCategory: z.array(z.object({ category: courseCategory, required: z.string().nullable(), planned: z.string() })),
  creditsByTerm: z.array(z.object({ term: z.number().int(), credits: z.string() })),
  plannedCredits: z.string(),
  warnings: z.array(planWarning),
});
export type CurriculumPlan = z.infer<typeof curriculumPlan>;

/** Columns of the course import/export (课程库), headers in either language. */
export const COURSE_IMPORT_COLUMNS = [
  { key: 'code', zh: '课程代码', en: 'Course code', required: true },
  { key: 'name', zh: '课程名称', en: 'Course name', required: true },
  { key: 'nameEn', zh: '英文名称', en: 'English name', required: false },
  { key: 'credits', zh: '学分', en: 'Credits', required: true },
  { key: 'lectureHours', zh: '讲授学时', en: 'Lecture hours', required: false },
  { key: 'labHours', zh: '实验学时', en: 'Lab hours', required: false },
  { key: 'practiceHours', zh: '实践学时', en: 'Practice hours', required: false },
  { key: 'assessment', zh: '考核方式', en: 'Assessment', required: false },
  { key: 'departmentCode', zh: '开课系代码', en: 'Department code', required: true },
  { key: 'category', zh: '课程类别', en: 'Category', required: true },
  { key: 'prerequisites', zh: '先修课程', en: 'Prerequisites', required: false },
  { key: 'isActive', zh: '启用', en: 'Active', required: false },
] as const;

/** Columns of the curriculum plan import/export: one row per course placed in a plan. */
export const PLAN_IMPORT_COLUMNS = [
  { key: 'majorCode', zh: '专业代码', en: 'Major code', required: true },
  { key: 'cohort', zh: '年级', en: 'Cohort', required: true },
  { key: 'group', zh: '课程组', en: 'Course group', required: true },
  { key: 'groupKind', zh: '课程组类型', en: 'Group kind', required: true },
  { key: 'minCredits', zh: '最低学分', en: 'Minimum credits', required: false },
  { key: 'courseCode', zh: '课程代码', en: 'Course code', required: true },
  { key: 'term', zh: '建议学期', en: 'Recommended term', required: true },
] as const;
