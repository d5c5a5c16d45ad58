import { z } from 'zod';
import { id, listQuery, text } from './common.ts';

/**
 * 试卷流转 — an exam paper's chain of custody: each step a record with giver, receiver, time,
 * place and copies, confirmed by the receiver, chained by hashes so an edit of the past shows.
 */

/** The steps in order: 命题 审核 送印 密封 入保密室 发放 回收 交阅卷 归档. */
export const EXAM_PAPER_STEPS = [
  'drafted',
  'reviewed',
  'sent_to_print',
  'sealed',
  'stored',
  'handed_out',
  'collected',
  'to_marker',
  'archived',
] as const;
export const examPaperStep = z.enum(EXAM_PAPER_STEPS);
export type ExamPaperStep = z.infer<typeof examPaperStep>;
/** A record is a step, or a correction of an earlier record (never an edit). */
export const EXAM_PAPER_RECORD_KINDS = [...EXAM_PAPER_STEPS, 'correction'] as const;
export type ExamPaperRecordKind = (typeof EXAM_PAPER_RECORD_KINDS)[number];
/** Steps whose record states a copy count. */
export const EXAM_PAPER_COUNTED_STEPS: readonly ExamPaperStep[] = ['sealed', 'stored', 'handed_out', 'collected', 'to_marker'];
export const EXAM_PAPER_VERSIONS = ['A', 'B'] as const;
/** A one-time code is valid this long and allows this many wrong tries. */
export const EXAM_PAPER_CODE_TTL_MIN = 15;
export const EXAM_PAPER_CODE_ATTEMPTS = 5;
export const EXAM_PAPER_COPIES_MAX = 100_000;

const count = z.coerce.number().int().min(0).max(EXAM_PAPER_COPIES_MAX);

/** POST /api/exams/papers */
export const examPaperInput = z.object({
  examId: id,
  version: z.enum(EXAM_PAPER_VERSIONS),
  /** Copies needed (at least the exam's roster when seats are drawn). */
  copies: z.coerce.number().int().min(1).max(EXAM_PAPER_COPIES_MAX),
});
export type ExamPaperInput = z.infer<typeof examPaperInput>;

/** GET /api/exams/papers */
export const examPaperQuery = listQuery.extend({
  termId: id.optional(),
  planId: id.optional(),
  status: examPaperStep.optional(),
});

/** POST /api/exams/papers/:id/handovers — the next step (the actor is the giver), or a correction. */
export const examPaperHandoverInput = z.object({
  kind: z.enum(EXAM_PAPER_RECORD_KINDS).exclude(['drafted']),
  /** Who takes the paper; required for every step but corrections. */
  receiverUserId: id.nullish(),
  /** When it happened; now when absent. */
  at: z.iso.datetime({ offset: true }).nullish(),
  place: text(200).default(''),
  copies: count.nullish(),
  returned: count.nullish(),
  used: count.nullish(),
  /** Why (a correction, or copies missing at collection: required then). */
  note: text(500).default(''),
  /** For a correction: the record it corrects. */
  correctsId: id.nullish(),
});
export type ExamPaperHandoverInput = z.input<typeof examPaperHandoverInput>;

/** POST /api/exams/papers/:id/handovers/:recordId/confirm */
export const examPaperConfirmInput = z.object({
  /** The one-time code shown on the giver's screen; absent when the receiver confirms in the app. */
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { message: 'invalid' })
    .nullish(),
});
export const examPaperRecordParams = z.object({ id, recordId: id });

export const examPaperRecord = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  kind: z.enum(EXAM_PAPER_RECORD_KINDS),
  correctsId: z.number().int().nullable(),
  giver: z.object({ id: z.number().int(), name: z.string() }),
  receiver: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  at: z.string(),
  place: z.string(),
  copies: z.number().int().nullable(),
  returned: z.number().int().nullable(),
  used: z.number().int().nullable(),
  note: z.string(),
  recordedAt: z.string(),
  prevHash: z.string(),
  hash: z.string(),
  /** Null while the receiver has not confirmed (always null for records without a receiver). */
  confirmation: z.object({ method: z.enum(['app', 'code']), at: z.string(), by: z.string().nullable() }).nullable(),
});
export type ExamPaperRecord = z.infer<typeof examPaperRecord>;

export const EXAM_PAPER_FLAG_KINDS = ['not_sealed', 'counts_mismatch', 'too_few_copies', 'unconfirmed'] as const;
export type ExamPaperFlagKind = (typeof EXAM_PAPER_FLAG_KINDS)[number];
export const examPaperFlag = z.object({
  paperId: z.number().int(),
  kind: z.enum(EXAM_PAPER_FLAG_KINDS),
  recordId: z.number().int().nullable(),
  /** Who should act (notified once). */
  responsibleUserId: z.number().int().nullable(),
  responsibleName: z.string().nullable(),
  /** The figures the words need: counts, dates. */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type ExamPaperFlag = z.infer<typeof examPaperFlag>;

export const examPaper = z.object({
  id: z.number().int(),
  examId: z.number().int(),
  planId: z.number().int(),
  termId: z.number().int(),
  course: z.object({ id: z.number().int(), code: z.string(), name: z.string() }),
  version: z.enum(EXAM_PAPER_VERSIONS),
  copies: z.number().int(),
  status: examPaperStep,
  /** The exam's session date and start (minutes), null until scheduled. */
  sessionDate: z.string().nullable(),
  sessionStartMin: z.number().int().nullable(),
  author: z.object({ id: z.number().int(), name: z.string() }),
  /** The next step, null once archived. */
  nextStep: examPaperStep.nullable(),
  flags: z.array(examPaperFlag),
  createdAt: z.string(),
});
export type ExamPaper = z.infer<typeof examPaper>;

/** A recorded handover: the record, and the one-time code to show the receiver (only in this answer). */
export const examPaperHandoverResult = z.object({
  record: examPaperRecord,
  oneTimeCode: z.string().nullable(),
  codeExpiresAt: z.string().nullable(),
});
export type ExamPaperHandoverResult = z.infer<typeof examPaperHandoverResult>;

export const EXAM_PAPER_BREAK_REASONS = ['hash', 'link', 'seq'] as const;
/** GET /api/exams/papers/:id/chain */
export const examPaperChain = z.object({
  records: z.array(examPaperRecord),
  valid: z.boolean(),
  /** The first record that does not check out, and why: its content changed (hash), its link to the record before (link), or a record missing (seq). */
  firstBreak: z
    .object({
      recordId: z.number().int(),
      seq: z.number().int(),
      reason: z.enum(EXAM_PAPER_BREAK_REASONS),
      expected: z.string(),
      found: z.string(),
    })
    .optional(),
});
export type ExamPaperChain = z.infer<typeof examPaperChain>;

/** Errors of the chain of custody, with their messages (spread into ERROR_MESSAGES). */
export const EXAM_PAPER_ERROR_MESSAGES = {
  exam_paper_exists: { 'zh-CN': '该考试已有 {version} 卷', en: 'This exam already has a paper {version}' },
  exam_paper_step_order: {
    'zh-CN': '试卷当前处于“{current}”，下一步应为“{expected}”',
    en: 'The paper is at “{current}”; the next step is “{expected}”',
  },
  exam_paper_archived: { 'zh-CN': '试卷已归档，流转已结束', en: 'The paper is archived; its custody has ended' },
  exam_paper_review_by_author: { 'zh-CN': '审核人不能是命题人本人', en: 'The reviewer cannot be the paper’s author' },
  exam_paper_receiver_required: { 'zh-CN': '请选择接收人', en: 'Choose who receives the paper' },
  exam_paper_receiver_self: { 'zh-CN': '接收人不能是交出人本人', en: 'The receiver cannot be the giver' },
  exam_paper_not_chief: {
    'zh-CN': '试卷只能发放给本场考试的主监考',
    en: 'The paper can be handed out only to a chief invigilator of the exam’s session',
  },
  exam_paper_copies_required: { 'zh-CN': '请填写份数', en: 'Enter the number of copies' },
  exam_paper_too_few_copies: {
    'zh-CN': '密封份数 {copies} 少于所需份数 {needed}',
    en: 'Sealed copies ({copies}) are fewer than the copies needed ({needed})',
  },
  exam_paper_more_than_held: {
    'zh-CN': '份数 {copies} 超过上一环节的 {held} 份',
    en: '{copies} copies is more than the {held} of the previous step',
  },
  exam_paper_counts_mismatch: {
    'zh-CN': '回收 {returned} 份 + 使用 {used} 份 ≠ 发放 {handedOut} 份；如确有缺失，请在备注中说明',
    en: 'Returned {returned} + used {used} ≠ handed out {handedOut}; if copies are really missing, explain in the note',
  },
  exam_paper_unconfirmed: {
    'zh-CN': '上一次交接（{step}）尚未经接收人确认',
    en: 'The previous handover ({step}) has not been confirmed by its receiver',
  },
  exam_paper_correction_target: { 'zh-CN': '要更正的记录不属于这份试卷', en: 'The record to correct is not part of this paper' },
  exam_paper_already_confirmed: { 'zh-CN': '该交接已确认', en: 'This handover is already confirmed' },
  exam_paper_not_receiver: {
    'zh-CN': '只有接收人可以确认，或输入交出人屏幕上的确认码',
    en: 'Only the receiver can confirm, or enter the code shown on the giver’s screen',
  },
  exam_paper_code_invalid: { 'zh-CN': '确认码不正确或已过期', en: 'The code is wrong or has expired' },
  exam_paper_code_locked: { 'zh-CN': '确认码错误次数过多，已失效', en: 'Too many wrong codes; this code no longer works' },
  exam_paper_no_receiver: { 'zh-CN': '这条记录无需确认', en: 'This record needs no confirmation' },
} as const;

/** HTTP statuses of those errors (spread into the server's table). */
export const EXAM_PAPER_ERROR_STATUS: Record<keyof typeof EXAM_PAPER_ERROR_MESSAGES, number> = {
  exam_paper_exists: 409,
  exam_paper_step_order: 409,
  exam_paper_archived: 409,
  exam_paper_review_by_author: 409,
  exam_paper_receiver_required: 400,
  exam_paper_receiver_self: 400,
  exam_paper_not_chief: 409,
  exam_paper_copies_required: 400,
  exam_paper_too_few_copies: 409,
  exam_paper_more_than_held: 409,
  exam_paper_counts_mismatch: 409,
  exam_paper_unconfirmed: 409,
  exam_paper_correction_target: 400,
  exam_paper_already_confirmed: 409,
  exam_paper_not_receiver: 403,
  exam_paper_code_invalid: 400,
  exam_paper_code_locked: 429,
  exam_paper_no_receiver: 409,
};

/** Names of the steps, for the server's messages (errors, notifications); the web has its own in its i18n files. */
export const EXAM_PAPER_STEP_WORDS: Record<ExamPaperRecordKind, { 'zh-CN': string; en: string }> = {
  drafted: { 'zh-CN': '命题', en: 'drafted' },
  reviewed: { 'zh-CN': '审核', en: 'reviewed' },
  sent_to_print: { 'zh-CN': '送印', en: 'sent to print' },
  sealed: { 'zh-CN': '印刷密封', en: 'printed and sealed' },
  stored: { 'zh-CN': '入保密室', en: 'stored' },
  handed_out: { 'zh-CN': '考场发放', en: 'handed out' },
  collected: { 'zh-CN': '考后回收', en: 'collected' },
  to_marker: { 'zh-CN': '交阅卷', en: 'handed to the marker' },
  archived: { 'zh-CN': '归档', en: 'archived' },
  correction: { 'zh-CN': '更正', en: 'correction' },
};
