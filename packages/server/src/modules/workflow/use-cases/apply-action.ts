import type { FlowStep, NotificationKind } from '@jiaowu/contracts';
import type { Tx } from '../../../db/client.ts';
import type { Actor } from '../../../platform/access.ts';
import { AppError } from '../../../platform/errors.ts';
import { transition, type EngineActionType } from '../workflow.engine.ts';
import * as repo from '../workflow.repository.ts';
import { describeBoth, loadSteps, stepApprovers, stepName, type SubjectEvent, type WorkflowDeps } from '../workflow.types.ts';
import { findSchoolTimeZone } from '../../org/school-settings.read-model.ts';
import { addWorkingDays } from '../working-days.ts';

export interface ActionInput {
  action: EngineActionType;
  actor: Actor;
  comment?: string | null;
  /** Extra history data (delegate target, changes …). */
  data?: Record<string, unknown> | null;
  changes?: Record<string, unknown>;
  fieldComments?: Record<string, string>;
}

/**
 * Runs one action on a (locked) instance: the pure engine decides, this
 * writes the consequences — history, step runs with deadlines, tasks for the
 * approvers, the subject module's callback, notifications — all in `tx`.
 */
export async function applyAction(deps: WorkflowDeps, tx: Tx, instance: repo.InstanceRow, input: ActionInput) {
  const now = deps.clock();
  const steps = await loadSteps(deps, tx, instance.flowKey, instance.flowVersion);
  const context = instance.context as Record<string, never>;
  const result = transition({ state: instance.state, step: instance.currentStep }, input.action, { steps, context });
  const starting = input.action === 'submit' || input.action === 'resubmit';
  // A (re)submission starts a fresh round: earlier approvers' changes no longer apply.
  const changes = { ...(starting ? {} : (instance.changes as Record<string, unknown>)), ...(input.changes ?? {}) };
  const actorName = input.actor.userId
    ? ((await repo.findUserNames(tx, [input.actor.userId])).get(input.actor.userId) ?? input.actor.name)
    : input.actor.name;
  const fieldComments = input.action === 'return' ? (input.fieldComments ?? {}) : (instance.fieldComments as Record<string, string>);
  const flow = await repo.findFlow(tx, instance.flowKey);
  let subject: Awaited<ReturnType<typeof describeBoth>> | null = null;
  const subjectTitle = async () => (subject ??= await describeBoth(deps, tx, instance.subjectType, instance.subjectId));
  const handler = deps.handlers.get(instance.subjectType);
  const link = handler?.link(instance.subjectId) ?? `/workflow/instances/${instance.id}`;
  const baseParams = async (step: FlowStep | null) => ({
    subject: await subjectTitle(),
    flow: flow ? { 'zh-CN': flow.nameZh, en: flow.nameEn } : instance.flowKey,
    step: step ? stepName(step) : null,
    actor: actorName,
    comment: input.comment ?? null,
  });
  const tell = async (
    userIds: (number | null)[],
    kind: NotificationKind,
    step: FlowStep | null,
    extra: Record<string, string | null> = {},
  ) =>
    deps.notify(tx, {
      userIds: userIds.filter((u): u is number => u !== null),
      kind,
      params: { ...(await baseParams(step)), ...extra },
      link,
    });
  const event = (): SubjectEvent => ({
    instanceId: instance.id,
    subjectId: instance.subjectId,
    changes,
    comment: input.comment ?? null,
    fieldComments,
    at: now,
  });

  let finishedAt: Date | null = starting ? null : instance.finishedAt;
  for (const e of result.events) {
    switch (e.type) {
      case 'recorded':
        await repo.insertHistory(tx, {
          instanceId: instance.id,
          at: now,
          actorId: input.actor.userId,
          actorName,
          action: e.action,
          step: e.step,
          comment: input.comment ?? null,
          data: {
            ...(input.data ?? {}),
            ...(input.action === 'return' && input.fieldComments ? { fieldComments: input.fieldComments } : {}),
          },
        });
        break;
      case 'step_left':
        await repo.closeStepRuns(tx, instance.id, e.outcome, now);
        await repo.cancelOpenTasks(tx, instance.id, now);
        // The last step's approval is onApproved (the 'finished' event); earlier ones are told here.
        if (e.outcome === 'approved' && !result.events.some((x) => x.type === 'finished'))
          await handler?.onStepApproved?.(tx, { ...event(), step: e.step }, input.actor);
        break;
      case 'step_entered': {
        const step = steps[e.step];
        const approvers = await stepApprovers(tx, step, instance);
        if (!approvers.length)
          throw new AppError('workflow_no_approver', { params: { step: input.actor.locale === 'en' ? step.nameEn : step.nameZh } });
        const dueAt = addWorkingDays(now, step.deadlineDays, await findSchoolTimeZone(tx));
        const run = await repo.insertStepRun(tx, { instanceId: instance.id, step: e.step, enteredAt: now, dueAt });
        await repo.insertTasks(
          tx,
          approvers.map((assigneeId) => ({ instanceId: instance.id, stepRunId: run.id, step: e.step, assigneeId, createdAt: now })),
        );
        const applicant = instance.applicantId ? (await repo.findUserNames(tx, [instance.applicantId])).get(instance.applicantId) : null;
        await tell(approvers, 'approval_needed', step, { due: dueAt.toISOString(), applicant: applicant ?? actorName });
        break;
      }
      case 'finished': {
        finishedAt = now;
        const step = instance.currentStep !== null ? steps[instance.currentStep] : null;
        if (e.state === 'approved') {
          await handler?.onApproved(tx, event(), input.actor);
          await tell([instance.applicantId], 'approved', step);
        } else if (e.state === 'rejected') {
          await handler?.onRejected?.(tx, event(), input.actor);
          await tell([instance.applicantId], 'rejected', step);
        } else {
          await handler?.onWithdrawn?.(tx, event(), input.actor);
        }
        break;
      }
      case 'returned':
        await handler?.onReturned?.(tx, event(), input.actor);
        await tell([instance.applicantId], 'returned', instance.currentStep !== null ? steps[instance.currentStep] : null);
        break;
    }
  }
  await repo.updateInstance(tx, instance.id, {
    state: result.instance.state,
    currentStep: result.instance.step,
    changes,
    fieldComments,
    updatedAt: now,
    finishedAt,
    ...(starting ? { submittedAt: instance.submittedAt ?? now } : {}),
  });
  return result.instance;
}
