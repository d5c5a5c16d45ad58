import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { findUserNames } from '../iam/iam.read-model.ts';
import {
  workflowFlows,
  workflowFlowVersions,
  workflowHistory,
  workflowInstances,
  workflowStepRuns,
  workflowTasks,
} from './workflow.tables.ts';

type H = Db | Tx;
export type InstanceRow = typeof workflowInstances.$inferSelect;
export type TaskRow = typeof workflowTasks.$inferSelect;
export type StepRunRow = typeof workflowStepRuns.$inferSelect;
export type FlowRow = typeof workflowFlows.$inferSelect;

// ---------- flows ----------
export const findFlows = (db: H) => db.select().from(workflowFlows).orderBy(asc(workflowFlows.key));

export async function findFlow(db: H, key: string) {
  const [row] = await db.select().from(workflowFlows).where(eq(workflowFlows.key, key));
  return row ?? null;
}

export async function findFlowVersion(db: H, key: string, version: number) {
  const [row] = await db
    .select()
    .from(workflowFlowVersions)
    .where(and(eq(workflowFlowVersions.flowKey, key), eq(workflowFlowVersions.version, version)));
  return row ?? null;
}

/** A flow's versions, newest first, with the display name of who saved each (null when unknown). */
export async function findFlowVersions(db: H, key: string) {
  const rows = await db
    .select({
      version: workflowFlowVersions.version,
      steps: workflowFlowVersions.steps,
      createdAt: workflowFlowVersions.createdAt,
      createdById: workflowFlowVersions.createdBy,
    })
    .from(workflowFlowVersions)
    .where(eq(workflowFlowVersions.flowKey, key))
    .orderBy(desc(workflowFlowVersions.version));
  const names = await findUserNames(
    db,
    rows.flatMap((r) => (r.createdById == null ? [] : [r.createdById])),
  );
  return rows.map(({ createdById, ...r }) => ({ ...r, createdBy: createdById == null ? null : (names.get(createdById) ?? null) }));
}

export async function upsertFlow(tx: H, values: typeof workflowFlows.$inferInsert) {
  const { key: _k, ...set } = values;
  await tx.insert(workflowFlows).values(values).onConflictDoUpdate({ target: workflowFlows.key, set });
}

export async function insertFlowVersion(tx: H, values: typeof workflowFlowVersions.$inferInsert) {
  await tx.insert(workflowFlowVersions).values(values);
}

// ---------- people ----------
// Accounts and roles belong to iam; the use cases reach them as `repo.*`
// through its read model.
export { findActiveUser, findDelegateCandidates, findRoleNames, findUserNames, findUsersWithRole } from '../iam/iam.read-model.ts';

// ---------- instances ----------
export async function insertInstance(tx: H, values: typeof workflowInstances.$inferInsert) {
  const [row] = await tx.insert(workflowInstances).values(values).returning();
  return row;
}

export async function updateInstance(tx: H, id: number, values: Partial<typeof workflowInstances.$inferInsert>) {
  await tx.update(workflowInstances).set(values).where(eq(workflowInstances.id, id));
}

/** Reads (and, in a transaction, locks) an instance so that concurrent actions on it queue up. */
export async function findInstance(db: H, id: number, lock = false) {
  const q = db.select().from(workflowInstances).where(eq(workflowInstances.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function findLatestBySubject(db: H, subjectType: string, subjectId: number, lock = false) {
  const q = db
    .select()
    .from(workflowInstances)
    .where(and(eq(workflowInstances.subjectType, subjectType), eq(workflowInstances.subjectId, subjectId)))
    .orderBy(desc(workflowInstances.id))
    .limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function hasPending(db: H, subjectType: string, subjectId: number) {
  const [{ n }] = await db
    .select({ n: count() })
    .from(workflowInstances)
    .where(
      and(
        eq(workflowInstances.subjectType, subjectType),
        eq(workflowInstances.subjectId, subjectId),
        eq(workflowInstances.state, 'pending'),
      ),
    );
  return Number(n) > 0;
}

// ---------- step runs and tasks ----------
export async function insertStepRun(tx: H, values: typeof workflowStepRuns.$inferInsert) {
  const [row] = await tx.insert(workflowStepRuns).values(values).returning();
  return row;
}

export async function closeStepRuns(tx: H, instanceId: number, outcome: string, at: Date) {
  await tx
    .update(workflowStepRuns)
    .set({ completedAt: at, outcome })
    .where(and(eq(workflowStepRuns.instanceId, instanceId), isNull(workflowStepRuns.completedAt)));
}

/** Whether a step run has been escalated to its fallback (its fallback approvers then hold the step too). */
export async function isStepRunEscalated(db: H, id: number) {
  const [row] = await db.select({ at: workflowStepRuns.escalatedAt }).from(workflowStepRuns).where(eq(workflowStepRuns.id, id));
  return !!row?.at;
}

export async function findOpenStepRun(db: H, instanceId: number) {
  const [row] = await db
    .select()
    .from(workflowStepRuns)
    .where(and(eq(workflowStepRuns.instanceId, instanceId), isNull(workflowStepRuns.completedAt)));
  return row ?? null;
}

/** Marks a step run reminded/escalated once; returns false when another run of the job got there first. */
export async function markStepRun(tx: H, id: number, field: 'remindedAt' | 'escalatedAt', at: Date) {
  const col = field === 'remindedAt' ? workflowStepRuns.remindedAt : workflowStepRuns.escalatedAt;
  const rows = await tx
    .update(workflowStepRuns)
    .set({ [field]: at })
    .where(and(eq(workflowStepRuns.id, id), isNull(col), isNull(workflowStepRuns.completedAt)))
    .returning({ id: workflowStepRuns.id });
  return rows.length > 0;
}

/** Open step runs due before `until` not yet reminded (the exact working-day threshold is checked by the caller). */
export const findStepRunsToRemind = (db: H, now: Date, until: Date) =>
  db
    .select()
    .from(workflowStepRuns)
    .where(
      and(
        isNull(workflowStepRuns.completedAt),
        isNull(workflowStepRuns.remindedAt),
        gt(workflowStepRuns.dueAt, now),
        lte(workflowStepRuns.dueAt, until),
      ),
    );

export const findOverdueStepRuns = (db: H, now: Date) =>
  db
    .select()
    .from(workflowStepRuns)
    .where(and(isNull(workflowStepRuns.completedAt), isNull(workflowStepRuns.escalatedAt), lte(workflowStepRuns.dueAt, now)));

export async function insertTasks(tx: H, rows: (typeof workflowTasks.$inferInsert)[]) {
  if (!rows.length) return [];
  return tx.insert(workflowTasks).values(rows).returning();
}

export async function findTask(db: H, id: number, lock = false) {
  const q = db.select().from(workflowTasks).where(eq(workflowTasks.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** The open task of an instance assigned to a user (null when they hold none). */
export async function findOpenTaskOf(db: H, instanceId: number, userId: number) {
  const [row] = await db
    .select({ id: workflowTasks.id, step: workflowTasks.step })
    .from(workflowTasks)
    .where(and(eq(workflowTasks.instanceId, instanceId), eq(workflowTasks.assigneeId, userId), eq(workflowTasks.status, 'open')))
    .limit(1);
  return row ?? null;
}

export async function setTaskStatus(tx: H, id: number, status: 'done' | 'cancelled', at: Date) {
  await tx.update(workflowTasks).set({ status, completedAt: at }).where(eq(workflowTasks.id, id));
}

export async function cancelOpenTasks(tx: H, instanceId: number, at: Date) {
  await tx
    .update(workflowTasks)
    .set({ status: 'cancelled', completedAt: at })
    .where(and(eq(workflowTasks.instanceId, instanceId), eq(workflowTasks.status, 'open')));
}

export const findTasksOfInstance = (db: H, instanceId: number) =>
  db.select().from(workflowTasks).where(eq(workflowTasks.instanceId, instanceId)).orderBy(asc(workflowTasks.id));

// ---------- history ----------
export async function insertHistory(tx: H, values: typeof workflowHistory.$inferInsert) {
  await tx.insert(workflowHistory).values(values);
}

export const findHistory = (db: H, instanceId: number) =>
  db.select().from(workflowHistory).where(eq(workflowHistory.instanceId, instanceId)).orderBy(asc(workflowHistory.id));

// ---------- inbox ----------
const waitingWhere = (userId: number) => and(eq(workflowTasks.assigneeId, userId), eq(workflowTasks.status, 'open'));

export async function findWaitingPage(db: H, userId: number, page: number, pageSize: number) {
  const [items, [{ total }]] = await Promise.all([
    db
      .select({ task: workflowTasks, instance: workflowInstances, dueAt: workflowStepRuns.dueAt })
      .from(workflowTasks)
      .innerJoin(workflowInstances, eq(workflowInstances.id, workflowTasks.instanceId))
      .innerJoin(workflowStepRuns, eq(workflowStepRuns.id, workflowTasks.stepRunId))
      .where(waitingWhere(userId))
      .orderBy(asc(workflowStepRuns.dueAt), asc(workflowTasks.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(workflowTasks).where(waitingWhere(userId)),
  ]);
  return { items, total: Number(total) };
}

export async function findMinePage(db: H, userId: number, page: number, pageSize: number) {
  const where = and(eq(workflowInstances.applicantId, userId), ne(workflowInstances.state, 'draft'));
  const [items, [{ total }]] = await Promise.all([
    db
      .select({ instance: workflowInstances, dueAt: workflowStepRuns.dueAt })
      .from(workflowInstances)
      .leftJoin(workflowStepRuns, and(eq(workflowStepRuns.instanceId, workflowInstances.id), isNull(workflowStepRuns.completedAt)))
      .where(where)
      .orderBy(desc(workflowInstances.updatedAt), desc(workflowInstances.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(workflowInstances).where(where),
  ]);
  return { items, total: Number(total) };
}

export async function countInbox(db: H, userId: number, now: Date) {
  const [[waiting], [overdue], [mine]] = await Promise.all([
    db.select({ n: count() }).from(workflowTasks).where(waitingWhere(userId)),
    db
      .select({ n: count() })
      .from(workflowTasks)
      .innerJoin(workflowStepRuns, eq(workflowStepRuns.id, workflowTasks.stepRunId))
      .where(and(waitingWhere(userId), lt(workflowStepRuns.dueAt, now))),
    db
      .select({ n: count() })
      .from(workflowInstances)
      .where(
        and(eq(workflowInstances.applicantId, userId), or(eq(workflowInstances.state, 'pending'), eq(workflowInstances.state, 'returned'))),
      ),
  ]);
  return { waiting: Number(waiting.n), mine: Number(mine.n), overdue: Number(overdue.n) };
}

export async function hasTaskOn(db: H, userId: number, instanceId: number) {
  const [{ n }] = await db
    .select({ n: count() })
    .from(workflowTasks)
    .where(and(eq(workflowTasks.instanceId, instanceId), eq(workflowTasks.assigneeId, userId)));
  return Number(n) > 0;
}

// ---------- metrics ----------
/** Instances of a flow submitted in [from, to) with their step runs. */
export async function findMetricRows(db: H, flowKey: string, from: Date | null, to: Date | null) {
  const conds = [eq(workflowInstances.flowKey, flowKey), sql`${workflowInstances.submittedAt} is not null`];
  if (from) conds.push(gte(workflowInstances.submittedAt, from));
  if (to) conds.push(lt(workflowInstances.submittedAt, to));
  const instances = await db
    .select()
    .from(workflowInstances)
    .where(and(...conds));
  const runs = instances.length
    ? await db
        .select()
        .from(workflowStepRuns)
        .where(
          inArray(
            workflowStepRuns.instanceId,
            instances.map((i) => i.id),
          ),
        )
    : [];
  return { instances, runs };
}
