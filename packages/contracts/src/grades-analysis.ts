import { z } from 'zod';
import { LIMITS, id } from './common.ts';
import { attachmentInfo } from './attachments.ts';
import { gradeComponent, gradeEntry } from './grades.ts';
import { componentScores, gradeCorrectionView, gradeDistribution } from './grades-api.ts';

/**
 * 成绩更正、补考名单、成绩分析、学业预警 — the review side of grades: corrections of published
 * grades, the make-up list drawn from them, the analysis pages and the academic-risk list.
 * Scores in tenths and credits in tenths as everywhere in grades.
 */

const isoDateTime = z.iso.datetime({ offset: true });
const page = z.coerce.number().int().min(1).max(100000).default(1);
const pageSize = z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault);

export const GRADE_CORRECTION_STATUSES = ['pending', 'approved', 'rejected', 'returned', 'withdrawn'] as const;

/** GET /api/grades/corrections — teacher: their own requests; secretary: their college's; office: all. */
export const gradeCorrectionQuery = z.object({
  status: z.enum(GRADE_CORRECTION_STATUSES).optional(),
  termId: id.optional(),
  page,
  pageSize,
});
export type GradeCorrectionQuery = z.infer<typeof gradeCorrectionQuery>;

/** GET /api/grades/corrections/:id — what the approver reads: before and after, the reason, the evidence. */
export const gradeCorrectionDetail = gradeCorrectionView.extend({
  termId: id,
  courseId: id,
  courseCode: z.string(),
  teachingClassId: id.nullable(),
  classCode: z.string().nullable(),
  /** The version the request was made against, and the record's version now. */
  baseVersion: z.number().int(),
  currentVersion: z.number().int(),
  beforeComponents: componentScores,
  afterComponents: componentScores,
  /** The evidence file (download at /api/attachments/:id). */
  attachment: attachmentInfo.nullable(),
});
export type GradeCorrectionDetail = z.infer<typeof gradeCorrectionDetail>;

/** GET /api/grades/records/:recordId/versions — a grade's history: who, when, why. */
export const gradeRecordVersionView = z.object({
  version: z.number().int(),
  entry: gradeEntry,
  components: componentScores,
  /** published | correction | migrated */
  reason: z.string(),
  correctionId: id.nullable(),
  note: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: isoDateTime,
});
export type GradeRecordVersionView = z.infer<typeof gradeRecordVersionView>;

/** GET /api/grades/makeup-list?termId= — who may sit the make-up 补考 after that term's published grades. */
export const makeupListQuery = z.object({ termId: id, page, pageSize });
export const MAKEUP_REASONS = ['failed', 'deferred', 'misconduct', 'cheating', 'absent', 'barred'] as const;
export const makeupListItem = z.object({
  recordId: id,
  studentId: id,
  studentCode: z.string(),
  studentName: z.string(),
  courseId: id,
  courseCode: z.string(),
  courseName: z.string(),
  teachingClassId: id.nullable(),
  grade: gradeEntry,
  /** failed 不及格 | deferred 缓考 | a mark the school's rules still open the make-up after (违纪 …). */
  reason: z.enum(MAKEUP_REASONS),
});
export type MakeupListItem = z.infer<typeof makeupListItem>;

/** POST /api/grades/makeup-list/to-plan — the whole list of the term into a make-up exam plan. */
export const makeupListToPlan = z.object({ termId: id, planId: id });

/** GET /api/grades/analysis — one of the filters (a class, a course, a college, a major, a cohort), and a term. */
export const gradeAnalysisQuery = z.object({
  teachingClassId: id.optional(),
  courseId: id.optional(),
  collegeId: id.optional(),
  majorId: id.optional(),
  cohort: z.coerce.number().int().min(1900).max(3000).optional(),
  termId: id.optional(),
});
export type GradeAnalysisQuery = z.infer<typeof gradeAnalysisQuery>;

/**
 * When a class is flagged against the other classes of its course in the term (统考), each test
 * against the OTHER classes only: its mean more than 1.5 standard deviations of the other classes'
 * means away from their mean (`mean`), or its pass rate 20 points or more away from the other
 * classes' median pass rate (`pass_rate`).
 */
export const CLASS_FLAG_MEAN_SD = 1.5;
export const CLASS_FLAG_PASS_RATE_POINTS = 20;
export const classFlag = z.enum(['mean', 'pass_rate']);

export const classAnalysis = z.object({
  teachingClassId: id,
  classCode: z.string(),
  courseId: id,
  courseCode: z.string(),
  courseName: z.string(),
  termId: id,
  /** The teacher's own draft (not yet published) is analysed for their class only. */
  isDraft: z.boolean(),
  distribution: gradeDistribution,
  /** Each component against the total (Pearson r), null when it cannot be computed. */
  correlations: z.array(z.object({ component: gradeComponent, r: z.number().nullable(), count: z.number().int() })),
  comparison: z.object({
    /** Classes of the same course in the term with grades (this one included). */
    classCount: z.number().int(),
    /** Mean and (population) SD of the OTHER classes' means. */
    meanOfMeans: z.number().nullable(),
    sdOfMeans: z.number().nullable(),
    /** This class's pass rate minus the other classes' median pass rate (points). */
    passRateGap: z.number().nullable(),
    flags: z.array(classFlag),
  }),
});
export type ClassAnalysis = z.infer<typeof classAnalysis>;

export const groupAnalysis = z.object({
  key: z.string(),
  name: z.string(),
  students: z.number().int(),
  records: z.number().int(),
  passRate: z.number().nullable(),
  mean: z.number().nullable(),
});

export const gradeAnalysis = z.object({
  records: z.number().int(),
  students: z.number().int(),
  /** Scores (and 五级制 totals) of every graded record. */
  distribution: gradeDistribution,
  /** Pass rate over every graded record (levels, pass/fail and marks included). */
  passRate: z.number().nullable(),
  /** Records per grade: excellent(90+)/good/fair/pass/fail and each mark. */
  grades: z.record(z.string(), z.number().int()),
  /** Term GPA of each student over the records analysed: mean, median, and counts per 0.5 band 0–0.5 … 3.5–4+. */
  gpa: z.object({
    count: z.number().int(),
    mean: z.number().nullable(),
    median: z.number().nullable(),
    histogram: z.array(z.number().int()),
  }),
  classes: z.array(classAnalysis),
  courses: z.array(groupAnalysis),
});
export type GradeAnalysis = z.infer<typeof gradeAnalysis>;

/** GET /api/grades/academic-risk — 学业预警: failed credits (all published terms) reaching the school's threshold. */
export const academicRiskQuery = z.object({ termId: id.optional(), collegeId: id.optional(), page, pageSize });
export const academicRiskItem = z.object({
  studentId: id,
  studentCode: z.string(),
  studentName: z.string(),
  collegeName: z.string(),
  majorName: z.string(),
  cohort: z.number().int(),
  failedCreditsTenths: z.number().int(),
  thresholdTenths: z.number().int(),
  failedCourses: z.array(
    z.object({
      courseId: id,
      courseCode: z.string(),
      courseName: z.string(),
      termName: z.string(),
      creditsTenths: z.number().int(),
      grade: gradeEntry,
    }),
  ),
  /** When this term's warning was sent to the student, null while not. */
  notifiedAt: isoDateTime.nullable(),
});
export type AcademicRiskItem = z.infer<typeof academicRiskItem>;

/** POST /api/grades/academic-risk/notify — warns each student at risk (or these) once per term. */
export const academicRiskNotify = z.object({ termId: id, studentIds: z.array(id).max(5000).optional() });

/** Errors of corrections and analysis, with their messages (spread into ERROR_MESSAGES). */
export const GRADES_REVIEW_ERROR_MESSAGES = {
  grade_correction_not_published: {
    'zh-CN': '该成绩尚未公布，不能申请更正',
    en: 'This grade has not been published; there is nothing to correct',
  },
  /** A teacher corrects only grades of the classes they teach. */
  grade_correction_not_yours: {
    'zh-CN': '只能更正本人任课教学班的成绩',
    en: 'You may only correct grades of classes you teach',
  },
  grade_correction_live: {
    'zh-CN': '该成绩已有一份待审批的更正申请，请等待处理或先撤回',
    en: 'This grade already has a correction awaiting approval; wait for it or withdraw it first',
  },
  grade_correction_empty: {
    'zh-CN': '请填写更正后的成绩或分项成绩',
    en: 'Give the corrected grade or component scores',
  },
  grade_correction_unchanged: {
    'zh-CN': '更正后的成绩与现有成绩相同',
    en: 'The corrected grade is the same as the current one',
  },
  /** Approval refused: another correction changed the grade after this request was made. */
  grade_correction_stale: {
    'zh-CN': '该成绩在申请提交后已被更改（现为第 {version} 版），本次更正不能生效，请重新申请',
    en: 'The grade changed after this request was made (it is now version {version}); file a new correction',
  },
  grade_correction_not_pending: {
    'zh-CN': '该更正申请已处理，不能撤回',
    en: 'This correction has already been decided and cannot be withdrawn',
  },
  grade_analysis_filter: {
    'zh-CN': '请选择教学班、课程、学院、专业、年级或学期之一',
    en: 'Choose a class, a course, a college, a major, a cohort or a term',
  },
} as const;

/** HTTP statuses of those errors (spread into the server's table). */
export const GRADES_REVIEW_ERROR_STATUS: Record<keyof typeof GRADES_REVIEW_ERROR_MESSAGES, number> = {
  grade_correction_not_published: 409,
  grade_correction_not_yours: 403,
  grade_correction_live: 409,
  grade_correction_empty: 400,
  grade_correction_unchanged: 400,
  grade_correction_stale: 409,
  grade_correction_not_pending: 409,
  grade_analysis_filter: 400,
};

/** The make-up reasons and the flag tests in words (the web's tables, the XLSX export). */
export const GRADES_REVIEW_WORDS = {
  flag: {
    mean: { 'zh-CN': '平均分偏离同课程其他班平均分超过 1.5 个标准差', en: 'Mean more than 1.5 SD from the other classes’ means' },
    pass_rate: {
      'zh-CN': '及格率与同课程其他班（中位数）相差 20 个百分点以上',
      en: 'Pass rate 20 points or more off the other classes’ median',
    },
  },
  makeupReason: {
    failed: { 'zh-CN': '不及格', en: 'Failed' },
    deferred: { 'zh-CN': '缓考', en: 'Deferred' },
    misconduct: { 'zh-CN': '违纪', en: 'Misconduct' },
    cheating: { 'zh-CN': '作弊', en: 'Cheating' },
    absent: { 'zh-CN': '缺考', en: 'Absent' },
    barred: { 'zh-CN': '取消考试资格', en: 'Barred' },
  },
} as const;
