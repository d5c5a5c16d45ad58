import type { ApproverSpec } from '@jiaowu/contracts';
import type { Actor } from '../../../platform/access.ts';
import * as repo from '../workflow.repository.ts';
import { loadSteps, type WorkflowDeps } from '../workflow.types.ts';

/**
 * Whether the actor has approving work to see (待办审批, batch approve): a
 * step or fallback of a current flow names them or a role they hold, in
 * any scope, or a task is assigned to them (a delegation). The web hides
 * the approver tools from everyone else; the task routes check assignment
 * anyway, so this only decides what is shown.
 */
export async function isApprover(deps: WorkflowDeps, actor: Actor): Promise<{ isApprover: boolean }> {
  const userId = actor.userId;
  if (actor.kind !== 'user' || userId == null) return { isApprover: false };
  const { db } = deps;
  if ((await repo.countInbox(db, userId, deps.clock())).waiting > 0) return { isApprover: true };
  const specs: ApproverSpec[] = [];
  for (const flow of await repo.findFlows(db)) {
    for (const step of await loadSteps(deps, db, flow.key, flow.currentVersion))
      specs.push(step.approver, ...(step.fallback ? [step.fallback] : []));
  }
  if (specs.some((s) => s.kind === 'user' && s.userId === userId)) return { isApprover: true };
  for (const role of new Set(specs.flatMap((s) => (s.kind === 'role' ? [s.role] : []))))
    if ((await repo.findUsersWithRole(db, role, null)).includes(userId)) return { isApprover: true };
  return { isApprover: false };
}
