import { systemActor } from '../../../platform/access.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import * as repo from '../workflow.repository.ts';
import { describeBoth, loadSteps, resolveApprovers, stepName, type WorkflowDeps } from '../workflow.types.ts';
import { findSchoolTimeZone } from '../../org/school-settings.read-model.ts';
import { addWorkingDays } from '../working-days.ts';

const DAY = 86_400_000;

/**
 * The deadline job: reminds the assignees of a step within one working day
 * of its deadline (once), and escalates a step whose deadline has passed to
 * its fallback approver (once): new tasks, a history entry, notifications to
 * the fallback and the applicant. Safe to run from several processes.
 */
export async function runDeadlines(deps: WorkflowDeps, now: Date = deps.clock()) {
  let reminded = 0;
  let escalated = 0;
  // One working day before a deadline is at most 3 calendar days before (Friday → Monday), plus a margin.
  const candidates = await repo.findStepRunsToRemind(deps.db, now, new Date(now.getTime() + 4 * DAY));
  const zone = await findSchoolTimeZone(deps.db);
  for (const run of candidates.filter((r) => addWorkingDays(r.dueAt, -1, zone) <= now)) {
    await deps.db.transaction(async (tx) => {
      if (!(await repo.markStepRun(tx, run.id, 'remindedAt', now))) return;
      const ctx = await context(tx, run);
      const assignees = ctx.tasks.filter((t) => t.status === 'open' && t.stepRunId === run.id).map((t) => t.assigneeId);
      await repo.insertHistory(tx, {
        instanceId: run.instanceId,
        at: now,
        actorId: null,
        actorName: 'system',
        action: 'remind',
        step: run.step,
        data: { assigneeIds: assignees },
      });
      await deps.notify(tx, { userIds: assignees, kind: 'deadline_near', params: ctx.params, link: ctx.link });
      reminded++;
    });
  }

  for (const run of await repo.findOverdueStepRuns(deps.db, now)) {
    await deps.db.transaction(async (tx) => {
      if (!(await repo.markStepRun(tx, run.id, 'escalatedAt', now))) return;
      const ctx = await context(tx, run);
      const step = ctx.steps[run.step];
      const open = new Set(ctx.tasks.filter((t) => t.status === 'open').map((t) => t.assigneeId));
      const fallback = step.fallback ? (await resolveApprovers(tx, step.fallback, ctx.instance)).filter((u) => !open.has(u)) : [];
      await repo.insertTasks(
        tx,
        fallback.map((assigneeId) => ({
          instanceId: run.instanceId,
          stepRunId: run.id,
          step: run.step,
          assigneeId,
          origin: 'escalation',
          createdAt: now,
        })),
      );
      const names = await repo.findUserNames(tx, fallback);
      await repo.insertHistory(tx, {
        instanceId: run.instanceId,
        at: now,
        actorId: null,
        actorName: 'system',
        action: 'escalate',
        step: run.step,
        data: { fallbackUserIds: fallback, fallbackNames: [...names.values()], dueAt: run.dueAt.toISOString() },
      });
      const params = { ...ctx.params, fallback: [...names.values()].join('、') || '—' };
      await deps.notify(tx, { userIds: fallback, kind: 'escalated', params, link: ctx.link });
      if (ctx.instance.applicantId)
        await deps.notify(tx, { userIds: [ctx.instance.applicantId], kind: 'escalated', params, link: ctx.link });
      await writeAudit(tx, systemActor, {
        action: 'workflow.escalate',
        entityType: 'workflow_instances',
        entityId: run.instanceId,
        after: { step: run.step, fallbackUserIds: fallback },
      });
      escalated++;
    });
  }
  return { reminded, escalated };

  async function context(tx: Parameters<Parameters<typeof deps.db.transaction>[0]>[0], run: repo.StepRunRow) {
    const instance = (await repo.findInstance(tx, run.instanceId, true))!;
    const steps = await loadSteps(deps, tx, instance.flowKey, instance.flowVersion);
    const flow = await repo.findFlow(tx, instance.flowKey);
    const tasks = await repo.findTasksOfInstance(tx, instance.id);
    const params = {
      subject: await describeBoth(deps, tx, instance.subjectType, instance.subjectId),
      flow: flow ? { 'zh-CN': flow.nameZh, en: flow.nameEn } : instance.flowKey,
      step: stepName(steps[run.step]),
      due: run.dueAt.toISOString(),
    };
    const link = deps.handlers.get(instance.subjectType)?.link(instance.subjectId) ?? `/workflow/instances/${instance.id}`;
    return { instance, steps, tasks, params, link };
  }
}
