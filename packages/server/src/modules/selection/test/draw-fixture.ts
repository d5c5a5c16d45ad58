import { sql } from 'drizzle-orm';
import type { Permission, Scope } from '@jiaowu/contracts';
import type { Db } from '../../../db/client.ts';
import { anonymousActor, type Actor } from '../../../platform/access.ts';
import * as repo from '../selection.repository.ts';

/** An actor as the routes would hand it to a service: these permissions at these scopes. */
export function actorWith(
  permissions: Partial<Record<Permission, Scope>>,
  who: { studentId?: number | null; teacherId?: number | null; collegeIds?: number[]; name?: string } = {},
): Actor {
  return {
    ...anonymousActor(),
    kind: 'user',
    name: who.name ?? 'tester',
    permissions,
    studentId: who.studentId ?? null,
    teacherId: who.teacherId ?? null,
    collegeIds: who.collegeIds ?? [],
  };
}

export const officeActor = () => actorWith({ 'selection.read': 'all', 'selection.manage': 'all' }, { name: '教务处' });
export const studentActor = (studentId: number) => actorWith({ 'selection.read': 'self', 'selection.take': 'self' }, { studentId });

/** A lottery round 预选 of the term whose window is open at `at` for an hour, over these classes. */
export async function buildLotteryRound(db: Db, termId: number, at: Date, classIds: number[], name = '2026 秋季预选') {
  const round = await repo.insertRound(db, {
    termId,
    name,
    mode: 'lottery',
    opensAt: new Date(at.getTime() - 3600_000),
    closesAt: new Date(at.getTime() + 3600_000),
    status: 'open',
  });
  await repo.addRoundClasses(db, round.id, classIds);
  return round;
}

/** Row counts of what a draw writes: a re-run must leave every one of them as it was. */
export async function writtenState(db: Db, roundId: number) {
  const rows = async (q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows;
  const count = async (q: ReturnType<typeof sql>) => Number((await rows(q))[0].n);
  return {
    enrolments: await count(sql`select count(*)::int as n from enrolments`),
    audit: await count(sql`select count(*)::int as n from audit_log`),
    notifications: await count(sql`select count(*)::int as n from notifications`),
    seats: await rows(sql`select teaching_class_id, enrolled from selection_class_seats order by 1`),
    choices: await rows(
      sql`select id, result, draw_number, explanation from selection_lottery_choices where round_id = ${roundId} order by id`,
    ),
    round: await rows(sql`select status, lottery_seed, version, updated_at from selection_rounds where id = ${roundId}`),
  };
}
