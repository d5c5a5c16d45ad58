import {
  subjectKindName,
  type InboxCounts,
  type InboxItem,
  type Locale,
  type WorkflowInstanceView,
  type WorkflowState,
} from '@jiaowu/contracts';
import type { Db, Tx } from '../../../db/client.ts';
import { hasPermission, type Actor } from '../../../platform/access.ts';
import { AppError } from '../../../platform/errors.ts';
import * as repo from '../workflow.repository.ts';
import { loadSteps, localized, type WorkflowDeps } from '../workflow.types.ts';

async function title(deps: WorkflowDeps, db: Db | Tx, i: repo.InstanceRow, locale: Locale) {
  const handler = deps.handlers.get(i.subjectType);
  return {
    // No handler registered (a module switched off): the kind's name, never its code and id.
    title: handler ? await handler.describe(db, i.subjectId, locale) : subjectKindName(i.subjectType, locale),
    link: handler?.link(i.subjectId) ?? `/workflow/instances/${i.id}`,
  };
}

/** An instance with its open tasks and full history. */
export async function presentInstance(deps: WorkflowDeps, db: Db | Tx, i: repo.InstanceRow, locale: Locale): Promise<WorkflowInstanceView> {
  const now = deps.clock();
  const [steps, flow, history, tasks, run] = await Promise.all([
    loadSteps(deps, db, i.flowKey, i.flowVersion),
    repo.findFlow(db, i.flowKey),
    repo.findHistory(db, i.id),
    repo.findTasksOfInstance(db, i.id),
    repo.findOpenStepRun(db, i.id),
  ]);
  const open = tasks.filter((t) => t.status === 'open');
  const names = await repo.findUserNames(db, [...open.map((t) => t.assigneeId), ...(i.applicantId ? [i.applicantId] : [])]);
  const stepLabel = (s: number | null) => (s !== null && steps[s] ? localized(steps[s], locale) : null);
  return {
    id: i.id,
    flowKey: i.flowKey,
    flowVersion: i.flowVersion,
    flowName: flow ? localized(flow, locale) : i.flowKey,
    subjectType: i.subjectType,
    subjectId: i.subjectId,
    ...(await title(deps, db, i, locale)),
    state: i.state as WorkflowState,
    currentStep: i.currentStep,
    currentStepName: stepLabel(i.currentStep),
    applicantId: i.applicantId,
    applicantName: i.applicantId ? (names.get(i.applicantId) ?? null) : null,
    context: i.context as WorkflowInstanceView['context'],
    changes: i.changes as Record<string, unknown>,
    fieldComments: i.fieldComments as Record<string, string>,
    submittedAt: i.submittedAt?.toISOString() ?? null,
    finishedAt: i.finishedAt?.toISOString() ?? null,
    openTasks: open.map((t) => ({
      id: t.id,
      step: t.step,
      stepName: stepLabel(t.step) ?? '',
      assigneeId: t.assigneeId,
      assigneeName: names.get(t.assigneeId) ?? '',
      status: 'open',
      dueAt: run?.dueAt.toISOString() ?? null,
      isOverdue: !!run && run.dueAt < now,
    })),
    history: history.map((h) => ({
      id: h.id,
      at: h.at.toISOString(),
      action: h.action,
      actorId: h.actorId,
      actorName: h.actorName,
      step: h.step,
      stepName: stepLabel(h.step),
      comment: h.comment,
      data: (h.data as Record<string, unknown>) ?? null,
    })),
  };
}

/** Visible to the applicant, anyone who had a task on it, and flow managers or metric readers. */
export async function findInstance(deps: WorkflowDeps, actor: Actor, id: number, locale: Locale) {
  const i = await repo.findInstance(deps.db, id);
  if (!i) throw new AppError('not_found');
  const allowed =
    (actor.userId && (i.applicantId === actor.userId || (await repo.hasTaskOn(deps.db, actor.userId, id)))) ||
    hasPermission(actor, 'workflow.manage') ||
    actor.permissions['workflow.metrics'] === 'all' ||
    actor.kind === 'system';
  if (!allowed) throw new AppError('not_found');
  return presentInstance(deps, deps.db, i, locale);
}

export async function findInbox(
  deps: WorkflowDeps,
  actor: Actor,
  q: { box: 'waiting' | 'mine'; page: number; pageSize: number },
  locale: Locale,
) {
  if (!actor.userId) throw new AppError('forbidden');
  const now = deps.clock();
  const rows =
    q.box === 'waiting'
      ? await repo.findWaitingPage(deps.db, actor.userId, q.page, q.pageSize)
      : await repo
          .findMinePage(deps.db, actor.userId, q.page, q.pageSize)
          .then((r) => ({ ...r, items: r.items.map((x) => ({ ...x, task: null })) }));
  const applicantNames = await repo.findUserNames(
    deps.db,
    rows.items.flatMap((r) => (r.instance.applicantId ? [r.instance.applicantId] : [])),
  );
  const items: InboxItem[] = [];
  for (const { task, instance: i, dueAt } of rows.items) {
    const [steps, flow] = await Promise.all([loadSteps(deps, deps.db, i.flowKey, i.flowVersion), repo.findFlow(deps.db, i.flowKey)]);
    const step = task ? task.step : i.currentStep;
    items.push({
      instanceId: i.id,
      taskId: task?.id ?? null,
      flowKey: i.flowKey,
      flowName: flow ? localized(flow, locale) : i.flowKey,
      ...(await title(deps, deps.db, i, locale)),
      state: i.state as WorkflowState,
      step,
      stepName: step !== null && steps[step] ? localized(steps[step], locale) : null,
      dueAt: dueAt?.toISOString() ?? null,
      isOverdue: !!dueAt && dueAt < now,
      applicantName: i.applicantId ? (applicantNames.get(i.applicantId) ?? null) : null,
      updatedAt: i.updatedAt.toISOString(),
    });
  }
  return { items, total: rows.total };
}

export async function countInbox(deps: WorkflowDeps, actor: Actor): Promise<InboxCounts> {
  if (!actor.userId) return { waiting: 0, mine: 0, overdue: 0 };
  return repo.countInbox(deps.db, actor.userId, deps.clock());
}
