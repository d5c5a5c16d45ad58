import { z } from 'zod';
import { id, LIMITS, paged, text } from './common.ts';
import { bulkRowError } from './selection-checks.ts';
import {
  attemptKind,
  attemptPolicy,
  componentRules,
  exactValue,
  fiveLevelTotals,
  gpaConfig,
  gradeComponent,
  gradeEntry,
  gradeIssue,
  gradingScheme,
  markPolicy,
  specialMark,
} from './grades.ts';

const isoDateTime = z.iso.datetime({ offset: true });

/**
 * The grades module's HTTP contracts (routes under /api/grades, /api/verify). Scores are integer
 * tenths as in grades.ts; `display` strings are what a table shows (85.5, 优, 缺考 is a code the
 * web names with GRADE_WORDS).
 */

export const GRADE_SHEET_STATUSES = ['draft', 'submitted', 'approved', 'published'] as const;
export const gradeSheetStatus = z.enum(GRADE_SHEET_STATUSES);
export type GradeSheetStatus = z.infer<typeof gradeSheetStatus>;

export const GRADE_SHEET_KINDS = ['normal', 'makeup'] as const;
export const gradeSheetKind = z.enum(GRADE_SHEET_KINDS);
export type GradeSheetKind = z.infer<typeof gradeSheetKind>;

/** Component scores in tenths; a missing key or null is "not entered". */
export const componentScores = z.partialRecord(gradeComponent, z.number().int().min(0).max(1000).nullable());
export type ComponentScores = z.infer<typeof componentScores>;

/** One student's row on a class's grade sheet. */
export const gradeSheetRow = z.object({
  studentId: id,
  studentCode: z.string(),
  studentName: z.string(),
  adminClassName: z.string().nullable(),
  /** The entered grade (a level, a mark, or a score typed directly when the scheme has no components). */
  entry: gradeEntry.nullable(),
  components: componentScores,
  /** The total as the scheme computes it (from components, rounded by the scheme), null while incomplete. */
  total: gradeEntry.nullable(),
  /** A mark set by the exams module (缓考 from an approved deferral, 作弊/违纪 from a confirmed incident): the teacher cannot override it. */
  fixedMark: specialMark.nullable(),
  /** 重修 student in this class. */
  isRetake: z.boolean(),
  recordVersion: z.number().int(),
  /** The student's grade record on this sheet (null before the first save): a correction names it. */
  recordId: id.nullable(),
});
export type GradeSheetRow = z.infer<typeof gradeSheetRow>;

export const gradeDistribution = z.object({
  count: z.number().int(),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  stdDev: z.number().nullable(),
  passRate: z.number().nullable(),
  /** Counts per 10-point band, 0–9.9 … 90–100. */
  histogram: z.array(z.number().int()),
});
export type GradeDistribution = z.infer<typeof gradeDistribution>;

/** GET /api/grades/classes/:teachingClassId[?kind=makeup] — the roster with grades. */
export const gradeSheetView = z.object({
  sheet: z.object({
    id: id.nullable(),
    termId: id,
    teachingClassId: id,
    classCode: z.string(),
    courseId: id,
    courseCode: z.string(),
    courseName: z.string(),
    courseNameEn: z.string().nullable(),
    kind: gradeSheetKind,
    status: gradeSheetStatus,
    version: z.number().int(),
    scheme: gradingScheme,
    /** The scheme can no longer change: entry has started. */
    schemeLocked: z.boolean(),
    /** The current user may edit the draft (their class, status draft). */
    canEdit: z.boolean(),
    canSubmit: z.boolean(),
    canPublish: z.boolean(),
    returnComment: z.string().nullable(),
    workflowInstanceId: id.nullable(),
    submittedAt: isoDateTime.nullable(),
    publishAt: isoDateTime.nullable(),
    publishedAt: isoDateTime.nullable(),
  }),
  rows: z.array(gradeSheetRow),
  distribution: gradeDistribution,
  /** Warnings before submission (missing grades, unusual distribution): codes in GRADES_WARNING_MESSAGES. */
  warnings: z.array(gradeIssue),
});
export type GradeSheetView = z.infer<typeof gradeSheetView>;

/**
 * PUT /api/grades/classes/:teachingClassId — an autosave of the draft. Cells are sent as typed
 * (the server parses them with the grade core, so 85.5, ８５, 优, 缺考 all work); an empty string
 * or null clears a cell. `version` is the sheet version the client read (409 when it moved).
 */
export const gradeSheetSave = z.object({
  version: z.number().int().min(0).max(2147483647),
  kind: gradeSheetKind.default('normal'),
  /** Only before entry starts. */
  scheme: gradingScheme.optional(),
  rows: z
    .array(
      z.object({
        studentId: id,
        /** The grade typed directly (levels, marks, or a score when the scheme has no components). */
        entry: z.string().max(40).nullable().optional(),
        components: z.partialRecord(gradeComponent, z.string().max(40).nullable()).optional(),
      }),
    )
    .max(2000),
});
export type GradeSheetSave = z.infer<typeof gradeSheetSave>;

/** A cell the server could not read: which student, which column, what is wrong (codes in GRADES_ERROR_MESSAGES). */
export const gradeCellError = z.object({
  studentId: id,
  /** entry, or a component */
  column: z.string(),
  issue: gradeIssue,
});
export type GradeCellError = z.infer<typeof gradeCellError>;

/** POST /api/grades/classes/:teachingClassId/submit — warnings must be acknowledged. */
export const gradeSheetSubmit = z.object({
  version: z.number().int().min(0).max(2147483647),
  kind: gradeSheetKind.default('normal'),
  acknowledgeWarnings: z.boolean().default(false),
});

/** POST /api/grades/classes/:teachingClassId/publish — the office publishes (now, or on a date). */
export const gradeSheetPublish = z.object({
  kind: gradeSheetKind.default('normal'),
  publishAt: isoDateTime.optional(),
});

/** POST /api/grades/publish — the office publishes approved sheets in bulk. */
export const gradeBulkPublish = z.object({
  sheetIds: z.array(id).min(1).max(2000),
  publishAt: isoDateTime.optional(),
});

/** One course result as a student (or a reader of their record) sees it. */
export const studentGradeItem = z.object({
  recordId: id,
  termId: id,
  termName: z.string(),
  courseId: id,
  courseCode: z.string(),
  courseName: z.string(),
  courseNameEn: z.string().nullable(),
  category: z.string(),
  /** Credits as a decimal string (2.5). */
  credits: z.string(),
  /** The grade as shown on the transcript (a make-up capped); `display` is its text in the caller's language. */
  grade: gradeEntry,
  display: z.string(),
  /** The grade as entered when it differs from `grade` (a capped make-up). */
  entered: gradeEntry.nullable(),
  attempt: attemptKind,
  /** Whether this attempt is the one that counts for the course (retakes: best or latest). */
  isCounting: z.boolean(),
  passed: z.boolean(),
  /** Grade points of this grade (two decimals), null when it stays out of the GPA. */
  points: z.string().nullable(),
  /** Only when the school shows components. */
  components: componentScores.nullable(),
  version: z.number().int(),
  isMigrated: z.boolean(),
  /** Only when the office switched ranks on: "3/45". */
  rank: z.string().nullable(),
});
export type StudentGradeItem = z.infer<typeof studentGradeItem>;

export const gpaValue = exactValue.extend({ creditsTenths: z.number().int() });

/** GET /api/grades/me?termId= and GET /api/grades/students/:studentId?termId= */
export const studentGrades = z.object({
  student: z.object({ id, code: z.string(), name: z.string(), majorName: z.string().nullable(), cohort: z.number().int() }),
  items: z.array(studentGradeItem),
  /** Overall GPA (all terms, the counting attempts), null with no graded credit. */
  gpa: gpaValue.nullable(),
  /** Per term: GPA and credits earned that term. */
  terms: z.array(z.object({ termId: id, termName: z.string(), gpa: gpaValue.nullable(), creditsEarnedTenths: z.number().int() })),
  creditsEarnedTenths: z.number().int(),
  creditsByCategory: z.record(z.string(), z.number().int()),
});
export type StudentGrades = z.infer<typeof studentGrades>;

/** POST /api/grades/corrections — a teacher asks to change a published grade. */
export const gradeCorrectionCreate = z.object({
  recordId: id,
  /** The new grade as typed, and/or new component scores as typed. */
  entry: z.string().max(40).nullable().optional(),
  components: z.partialRecord(gradeComponent, z.string().max(40).nullable()).optional(),
  reason: text(1000).min(1),
  /** The evidence, uploaded first through POST /api/attachments. */
  attachmentId: id.optional(),
});
export type GradeCorrectionCreate = z.infer<typeof gradeCorrectionCreate>;

export const gradeCorrectionView = z.object({
  id,
  recordId: id,
  studentId: id,
  studentCode: z.string(),
  studentName: z.string(),
  courseName: z.string(),
  termName: z.string(),
  before: gradeEntry.nullable(),
  after: gradeEntry,
  reason: z.string(),
  attachmentId: id.nullable(),
  status: z.enum(['pending', 'approved', 'rejected', 'returned', 'withdrawn']),
  requestedByName: z.string(),
  createdAt: isoDateTime,
  decidedAt: isoDateTime.nullable(),
  workflowInstanceId: id.nullable(),
});
export type GradeCorrectionView = z.infer<typeof gradeCorrectionView>;

/** GET /api/verify/:code — what a receiving school sees (no sign-in). */
export const transcriptVerification = z.object({
  valid: z.boolean(),
  /** genuine | superseded | revoked | unknown */
  state: z.enum(['genuine', 'superseded', 'revoked', 'unknown']),
  kind: z.enum(['transcript', 'certificate']).nullable(),
  lang: z.enum(['zh-CN', 'en']).nullable(),
  issuedAt: isoDateTime.nullable(),
  studentName: z.string().nullable(),
  studentCode: z.string().nullable(),
  /** sha256 of the transcript's canonical content, hex; printed on the paper too. */
  checksum: z.string().nullable(),
  supersededAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
});
export type TranscriptVerification = z.infer<typeof transcriptVerification>;

/** GET|PUT /api/grades/settings — the school's grade rules 成绩规则 (office). */
export const gradeRules = z.object({
  gpa: gpaConfig,
  attempts: attemptPolicy,
  marks: markPolicy,
  componentRules,
  levelTotals: fiveLevelTotals,
  /** Students see component scores (平时/期中/…) beside their grade. */
  showComponents: z.boolean(),
  /** Students see their rank in each class (off by default). */
  showRanks: z.boolean(),
  /** 学业预警: failed credits (tenths) from which a student is at academic risk. */
  riskFailedCreditsTenths: z.number().int().min(10).max(1000),
});
export type GradeRules = z.infer<typeof gradeRules>;

/** GET /api/grades/sheets — the grade sheets a reader may see (own classes, college, all), paginated on the server. */
export const gradeSheetListQuery = z.object({
  termId: id.optional(),
  status: gradeSheetStatus.optional(),
  collegeId: id.optional(),
  /** Class code, course code or course name (contains). */
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type GradeSheetListQuery = z.infer<typeof gradeSheetListQuery>;

/** One teaching class's sheet in the list; classes without a sheet yet are listed as draft with `sheetId` null. */
export const gradeSheetListItem = z.object({
  sheetId: id.nullable(),
  teachingClassId: id,
  termId: id,
  classCode: z.string(),
  courseId: id,
  courseCode: z.string(),
  courseName: z.string(),
  collegeId: id,
  teacherNames: z.array(z.string()),
  kind: gradeSheetKind,
  status: gradeSheetStatus,
  /** Students with a grade on the sheet / students on the roster. */
  entered: z.number().int(),
  total: z.number().int(),
  submittedAt: isoDateTime.nullable(),
  publishAt: isoDateTime.nullable(),
  publishedAt: isoDateTime.nullable(),
});
export type GradeSheetListItem = z.infer<typeof gradeSheetListItem>;

export const gradeSheetList = z.object({ items: z.array(gradeSheetListItem), total: z.number().int() });
export type GradeSheetList = z.infer<typeof gradeSheetList>;

/** The result of a (bulk) publication: the sheets published now and those scheduled for later. */
export const gradePublishResult = z.object({
  published: z.array(id),
  scheduled: z.array(id),
});
export type GradePublishResult = z.infer<typeof gradePublishResult>;

export const TRANSCRIPT_KINDS = ['transcript', 'certificate'] as const;
export const transcriptKind = z.enum(TRANSCRIPT_KINDS);
export type TranscriptKind = z.infer<typeof transcriptKind>;
/** The language of a transcript as the URL names it (zh → zh-CN). */
export const transcriptLang = z.enum(['zh', 'en']);

/**
 * GET /api/grades/transcripts/:studentId?lang=zh|en&format=pdf&kind=transcript|certificate — issues
 * a transcript (a certificate is always in English) and answers the PDF; its verification code is
 * in the `X-Verification-Code` header.
 */
export const transcriptQuery = z.object({
  lang: transcriptLang.default('zh'),
  format: z.literal('pdf').default('pdf'),
  kind: transcriptKind.default('transcript'),
});

/** Most students a batch issues at once (a graduating cohort of one college fits; a 400 above). */
export const TRANSCRIPT_BATCH_MAX = 500;

/** POST /api/grades/transcripts/batch — a cohort's transcripts as one ZIP (a PDF each) or one merged PDF. */
export const transcriptBatch = z.object({
  cohort: z.coerce.number().int().min(1990).max(2100),
  majorId: id.optional(),
  collegeId: id.optional(),
  lang: transcriptLang.default('zh'),
  kind: transcriptKind.default('transcript'),
  format: z.enum(['zip', 'pdf']).default('zip'),
});
export type TranscriptBatch = z.infer<typeof transcriptBatch>;

/** POST /api/grades/transcripts/:code/revoke — the office withdraws an issued transcript. */
export const transcriptRevoke = z.object({ reason: text(500).min(1) });

/** GET /api/grades/transcripts?studentId= — issued transcripts, newest first. */
export const transcriptListQuery = z.object({
  studentId: id.optional(),
  page: z.coerce.number().int().min(1).max(LIMITS.pageMax).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});

export const transcriptListItem = z.object({
  id,
  code: z.string(),
  studentId: id,
  studentCode: z.string(),
  studentName: z.string(),
  kind: transcriptKind,
  lang: z.enum(['zh-CN', 'en']),
  checksum: z.string(),
  issuedAt: isoDateTime,
  issuedByName: z.string().nullable(),
  /** genuine | superseded | revoked */
  state: z.enum(['genuine', 'superseded', 'revoked']),
  revokedReason: z.string().nullable(),
});
export type TranscriptListItem = z.infer<typeof transcriptListItem>;
export const transcriptList = paged(transcriptListItem);
export type TranscriptList = z.infer<typeof transcriptList>;

/** GET /api/grades/classes/:teachingClassId/template — the class's roster as an XLSX to fill in. */
export const gradeTemplateQuery = z.object({ kind: gradeSheetKind.default('normal') });

/** POST /api/grades/classes/:teachingClassId/import — a filled template (XLSX or CSV); dry run by default. */
export const sheetImportQuery = z.object({
  kind: gradeSheetKind.default('normal'),
  /** The sheet's version as the grid read it: a commit of a sheet that moved since is refused (409). */
  version: z.coerce.number().int().min(0).max(2147483647),
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

/** One student whose grades the file changes: each changed column, as text before → after. */
export const sheetImportChange = z.object({
  row: z.number().int(),
  studentId: id,
  studentCode: z.string(),
  studentName: z.string(),
  cells: z.array(z.object({ column: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
});
export type SheetImportChange = z.infer<typeof sheetImportChange>;

export const sheetImportResult = z.object({
  dryRun: z.boolean(),
  /** True only when every row passed and the commit wrote them all. */
  committed: z.boolean(),
  fileName: z.string().nullable(),
  rows: z.number().int(),
  /** The students whose grades change (dry run: would change), with the good rows' changes even when others are bad. */
  changes: z.array(sheetImportChange),
  errors: z.array(bulkRowError),
  /** Detected text encoding of a CSV file (gb18030 for GBK files). */
  encoding: z.string().optional(),
});
export type SheetImportResult = z.infer<typeof sheetImportResult>;
