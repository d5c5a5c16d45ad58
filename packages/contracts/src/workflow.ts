import { z } from 'zod';
import { id, LIMITS, name } from './common.ts';

/**
 * The approval engine (审批流程): flows defined as data, instances that move
 * through their steps, tasks assigned to approvers.
 */

/** States of an instance: 草稿 draft, 审批中 pending, 已退回 returned, 已通过 approved, 已驳回 rejected, 已撤回 withdrawn. */
export const WORKFLOW_STATES = ['draft', 'pending', 'returned', 'approved', 'rejected', 'withdrawn'] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];

/** Actions recorded in an instance's history. */
export const WORKFLOW_ACTIONS = [
  'submit',
  'resubmit',
  'approve',
  'return',
  'reject',
  'withdraw',
  'delegate',
  'comment',
  'remind',
  'escalate',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export const CONDITION_OPERATORS = ['>', '>=', '<', '<=', '=', '!='] as const;
export const conditionOperator = z.enum(CONDITION_OPERATORS);
export type ConditionOperator = z.infer<typeof conditionOperator>;

/** A context value of the subject (capacity, credits, college code …). */
export const contextValue = z.union([z.number(), z.string().max(200), z.boolean(), z.null()]);
export type ContextValue = z.infer<typeof contextValue>;

/** "Only when capacity > 200": one comparison of a context field with a constant; never code. */
export const stepCondition = z.object({
  field: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'code_format' }),
  op: conditionOperator,
  value: z.union([z.number(), z.string().max(200), z.boolean()]),
});
export type StepCondition = z.infer<typeof stepCondition>;

/**
 * Who approves a step: users holding a role — in the applicant's college or
 * department (`scope`) or anywhere (`all`) — or one named user.
 */
export const approverSpec = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('role'),
    role: z.string().trim().min(1).max(LIMITS.codeMax),
    scope: z.enum(['all', 'college', 'department']).default('all'),
  }),
  z.object({ kind: z.literal('user'), userId: id }),
]);
export type ApproverSpec = z.infer<typeof approverSpec>;

export const FLOW_LIMITS = { stepsMax: 20, deadlineDaysMin: 1, deadlineDaysMax: 60 } as const;

export const flowStep = z.object({
  nameZh: name,
  nameEn: name,
  approver: approverSpec,
  /** The step applies only when the condition holds; skipped otherwise. */
  condition: stepCondition.nullish(),
  /** Working days (Mon–Fri) the approver has. */
  deadlineDays: z.number().int().min(FLOW_LIMITS.deadlineDaysMin).max(FLOW_LIMITS.deadlineDaysMax),
  /** Who gets the task when the deadline passes (escalation). */
  fallback: approverSpec.nullish(),
});
export type FlowStep = z.infer<typeof flowStep>;

/** PUT /api/workflow/flows/:key — a new version of the flow. */
export const flowInput = z.object({
  nameZh: name,
  nameEn: name,
  /** What the flow is for, in each language (shown in the reader's). */
  descriptionZh: z.string().trim().max(LIMITS.textMax).nullish(),
  descriptionEn: z.string().trim().max(LIMITS.textMax).nullish(),
  steps: z.array(flowStep).min(1).max(FLOW_LIMITS.stepsMax),
});
export type FlowInput = z.infer<typeof flowInput>;

export const flowKeyParams = z.object({
  key: z
    .string()
    .trim()
    .min(1)
    .max(LIMITS.codeMax)
    .regex(/^[a-z0-9_]+$/, { message: 'code_format' }),
});

export const comment = z.string().trim().min(1).max(LIMITS.textMax);

export const approveTaskRequest = z.object({
  comment: comment.nullish(),
  /** "Approve with changes": `{ field: newValue }` the subject module applies. */
  changes: z.record(z.string().max(60), z.unknown()).optional(),
});
export const returnTaskRequest = z.object({
  comment,
  /** Per-field remarks for the applicant: `{ capacity: '人数过多' }`. */
  fieldComments: z.record(z.string().max(60), z.string().trim().max(500)).optional(),
});
export const rejectTaskRequest = z.object({ comment });
export const delegateTaskRequest = z.object({ userId: id, comment: comment.nullish() });
export const commentTaskRequest = z.object({ comment });
export const batchApproveRequest = z.object({ taskIds: z.array(id).min(1).max(200), comment: comment.nullish() });

export const inboxQuery = z.object({
  box: z.enum(['waiting', 'mine']).default('waiting'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});

export const metricsQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

// ---------- response shapes (for the web client) ----------

export interface WorkflowHistoryEntry {
  id: number;
  at: string;
  action: WorkflowAction;
  actorId: number | null;
  actorName: string | null;
  step: number | null;
  stepName: string | null;
  comment: string | null;
  data: Record<string, unknown> | null;
}

export interface WorkflowTaskView {
  id: number;
  step: number;
  stepName: string;
  assigneeId: number;
  assigneeName: string;
  status: 'open' | 'done' | 'cancelled';
  dueAt: string | null;
  isOverdue: boolean;
}

export interface WorkflowInstanceView {
  id: number;
  flowKey: string;
  flowVersion: number;
  flowName: string;
  subjectType: string;
  subjectId: number;
  title: string;
  link: string;
  state: WorkflowState;
  currentStep: number | null;
  currentStepName: string | null;
  applicantId: number | null;
  applicantName: string | null;
  context: Record<string, ContextValue>;
  changes: Record<string, unknown>;
  fieldComments: Record<string, string>;
  submittedAt: string | null;
  finishedAt: string | null;
  openTasks: WorkflowTaskView[];
  history: WorkflowHistoryEntry[];
}

export interface InboxItem {
  instanceId: number;
  taskId: number | null;
  flowKey: string;
  flowName: string;
  title: string;
  link: string;
  state: WorkflowState;
  step: number | null;
  stepName: string | null;
  dueAt: string | null;
  isOverdue: boolean;
  applicantName: string | null;
  updatedAt: string;
}

export interface InboxCounts {
  waiting: number;
  mine: number;
  overdue: number;
}

export interface FlowSummary {
  key: string;
  name: string;
  /** The kind of thing the flow approves, named in the reader's language (开课申请). */
  subjectKindName: string;
  nameZh: string;
  nameEn: string;
  version: number;
  stepCount: number;
  updatedAt: string;
}

export interface FlowDetail extends FlowSummary {
  /** In the reader's language (the other language's text when only that one is written). */
  description: string | null;
  descriptionZh: string | null;
  descriptionEn: string | null;
  steps: FlowStep[];
  versions: { version: number; createdAt: string; createdBy: string | null; stepCount: number }[];
}

export interface ResponsibilityRow {
  step: string;
  responsible: string;
  approver: string;
  informed: string;
  deadlineDays: number;
  condition: string | null;
}

export interface FlowDiagram {
  mermaid: string;
  responsibility: ResponsibilityRow[];
}

export interface DurationStats {
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
  overdueShare: number;
  rejectionRate: number;
  returnRate: number;
}

export interface FlowMetrics {
  key: string;
  from: string | null;
  to: string | null;
  flow: DurationStats;
  steps: ({ step: number; name: string } & DurationStats)[];
}

export interface BatchApproveResult {
  results: { taskId: number; ok: boolean; code?: string; message?: string }[];
}
