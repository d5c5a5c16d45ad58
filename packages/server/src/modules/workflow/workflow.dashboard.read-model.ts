import { and, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { workflowHistory } from './workflow.tables.ts';

/** The decisions an approver takes on a step (delegations and comments are not decisions). */
const DECISIONS = ['approve', 'return', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];

/**
 * Approval decisions of every flow taken in [from, to), per week (weeks start
 * on Monday in `timeZone`, the school's zone) and action: the dashboard's
 * "approvals per week". `weekStart` is the Monday as YYYY-MM-DD.
 */
export async function countDecisionsPerWeek(db: Db | Tx, from: Date, to: Date, timeZone: string) {
  const week = sql<string>`to_char(date_trunc('week', ${workflowHistory.at} at time zone ${timeZone}), 'YYYY-MM-DD')`;
  const rows = await db
    .select({ weekStart: week, action: workflowHistory.action, count: sql<number>`count(*)::int` })
    .from(workflowHistory)
    .where(and(inArray(workflowHistory.action, [...DECISIONS]), gte(workflowHistory.at, from), lt(workflowHistory.at, to)))
    .groupBy(sql`1`, sql`2`); // by position: the zone is a bound parameter, so `week` cannot be repeated
  return rows.map((r) => ({ weekStart: r.weekStart, action: r.action as Decision, count: Number(r.count) }));
}
