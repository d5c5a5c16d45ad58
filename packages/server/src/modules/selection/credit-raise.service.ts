import type { CreditRaise, CreditRaiseInput, Locale } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { requireAccess } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { findCourseSelectionFacts } from '../catalog/catalog.read-model.ts';
import { findStudentSelectionFacts } from '../org/org.read-model.ts';
import type { SubjectHandler } from '../workflow/workflow.types.ts';
import type { WorkflowService } from '../workflow/workflow.service.ts';
import { creditLimitsFor } from './core/rules.ts';
import * as raises from './credit-raise.repository.ts';
import type { CreditRaiseRow } from './credit-raise.repository.ts';
import * as repo from './selection.repository.ts';
import { roundOf } from './snapshot.ts';
import { ownStudentId } from './student.service.ts';

/**
 * 超学分申请 — a student asks for a higher credit limit in a round. Allowed only with no failed
 * course and no active hold (the school's rule); then the flow `credit_raise` runs (college
 * secretary → academic office). On approval the row's limit replaces the round's maximum for the
 * student in that round (the snapshot reads it into the rule checker); the workflow engine tells
 * the student of the decision. The application and its submission are one transaction.
 */

export const CREDIT_RAISE_FLOW = 'credit_raise';
const SUBJECT = 'credit_raise';

type WorkflowPort = Pick<WorkflowService, 'registerSubject' | 'submit'>;

type Decision = 'approved' | 'rejected' | 'returned' | 'withdrawn';
/** The audit action of each decision (labels in contracts/audit-labels.ts). */
const DECISION_ACTIONS: Record<Decision, string> = {
  approved: 'selection_credit_raises.approved',
  rejected: 'selection_credit_raises.rejected',
  returned: 'selection_credit_raises.returned',
  withdrawn: 'selection_credit_raises.withdrawn',
};

const credits = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function presentCreditRaise(r: CreditRaiseRow): CreditRaise {
  return {
    id: r.id,
    roundId: r.roundId,
    currentMax: r.currentMax === null ? null : Number(r.currentMax),
    maxCredits: Number(r.maxCredits),
    reason: r.reason,
    status: r.status as CreditRaise['status'],
    workflowInstanceId: r.workflowInstanceId,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  };
}

/** The student's limit in the round now (groups and earlier approvals included), null when none. */
async function currentMaxOf(tx: Tx | Db, studentId: number, round: repo.SelectionRoundRow): Promise<number | null> {
  const s = await findStudentSelectionFacts(tx, studentId);
  if (!s) throw new AppError('not_found', { params: { what: 'student' } });
  const approved = await raises.findApprovedMaxCredits(tx, studentId, round.id);
  const who = {
    ...s,
    gender: null,
    passedCourseCodes: new Set<string>(),
    failedCourseIds: new Set<number>(),
    holds: [],
    approvedMaxCredits: approved,
  };
  return creditLimitsFor(who, roundOf(round)).max;
}

export function createCreditRaiseService({ db, clock, workflow }: { db: Db; clock: () => Date; workflow: WorkflowPort }) {
  /** What the approval engine calls for an application: its title, its page, and each decision. */
  const subject: SubjectHandler = {
    async describe(h, id, locale: Locale) {
      const r = await raises.findCreditRaise(h, id);
      if (!r) return locale === 'en' ? 'Credit-limit raise (deleted)' : '超学分申请（已删除）';
      const s = await findStudentSelectionFacts(h, r.studentId);
      const round = await repo.findRound(h, r.roundId);
      const from = r.currentMax === null ? '—' : credits(Number(r.currentMax));
      const to = credits(Number(r.maxCredits));
      return locale === 'en'
        ? `Credit-limit raise — ${s?.name ?? ''} (${s?.code ?? ''}) — ${round?.name ?? ''} — ${from} → ${to} credits: ${r.reason}`
        : `超学分申请 — ${s?.name ?? ''}（${s?.code ?? ''}）— ${round?.name ?? ''} — ${from} → ${to} 学分：${r.reason}`;
    },
    link: () => '/selection',
    async onApproved(tx, event, actor) {
      await decide(tx, event.subjectId, 'approved', event.at, actor);
    },
    async onRejected(tx, event, actor) {
      await decide(tx, event.subjectId, 'rejected', event.at, actor);
    },
    async onReturned(tx, event, actor) {
      await decide(tx, event.subjectId, 'returned', event.at, actor);
    },
    async onWithdrawn(tx, event, actor) {
      await decide(tx, event.subjectId, 'withdrawn', event.at, actor);
    },
  };
  workflow.registerSubject(SUBJECT, subject);

  async function decide(tx: Tx, id: number, status: Decision, at: Date, actor: Actor) {
    const before = await raises.findCreditRaise(tx, id);
    if (!before) throw new AppError('not_found', { params: { what: 'credit raise' } });
    await raises.setCreditRaise(tx, id, { status, decidedAt: at });
    await writeAudit(tx, actor, {
      action: DECISION_ACTIONS[status],
      entityType: 'selection_credit_raises',
      entityId: id,
      before: { status: before.status },
      after: { status, maxCredits: Number(before.maxCredits), roundId: before.roundId, studentId: before.studentId },
    });
  }

  return {
    subject,

    /** POST /api/selection/credit-raises: apply (refused with a failed course, a hold, or nothing to raise). */
    async apply(actor: Actor, input: CreditRaiseInput): Promise<CreditRaise> {
      const studentId = ownStudentId(actor);
      return db.transaction(async (tx) => {
        const round = await repo.findRound(tx, input.roundId);
        if (!round) throw new AppError('not_found', { params: { what: 'selection round' } });
        // The student's row lock: their own concurrent applications run one after another.
        await repo.lockStudentTerm(tx, studentId, round.termId, clock());
        const failed = await repo.findFailedCourseIds(tx, studentId);
        if (failed.length) {
          const names = (await findCourseSelectionFacts(tx, failed)).map((c) => `${c.code} ${c.name}`);
          throw new AppError('credit_raise_failed_course', { params: { courses: names.join('、') } });
        }
        const [hold] = await repo.findActiveHolds(tx, studentId);
        if (hold) throw new AppError('credit_raise_hold', { params: { reason: hold.reason } });
        const max = await currentMaxOf(tx, studentId, round);
        if (max === null) throw new AppError('credit_raise_no_limit', { params: { round: round.name } });
        if (input.maxCredits <= max)
          throw new AppError('credit_raise_not_above', { params: { asked: credits(input.maxCredits), max: credits(max) } });
        const now = clock();
        const row = await raises.insertCreditRaise(tx, {
          roundId: round.id,
          studentId,
          currentMax: String(max),
          maxCredits: String(input.maxCredits),
          reason: input.reason,
          createdBy: actor.userId,
          createdAt: now,
        });
        if (!row) throw new AppError('credit_raise_pending', { params: { round: round.name } });
        const student = (await findStudentSelectionFacts(tx, studentId))!;
        const instanceId = await workflow.submit(actor, {
          flowKey: CREDIT_RAISE_FLOW,
          subjectType: SUBJECT,
          subjectId: row.id,
          scope: { collegeId: student.collegeId },
          context: { maxCredits: input.maxCredits, raiseBy: input.maxCredits - max, collegeId: student.collegeId },
          tx,
        });
        const stored = (await raises.setCreditRaise(tx, row.id, { workflowInstanceId: instanceId }))!;
        await writeAudit(tx, actor, {
          action: 'selection_credit_raises.create',
          entityType: 'selection_credit_raises',
          entityId: row.id,
          after: { roundId: round.id, currentMax: max, maxCredits: input.maxCredits, reason: input.reason, instanceId },
        });
        return presentCreditRaise(stored);
      });
    },

    /** GET /api/selection/credit-raises?roundId=: the student's applications in the round, newest first. */
    async mine(actor: Actor, roundId: number): Promise<{ items: CreditRaise[] }> {
      requireAccess(actor, 'selection.take');
      if (actor.studentId === null) return { items: [] };
      return { items: (await raises.findStudentCreditRaises(db, actor.studentId, roundId)).map(presentCreditRaise) };
    },
  };
}
export type CreditRaiseService = ReturnType<typeof createCreditRaiseService>;
