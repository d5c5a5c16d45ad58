import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import {
  enrolments,
  selectionClassSeats,
  selectionHolds,
  selectionLiveStats,
  selectionLotteryChoices,
  selectionRoundClasses,
  selectionRounds,
  selectionWaitlist,
} from './selection.tables.ts';
import type { SelectionRoundRow } from './selection.repository.ts';

/**
 * Reads and writes of the office's side of selection (rounds, the classes they open, holds) and
 * the lists a student reads (their waitlist places). The enrolment transaction's own SQL stays
 * in selection.repository.ts.
 */

type H = Db | Tx;

/** Rows of a raw query (the two drivers type `execute` differently; both answer `{ rows }`). */
async function rowsOf<T>(db: H, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

export async function listRounds(db: H, termId: number): Promise<SelectionRoundRow[]> {
  return db
    .select()
    .from(selectionRounds)
    .where(eq(selectionRounds.termId, termId))
    .orderBy(desc(selectionRounds.opensAt), desc(selectionRounds.id));
}

/** Locks the round's row for an update (the office's edits, draw and lock run one at a time). */
export async function lockRound(tx: Tx, roundId: number): Promise<SelectionRoundRow | null> {
  const [row] = await tx.select().from(selectionRounds).where(eq(selectionRounds.id, roundId)).for('update');
  return row ?? null;
}

/** Updates a round whose version is still `version`; null when somebody changed it meanwhile. */
export async function updateRound(
  tx: Tx,
  roundId: number,
  version: number,
  values: Partial<typeof selectionRounds.$inferInsert>,
): Promise<SelectionRoundRow | null> {
  const [row] = await tx
    .update(selectionRounds)
    .set({ ...values, version: sql`${selectionRounds.version} + 1` })
    .where(and(eq(selectionRounds.id, roundId), eq(selectionRounds.version, version)))
    .returning();
  return row ?? null;
}

export async function deleteRound(tx: Tx, roundId: number) {
  await tx.delete(selectionRounds).where(eq(selectionRounds.id, roundId));
}

/** Whether anything was done in the round (then it is history, not deletable). */
export async function roundHasActivity(db: H, roundId: number): Promise<boolean> {
  const [row] = await rowsOf<{ n: number }>(
    db,
    sql`
    select (exists(select 1 from ${enrolments} where round_id = ${roundId})
         or exists(select 1 from ${selectionWaitlist} where round_id = ${roundId})
         or exists(select 1 from ${selectionLotteryChoices} where round_id = ${roundId}))::int as n`,
  );
  return Number(row?.n ?? 0) > 0;
}

export async function findRoundClassIds(db: H, roundId: number): Promise<number[]> {
  const rows = await db
    .select({ id: selectionRoundClasses.teachingClassId })
    .from(selectionRoundClasses)
    .where(eq(selectionRoundClasses.roundId, roundId))
    .orderBy(asc(selectionRoundClasses.teachingClassId));
  return rows.map((r) => r.id);
}

/** Replaces the classes open in a round. */
export async function replaceRoundClasses(tx: Tx, roundId: number, teachingClassIds: number[]) {
  await tx.delete(selectionRoundClasses).where(eq(selectionRoundClasses.roundId, roundId));
  for (let i = 0; i < teachingClassIds.length; i += 1000) {
    const chunk = teachingClassIds.slice(i, i + 1000);
    await tx.insert(selectionRoundClasses).values(chunk.map((teachingClassId) => ({ roundId, teachingClassId })));
  }
}

export async function findSeats(db: H, teachingClassIds: number[]) {
  if (!teachingClassIds.length) return [];
  return db.select().from(selectionClassSeats).where(inArray(selectionClassSeats.teachingClassId, teachingClassIds));
}

/** Lottery rounds: students who chose each class so far. */
export async function countApplicants(db: H, roundId: number): Promise<Map<number, number>> {
  const rows = await db
    .select({ id: selectionLotteryChoices.teachingClassId, n: sql<number>`count(*)::int` })
    .from(selectionLotteryChoices)
    .where(eq(selectionLotteryChoices.roundId, roundId))
    .groupBy(selectionLotteryChoices.teachingClassId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

/** Ids of the classes that have reserved seats (their reserved buckets are read one by one). */
export async function findClassesWithReserved(db: H, teachingClassIds: number[]): Promise<Set<number>> {
  if (!teachingClassIds.length) return new Set();
  const rows = await rowsOf<{ id: number }>(
    db,
    sql`select distinct teaching_class_id as id from selection_reserved_seats where teaching_class_id in (${sql.join(
      teachingClassIds.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
  return new Set(rows.map((r) => Number(r.id)));
}

// ---------------------------------------------------------------- waitlist of a student

/** The student's waiting entries of a term's rounds, each with its place in its queue (1 = next). */
export async function findStudentWaitlist(db: H, studentId: number, termId: number) {
  const rows = await rowsOf<{ id: number; round_id: number; teaching_class_id: number; position: number }>(
    db,
    sql`
    select w.id, w.round_id, w.teaching_class_id,
      (select count(*)::int from ${selectionWaitlist} o
        where o.teaching_class_id = w.teaching_class_id and o.status = 'waiting'
          and (o.priority_group, o.created_at, o.id) <= (w.priority_group, w.created_at, w.id)) as position
    from ${selectionWaitlist} w
    join ${selectionRounds} r on r.id = w.round_id
    where w.student_id = ${studentId} and w.status = 'waiting' and r.term_id = ${termId}
    order by w.id`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    roundId: Number(r.round_id),
    teachingClassId: Number(r.teaching_class_id),
    position: Number(r.position),
  }));
}

export async function findWaitlistEntry(db: H, id: number) {
  const [row] = await db.select().from(selectionWaitlist).where(eq(selectionWaitlist.id, id));
  return row ?? null;
}

// ---------------------------------------------------------------- holds

export async function listHolds(db: H, studentId?: number) {
  return db
    .select({
      id: selectionHolds.id,
      studentId: selectionHolds.studentId,
      reason: selectionHolds.reason,
      source: selectionHolds.source,
      createdAt: selectionHolds.createdAt,
    })
    .from(selectionHolds)
    .where(and(isNull(selectionHolds.liftedAt), studentId === undefined ? undefined : eq(selectionHolds.studentId, studentId)))
    .orderBy(desc(selectionHolds.id))
    .limit(1000);
}

export async function insertHold(tx: Tx, values: typeof selectionHolds.$inferInsert) {
  const [row] = await tx.insert(selectionHolds).values(values).returning();
  return row;
}

/** Lifts an active hold; null when it is unknown or already lifted. */
export async function liftHold(tx: Tx, id: number, at: Date, by: number | null) {
  const [row] = await tx
    .update(selectionHolds)
    .set({ liftedAt: at, liftedBy: by })
    .where(and(eq(selectionHolds.id, id), isNull(selectionHolds.liftedAt)))
    .returning();
  return row ?? null;
}

// ---------------------------------------------------------------- dashboard

export async function roundCounts(db: H, roundId: number, termId: number) {
  const rows = await rowsOf<{ enrolled: number; students: number; full: number; classes: number; waiting: number }>(
    db,
    sql`
    select
      (select count(*)::int from ${enrolments} e where e.term_id = ${termId} and e.status = 'enrolled') as enrolled,
      (select count(distinct e.student_id)::int from ${enrolments} e where e.term_id = ${termId} and e.status = 'enrolled') as students,
      (select count(*)::int from ${selectionRoundClasses} rc join ${selectionClassSeats} s on s.teaching_class_id = rc.teaching_class_id
        where rc.round_id = ${roundId} and s.enrolled >= s.capacity) as full,
      (select count(*)::int from ${selectionRoundClasses} rc where rc.round_id = ${roundId}) as classes,
      (select count(*)::int from ${selectionWaitlist} w where w.round_id = ${roundId} and w.status = 'waiting') as waiting`,
  );
  const r = rows[0];
  return {
    enrolled: Number(r.enrolled),
    students: Number(r.students),
    full: Number(r.full),
    classes: Number(r.classes),
    waiting: Number(r.waiting),
  };
}

export async function topWaitlists(db: H, roundId: number, limit = 10) {
  const rows = await db
    .select({ teachingClassId: selectionWaitlist.teachingClassId, waiting: sql<number>`count(*)::int` })
    .from(selectionWaitlist)
    .where(and(eq(selectionWaitlist.roundId, roundId), eq(selectionWaitlist.status, 'waiting')))
    .groupBy(selectionWaitlist.teachingClassId)
    .orderBy(sql`count(*) desc`)
    .limit(limit);
  return rows.map((r) => ({ teachingClassId: r.teachingClassId, waiting: Number(r.waiting) }));
}

// ---------------------------------------------------------------- notices 选课通知

/** Rounds whose notice is due now: N days before the opening (not yet sent), or the opening itself. */
/**
 * Rounds that may have a notice due: those whose window-wide notice is due now, and every live
 * round with staggered openings (their openings' notices are decided per opening by the caller).
 */
export async function findRoundsToNotice(db: H, now: Date) {
  return db
    .select()
    .from(selectionRounds)
    .where(
      sql`${selectionRounds.status} <> 'locked' and ${selectionRounds.closesAt} > ${now} and (
        jsonb_array_length(${selectionRounds.staggered}) > 0
        or (${selectionRounds.noticedBeforeAt} is null and ${selectionRounds.opensAt} > ${now}
          and ${selectionRounds.opensAt} - make_interval(days => ${selectionRounds.noticeDaysBefore}) <= ${now})
        or (${selectionRounds.noticedOpenAt} is null and ${selectionRounds.opensAt} <= ${now}))`,
    );
}

/** Marks one staggered opening's notice sent; false when another process marked it first. */
export async function markStaggeredNoticed(tx: Tx, roundId: number, index: number, which: 'before' | 'open', at: Date): Promise<boolean> {
  const key = String(index);
  const stamp = at.toISOString();
  // The opening's mark also sets "before" when it is missing: a round made inside the N days gets one notice.
  const [under, over] = which === 'open' ? [{ before: stamp }, { open: stamp }] : [{}, { before: stamp }];
  const current = sql`coalesce(${selectionRounds.noticedStaggered} -> ${key}, '{}'::jsonb)`;
  const rows = await tx
    .update(selectionRounds)
    .set({
      noticedStaggered: sql`jsonb_set(${selectionRounds.noticedStaggered}, array[${key}]::text[],
        ${JSON.stringify(under)}::jsonb || ${current} || ${JSON.stringify(over)}::jsonb)`,
    })
    .where(and(eq(selectionRounds.id, roundId), sql`(${selectionRounds.noticedStaggered} -> ${key} ->> ${which}) is null`))
    .returning({ id: selectionRounds.id });
  return rows.length > 0;
}

/** Marks a notice sent; false when another process marked it first (each goes out once). */
export async function markNoticed(tx: Tx, roundId: number, which: 'before' | 'open', at: Date): Promise<boolean> {
  const column = which === 'before' ? selectionRounds.noticedBeforeAt : selectionRounds.noticedOpenAt;
  const rows = await tx
    .update(selectionRounds)
    .set(
      which === 'before'
        ? { noticedBeforeAt: at }
        : { noticedOpenAt: at, noticedBeforeAt: sql`coalesce(${selectionRounds.noticedBeforeAt}, ${at})` },
    )
    .where(and(eq(selectionRounds.id, roundId), sql`${column} is null`))
    .returning({ id: selectionRounds.id });
  return rows.length > 0;
}

// ---------------------------------------------------------------- the dashboard's live counters

export interface LiveStatsRow {
  roundId: number;
  lastMinute: number;
  errors: number;
  refusals: Record<string, number>;
}

/** Writes this process's counters of some rounds (one statement). */
export async function upsertLiveStats(db: H, processId: string, rows: LiveStatsRow[], at: Date) {
  if (!rows.length) return;
  await db
    .insert(selectionLiveStats)
    .values(rows.map((r) => ({ ...r, processId, updatedAt: at })))
    .onConflictDoUpdate({
      target: [selectionLiveStats.roundId, selectionLiveStats.processId],
      set: {
        lastMinute: sql`excluded.last_minute`,
        errors: sql`excluded.errors`,
        refusals: sql`excluded.refusals`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

/** Every process's counters of a round; `lastMinute` only from processes heard from since `fresh`. */
export async function sumLiveStats(db: H, roundId: number, fresh: Date) {
  const rows = await db.select().from(selectionLiveStats).where(eq(selectionLiveStats.roundId, roundId));
  const refusals: Record<string, number> = {};
  let lastMinute = 0;
  let errors = 0;
  for (const r of rows) {
    if (r.updatedAt.getTime() >= fresh.getTime()) lastMinute += r.lastMinute;
    errors += r.errors;
    for (const [code, n] of Object.entries(r.refusals as Record<string, number>)) refusals[code] = (refusals[code] ?? 0) + n;
  }
  return { lastMinute, errors, refusals };
}
