import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import {
  enrolments,
  selectionClassSeats,
  selectionLotteryChoices,
  selectionReservedSeats,
  selectionRoundClasses,
  selectionRounds,
  selectionStudentTerms,
  selectionWaitlist,
} from './selection.tables.ts';
import type { SelectionRoundRow } from './selection.repository.ts';

/**
 * SQL of the lottery draw 抽签, its choices 志愿, the confirmation lock 选课确认 and the
 * pre-enrolment by admin class 按行政班预置. Seats and enrolments themselves are taken through
 * selection.repository.ts (takeSeat, insertEnrolment), the seat authority.
 */

type H = Db | Tx;

export type LotteryChoiceRow = typeof selectionLotteryChoices.$inferSelect;

// ---------------------------------------------------------------- rounds

/** The round, locked until the transaction ends (one draw, lock or prefill of a round at a time). */
export async function lockRound(tx: Tx, roundId: number): Promise<SelectionRoundRow | null> {
  const [row] = await tx.select().from(selectionRounds).where(eq(selectionRounds.id, roundId)).for('update');
  return row ?? null;
}

/** Sets the round's status (and the recorded seed of its draw). */
export async function setRoundStatus(tx: Tx, roundId: number, status: 'drawn' | 'locked', at: Date, lotterySeed?: number) {
  const [row] = await tx
    .update(selectionRounds)
    .set({
      status,
      updatedAt: at,
      version: sql`${selectionRounds.version} + 1`,
      ...(lotterySeed === undefined ? {} : { lotterySeed }),
    })
    .where(eq(selectionRounds.id, roundId))
    .returning();
  return row;
}

/** The teaching classes open in the round. */
export async function findRoundClassIds(db: H, roundId: number): Promise<number[]> {
  const rows = await db
    .select({ id: selectionRoundClasses.teachingClassId })
    .from(selectionRoundClasses)
    .where(eq(selectionRoundClasses.roundId, roundId));
  return rows.map((r) => r.id);
}

/** Closes the round's waiting waitlist entries (the list closes with the round); how many. */
export async function closeRoundWaitlist(tx: Tx, roundId: number, at: Date): Promise<number> {
  const rows = await tx
    .update(selectionWaitlist)
    .set({ status: 'closed', resolvedAt: at })
    .where(and(eq(selectionWaitlist.roundId, roundId), eq(selectionWaitlist.status, 'waiting')))
    .returning({ id: selectionWaitlist.id });
  return rows.length;
}

// ---------------------------------------------------------------- choices 志愿

/**
 * Records a choice: the student's choice of that rank is replaced (the unique index on rank
 * makes three the most anybody holds), and the same class chosen at another rank moves here.
 */
export async function upsertChoice(
  tx: Tx,
  v: { roundId: number; studentId: number; teachingClassId: number; rank: number; at: Date },
): Promise<LotteryChoiceRow> {
  await tx
    .delete(selectionLotteryChoices)
    .where(
      and(
        eq(selectionLotteryChoices.roundId, v.roundId),
        eq(selectionLotteryChoices.studentId, v.studentId),
        eq(selectionLotteryChoices.teachingClassId, v.teachingClassId),
        sql`${selectionLotteryChoices.rank} <> ${v.rank}`,
      ),
    );
  const [row] = await tx
    .insert(selectionLotteryChoices)
    .values({ roundId: v.roundId, studentId: v.studentId, teachingClassId: v.teachingClassId, rank: v.rank, createdAt: v.at })
    .onConflictDoUpdate({
      target: [selectionLotteryChoices.roundId, selectionLotteryChoices.studentId, selectionLotteryChoices.rank],
      set: { teachingClassId: v.teachingClassId, createdAt: v.at, result: null, drawNumber: null, explanation: null },
    })
    .returning();
  return row;
}

export async function findChoice(db: H, id: number): Promise<LotteryChoiceRow | null> {
  const [row] = await db.select().from(selectionLotteryChoices).where(eq(selectionLotteryChoices.id, id));
  return row ?? null;
}

export async function deleteChoice(tx: Tx, id: number): Promise<boolean> {
  const rows = await tx
    .delete(selectionLotteryChoices)
    .where(eq(selectionLotteryChoices.id, id))
    .returning({ id: selectionLotteryChoices.id });
  return rows.length > 0;
}

/** Every choice of a round, by student, rank. */
export async function findRoundChoices(db: H, roundId: number): Promise<LotteryChoiceRow[]> {
  return db
    .select()
    .from(selectionLotteryChoices)
    .where(eq(selectionLotteryChoices.roundId, roundId))
    .orderBy(asc(selectionLotteryChoices.studentId), asc(selectionLotteryChoices.rank));
}

/** A student's choices in the lottery rounds of a term, by round and rank. */
export async function findStudentChoices(db: H, studentId: number, termId: number) {
  return db
    .select({ choice: selectionLotteryChoices, roundStatus: selectionRounds.status })
    .from(selectionLotteryChoices)
    .innerJoin(selectionRounds, eq(selectionRounds.id, selectionLotteryChoices.roundId))
    .where(and(eq(selectionLotteryChoices.studentId, studentId), eq(selectionRounds.termId, termId)))
    .orderBy(asc(selectionLotteryChoices.roundId), asc(selectionLotteryChoices.rank));
}

/** Stores the draw's result of every choice in one statement. */
export async function saveChoiceResults(
  tx: Tx,
  rows: { id: number; result: string; drawNumber: number; explanation: unknown }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows
      .slice(i, i + 2000)
      .map((r) => ({ id: r.id, result: r.result, draw_number: r.drawNumber, explanation: r.explanation }));
    await tx.execute(sql`
      update ${selectionLotteryChoices} c
      set result = v.result, draw_number = v.draw_number, explanation = v.explanation
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as v(id int, result text, draw_number int, explanation jsonb)
      where c.id = v.id`);
  }
}

// ---------------------------------------------------------------- students and seats

/**
 * Creates and locks the students' rows of the term (the lock every selection write of a student
 * takes first), in student id order so two bulk writers cannot deadlock each other.
 */
export async function lockStudentTerms(tx: Tx, studentIds: number[], termId: number, at: Date): Promise<void> {
  const ids = [...new Set(studentIds)].sort((a, b) => a - b);
  for (let i = 0; i < ids.length; i += 1000) {
    await tx
      .insert(selectionStudentTerms)
      .values(ids.slice(i, i + 1000).map((studentId) => ({ studentId, termId, updatedAt: at })))
      .onConflictDoUpdate({ target: [selectionStudentTerms.studentId, selectionStudentTerms.termId], set: { updatedAt: at } });
  }
}

/** The students' enrolments of the term, dropped ones too (what they held at an earlier moment). */
export async function findTermEnrolmentsOf(db: H, termId: number, studentIds: number[]) {
  if (!studentIds.length) return [];
  return db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.termId, termId), inArray(enrolments.studentId, [...new Set(studentIds)])))
    .orderBy(asc(enrolments.id));
}

/**
 * Seats of these classes a draw may give: capacity − enrolled − reserved seats 预留 still free
 * and not expired at `at` (those stay for their group), never below 0.
 */
export async function findDrawableSeats(db: H, teachingClassIds: number[], at: Date): Promise<Map<number, number>> {
  const out = new Map<number, number>(teachingClassIds.map((id) => [id, 0]));
  if (!teachingClassIds.length) return out;
  const rows = await db
    .select({
      id: selectionClassSeats.teachingClassId,
      free: sql<number>`(${selectionClassSeats.capacity} - ${selectionClassSeats.enrolled} - coalesce((
        select sum(r.seats - r.taken) from ${selectionReservedSeats} r
        where r.teaching_class_id = ${selectionClassSeats.teachingClassId} and r.until > ${at}), 0))::int`,
    })
    .from(selectionClassSeats)
    .where(inArray(selectionClassSeats.teachingClassId, teachingClassIds));
  for (const r of rows) out.set(r.id, Math.max(0, Number(r.free)));
  return out;
}

// ---------------------------------------------------------------- bulk seats (pre-enrolment)

/**
 * Takes up to `n` open seats of a class in ONE conditional UPDATE of its seat row (the seat
 * authority; the row lock serialises it with every other taker, the CHECK backs it): never more
 * than capacity − enrolled − the reserved seats 预留 still free. Returns how many were taken.
 */
export async function takeSeats(tx: Tx, teachingClassId: number, n: number, at: Date): Promise<number> {
  if (n <= 0) return 0;
  // The CTE locks the seat row first and reads it as it is then, so `k` and the write agree.
  const { rows } = (await tx.execute(sql`
    with s as (
      select teaching_class_id, least(${n}::int, capacity - enrolled - coalesce((
        select sum(r.seats - r.taken) from ${selectionReservedSeats} r
        where r.teaching_class_id = ${teachingClassId} and r.until > ${at}), 0))::int as k
      from ${selectionClassSeats} where teaching_class_id = ${teachingClassId}
      for update
    )
    update ${selectionClassSeats} c set enrolled = c.enrolled + s.k, updated_at = ${at}
    from s where c.teaching_class_id = s.teaching_class_id and s.k > 0
    returning s.k as taken`)) as unknown as { rows: { taken: number }[] };
  return rows.length ? Number(rows[0].taken) : 0;
}

/** Inserts many enrolments; a student already holding the course is skipped (the unique index decides). */
export async function insertEnrolments(tx: Tx, values: (typeof enrolments.$inferInsert)[]) {
  if (!values.length) return [];
  return tx
    .insert(enrolments)
    .values(values)
    .onConflictDoNothing({
      target: [enrolments.studentId, enrolments.termId, enrolments.courseId],
      where: sql`status = 'enrolled'`,
    })
    .returning({ id: enrolments.id, studentId: enrolments.studentId });
}

/** Adds one class of these credits to each student's totals of the term (their rows are locked). */
export async function addTermTotals(tx: Tx, studentIds: number[], termId: number, credits: string): Promise<void> {
  if (!studentIds.length) return;
  await tx
    .update(selectionStudentTerms)
    .set({
      credits: sql`${selectionStudentTerms.credits} + ${credits}::numeric`,
      classes: sql`${selectionStudentTerms.classes} + 1`,
    })
    .where(and(eq(selectionStudentTerms.termId, termId), inArray(selectionStudentTerms.studentId, studentIds)));
}
