import { z } from 'zod';
import { id } from './common.ts';

/**
 * 考务 — exam plans 考试安排, their exams, the schedule the solver builds, rooms, seats 座位号 and
 * invigilators 监考. The paths and item fields of sittings and invigilations are the ones the
 * acceptance checks read (`courseId`, `date` YYYY-MM-DD, `start`/`end` HH:MM, `roomId`, `seat`).
 */

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'invalid_time' });
const isoDate = z.iso.date();

export const EXAM_PLAN_KINDS = ['final', 'makeup'] as const;
export const EXAM_PLAN_STATUSES = ['draft', 'pending', 'approved'] as const;
export const EXAM_SCHEDULE_STATUSES = ['none', 'draft', 'submitted', 'published'] as const;
export const EXAM_LIST_STATUSES = ['draft', 'pending', 'approved', 'returned', 'rejected'] as const;

/** A room as people read it: "教学楼A-102" already names its building; "102" gets it in front. */
export const roomLabel = (buildingName: string, roomName: string) =>
  roomName.startsWith(buildingName) ? roomName : `${buildingName} ${roomName}`;

/** POST /api/exams/plans — the office opens a plan; the exam list is filled from the term's exam courses. */
export const examPlanInput = z
  .object({
    termId: id,
    kind: z.enum(EXAM_PLAN_KINDS).default('final'),
    /** 补考: the term whose failed and deferred exams the make-up plan holds (required for kind makeup). */
    sourceTermId: id.optional(),
    name: z.string().trim().min(1).max(100),
    startDate: isoDate,
    endDate: isoDate,
    /** Sessions of each exam day, e.g. 08:30–10:30, 10:50–12:50, 14:30–16:30, 19:00–21:00. */
    dailySessions: z
      .array(z.object({ start: clock, end: clock }))
      .min(1)
      .max(6),
    includeWeekends: z.boolean().default(false),
    /** Days inside the period without exams (public holidays such as 元旦). */
    excludedDates: z.array(isoDate).max(60).default([]),
    allowRoomSharing: z.boolean().default(false),
    maxExamsPerDay: z.coerce.number().int().min(1).max(4).default(2),
    /** Default duration of a filled-in exam in minutes. */
    defaultDuration: z.coerce.number().int().min(15).max(480).default(120),
  })
  .refine((p) => p.kind !== 'makeup' || p.sourceTermId !== undefined, { path: ['sourceTermId'], message: 'makeup_needs_source' })
  .refine((p) => p.endDate >= p.startDate, { path: ['endDate'], message: 'before_start' })
  .refine((p) => p.dailySessions.every((s) => s.end > s.start), { path: ['dailySessions'], message: 'end_before_start' })
  .refine((p) => p.dailySessions.every((s, i) => i === 0 || s.start >= p.dailySessions[i - 1]!.end), {
    path: ['dailySessions'],
    message: 'sessions_overlap',
  });
export type ExamPlanInput = z.infer<typeof examPlanInput>;

export const examPlansQuery = z.object({ termId: id.optional() });

export interface ExamPlanCollege {
  collegeId: number;
  collegeName: string;
  status: (typeof EXAM_LIST_STATUSES)[number];
  exams: number;
  workflowInstanceId: number | null;
}

export interface ExamPlanView {
  id: number;
  termId: number;
  kind: (typeof EXAM_PLAN_KINDS)[number];
  /** 补考: the term whose exams it makes up; null for a final plan. */
  sourceTermId: number | null;
  name: string;
  status: (typeof EXAM_PLAN_STATUSES)[number];
  scheduleStatus: (typeof EXAM_SCHEDULE_STATUSES)[number];
  startDate: string;
  endDate: string;
  dailySessions: { start: string; end: string }[];
  includeWeekends: boolean;
  excludedDates: string[];
  allowRoomSharing: boolean;
  maxExamsPerDay: number;
  sessions: number;
  exams: number;
  placed: number;
  colleges: ExamPlanCollege[];
  lastJobId: number | null;
  solveSummary: ExamSolveSummary | null;
  publishedAt: string | null;
}

/** What the last solve run found: rule breaks, cost, and the exams it could not place (with why). */
export interface ExamSolveSummary {
  hard: number;
  soft: number;
  placed: number;
  total: number;
  elapsedMs: number;
  cancelled: boolean;
  /** Students with two exams in one session after the run (0 in every good schedule). */
  clashes: number;
  unplaced: { examId: number; courseName: string; reason: ExamUnplacedReason; count?: number }[];
  /** Rooms left short of invigilators (too few teachers free then: lectures, blocked times, absences), and how many are missing. */
  understaffed?: { rooms: number; missing: number };
}
export const EXAM_UNPLACED_REASONS = ['no_room_type', 'too_large', 'no_session', 'search'] as const;
export type ExamUnplacedReason = (typeof EXAM_UNPLACED_REASONS)[number];

/** One exam of a plan as the office's list shows it. */
export interface ExamItem {
  id: number;
  courseId: number;
  courseCode: string;
  courseName: string;
  collegeId: number;
  collegeName: string;
  teachingClassId: number | null;
  teachingClassCode: string | null;
  unified: boolean;
  durationMin: number;
  roomType: string | null;
  students: number;
  sessionId: number | null;
  date: string | null;
  start: string | null;
  end: string | null;
  pinned: boolean;
  rooms: { roomId: number; roomName: string; seats: number }[];
}

export const examsQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  collegeId: id.optional(),
  q: z.string().trim().max(50).optional(),
  unplaced: z.enum(['true', 'false']).optional(),
});

/** POST /api/exams/plans/:id/exams — the office adds a course's exam (统考) or one class's. */
export const examInput = z.object({
  courseId: id,
  teachingClassId: id.nullable().default(null),
  durationMin: z.coerce.number().int().min(15).max(480).default(120),
  roomType: z.string().trim().min(1).max(40).nullable().default(null),
});
export type ExamInput = z.infer<typeof examInput>;

/** PATCH /api/exams/plans/:id/exams/:examId — duration, room type. */
export const examPatch = z.object({
  durationMin: z.coerce.number().int().min(15).max(480).optional(),
  roomType: z.string().trim().min(1).max(40).nullable().optional(),
});

/**
 * Rules between exams the solver keeps: `after` (the exam in a later session than the other),
 * `same_session`, `exclusion` (never in one session), `avoid_session` (not in that session, e.g. a
 * day the teacher is away).
 */
export const EXAM_RULE_KINDS = ['after', 'same_session', 'exclusion', 'avoid_session'] as const;
export type ExamRuleKind = (typeof EXAM_RULE_KINDS)[number];

/** POST /api/exams/plans/:id/rules */
export const examRuleInput = z
  .object({
    kind: z.enum(EXAM_RULE_KINDS),
    examId: id,
    otherExamId: id.nullable().default(null),
    sessionId: id.nullable().default(null),
  })
  .refine((r) => (r.kind === 'avoid_session' ? r.sessionId !== null : r.otherExamId !== null), {
    path: ['otherExamId'],
    message: 'required',
  })
  .refine((r) => r.otherExamId !== r.examId, { path: ['otherExamId'], message: 'same_exam' });
export type ExamRuleInput = z.infer<typeof examRuleInput>;

export interface ExamRule {
  id: number;
  kind: ExamRuleKind;
  examId: number;
  courseName: string;
  otherExamId: number | null;
  otherCourseName: string | null;
  sessionId: number | null;
  date: string | null;
  start: string | null;
}

/** POST /api/exams/plans/:id/exams/:examId/move — a hand edit of the schedule (draft only). */
export const examMoveInput = z.object({ sessionId: id, force: z.boolean().default(false) });
export type ExamMoveInput = z.infer<typeof examMoveInput>;

/** What a move would do: refused when students would sit two exams at once (named), unless forced. */
export interface ExamMoveCheck {
  ok: boolean;
  clashes: { examId: number; courseName: string; students: number; sample: string[] }[];
  capacityShort: number;
}

/** POST /api/exams/plans/:id/solve */
export const examSolveInput = z.object({
  timeLimitSec: z.coerce.number().int().min(2).max(600).default(20),
  seed: z.coerce.number().int().min(0).max(2_147_483_647).optional(),
  keepPinned: z.boolean().default(true),
});
export type ExamSolveInput = z.infer<typeof examSolveInput>;

/** GET /api/exams/sittings — one of these per exam and room (a student's: their own room and seat). */
export const sittingsQuery = z
  .object({
    termId: id,
    studentId: id.optional(),
    teacherId: id.optional(),
    roomId: id.optional(),
    planId: id.optional(),
  })
  .refine((q) => [q.studentId, q.teacherId, q.roomId].filter((v) => v !== undefined).length <= 1, {
    path: ['studentId'],
    message: 'one_of',
  });
export type SittingsQuery = z.infer<typeof sittingsQuery>;

/** Whose exam schedule a printout is of: a student's, a teacher's (classes and duties), a room's, a college's. */
export const EXAM_EXPORT_OWNERS = ['student', 'teacher', 'room', 'college'] as const;
export type ExamExportOwner = (typeof EXAM_EXPORT_OWNERS)[number];

/**
 * GET /api/exams/schedules/export — the published exams of a term as XLSX or PDF. Without an
 * owner a student or teacher gets their own; with a kind the id is required.
 */
export const examScheduleExportQuery = z
  .object({
    termId: id,
    ownerKind: z.enum(EXAM_EXPORT_OWNERS).optional(),
    ownerId: id.optional(),
    format: z.enum(['xlsx', 'pdf']).default('xlsx'),
  })
  .refine((q) => (q.ownerKind === undefined) === (q.ownerId === undefined), { path: ['ownerId'], message: 'required' });
export type ExamScheduleExportQuery = z.infer<typeof examScheduleExportQuery>;

export interface ExamSitting {
  examId: number;
  planId: number;
  courseId: number;
  courseCode: string;
  courseName: string;
  date: string;
  start: string;
  end: string;
  roomId: number;
  roomName: string;
  buildingName: string;
  /** Students in this room for this exam. */
  students: number;
  /** The student's seat number (a student's own sittings only). */
  seat?: number;
}

export const invigilationsQuery = z.object({ teacherId: id.optional(), termId: id.optional(), planId: id.optional() });

export interface InvigilationItem {
  id: number;
  planId: number;
  teacherId: number;
  teacherName: string;
  chief: boolean;
  date: string;
  start: string;
  end: string;
  roomId: number;
  roomName: string;
  buildingName: string;
  courses: { courseId: number; courseName: string; students: number }[];
}

/** The office's view of the load: duties per teacher over the plan. */
export interface InvigilationLoad {
  teacherId: number;
  teacherName: string;
  collegeName: string;
  duties: number;
  chief: number;
}

/** POST /api/exams/invigilations/:id/swap — give a duty to another teacher. */
export const invigilationSwapInput = z.object({ teacherId: id });

/** GET /api/exams/plans/:id/unavailability — a teacher's own; the office anyone's (teacherId), or everyone's. */
export const examUnavailabilityQuery = z.object({ teacherId: id.optional() });

/** PUT /api/exams/plans/:id/unavailability — replaces one teacher's sessions (a teacher: their own). */
export const examUnavailabilityInput = z.object({
  /** The office names the teacher; a teacher's own declaration leaves it out. */
  teacherId: id.optional(),
  sessions: z.array(z.object({ sessionId: id, reason: z.string().trim().max(200).nullable().optional() })).max(200),
});
export type ExamUnavailabilityInput = z.infer<typeof examUnavailabilityInput>;

/** A session a teacher cannot invigilate in (declared), with the reason given. */
export interface ExamUnavailabilityItem {
  teacherId: number;
  sessionId: number;
  reason: string | null;
}

export const EXAMS_ERROR_MESSAGES = {
  exam_plan_not_draft: {
    'zh-CN': '考试安排正在审批或已审批，修改考试清单前须撤回',
    en: 'The exam plan is under review or approved; withdraw it before changing its exam list',
  },
  exam_plan_not_approved: {
    'zh-CN': '考试安排尚未通过审批，不能排考',
    en: 'The exam plan is not approved yet and cannot be scheduled',
  },
  exam_plan_published: {
    'zh-CN': '考试安排已发布，不能再修改',
    en: 'The exam timetable is published and can no longer be changed',
  },
  exam_plan_submitted: {
    'zh-CN': '考试安排已提交发布确认，确认前不能修改；如需修改请先撤回',
    en: 'The exam timetable is awaiting confirmation for publication; withdraw it before changing it',
  },
  exam_plan_not_submitted: {
    'zh-CN': '该考试安排不在待发布确认状态',
    en: 'This exam timetable is not awaiting publication',
  },
  exam_has_papers: {
    'zh-CN': '该考试已有试卷及其流转记录，不能从考试清单中删除',
    en: 'This exam has papers with custody records and cannot be removed from the list',
  },
  exam_plan_no_sessions: {
    'zh-CN': '考试周内没有可用的考试场次（请检查日期与是否包含周末）',
    en: 'The exam period holds no sessions (check the dates and whether weekends count)',
  },
  exam_plan_solving: {
    'zh-CN': '该考试安排正在排考，请等待完成或取消后再试',
    en: 'This plan is being scheduled; wait for the run to finish or cancel it',
  },
  exam_plan_unplaced: {
    'zh-CN': '还有 {count} 门考试未安排时间，不能发布',
    en: '{count} exam(s) have no session yet; the timetable cannot be published',
  },
  exam_plan_clashes: {
    'zh-CN': '有 {count} 名学生同一场次有两门考试，不能发布',
    en: '{count} student(s) would sit two exams in one session; the timetable cannot be published',
  },
  exam_move_clash: {
    'zh-CN': '移动后 {count} 名学生同一场次有两门考试（{who}）',
    en: 'The move would give {count} student(s) two exams at once ({who})',
  },
  exam_move_capacity: {
    'zh-CN': '该场次考场座位不足，还差 {short} 个座位',
    en: 'The session lacks exam seats: {short} more are needed',
  },
  exam_no_rooms: {
    'zh-CN': '“{course}”（{students} 人）在 {date} {start} 找不到足够的考场',
    en: 'No rooms left for “{course}” ({students} students) on {date} at {start}',
  },
  exam_rule_not_in_plan: {
    'zh-CN': '规则中的考试或场次不属于该考试安排',
    en: 'The rule names an exam or session of another plan',
  },
  exam_session_not_in_plan: {
    'zh-CN': '所选场次不属于该考试安排',
    en: 'A chosen session belongs to another exam plan',
  },
  exam_invigilator_busy: {
    'zh-CN': '{teacher} 在该场次已有监考任务',
    en: '{teacher} already invigilates in that session',
  },
  /** An export without an owner from someone who is neither a student nor a teacher. */
  exam_export_owner_required: {
    'zh-CN': '请选择要导出谁的考试安排（学生、教师、考场或学院）',
    en: 'Choose whose exam schedule to export (a student, a teacher, a room or a college)',
  },
  exam_makeup_list_follows: {
    'zh-CN': '补考安排的考试由补考名单决定：请增删补考名单',
    en: 'A make-up plan’s exams follow its candidates: add or remove candidates instead',
  },
  exam_plan_not_makeup: {
    'zh-CN': '只有补考安排才有补考名单',
    en: 'Only a make-up exam plan has make-up candidates',
  },
} as const;

export const EXAMS_ERROR_STATUS: Record<keyof typeof EXAMS_ERROR_MESSAGES, number> = {
  exam_plan_not_draft: 409,
  exam_plan_not_approved: 409,
  exam_plan_published: 409,
  exam_plan_submitted: 409,
  exam_plan_not_submitted: 409,
  exam_has_papers: 409,
  exam_plan_no_sessions: 400,
  exam_plan_solving: 409,
  exam_plan_unplaced: 409,
  exam_plan_clashes: 409,
  exam_move_clash: 409,
  exam_move_capacity: 409,
  exam_no_rooms: 409,
  exam_invigilator_busy: 409,
  exam_rule_not_in_plan: 400,
  exam_export_owner_required: 400,
  exam_plan_not_makeup: 409,
  exam_makeup_list_follows: 409,
  exam_session_not_in_plan: 400,
};

/** Field messages of the plan form's own codes (the refinements of `examPlanInput`). */
export const EXAMS_FIELD_MESSAGES = {
  invalid_time: { 'zh-CN': '时间格式应为 HH:MM', en: 'Time must be HH:MM' },
  before_start: { 'zh-CN': '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' },
  end_before_start: { 'zh-CN': '每个场次的结束时间应晚于开始时间', en: 'Each session must end after it starts' },
  sessions_overlap: { 'zh-CN': '场次时间不能重叠，并应按时间先后排列', en: 'Sessions must not overlap and must be in order' },
  same_exam: { 'zh-CN': '规则的两门考试不能相同', en: 'A rule needs two different exams' },
  makeup_needs_source: { 'zh-CN': '补考安排须选择补考的来源学期', en: 'A make-up plan needs the term whose exams it makes up' },
} as const;
