import { subjectKindName, type FlowDetail, type FlowInput, type FlowStep, type FlowSummary, type Locale } from '@jiaowu/contracts';
import type { Actor } from '../../../platform/access.ts';
import { requireAccess } from '../../../platform/access.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { AppError, type FieldIssue } from '../../../platform/errors.ts';
import * as repo from '../workflow.repository.ts';
import { loadSteps, localized, type WorkflowDeps } from '../workflow.types.ts';

const summary = (f: repo.FlowRow, steps: FlowStep[], locale: Locale): FlowSummary => ({
  key: f.key,
  name: localized(f, locale),
  nameZh: f.nameZh,
  nameEn: f.nameEn,
  // A flow approves the subjects of its own key (course_request flow ↔ course requests).
  subjectKindName: subjectKindName(f.key, locale),
  version: f.currentVersion,
  stepCount: steps.length,
  updatedAt: f.updatedAt.toISOString(),
});

/** Flows are process documentation: every signed-in user may read them. */
export async function listFlows(deps: WorkflowDeps, locale: Locale): Promise<FlowSummary[]> {
  const flows = await repo.findFlows(deps.db);
  return Promise.all(flows.map(async (f) => summary(f, await loadSteps(deps, deps.db, f.key, f.currentVersion), locale)));
}

export async function getFlow(deps: WorkflowDeps, key: string, locale: Locale): Promise<FlowDetail> {
  const flow = await repo.findFlow(deps.db, key);
  if (!flow) throw new AppError('not_found');
  const versions = await repo.findFlowVersions(deps.db, key);
  const steps = await loadSteps(deps, deps.db, key, flow.currentVersion);
  return {
    ...summary(flow, steps, locale),
    description: (locale === 'en' ? (flow.descriptionEn ?? flow.descriptionZh) : (flow.descriptionZh ?? flow.descriptionEn)) ?? null,
    descriptionZh: flow.descriptionZh,
    descriptionEn: flow.descriptionEn,
    steps,
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt.toISOString(),
      createdBy: v.createdBy,
      stepCount: (v.steps as FlowStep[]).length,
    })),
  };
}

/** Roles and users named by the steps must exist, so a flow cannot be saved that nobody could approve. */
async function checkReferences(deps: WorkflowDeps, input: FlowInput) {
  const roleCodes = new Set((await repo.findRoleNames(deps.db)).map((r) => r.code));
  const issues: FieldIssue[] = [];
  for (const [i, step] of input.steps.entries()) {
    for (const [k, spec] of [
      ['approver', step.approver],
      ['fallback', step.fallback],
    ] as const) {
      if (!spec) continue;
      if (spec.kind === 'role' && !roleCodes.has(spec.role)) {
        issues.push({ field: `steps.${i}.${k}.role`, code: 'reference_not_found', params: { value: spec.role } });
      }
      if (spec.kind === 'user' && !(await repo.findActiveUser(deps.db, spec.userId))) {
        issues.push({ field: `steps.${i}.${k}.userId`, code: 'reference_not_found', params: { value: spec.userId } });
      }
    }
  }
  if (issues.length) throw new AppError('validation_failed', { fields: issues });
}

/** Saves a new version of a flow (or creates the flow); running instances stay on their version. */
export async function putFlow(deps: WorkflowDeps, actor: Actor, key: string, input: FlowInput, locale: Locale) {
  requireAccess(actor, 'workflow.manage');
  await checkReferences(deps, input);
  await deps.db.transaction(async (tx) => {
    const before = await repo.findFlow(tx, key);
    const version = (before?.currentVersion ?? 0) + 1;
    await repo.upsertFlow(tx, {
      key,
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      descriptionZh: input.descriptionZh ?? null,
      descriptionEn: input.descriptionEn ?? null,
      currentVersion: version,
      updatedAt: deps.clock(),
    });
    await repo.insertFlowVersion(tx, { flowKey: key, version, steps: input.steps, createdBy: actor.userId, createdAt: deps.clock() });
    await writeAudit(tx, actor, {
      action: 'workflow.flow_update',
      entityType: 'workflow_flows',
      entityId: key,
      before: before ? { version: before.currentVersion } : null,
      after: { version, ...input },
    });
  });
  return getFlow(deps, key, locale);
}
