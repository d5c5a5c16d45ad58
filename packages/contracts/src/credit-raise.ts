import { z } from 'zod';
import { id } from './common.ts';

/**
 * 超学分申请 — a student asks for a higher credit limit in a round; the college secretary then the
 * academic office approve it (workflow flow `credit_raise`), and the rule checker's credit limit
 * honours the approved maximum for that round.
 */

export const CREDIT_RAISE_STATUSES = ['pending', 'approved', 'rejected', 'returned', 'withdrawn'] as const;
export const creditRaiseStatus = z.enum(CREDIT_RAISE_STATUSES);
export type CreditRaiseStatus = z.infer<typeof creditRaiseStatus>;

/** The highest limit a student may ask for (a term rarely holds more than 40 credits). */
export const CREDIT_RAISE_MAX = 50;

/** POST /api/selection/credit-raises */
export const creditRaiseInput = z.object({
  roundId: id,
  /** The credit limit asked for, above the round's for this student (one decimal, as credits are). */
  maxCredits: z.coerce
    .number()
    .min(1)
    .max(CREDIT_RAISE_MAX)
    .refine((n) => Number.isInteger(n * 10), { message: 'one_decimal' }),
  /** Why (e.g. graduating, a minor 辅修): the approvers read it. */
  reason: z.string().trim().min(1).max(500),
});
export type CreditRaiseInput = z.infer<typeof creditRaiseInput>;

export const creditRaiseQuery = z.object({ roundId: id });

/** One application as its student sees it. */
export const creditRaise = z.object({
  id: z.number().int(),
  roundId: z.number().int(),
  /** The round's limit for the student when they applied. */
  currentMax: z.number().nullable(),
  maxCredits: z.number(),
  reason: z.string(),
  status: creditRaiseStatus,
  workflowInstanceId: z.number().int().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type CreditRaise = z.infer<typeof creditRaise>;

/** Errors of an application, with their messages (spread into ERROR_MESSAGES). */
export const CREDIT_RAISE_ERROR_MESSAGES = {
  /** Only a student without failed courses may ask for more credits. */
  credit_raise_failed_course: {
    'zh-CN': '你有未通过的课程（{courses}），不能申请超学分',
    en: 'You have failed courses ({courses}) and cannot apply for a credit-limit raise',
  },
  credit_raise_hold: {
    'zh-CN': '你有选课限制（{reason}），不能申请超学分',
    en: 'You have a selection hold ({reason}) and cannot apply for a credit-limit raise',
  },
  credit_raise_pending: {
    'zh-CN': '你在“{round}”已有一份超学分申请正在审批',
    en: 'You already have a credit-limit raise under review for “{round}”',
  },
  credit_raise_not_above: {
    'zh-CN': '申请的学分上限 {asked} 须高于你在本轮的上限 {max}',
    en: 'The limit asked for ({asked}) must be above your limit in this round ({max})',
  },
  credit_raise_no_limit: {
    'zh-CN': '“{round}”没有学分上限，无需申请超学分',
    en: '“{round}” has no credit limit; there is nothing to raise',
  },
} as const;

/** HTTP statuses of those errors (spread into the server's table). */
export const CREDIT_RAISE_ERROR_STATUS: Record<keyof typeof CREDIT_RAISE_ERROR_MESSAGES, number> = {
  credit_raise_failed_course: 409,
  credit_raise_hold: 409,
  credit_raise_pending: 409,
  credit_raise_not_above: 400,
  credit_raise_no_limit: 409,
};
