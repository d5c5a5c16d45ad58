import { z } from 'zod';
import { attachmentInfo } from './attachments.ts';
import { id, listQuery } from './common.ts';

/**
 * 缓考 and 考场违纪 — a student's application to sit an exam later (workflow flow `exam_deferral`:
 * college review, office approval; on approval the student leaves the exam's seats), and the
 * incidents an invigilator records in the room they watch, which the office confirms or dismisses
 * (the grades module reads the confirmed ones).
 */

export const EXAM_DEFERRAL_STATUSES = ['pending', 'approved', 'rejected', 'returned', 'withdrawn'] as const;
export const examDeferralStatus = z.enum(EXAM_DEFERRAL_STATUSES);
export type ExamDeferralStatus = z.infer<typeof examDeferralStatus>;

/** The longest reason a student may write (the approvers read it in their inbox). */
export const EXAM_DEFERRAL_REASON_MAX = 500;

/** POST /api/exams/deferrals */
export const examDeferralInput = z.object({
  examId: id,
  /** Why (illness, a clash with a competition…): the approvers read it. */
  reason: z.string().trim().min(1).max(EXAM_DEFERRAL_REASON_MAX),
  /** Proof (a medical certificate): the applicant's own upload from POST /api/attachments, not used elsewhere. */
  attachmentId: id.nullish(),
});
export type ExamDeferralInput = z.infer<typeof examDeferralInput>;

/** GET /api/exams/deferrals: the student's own, the secretary's college's, or every application. */
export const examDeferralQuery = listQuery.pick({ page: true, pageSize: true }).extend({
  status: examDeferralStatus.optional(),
  /** The term of the exam's plan (the make-up plan lists a term's approved deferrals). */
  termId: id.optional(),
});
export type ExamDeferralQuery = z.infer<typeof examDeferralQuery>;

/** When and what an exam is, as the deferral and incident pages show it. */
export const examRef = z.object({
  examId: z.number().int(),
  courseCode: z.string(),
  courseName: z.string(),
  /** Null for a course's unified exam 统考 (every class sits it). */
  teachingClassId: z.number().int().nullable(),
  planName: z.string(),
  termId: z.number().int(),
  /** The session's date (YYYY-MM-DD) and clock minutes, null while the exam is not scheduled. */
  date: z.string().nullable(),
  startMin: z.number().int().nullable(),
  endMin: z.number().int().nullable(),
});
export type ExamRef = z.infer<typeof examRef>;

/** One application as its student, the college and the office see it. */
export const examDeferral = examRef.extend({
  id: z.number().int(),
  studentId: z.number().int(),
  studentCode: z.string(),
  studentName: z.string(),
  reason: z.string(),
  /** The proof the student attached (GET /api/attachments/:id downloads it), null without one. */
  attachment: attachmentInfo.nullable(),
  status: examDeferralStatus,
  workflowInstanceId: z.number().int().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type ExamDeferral = z.infer<typeof examDeferral>;

/** GET /api/exams/deferrals/exams: the student's exams and whether each can still be deferred. */
export const deferrableExam = examRef.extend({
  /** Scheduled and not started yet, with no live application. */
  canDefer: z.boolean(),
  /** The status of the latest application for it, if any. */
  deferralStatus: examDeferralStatus.nullable(),
  deferralId: z.number().int().nullable(),
});
export type DeferrableExam = z.infer<typeof deferrableExam>;

// ---------------------------------------------------------------- incidents 考场违纪

/** cheating 作弊 | disruption 扰乱考场 | absent 缺考 | other 其他 */
export const EXAM_INCIDENT_KINDS = ['cheating', 'disruption', 'absent', 'other'] as const;
export const examIncidentKind = z.enum(EXAM_INCIDENT_KINDS);
export type ExamIncidentKind = z.infer<typeof examIncidentKind>;

/** recorded (by the invigilator) → confirmed | dismissed (by the office). */
export const EXAM_INCIDENT_STATUSES = ['recorded', 'confirmed', 'dismissed'] as const;
export const examIncidentStatus = z.enum(EXAM_INCIDENT_STATUSES);
export type ExamIncidentStatus = z.infer<typeof examIncidentStatus>;

export const EXAM_INCIDENT_NOTE_MAX = 1000;

/** POST /api/exams/incidents */
export const examIncidentInput = z.object({
  examId: id,
  studentId: id,
  kind: examIncidentKind,
  /** What happened, as the invigilator saw it. */
  note: z.string().trim().max(EXAM_INCIDENT_NOTE_MAX).default(''),
});
export type ExamIncidentInput = z.infer<typeof examIncidentInput>;

/** POST /api/exams/incidents/:id/review */
export const examIncidentReviewInput = z.object({
  decision: z.enum(['confirm', 'dismiss']),
  note: z.string().trim().max(EXAM_INCIDENT_NOTE_MAX).default(''),
});
export type ExamIncidentReviewInput = z.infer<typeof examIncidentReviewInput>;

/** GET /api/exams/incidents */
export const examIncidentQuery = listQuery.pick({ page: true, pageSize: true }).extend({
  status: examIncidentStatus.optional(),
  termId: id.optional(),
});
export type ExamIncidentQuery = z.infer<typeof examIncidentQuery>;

export const examIncident = examRef.extend({
  id: z.number().int(),
  studentId: z.number().int(),
  studentCode: z.string(),
  studentName: z.string(),
  roomName: z.string().nullable(),
  seatNo: z.number().int().nullable(),
  kind: examIncidentKind,
  note: z.string(),
  recordedByName: z.string().nullable(),
  status: examIncidentStatus,
  reviewNote: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ExamIncident = z.infer<typeof examIncident>;

/** GET /api/exams/incidents/duties: a room the teacher invigilates, with its exams' seated students. */
export const invigilationDuty = z.object({
  sessionId: z.number().int(),
  date: z.string(),
  startMin: z.number().int(),
  endMin: z.number().int(),
  roomId: z.number().int(),
  roomName: z.string(),
  exams: z.array(
    examRef.pick({ examId: true, courseCode: true, courseName: true }).extend({
      students: z.array(z.object({ id: z.number().int(), code: z.string(), name: z.string(), seatNo: z.number().int() })),
    }),
  ),
});
export type InvigilationDuty = z.infer<typeof invigilationDuty>;

/** Errors of deferrals and incidents, with their messages (spread into ERROR_MESSAGES). */
export const EXAM_DEFERRAL_ERROR_MESSAGES = {
  /** Only a student on the exam's roster may defer it (or an invigilator record an incident about them). */
  exam_not_yours: {
    'zh-CN': '你不在该场考试的考生名单中',
    en: 'You are not on this exam’s list of candidates',
  },
  exam_not_scheduled: {
    'zh-CN': '该考试尚未排定时间，暂不能申请缓考',
    en: 'This exam has no time yet; a deferral can be asked once it is scheduled',
  },
  exam_deferral_started: {
    'zh-CN': '“{course}”的考试已于 {start} 开始，不能再申请缓考',
    en: 'The exam of “{course}” started at {start}; it can no longer be deferred',
  },
  exam_deferral_live: {
    'zh-CN': '你已为“{course}”提交过缓考申请（审批中或已批准）',
    en: 'You already have a deferral for “{course}” under review or approved',
  },
  exam_deferral_not_pending: {
    'zh-CN': '该缓考申请已处理，不能撤回',
    en: 'This deferral has already been decided and cannot be withdrawn',
  },
  exam_incident_not_invigilator: {
    'zh-CN': '只有该考场本场次的监考教师可以登记违纪',
    en: 'Only an invigilator of that room in that session may record an incident',
  },
  exam_incident_not_seated: {
    'zh-CN': '该学生不在这场考试的座位表中',
    en: 'That student has no seat in this exam',
  },
  exam_incident_reviewed: {
    'zh-CN': '该违纪记录已审核',
    en: 'This incident has already been reviewed',
  },
} as const;

/** HTTP statuses of those errors (spread into the server's table). */
export const EXAM_DEFERRAL_ERROR_STATUS: Record<keyof typeof EXAM_DEFERRAL_ERROR_MESSAGES, number> = {
  exam_not_yours: 403,
  exam_not_scheduled: 409,
  exam_deferral_started: 409,
  exam_deferral_live: 409,
  exam_deferral_not_pending: 409,
  exam_incident_not_invigilator: 403,
  exam_incident_not_seated: 400,
  exam_incident_reviewed: 409,
};
