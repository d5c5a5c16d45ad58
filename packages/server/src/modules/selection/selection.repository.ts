import { and, asc, eq, inArray, isNull, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { pgError } from '../../platform/db-errors.ts';
import { findCurrentVersion, findVersionLectures, type VersionLecture } from '../timetable/versions.repository.ts';
import {
  enrolments,
  failedCourses,
  selectionCreditRaises,
  passedCourses,
  selectionClassSeats,
  selectionHolds,
  selectionReservedSeats,
  selectionRoundClasses,
  selectionRounds,
  selectionStudentTerms,
  selectionWaitlist,
} from './selection.tables.ts';

type H = Db | Tx;

export type SelectionRoundRow = typeof selectionRounds.$inferSelect;
export type EnrolmentRow = typeof enrolments.$inferSelect;
export type WaitlistRow = typeof selectionWaitlist.$inferSelect;
export type SeatRow = typeof selectionClassSeats.$inferSelect;

// ---------------------------------------------------------------- the student's lock

/**
 * Creates the student's row of the term if missing and locks it until the transaction ends: the
 * first statement of every selection write of a student. One statement (an upsert that touches
 * the row) both creates and locks, so two first requests of a new student cannot both miss it.
 */
export async function lockStudentTerm(tx: Tx, studentId: number, termId: number, at: Date) {
  const [row] = await tx
    .insert(selectionStudentTerms)
    .values({ studentId, termId, updatedAt: at })
    .onConflictDoUpdate({ target: [selectionStudentTerms.studentId, selectionStudentTerms.termId], set: { updatedAt: at } })
    .returning();
  return row;
}

/**
 * Like lockStudentTerm but without waiting: false when another transaction holds the student's
 * row (they are in the middle of a request of their own). Promotions lock a second student while
 * holding the first one's row; waiting there could deadlock with that student promoting the first.
 * A savepoint keeps a refused lock from aborting the caller's transaction.
 */
export async function tryLockStudentTerm(tx: Tx, studentId: number, termId: number, at: Date): Promise<boolean> {
  try {
    await tx.transaction(async (sp) => {
      await sp.insert(selectionStudentTerms).values({ studentId, termId, updatedAt: at }).onConflictDoNothing();
      await sp
        .select({ studentId: selectionStudentTerms.studentId })
        .from(selectionStudentTerms)
        .where(and(eq(selectionStudentTerms.studentId, studentId), eq(selectionStudentTerms.termId, termId)))
        .for('update', { noWait: true });
    });
    return true;
  } catch (e) {
    if (pgError(e)?.code === '55P03') return false; // lock_not_available
    throw e;
  }
}

/** Adds to the student's totals of the term (under the lock taken by lockStudentTerm). */
export async function addStudentTermTotals(tx: Tx, studentId: number, termId: number, credits: string, classes: number) {
  await tx
    .update(selectionStudentTerms)
    .set({
      credits: sql`${selectionStudentTerms.credits} + ${credits}::numeric`,
      classes: sql`${selectionStudentTerms.classes} + ${classes}`,
    })
    .where(and(eq(selectionStudentTerms.studentId, studentId), eq(selectionStudentTerms.termId, termId)));
}

// ---------------------------------------------------------------- rounds

export async function findRound(db: H, roundId: number): Promise<SelectionRoundRow | null> {
  const [row] = await db.select().from(selectionRounds).where(eq(selectionRounds.id, roundId));
  return row ?? null;
}

export async function isClassInRound(db: H, roundId: number, teachingClassId: number): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(selectionRoundClasses)
    .where(and(eq(selectionRoundClasses.roundId, roundId), eq(selectionRoundClasses.teachingClassId, teachingClassId)));
  return !!row;
}

/** Opens these classes in a round (idempotent). */
export async function addRoundClasses(db: H, roundId: number, teachingClassIds: number[]) {
  if (!teachingClassIds.length) return;
  await db
    .insert(selectionRoundClasses)
    .values(teachingClassIds.map((teachingClassId) => ({ roundId, teachingClassId })))
    .onConflictDoNothing();
}

export async function insertRound(db: H, values: typeof selectionRounds.$inferInsert): Promise<SelectionRoundRow> {
  const [row] = await db.insert(selectionRounds).values(values).returning();
  return row;
}

// ---------------------------------------------------------------- snapshot reads

export async function findEnrolment(db: H, id: number): Promise<EnrolmentRow | null> {
  const [row] = await db.select().from(enrolments).where(eq(enrolments.id, id));
  return row ?? null;
}

export async function findEnrolmentByKey(db: H, studentId: number, idempotencyKey: string): Promise<EnrolmentRow | null> {
  const [row] = await db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.studentId, studentId), eq(enrolments.idempotencyKey, idempotencyKey)));
  return row ?? null;
}

/** The student's enrolled (not dropped) classes of a term, oldest first. */
export async function findStudentEnrolments(db: H, studentId: number, termId: number): Promise<EnrolmentRow[]> {
  return db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.studentId, studentId), eq(enrolments.termId, termId), eq(enrolments.status, 'enrolled')))
    .orderBy(asc(enrolments.id));
}

/** Courses the student dropped in this round (the no-reselect-after-drop rule). */
/**
 * A drop that counts as giving up the course (the no-reselect rule): a swap between classes of one
 * course is not, nor is the office cancelling 停开 or merging 合班 the class — the student may take
 * the course again.
 */
const droppedTheCourse = (reason: SQL | AnyColumn) => sql`coalesce(${reason}, '') not in ('swap', 'class_cancelled', 'class_merged')`;

export async function findDroppedCourseIds(db: H, studentId: number, roundId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ courseId: enrolments.courseId })
    .from(enrolments)
    .where(
      and(
        eq(enrolments.studentId, studentId),
        eq(enrolments.roundId, roundId),
        eq(enrolments.status, 'dropped'),
        droppedTheCourse(enrolments.dropReason),
      ),
    );
  return rows.map((r) => r.courseId);
}

export async function findActiveHolds(db: H, studentId: number) {
  return db
    .select({ id: selectionHolds.id, reason: selectionHolds.reason, source: selectionHolds.source, createdAt: selectionHolds.createdAt })
    .from(selectionHolds)
    .where(and(eq(selectionHolds.studentId, studentId), isNull(selectionHolds.liftedAt)));
}

export async function findPassedCourseIds(db: H, studentId: number): Promise<number[]> {
  const rows = await db.select({ courseId: passedCourses.courseId }).from(passedCourses).where(eq(passedCourses.studentId, studentId));
  return rows.map((r) => r.courseId);
}

/** Courses the student failed and has not passed since (a retake 重修 of them is allowed). */
export async function findFailedCourseIds(db: H, studentId: number): Promise<number[]> {
  const rows = await db
    .select({ courseId: failedCourses.courseId })
    .from(failedCourses)
    .where(
      and(
        eq(failedCourses.studentId, studentId),
        sql`not exists (select 1 from ${passedCourses} p where p.student_id = ${failedCourses.studentId} and p.course_id = ${failedCourses.courseId})`,
      ),
    );
  return rows.map((r) => r.courseId);
}

export async function findSeat(db: H, teachingClassId: number): Promise<SeatRow | null> {
  const [row] = await db.select().from(selectionClassSeats).where(eq(selectionClassSeats.teachingClassId, teachingClassId));
  return row ?? null;
}

/** Reserved-seat rows of a class (the snapshot shows them; the seat take decides). */
export async function findReservedSeats(db: H, teachingClassId: number) {
  return db.select().from(selectionReservedSeats).where(eq(selectionReservedSeats.teachingClassId, teachingClassId));
}

// Published versions never change (a change writes a new version), so their lectures are kept per
// version: the rush would otherwise read the same ~1,500 rows for every request. Requests run in
// transactions, a new handle each time, so the key cannot be the handle: it is the version's
// identity — id, term, number and publication instant — which two databases of one process (test
// files, a PGlite beside a server) share only when one is a copy of the other, lectures included.
// Only the current version's row is read per request.
const lectureCache = new Map<string, Map<number, VersionLecture[]>>();
const CACHED_VERSIONS = 8;

/**
 * The lectures of these teaching classes in the term's timetable in force (the published
 * version), by class; a class without lectures (or a term without a published timetable) maps to [].
 */
export async function findClassLectures(db: H, termId: number, teachingClassIds: number[]): Promise<Map<number, VersionLecture[]>> {
  const out = new Map<number, VersionLecture[]>(teachingClassIds.map((id) => [id, []]));
  const version = await findCurrentVersion(db, termId);
  if (!version) return out;
  const key = `${version.id}:${version.termId}:${version.versionNo}:${version.publishedAt.getTime()}`;
  let byClass = lectureCache.get(key);
  if (!byClass) {
    byClass = new Map();
    for (const l of await findVersionLectures(db, version.id)) {
      if (l.day == null || l.startPeriod == null) continue;
      const lecture: VersionLecture = { ...l, day: l.day, startPeriod: l.startPeriod, kind: l.kind as VersionLecture['kind'] };
      const list = byClass.get(l.teachingClassId);
      if (list) list.push(lecture);
      else byClass.set(l.teachingClassId, [lecture]);
    }
    if (lectureCache.size >= CACHED_VERSIONS) lectureCache.delete(lectureCache.keys().next().value!);
    lectureCache.set(key, byClass);
  }
  for (const id of teachingClassIds) out.set(id, byClass.get(id) ?? []);
  return out;
}

// ---------------------------------------------------------------- seats

/** Who a reserved seat may be for: the student's cohort, major and college. */
export interface SeatHolder {
  cohort: number;
  majorId: number;
  collegeId: number;
}

/**
 * Takes one of the seats reserved for the student's group, if one is still free and not
 * expired: one conditional UPDATE on the reserved row, then on the class row (reserved seats are
 * part of the capacity). Null when no reserved seat is left for them.
 */
async function takeReservedSeat(tx: Tx, teachingClassId: number, who: SeatHolder, at: Date): Promise<{ reservedSeatId: number } | null> {
  const [reserved] = await tx
    .update(selectionReservedSeats)
    .set({ taken: sql`${selectionReservedSeats.taken} + 1` })
    .where(
      sql`${selectionReservedSeats.id} = (
        select r.id from ${selectionReservedSeats} r
        where r.teaching_class_id = ${teachingClassId} and r.until > ${at} and r.taken < r.seats
          and ((r.for_kind = 'cohort' and r.for_value = ${who.cohort})
            or (r.for_kind = 'major' and r.for_value = ${who.majorId})
            or (r.for_kind = 'college' and r.for_value = ${who.collegeId}))
        order by r.until, r.id limit 1)
      and ${selectionReservedSeats.taken} < ${selectionReservedSeats.seats}`,
    )
    .returning({ id: selectionReservedSeats.id });
  if (!reserved) return null;
  const [seat] = await tx
    .update(selectionClassSeats)
    .set({ enrolled: sql`${selectionClassSeats.enrolled} + 1`, updatedAt: at })
    .where(
      and(
        eq(selectionClassSeats.teachingClassId, teachingClassId),
        sql`${selectionClassSeats.enrolled} + ${selectionClassSeats.held} < ${selectionClassSeats.capacity}`,
      ),
    )
    .returning({ enrolled: selectionClassSeats.enrolled });
  // A reserved seat is within capacity, so this only fails when the office lowered the capacity
  // below what is enrolled; the caller's refusal rolls the reserved count back with everything.
  return seat ? { reservedSeatId: reserved.id } : null;
}

/**
 * Takes a seat of the class: a seat reserved for the student's group first, else an open one —
 * ONE conditional UPDATE on the seat row that succeeds only while `enrolled` plus the reserved
 * seats still free for other groups stays below capacity. No row back means full. The row lock
 * of that UPDATE is what serialises the rush for one class; the CHECK backs it.
 *
 * Under READ COMMITTED a taker that waited for the row re-checks `enrolled` at its new value but
 * the reserved sum at its statement's start, so it can only be more cautious (refuse the last open
 * seat in the instant a reserved one is taken), never oversell.
 */
export async function takeSeat(
  tx: Tx,
  teachingClassId: number,
  who: SeatHolder,
  at: Date,
): Promise<{ taken: true; reservedSeatId: number | null } | { taken: false }> {
  const reserved = await takeReservedSeat(tx, teachingClassId, who, at);
  if (reserved) return { taken: true, reservedSeatId: reserved.reservedSeatId };
  const [seat] = await tx
    .update(selectionClassSeats)
    .set({ enrolled: sql`${selectionClassSeats.enrolled} + 1`, updatedAt: at })
    .where(
      and(
        eq(selectionClassSeats.teachingClassId, teachingClassId),
        sql`${selectionClassSeats.enrolled} + ${selectionClassSeats.held} + coalesce((
          select sum(r.seats - r.taken) from ${selectionReservedSeats} r
          where r.teaching_class_id = ${teachingClassId} and r.until > ${at}), 0) < ${selectionClassSeats.capacity}`,
      ),
    )
    .returning({ enrolled: selectionClassSeats.enrolled });
  return seat ? { taken: true, reservedSeatId: null } : { taken: false };
}

/** Gives a seat back (and the reserved seat it held). */
export async function releaseSeat(tx: Tx, teachingClassId: number, reservedSeatId: number | null, at: Date) {
  await tx
    .update(selectionClassSeats)
    .set({ enrolled: sql`${selectionClassSeats.enrolled} - 1`, updatedAt: at })
    .where(eq(selectionClassSeats.teachingClassId, teachingClassId));
  if (reservedSeatId != null) {
    await tx
      .update(selectionReservedSeats)
      .set({ taken: sql`${selectionReservedSeats.taken} - 1` })
      .where(and(eq(selectionReservedSeats.id, reservedSeatId), sql`${selectionReservedSeats.taken} > 0`));
  }
}

/** Sets a class's capacity (not below what is enrolled: the CHECK refuses that). */
export async function setSeatCapacity(tx: Tx, teachingClassId: number, capacity: number, at: Date) {
  const [row] = await tx
    .update(selectionClassSeats)
    .set({ capacity, updatedAt: at })
    .where(eq(selectionClassSeats.teachingClassId, teachingClassId))
    .returning();
  return row ?? null;
}

/**
 * Seat rows for every teaching class of the term (capacity from the class), and every counter
 * recounted from the enrolment rows. A class the office enrolled beyond its capacity (an
 * override) keeps a capacity of at least its enrolment, so the CHECK holds.
 */
export async function syncTermSeats(tx: Tx, termId: number, classes: { id: number; capacity: number }[], at: Date) {
  for (let i = 0; i < classes.length; i += 1000) {
    const chunk = classes.slice(i, i + 1000);
    if (!chunk.length) break;
    await tx
      .insert(selectionClassSeats)
      .values(chunk.map((c) => ({ teachingClassId: c.id, termId, capacity: c.capacity, updatedAt: at })))
      .onConflictDoNothing();
  }
  await tx.execute(sql`
    update ${selectionClassSeats} s
    set enrolled = c.n, capacity = greatest(s.capacity, c.n), updated_at = ${at}
    from (
      select s2.teaching_class_id, count(e.id)::int as n
      from ${selectionClassSeats} s2
      left join ${enrolments} e on e.teaching_class_id = s2.teaching_class_id and e.status = 'enrolled'
      where s2.term_id = ${termId}
      group by s2.teaching_class_id
    ) c
    where s.teaching_class_id = c.teaching_class_id and s.enrolled <> c.n`);
}

// ---------------------------------------------------------------- enrolments

/**
 * Inserts an enrolment; null when the student already holds this course in the term (the
 * partial unique index decides, also against a writer that skipped the checks).
 */
export async function insertEnrolment(tx: Tx, values: typeof enrolments.$inferInsert): Promise<EnrolmentRow | null> {
  const [row] = await tx
    .insert(enrolments)
    .values(values)
    .onConflictDoNothing({
      target: [enrolments.studentId, enrolments.termId, enrolments.courseId],
      where: sql`status = 'enrolled'`,
    })
    .returning();
  return row ?? null;
}

/** Marks an enrolment dropped; null when it was not enrolled any more. */
export async function markEnrolmentDropped(tx: Tx, id: number, at: Date, reason: string): Promise<EnrolmentRow | null> {
  const [row] = await tx
    .update(enrolments)
    .set({ status: 'dropped', droppedAt: at, dropReason: reason })
    .where(and(eq(enrolments.id, id), eq(enrolments.status, 'enrolled')))
    .returning();
  return row ?? null;
}

// ---------------------------------------------------------------- waitlist

/** Puts a student on a class's waitlist; null when they are already waiting for it. */
export async function insertWaitlistEntry(tx: Tx, values: typeof selectionWaitlist.$inferInsert): Promise<WaitlistRow | null> {
  const [row] = await tx
    .insert(selectionWaitlist)
    .values(values)
    .onConflictDoNothing({ target: [selectionWaitlist.studentId, selectionWaitlist.teachingClassId], where: sql`status = 'waiting'` })
    .returning();
  return row ?? null;
}

/** The class's waiting entries in queue order: priority group, then who came first. */
export async function findWaitingEntries(db: H, teachingClassId: number, limit = 50): Promise<WaitlistRow[]> {
  return db
    .select()
    .from(selectionWaitlist)
    .where(and(eq(selectionWaitlist.teachingClassId, teachingClassId), eq(selectionWaitlist.status, 'waiting')))
    .orderBy(asc(selectionWaitlist.priorityGroup), asc(selectionWaitlist.createdAt), asc(selectionWaitlist.id))
    .limit(limit);
}

/** Resolves a waiting entry (promoted, left, closed); null when it was not waiting any more. */
export async function resolveWaitlistEntry(
  tx: Tx,
  id: number,
  status: 'promoted' | 'left' | 'closed',
  at: Date,
  enrolmentId: number | null = null,
): Promise<WaitlistRow | null> {
  const [row] = await tx
    .update(selectionWaitlist)
    .set({ status, resolvedAt: at, enrolmentId })
    .where(and(eq(selectionWaitlist.id, id), eq(selectionWaitlist.status, 'waiting')))
    .returning();
  return row ?? null;
}

/** The student's waiting entries of the classes given (to leave the others' lists on a drop). */
export async function findStudentWaitingEntries(db: H, studentId: number, teachingClassIds: number[]): Promise<WaitlistRow[]> {
  if (!teachingClassIds.length) return [];
  return db
    .select()
    .from(selectionWaitlist)
    .where(
      and(
        eq(selectionWaitlist.studentId, studentId),
        eq(selectionWaitlist.status, 'waiting'),
        inArray(selectionWaitlist.teachingClassId, teachingClassIds),
      ),
    );
}

// ---------------------------------------------------------------- invariants

/** What must never happen, counted from the database (tests and the benchmark read it). */
export interface SeatInvariantReport {
  /** Classes whose counter exceeds capacity (the CHECK makes this impossible; checked anyway). */
  oversold: { teachingClassId: number; enrolled: number; capacity: number }[];
  /** Classes whose counter differs from their enrolled rows. */
  counterMismatch: { teachingClassId: number; enrolled: number; rows: number }[];
  /** Students holding one course twice in a term. */
  duplicateCourses: { studentId: number; courseId: number; n: number }[];
  /** Students whose term totals (classes) differ from their enrolled rows. */
  totalsMismatch: { studentId: number; classes: number; rows: number }[];
}

export async function findSeatInvariantViolations(db: H, termId: number): Promise<SeatInvariantReport> {
  const oversold = await db
    .select({
      teachingClassId: selectionClassSeats.teachingClassId,
      enrolled: selectionClassSeats.enrolled,
      capacity: selectionClassSeats.capacity,
    })
    .from(selectionClassSeats)
    .where(and(eq(selectionClassSeats.termId, termId), sql`${selectionClassSeats.enrolled} > ${selectionClassSeats.capacity}`));
  const rowsOf = sql<number>`count(${enrolments.id})::int`;
  const counterMismatch = await db
    .select({ teachingClassId: selectionClassSeats.teachingClassId, enrolled: selectionClassSeats.enrolled, rows: rowsOf })
    .from(selectionClassSeats)
    .leftJoin(enrolments, and(eq(enrolments.teachingClassId, selectionClassSeats.teachingClassId), eq(enrolments.status, 'enrolled')))
    .where(eq(selectionClassSeats.termId, termId))
    .groupBy(selectionClassSeats.teachingClassId, selectionClassSeats.enrolled)
    .having(sql`${selectionClassSeats.enrolled} <> count(${enrolments.id})`);
  const duplicateCourses = await db
    .select({ studentId: enrolments.studentId, courseId: enrolments.courseId, n: sql<number>`count(*)::int` })
    .from(enrolments)
    .where(and(eq(enrolments.termId, termId), eq(enrolments.status, 'enrolled')))
    .groupBy(enrolments.studentId, enrolments.courseId)
    .having(sql`count(*) > 1`);
  const totalsMismatch = await db
    .select({ studentId: selectionStudentTerms.studentId, classes: selectionStudentTerms.classes, rows: rowsOf })
    .from(selectionStudentTerms)
    .leftJoin(
      enrolments,
      and(
        eq(enrolments.studentId, selectionStudentTerms.studentId),
        eq(enrolments.termId, selectionStudentTerms.termId),
        eq(enrolments.status, 'enrolled'),
      ),
    )
    .where(eq(selectionStudentTerms.termId, termId))
    .groupBy(selectionStudentTerms.studentId, selectionStudentTerms.classes)
    .having(sql`${selectionStudentTerms.classes} <> count(${enrolments.id})`);
  return { oversold, counterMismatch, duplicateCourses, totalsMismatch };
}

/** Every enrolled (student, class) of a term: per-student time conflicts are checked in TypeScript. */
export async function findTermEnrolledPairs(db: H, termId: number) {
  return db
    .select({ studentId: enrolments.studentId, teachingClassId: enrolments.teachingClassId })
    .from(enrolments)
    .where(and(eq(enrolments.termId, termId), eq(enrolments.status, 'enrolled')));
}

// ---------------------------------------------------------------- one request's facts, in one statement

/** What the rule checker needs from this module's tables for one student's request for one class. */
export interface RequestFacts {
  /** The student's enrolled classes of the term, oldest first. */
  enrolled: EnrolmentRow[];
  passedCourseIds: number[];
  /** Courses failed and not passed since (a retake 重修 is allowed for them). */
  failedCourseIds: number[];
  seat: { capacity: number; enrolled: number; held: number } | null;
  /** The highest credit limit approved for the student in this round (超学分申请), or null. */
  approvedMaxCredits: number | null;
  inRound: boolean;
  reserved: (typeof selectionReservedSeats.$inferSelect)[];
  holds: { id: number; reason: string; source: string }[];
  /** Courses the student dropped in this round (see droppedTheCourse). */
  droppedCourseIds: number[];
}

const date = (v: string | null) => (v === null ? null : new Date(v));

function enrolmentOf(j: Record<string, unknown>): EnrolmentRow {
  return {
    id: j.id as number,
    termId: j.term_id as number,
    roundId: j.round_id as number | null,
    studentId: j.student_id as number,
    teachingClassId: j.teaching_class_id as number,
    courseId: j.course_id as number,
    status: j.status as string,
    isRetake: j.is_retake as boolean,
    retakeMode: j.retake_mode as string | null,
    isFixed: j.is_fixed as boolean,
    source: j.source as string,
    reservedSeatId: j.reserved_seat_id as number | null,
    idempotencyKey: j.idempotency_key as string | null,
    createdBy: j.created_by as number | null,
    createdAt: new Date(j.created_at as string),
    droppedAt: date(j.dropped_at as string | null),
    dropReason: j.drop_reason as string | null,
  };
}

/**
 * Every fact of this module's tables one request is checked against — enrolments, passed
 * courses, the seat row, the round's offer, reserved seats, holds, courses dropped in the round —
 * in ONE statement: under the opening rush each round trip of a request's transaction costs both
 * processes CPU, and these reads were ten. Every read of the student's enrolments goes through
 * their (student, term) index: `round_id is not distinct from` keeps the planner off the round's
 * index, which statistics from before the rush call tiny and which by its end holds every
 * enrolment of the round (a scan of thousands of rows per request).
 */
export async function findRequestFacts(
  tx: Tx,
  studentId: number,
  termId: number,
  roundId: number,
  teachingClassId: number,
): Promise<RequestFacts> {
  const q = sql`select
    (select coalesce(json_agg(e order by e.id), '[]') from ${enrolments} e
      where e.student_id = ${studentId} and e.term_id = ${termId} and e.status = 'enrolled') as enrolled,
    (select coalesce(json_agg(distinct d.course_id), '[]') from ${enrolments} d
      where d.student_id = ${studentId} and d.term_id = ${termId} and d.round_id is not distinct from ${roundId}
        and d.status = 'dropped'
        and ${droppedTheCourse(sql`d.drop_reason`)}) as dropped,
    (select coalesce(json_agg(p.course_id), '[]') from ${passedCourses} p where p.student_id = ${studentId}) as passed,
    (select coalesce(json_agg(f.course_id), '[]') from ${failedCourses} f where f.student_id = ${studentId}
      and not exists (select 1 from ${passedCourses} p where p.student_id = f.student_id and p.course_id = f.course_id)) as failed,
    (select json_build_object('capacity', s.capacity, 'enrolled', s.enrolled, 'held', s.held) from ${selectionClassSeats} s
      where s.teaching_class_id = ${teachingClassId}) as seat,
    (select max(c.max_credits)::text from ${selectionCreditRaises} c
      where c.student_id = ${studentId} and c.round_id = ${roundId} and c.status = 'approved') as raised,
    exists(select 1 from ${selectionRoundClasses} rc where rc.round_id = ${roundId} and rc.teaching_class_id = ${teachingClassId}) as in_round,
    (select coalesce(json_agg(r order by r.id), '[]') from ${selectionReservedSeats} r where r.teaching_class_id = ${teachingClassId}) as reserved,
    (select coalesce(json_agg(json_build_object('id', h.id, 'reason', h.reason, 'source', h.source) order by h.id), '[]')
      from ${selectionHolds} h where h.student_id = ${studentId} and h.lifted_at is null) as holds`;
  const [row] = ((await tx.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows;
  // PGlite and node-postgres both parse json columns; a driver that did not would hand text.
  const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  return {
    enrolled: json<Record<string, unknown>[]>(row.enrolled).map(enrolmentOf),
    passedCourseIds: json<number[]>(row.passed),
    failedCourseIds: json<number[]>(row.failed),
    seat: json<{ capacity: number; enrolled: number; held: number } | null>(row.seat),
    approvedMaxCredits: row.raised == null ? null : Number(row.raised),
    inRound: row.in_round === true,
    reserved: json<Record<string, unknown>[]>(row.reserved).map((r) => ({
      id: r.id as number,
      teachingClassId: r.teaching_class_id as number,
      seats: r.seats as number,
      forKind: r.for_kind as string,
      forValue: r.for_value as number,
      until: new Date(r.until as string),
      taken: r.taken as number,
    })),
    holds: json<{ id: number; reason: string; source: string }[]>(row.holds),
    droppedCourseIds: json<number[]>(row.dropped),
  };
}

/** Every failed course recorded for a term (the grades demo keeps the selection demo's failures). */
export async function findTermFailedCourses(db: H, termId: number) {
  return db
    .select({ studentId: failedCourses.studentId, courseId: failedCourses.courseId, score: failedCourses.score })
    .from(failedCourses)
    .where(eq(failedCourses.termId, termId))
    .orderBy(failedCourses.studentId);
}
