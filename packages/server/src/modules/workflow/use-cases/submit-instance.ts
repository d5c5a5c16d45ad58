import type { ContextValue } from '@jiaowu/contracts';
import type { Tx } from '../../../db/client.ts';
import type { Actor } from '../../../platform/access.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import * as repo from '../workflow.repository.ts';
import type { WorkflowDeps } from '../workflow.types.ts';
import { applyAction } from './apply-action.ts';

export interface SubmitInput {
  flowKey: string;
  subjectType: string;
  subjectId: number;
  /** The applicant's scope: approvers "of the applicant's college" resolve through it. */
  scope: { collegeId?: number | null; departmentId?: number | null };
  /** Values step conditions read, e.g. `{ capacity: 240 }`. */
  context: Record<string, ContextValue>;
  /** The caller's transaction, so the subject's change and the submission commit together. */
  tx?: Tx;
  comment?: string | null;
}

/**
 * Submits a subject for approval on the flow's current version and returns
 * the instance id. A subject with a returned instance is resubmitted on that
 * instance (and its version); one already pending is refused.
 */
export async function submitInstance(deps: WorkflowDeps, actor: Actor, input: SubmitInput): Promise<number> {
  if (!deps.handlers.has(input.subjectType)) throw new AppError('workflow_unknown_subject', { params: { type: input.subjectType } });
  const run = async (tx: Tx) => {
    const now = deps.clock();
    const latest = await repo.findLatestBySubject(tx, input.subjectType, input.subjectId, true);
    if (latest?.state === 'pending') throw new AppError('workflow_already_pending');
    const scope = { collegeId: input.scope.collegeId ?? null, departmentId: input.scope.departmentId ?? null, context: input.context };
    let instance: repo.InstanceRow;
    if (latest?.state === 'returned') {
      instance = { ...latest, ...scope };
      await repo.updateInstance(tx, latest.id, scope);
    } else {
      const flow = await repo.findFlow(tx, input.flowKey);
      if (!flow) throw new AppError('not_found', { details: { flowKey: input.flowKey } });
      instance = await repo.insertInstance(tx, {
        flowKey: flow.key,
        flowVersion: flow.currentVersion,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        applicantId: actor.userId,
        ...scope,
        state: 'draft',
        createdAt: now,
        updatedAt: now,
      });
    }
    const action = instance.state === 'returned' ? 'resubmit' : 'submit';
    const next = await applyAction(deps, tx, instance, { action, actor, comment: input.comment ?? null });
    await writeAudit(tx, actor, {
      action: `workflow.${action}`,
      entityType: 'workflow_instances',
      entityId: instance.id,
      after: {
        flowKey: instance.flowKey,
        flowVersion: instance.flowVersion,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        state: next.state,
      },
    });
    return instance.id;
  };
  return input.tx ? run(input.tx) : deps.db.transaction(run);
}

/**
 * The applicant takes back a pending or returned application. With the
 * caller's `tx`, the withdrawal commits (or rolls back) with the subject's
 * own change.
 */
export async function withdrawInstance(deps: WorkflowDeps, actor: Actor, instanceId: number, comment?: string | null, tx?: Tx) {
  const run = async (tx: Tx) => {
    const instance = await repo.findInstance(tx, instanceId, true);
    if (!instance) throw new AppError('not_found');
    if (!actor.userId || instance.applicantId !== actor.userId) throw new AppError('workflow_not_applicant');
    const next = await applyAction(deps, tx, instance, { action: 'withdraw', actor, comment: comment ?? null });
    await writeAudit(tx, actor, {
      action: 'workflow.withdraw',
      entityType: 'workflow_instances',
      entityId: instanceId,
      after: { state: next.state },
    });
  };
  await (tx ? run(tx) : deps.db.transaction(run));
}
