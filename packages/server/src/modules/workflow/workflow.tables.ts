import { sql } from 'drizzle-orm';
import type { WorkflowAction, WorkflowState } from '@jiaowu/contracts';
import { bigserial, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../iam/iam.tables.ts';
import { constraintFieldsOf } from '../../db/constraint-fields.ts';

/** An approval flow (审批流程); its steps live in versions, `currentVersion` is what new instances use. */
export const workflowFlows = pgTable('workflow_flows', {
  key: text('key').primaryKey(), // e.g. course_request
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  /** Chinese description (the column predates the English one). */
  descriptionZh: text('description'),
  descriptionEn: text('description_en'),
  currentVersion: integer('current_version').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every version of a flow; running instances keep the version they started on. */
export const workflowFlowVersions = pgTable(
  'workflow_flow_versions',
  {
    flowKey: text('flow_key')
      .notNull()
      .references(() => workflowFlows.key),
    version: integer('version').notNull(),
    /** FlowStep[] (contracts/workflow.ts). */
    steps: jsonb('steps').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.flowKey, t.version] })],
);

/** One application going through a flow, about one subject (a course request, a status change …). */
export const workflowInstances = pgTable(
  'workflow_instances',
  {
    id: serial('id').primaryKey(),
    flowKey: text('flow_key')
      .notNull()
      .references(() => workflowFlows.key),
    flowVersion: integer('flow_version').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: integer('subject_id').notNull(),
    applicantId: integer('applicant_id').references(() => users.id),
    /** The applicant's scope: "the secretary of the applicant's college" resolves through it. */
    collegeId: integer('college_id'),
    departmentId: integer('department_id'),
    /** Values step conditions read (capacity …). */
    context: jsonb('context').notNull().default({}),
    state: text('state').notNull().$type<WorkflowState>(),
    currentStep: integer('current_step'),
    /** Changes approvers recorded ("approve with changes"), merged over the steps. */
    changes: jsonb('changes').notNull().default({}),
    fieldComments: jsonb('field_comments').notNull().default({}),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('workflow_instances_subject_idx').on(t.subjectType, t.subjectId),
    index('workflow_instances_applicant_idx').on(t.applicantId, t.state),
    index('workflow_instances_flow_idx').on(t.flowKey, t.submittedAt),
    // At most one running (pending or returned) instance per subject, even under concurrent submits.
    uniqueIndex('workflow_instances_running_subject_idx')
      .on(t.subjectType, t.subjectId)
      .where(sql`state in ('pending', 'returned')`),
  ],
);

/** A visit of an instance to a step: its deadline, reminder, escalation and outcome (the metrics read these). */
export const workflowStepRuns = pgTable(
  'workflow_step_runs',
  {
    id: serial('id').primaryKey(),
    instanceId: integer('instance_id')
      .notNull()
      .references(() => workflowInstances.id),
    step: integer('step').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    outcome: text('outcome'), // approved | returned | rejected | withdrawn
  },
  (t) => [index('workflow_step_runs_instance_idx').on(t.instanceId), index('workflow_step_runs_open_idx').on(t.completedAt, t.dueAt)],
);

/** Work for one approver at one step run; any one assignee of a step decides it. */
export const workflowTasks = pgTable(
  'workflow_tasks',
  {
    id: serial('id').primaryKey(),
    instanceId: integer('instance_id')
      .notNull()
      .references(() => workflowInstances.id),
    stepRunId: integer('step_run_id')
      .notNull()
      .references(() => workflowStepRuns.id),
    step: integer('step').notNull(),
    assigneeId: integer('assignee_id')
      .notNull()
      .references(() => users.id),
    status: text('status').notNull().default('open'), // open | done | cancelled
    /** Set when the task came from delegation (the delegator) or escalation ('escalation'). */
    delegatedFrom: integer('delegated_from').references(() => users.id),
    origin: text('origin').notNull().default('step'), // step | delegation | escalation
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [index('workflow_tasks_assignee_idx').on(t.assigneeId, t.status), index('workflow_tasks_instance_idx').on(t.instanceId)],
);

/** Append-only history of an instance: who did what, when, with which comment. */
export const workflowHistory = pgTable(
  'workflow_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    instanceId: integer('instance_id')
      .notNull()
      .references(() => workflowInstances.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull().$type<WorkflowAction>(),
    step: integer('step'),
    comment: text('comment'),
    data: jsonb('data'),
  },
  (t) => [index('workflow_history_instance_idx').on(t.instanceId, t.id)],
);

/** Constraint → API field of this module's tables, for translateDbError (collected in db/constraint-registry.ts). */
export const workflowConstraintFields = constraintFieldsOf([
  workflowFlows,
  workflowFlowVersions,
  workflowInstances,
  workflowStepRuns,
  workflowTasks,
  workflowHistory,
]);
