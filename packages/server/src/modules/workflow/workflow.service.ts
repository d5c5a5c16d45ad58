import { errorMessage } from '../../platform/i18n.ts';
import type { BatchApproveResult, FlowInput, Locale } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import { actOnTask, type TaskAction } from './use-cases/act-on-task.ts';
import { isApprover } from './use-cases/approver-role.ts';
import { countInbox, findInbox, findInstance, presentInstance } from './use-cases/find-instances.ts';
import { flowDiagram } from './use-cases/flow-diagram.ts';
import { flowMetrics } from './use-cases/flow-metrics.ts';
import { getFlow, listFlows, putFlow } from './use-cases/manage-flows.ts';
import { runDeadlines } from './use-cases/run-deadlines.ts';
import { submitInstance, withdrawInstance, type SubmitInput } from './use-cases/submit-instance.ts';
import * as repo from './workflow.repository.ts';
import { eligibleApprovers, loadSteps, type SubjectHandler, type WorkflowDeps } from './workflow.types.ts';

export type { SubjectEvent, SubjectHandler } from './workflow.types.ts';
export type { SubmitInput } from './use-cases/submit-instance.ts';
export type { TaskAction } from './use-cases/act-on-task.ts';

/**
 * The approval engine other modules call. A subject module registers its
 * subject type once (`registerSubject`), then submits its records
 * (`submit`), refuses edits while `isPending`, and applies the approved
 * version in its `onApproved` callback.
 */
export function createWorkflowService({ db, clock, notify }: { db: Db; clock: () => Date; notify: Notify }) {
  const deps: WorkflowDeps = { db, clock, notify, handlers: new Map(), stepsCache: new Map() };

  return {
    registerSubject(subjectType: string, handler: SubjectHandler) {
      deps.handlers.set(subjectType, handler);
    },
    submit: (actor: Actor, input: SubmitInput) => submitInstance(deps, actor, input),
    /** Withdraws an application; pass the caller's `tx` so its own change and the withdrawal commit together. */
    withdraw: (actor: Actor, instanceId: number, comment?: string | null, tx?: Tx) =>
      withdrawInstance(deps, actor, instanceId, comment, tx),
    /** True while the subject waits for a decision: its module must refuse edits (`workflow_subject_locked`). */
    isPending: (subjectType: string, subjectId: number, handle: Db | Tx = db) => repo.hasPending(handle, subjectType, subjectId),
    /** Throws `workflow_subject_locked` when the subject is pending — a one-line guard for update use cases. */
    async assertNotPending(subjectType: string, subjectId: number, handle: Db | Tx = db) {
      if (await repo.hasPending(handle, subjectType, subjectId)) throw new AppError('workflow_subject_locked');
    },
    findInstance: (actor: Actor, instanceId: number, locale: Locale = actor.locale) => findInstance(deps, actor, instanceId, locale),
    /** The subject's latest instance with history (or null); the calling module checks its own access first. */
    async findBySubject(subjectType: string, subjectId: number, locale: Locale = 'zh-CN', handle: Db | Tx = db) {
      const row = await repo.findLatestBySubject(handle, subjectType, subjectId);
      return row ? presentInstance(deps, handle, row, locale) : null;
    },
    /** Acts on a task; pass the caller's `tx` so its own change and the decision commit together. */
    act: (actor: Actor, taskId: number, action: TaskAction, tx?: Tx) => actOnTask(deps, actor, taskId, action, tx),
    /** The open task of an instance assigned to this user, if any (a module deciding a step from its own page). */
    findOpenTaskOf: (instanceId: number, userId: number, handle: Db | Tx = db) => repo.findOpenTaskOf(handle, instanceId, userId),
    /**
     * Whom the assignee of an open task may delegate it to: the other users
     * holding the step's approving role in the applicant's scope (the same
     * rule `act` enforces). Only an assignee may browse.
     */
    async delegateCandidates(actor: Actor, taskId: number, q: string | undefined) {
      const task = await repo.findTask(db, taskId);
      if (!task) throw new AppError('not_found');
      if (task.assigneeId !== actor.userId) throw new AppError('workflow_not_assignee');
      if (task.status !== 'open') throw new AppError('workflow_task_closed');
      const instance = (await repo.findInstance(db, task.instanceId))!;
      const steps = await loadSteps(deps, db, instance.flowKey, instance.flowVersion);
      const eligible = await eligibleApprovers(db, steps[task.step], instance, task.stepRunId);
      if (!eligible.has(task.assigneeId)) throw new AppError('workflow_not_approver');
      return repo.findDelegateCandidates(
        db,
        q,
        [...eligible].filter((id) => id !== task.assigneeId),
      );
    },
    async batchApprove(actor: Actor, taskIds: number[], comment: string | null | undefined, locale: Locale): Promise<BatchApproveResult> {
      const results: BatchApproveResult['results'] = [];
      // One transaction per task: one refusal does not undo the others.
      for (const taskId of [...new Set(taskIds)]) {
        try {
          await actOnTask(deps, actor, taskId, { type: 'approve', comment });
          results.push({ taskId, ok: true });
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          results.push({ taskId, ok: false, code: e.code, message: errorMessage(e.code, locale, e.params) });
        }
      }
      return { results };
    },
    inbox: (actor: Actor, q: { box: 'waiting' | 'mine'; page: number; pageSize: number }, locale: Locale) =>
      findInbox(deps, actor, q, locale),
    inboxCounts: (actor: Actor) => countInbox(deps, actor),
    /** Whether the actor approves anything (decides whether the web shows the approver tools). */
    isApprover: (actor: Actor) => isApprover(deps, actor),
    listFlows: (locale: Locale) => listFlows(deps, locale),
    getFlow: (key: string, locale: Locale) => getFlow(deps, key, locale),
    putFlow: (actor: Actor, key: string, input: FlowInput, locale: Locale) => putFlow(deps, actor, key, input, locale),
    diagram: (key: string, locale: Locale) => flowDiagram(deps, key, locale),
    metrics: (actor: Actor, key: string, range: { from?: string; to?: string }, locale: Locale) =>
      flowMetrics(deps, actor, key, range, locale),
    /** The deadline job: reminders and escalations due at `now`. */
    runDeadlines: (now: Date = clock()) => runDeadlines(deps, now),
  };
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;

declare module 'fastify' {
  interface FastifyInstance {
    /** The approval engine (tests reach its jobs through the app: `app.workflow.runDeadlines(now)`). */
    workflow: WorkflowService;
  }
}
