import type { DurationStats, FlowMetrics, Locale } from '@jiaowu/contracts';
import type { Actor } from '../../../platform/access.ts';
import { requireAccess } from '../../../platform/access.ts';
import { AppError } from '../../../platform/errors.ts';
import * as repo from '../workflow.repository.ts';
import { loadSteps, localized, type WorkflowDeps } from '../workflow.types.ts';

const HOUR = 3_600_000;

/** Nearest-rank percentile of sorted values (p in 0..1); null for none. */
export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}

function stats(durationsMs: number[], total: number, overdue: number, rejected: number, returned: number): DurationStats {
  const hours = durationsMs.map((d) => d / HOUR).sort((a, b) => a - b);
  const round = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);
  const share = (n: number) => (total ? Math.round((n / total) * 1000) / 1000 : 0);
  return {
    count: total,
    medianHours: round(percentile(hours, 0.5)),
    p90Hours: round(percentile(hours, 0.9)),
    overdueShare: share(overdue),
    rejectionRate: share(rejected),
    returnRate: share(returned),
  };
}

/**
 * Process metrics of a flow over instances submitted in [from, to]: per flow
 * (submission to decision) and per step (entering to leaving the step),
 * count, median and 90th-percentile duration in hours, overdue share,
 * rejection and return rates.
 */
export async function flowMetrics(
  deps: WorkflowDeps,
  actor: Actor,
  key: string,
  range: { from?: string; to?: string },
  locale: Locale,
): Promise<FlowMetrics> {
  requireAccess(actor, 'workflow.metrics');
  const flow = await repo.findFlow(deps.db, key);
  if (!flow) throw new AppError('not_found');
  const from = range.from ? new Date(`${range.from}T00:00:00+08:00`) : null;
  const to = range.to ? new Date(new Date(`${range.to}T00:00:00+08:00`).getTime() + 24 * HOUR) : null;
  const now = deps.clock();
  const { instances, runs } = await repo.findMetricRows(deps.db, key, from, to);
  const isLate = (r: repo.StepRunRow) => (r.completedAt ?? now) > r.dueAt;

  const finished = instances.filter((i) => i.finishedAt && i.state !== 'withdrawn');
  const flowStats = stats(
    finished.map((i) => i.finishedAt!.getTime() - i.submittedAt!.getTime()),
    instances.length,
    instances.filter((i) => runs.some((r) => r.instanceId === i.id && isLate(r))).length,
    instances.filter((i) => i.state === 'rejected').length,
    instances.filter((i) => runs.some((r) => r.instanceId === i.id && r.outcome === 'returned')).length,
  );

  const steps = await loadSteps(deps, deps.db, key, flow.currentVersion);
  const maxStep = Math.max(steps.length, ...runs.map((r) => r.step + 1));
  const perStep = Array.from({ length: maxStep }, (_, step) => {
    const rs = runs.filter((r) => r.step === step);
    const done = rs.filter((r) => r.completedAt && r.outcome !== 'withdrawn');
    // A step an older version had and the current one dropped: named by its number.
    const name = steps[step] ? localized(steps[step], locale) : locale === 'en' ? `Step ${step + 1}` : `第 ${step + 1} 步`;
    return {
      step,
      name,
      ...stats(
        done.map((r) => r.completedAt!.getTime() - r.enteredAt.getTime()),
        rs.length,
        rs.filter(isLate).length,
        rs.filter((r) => r.outcome === 'rejected').length,
        rs.filter((r) => r.outcome === 'returned').length,
      ),
    };
  });
  return { key, from: range.from ?? null, to: range.to ?? null, flow: flowStats, steps: perStep };
}
