import type { Tx } from '../../../db/client.ts';
import type { Actor } from '../../../platform/access.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import * as repo from '../workflow.repository.ts';
import { describeBoth, eligibleApprovers, loadSteps, stepName, type WorkflowDeps } from '../workflow.types.ts';
import { applyAction } from './apply-action.ts';

export type TaskAction =
  | { type: 'approve'; comment?: string | null; changes?: Record<string, unknown> }
  | { type: 'return'; comment: string; fieldComments?: Record<string, string> }
  | { type: 'reject'; comment: string }
  | { type: 'delegate'; userId: number; comment?: string | null }
  | { type: 'comment'; comment: string };

/**
 * Locks the task and its instance; only the open task's own assignee (or
 * delegate) passes, and only while they still hold the step's approving role
 * in the applicant's scope (a role taken away takes the task with it).
 */
async function lockTask(deps: WorkflowDeps, tx: Tx, actor: Actor, taskId: number) {
  const task = await repo.findTask(tx, taskId, true);
  if (!task) throw new AppError('not_found');
  if (!actor.userId || task.assigneeId !== actor.userId) throw new AppError('workflow_not_assignee');
  if (task.status !== 'open') throw new AppError('workflow_task_closed');
  const instance = (await repo.findInstance(tx, task.instanceId, true))!;
  const steps = await loadSteps(deps, tx, instance.flowKey, instance.flowVersion);
  const eligible = await eligibleApprovers(tx, steps[task.step], instance, task.stepRunId);
  if (!eligible.has(actor.userId)) throw new AppError('workflow_not_approver');
  return { task, instance, eligible };
}

/** Approve, return, reject, delegate or comment on a task; one transaction with its audit record. */
export async function actOnTask(deps: WorkflowDeps, actor: Actor, taskId: number, action: TaskAction, outer?: Tx) {
  const run = async (tx: Tx) => {
    const { task, instance, eligible } = await lockTask(deps, tx, actor, taskId);
    const now = deps.clock();
    let data: Record<string, unknown> | null = null;
    if (action.type === 'delegate') {
      const target = await repo.findActiveUser(tx, action.userId);
      if (!target)
        throw new AppError('validation_failed', {
          fields: [{ field: 'userId', code: 'reference_not_found', params: { value: action.userId } }],
        });
      if (target.id === actor.userId) throw new AppError('validation_failed', { fields: [{ field: 'userId', code: 'invalid' }] });
      // The candidate list is the rule: only someone who holds this step's role for the applicant.
      if (!eligible.has(target.id))
        throw new AppError('validation_failed', { fields: [{ field: 'userId', code: 'delegate_not_candidate' }] });
      data = { toUserId: target.id, toName: target.displayName };
    }
    if (action.type === 'approve' && action.changes && Object.keys(action.changes).length) data = { changes: action.changes };
    const next = await applyAction(deps, tx, instance, {
      action: action.type,
      actor,
      comment: action.comment ?? null,
      data,
      changes: action.type === 'approve' ? action.changes : undefined,
      fieldComments: action.type === 'return' ? action.fieldComments : undefined,
    });
    if (action.type === 'approve' || action.type === 'return' || action.type === 'reject') {
      // The engine closed the step (cancelling every open task); the acting task is the one that decided it.
      await repo.setTaskStatus(tx, task.id, 'done', now);
    }
    if (action.type === 'delegate') {
      await repo.setTaskStatus(tx, task.id, 'cancelled', now);
      await repo.insertTasks(tx, [
        {
          instanceId: task.instanceId,
          stepRunId: task.stepRunId,
          step: task.step,
          assigneeId: action.userId,
          delegatedFrom: actor.userId,
          origin: 'delegation',
          createdAt: now,
        },
      ]);
      const run = await repo.findOpenStepRun(tx, instance.id);
      const steps = await loadSteps(deps, tx, instance.flowKey, instance.flowVersion);
      const flow = await repo.findFlow(tx, instance.flowKey);
      await deps.notify(tx, {
        userIds: [action.userId],
        kind: 'approval_needed',
        params: {
          subject: await describeBoth(deps, tx, instance.subjectType, instance.subjectId),
          flow: flow ? { 'zh-CN': flow.nameZh, en: flow.nameEn } : instance.flowKey,
          step: stepName(steps[task.step]),
          applicant: instance.applicantId
            ? ((await repo.findUserNames(tx, [instance.applicantId])).get(instance.applicantId) ?? null)
            : null,
          due: run?.dueAt.toISOString() ?? null,
        },
        link: deps.handlers.get(instance.subjectType)?.link(instance.subjectId) ?? `/workflow/instances/${instance.id}`,
      });
    }
    await writeAudit(tx, actor, {
      action: `workflow.${action.type}`,
      entityType: 'workflow_instances',
      entityId: instance.id,
      before: { state: instance.state, step: instance.currentStep },
      after: { taskId, state: next.state, step: next.step, comment: action.comment ?? null, ...(data ?? {}) },
    });
    return { instanceId: instance.id, state: next.state, step: next.step };
  };
  // A caller holding its own transaction (a bulk publication, all or nothing) acts inside it.
  return outer ? run(outer) : deps.db.transaction(run);
}
