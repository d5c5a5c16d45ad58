import { subjectKindName, type ApproverSpec, type FlowStep, type Locale } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import * as repo from './workflow.repository.ts';

/** What a subject module learns when its subject's instance ends or comes back. */
export interface SubjectEvent {
  instanceId: number;
  subjectId: number;
  /** Changes the approvers recorded ("approve with changes"), merged over the steps: `{ field: newValue }`. */
  changes: Record<string, unknown>;
  comment: string | null;
  /** Per-field remarks of a return: `{ field: comment }`. */
  fieldComments: Record<string, string>;
  /** When the action happened (the workflow's clock): the subject stamps its own change with it. */
  at: Date;
}

/**
 * A module whose records go through approval registers one handler per
 * subject type. The callbacks run inside the transaction of the action, so
 * the subject's change and the approval commit or roll back together.
 */
export interface SubjectHandler {
  /** The subject's title as people read it ("数据结构 — 2026 秋 — 120 人"). */
  describe(db: Db | Tx, subjectId: number, locale: Locale): Promise<string>;
  /** Path of the subject in the web app. */
  link(subjectId: number): string;
  onApproved(tx: Tx, event: SubjectEvent, actor: Actor): Promise<void>;
  /** A step other than the last was approved (`step` is the index of the step left): the subject may record the stage reached. */
  onStepApproved?(tx: Tx, event: SubjectEvent & { step: number }, actor: Actor): Promise<void>;
  onReturned?(tx: Tx, event: SubjectEvent, actor: Actor): Promise<void>;
  onRejected?(tx: Tx, event: SubjectEvent, actor: Actor): Promise<void>;
  onWithdrawn?(tx: Tx, event: SubjectEvent, actor: Actor): Promise<void>;
}

export interface WorkflowDeps {
  db: Db;
  clock: () => Date;
  notify: Notify;
  handlers: Map<string, SubjectHandler>;
  /** Flow versions never change once written: cached per service (one database) for its lifetime. */
  stepsCache: Map<string, FlowStep[]>;
}

export async function loadSteps(deps: WorkflowDeps, db: Db | Tx, flowKey: string, version: number): Promise<FlowStep[]> {
  const cacheKey = `${flowKey}@${version}`;
  const hit = deps.stepsCache.get(cacheKey);
  if (hit) return hit;
  const row = await repo.findFlowVersion(db, flowKey, version);
  if (!row) throw new Error(`flow ${cacheKey} missing`);
  const steps = row.steps as FlowStep[];
  deps.stepsCache.set(cacheKey, steps);
  return steps;
}

/** The users an approver spec names for an instance's scope. */
export async function resolveApprovers(db: Db | Tx, spec: ApproverSpec, scope: { collegeId: number | null; departmentId: number | null }) {
  if (spec.kind === 'user') return (await repo.findActiveUser(db, spec.userId)) ? [spec.userId] : [];
  const narrowed =
    spec.scope === 'college' ? { collegeId: scope.collegeId } : spec.scope === 'department' ? { departmentId: scope.departmentId } : null;
  return repo.findUsersWithRole(db, spec.role, narrowed);
}

/**
 * Who may hold a task of this step run now: the users its approver spec
 * names in the applicant's scope, plus its fallback's once the run has been
 * escalated. Acting and delegating are both checked against it, so a
 * delegate is always someone who could approve anyway and a user whose role
 * was taken away can no longer act.
 */
/**
 * Who approves a step for this applicant: the step's approvers, or — when nobody holds that role
 * in the applicant's scope (a college without a secretary account yet) — its fallback at once,
 * rather than refusing the submission.
 */
export async function stepApprovers(db: Db | Tx, step: FlowStep, instance: { collegeId: number | null; departmentId: number | null }) {
  const ids = await resolveApprovers(db, step.approver, instance);
  return ids.length || !step.fallback ? ids : resolveApprovers(db, step.fallback, instance);
}

export async function eligibleApprovers(
  db: Db | Tx,
  step: FlowStep,
  instance: { collegeId: number | null; departmentId: number | null },
  stepRunId: number,
) {
  const ids = new Set(await stepApprovers(db, step, instance));
  if (step.fallback && (await repo.isStepRunEscalated(db, stepRunId)))
    for (const id of await resolveApprovers(db, step.fallback, instance)) ids.add(id);
  return ids;
}

/** Both languages of a subject title (notifications are rendered in each reader's language). */
export async function describeBoth(deps: WorkflowDeps, db: Db | Tx, subjectType: string, subjectId: number) {
  const handler = deps.handlers.get(subjectType);
  if (!handler) return { 'zh-CN': subjectKindName(subjectType, 'zh-CN'), en: subjectKindName(subjectType, 'en') };
  const [zh, en] = await Promise.all([handler.describe(db, subjectId, 'zh-CN'), handler.describe(db, subjectId, 'en')]);
  return { 'zh-CN': zh, en };
}

export const stepName = (s: FlowStep) => ({ 'zh-CN': s.nameZh, en: s.nameEn });
export const localized = (s: { nameZh: string; nameEn: string }, locale: Locale) => (locale === 'en' ? s.nameEn : s.nameZh);
