import type { Locale, RetakeMode } from '@jiaowu/contracts';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { findCourseSelectionFacts } from '../catalog/catalog.read-model.ts';
import { findSchoolTimeZone } from '../org/school-settings.read-model.ts';
import { checkEnrolment, dropProblems, retakeModeFor, seatsLeftFor, type EnrolmentContext, type Reason } from './core/rules.ts';
import { reasonsForApi, reasonText } from './core/reason-words.ts';
import { newReleaseSeed, releaseAtOf } from './core/release-delay.ts';
import { hasWaiting, holdSeat, type SeatReleaseRow } from './seat-release.repository.ts';
import * as repo from './selection.repository.ts';
import type { EnrolmentRow, SelectionRoundRow, WaitlistRow } from './selection.repository.ts';
import { classNameOf, contextOf, dropContextOf, readClasses, readSnapshot, type SnapshotClass } from './snapshot.ts';

/**
 * 选课事务 — enrol, drop, swap and waitlist promotion, each inside the caller's one short
 * transaction. Every write of a student starts by locking their row of the term, so one
 * student's concurrent requests run one after another (two overlapping classes cannot both pass
 * the check); seats are taken by one conditional UPDATE, and the course-once rule is a unique
 * index. A refusal is thrown as an AppError, which rolls the whole transaction back: a seat taken
 * before a later refusal is never lost, and a swap never leaves the student with neither class.
 */

/**
 * The rule checker: every rule the request breaks, empty when it may go ahead. The real one
 * (core/rules.ts `checkEnrolment`) is the default everywhere; a test may pass another to reach
 * the database's own guards (the unique index, the seat CHECK) past it.
 */
export type SelectionCheck = (ctx: EnrolmentContext) => readonly Reason[];

/**
 * How refusals are worded: the caller's language, and the school's time zone (read from the
 * school settings when not given, only when a refusal is actually worded).
 */
export interface Wording {
  locale?: Locale;
  timeZone?: string;
}

export type EnrolmentSource = 'self' | 'office' | 'prefill' | 'lottery' | 'waitlist';

export interface EnrolInput extends Wording, KnownRound {
  studentId: number;
  roundId: number;
  teachingClassId: number;
  /** The client's Idempotency-Key: a retry with the same key returns the first answer's enrolment. */
  idempotencyKey?: string | null;
  /** Retake 重修 mode asked for; omitted: the one the class implies. */
  retakeMode?: RetakeMode | null;
  check?: SelectionCheck;
  at: Date;
  source?: EnrolmentSource;
  actorUserId?: number | null;
}

export interface EnrolResult {
  enrolment: EnrolmentRow;
  /** True when an earlier request with the same idempotency key made it. */
  replayed: boolean;
}

/**
 * A refusal as the one error type: the first reason's code (409), its sentence from
 * `reasonText` as the message, and every reason in `details.reasons` as the API sends them.
 */
export async function refusalError(tx: Tx, reasons: readonly Reason[], wording: Wording): Promise<AppError> {
  const locale = wording.locale ?? 'zh-CN';
  const zone = wording.timeZone ?? (await findSchoolTimeZone(tx));
  return new AppError(reasons[0].code, {
    params: { reason: reasonText(reasons[0], locale, zone) },
    details: { reasons: reasonsForApi(reasons, locale, zone) },
  });
}

/** Class and course words for the transaction's own errors (not refusals): "CS201-01", "CS201 数据结构". */
function courseWords(c: SnapshotClass) {
  return {
    classCode: c.classCode,
    courseZh: `${c.course.code} ${c.course.name}`,
    courseEn: `${c.course.code} ${c.course.nameEn ?? c.course.name}`,
  };
}

/** The round the caller already read in this transaction, so it is not read twice. */
export interface KnownRound {
  round?: SelectionRoundRow;
}

async function loadRound(tx: Tx, roundId: number, known?: SelectionRoundRow): Promise<SelectionRoundRow> {
  if (known?.id === roundId) return known;
  const round = await repo.findRound(tx, roundId);
  if (!round) throw new AppError('not_found', { params: { what: 'selection round' } });
  return round;
}

/**
 * Gives up an enrolment inside the student's locked transaction: marks it dropped, returns the
 * seat (and the reserved seat it held) and lowers the student's totals. Null when it was no
 * longer enrolled.
 */
export async function giveUp(tx: Tx, enrolment: EnrolmentRow, at: Date, reason: string): Promise<EnrolmentRow | null> {
  const dropped = await repo.markEnrolmentDropped(tx, enrolment.id, at, reason);
  if (!dropped) return null;
  await repo.releaseSeat(tx, dropped.teachingClassId, dropped.reservedSeatId, at);
  const [course] = await findCourseSelectionFacts(tx, [dropped.courseId]);
  await repo.addStudentTermTotals(tx, dropped.studentId, dropped.termId, `-${course.credits}`, -1);
  return dropped;
}

/** A request of a student whose lock is held. */
interface LockedRequest extends Omit<EnrolInput, 'roundId' | keyof Wording> {
  /** A swap or conditional waitlist entry: this enrolment is given up for the target, in the same transaction. */
  replacing?: EnrolmentRow | null;
  /** Why the replaced enrolment was dropped (swap, waitlist_swap). */
  dropReason?: string;
  byOffice?: boolean;
}

type Locked = { enrolment: EnrolmentRow; dropped: EnrolmentRow | null } | { reasons: readonly Reason[] };

/**
 * Checks and takes a seat for a student whose lock is held: snapshot → checker → (give up the
 * replaced enrolment) → seat → row → totals. Returns the reasons instead of throwing, so a
 * promotion can move on to the next student on the list. The checker rules on what the snapshot
 * saw; the conditional seat UPDATE and the unique index stay the authority under concurrency,
 * and their refusals are worded as the checker's would be.
 */
async function enrolLocked(tx: Tx, round: SelectionRoundRow, input: LockedRequest): Promise<Locked> {
  const snapshot = await readSnapshot(tx, round, input.studentId, input.teachingClassId, input.at);
  const ctx = contextOf(snapshot, { retakeMode: input.retakeMode, replacing: input.replacing?.id, byOffice: input.byOffice });
  const reasons = (input.check ?? checkEnrolment)(ctx);
  if (reasons.length) return { reasons };
  const target = snapshot.target;
  const name = classNameOf(target);
  // Even a stand-in checker cannot enrol anybody into a class the round does not offer.
  if (!target.inRound) return { reasons: [{ code: 'class_not_in_round', params: { class: name, round: round.name } }] };
  let dropped: EnrolmentRow | null = null;
  if (input.replacing) {
    dropped = await giveUp(tx, input.replacing, input.at, input.dropReason ?? 'swap');
    if (!dropped) throw new AppError('enrolment_not_active', { params: await wordsOf(tx, input.replacing) });
  }
  const seat = await repo.takeSeat(tx, target.teachingClassId, snapshot.student, input.at);
  if (!seat.taken) return { reasons: [{ code: 'class_full', params: { class: name, capacity: target.seats?.capacity ?? 0 } }] };
  const mode = retakeModeFor(ctx);
  const enrolment = await repo.insertEnrolment(tx, {
    termId: round.termId,
    roundId: round.id,
    studentId: input.studentId,
    teachingClassId: target.teachingClassId,
    courseId: target.courseId,
    isRetake: mode !== null,
    retakeMode: mode,
    source: input.source ?? 'self',
    reservedSeatId: seat.reservedSeatId,
    idempotencyKey: input.idempotencyKey ?? null,
    createdBy: input.actorUserId ?? null,
    createdAt: input.at,
  });
  if (!enrolment) {
    // The unique index saw a class of this course the checker did not (a writer without the
    // student's lock). The seat just taken goes back with the rollback the refusal causes.
    const held = (await repo.findStudentEnrolments(tx, input.studentId, round.termId)).find((e) => e.courseId === target.courseId);
    const other = held ? (await readClasses(tx, round.termId, [held.teachingClassId])).classes.get(held.teachingClassId) : undefined;
    return {
      reasons: [{ code: 'course_already_taken', params: { class: name, other: classNameOf(other ?? target), hasPassed: false } }],
    };
  }
  await repo.addStudentTermTotals(tx, input.studentId, round.termId, target.course.credits, 1);
  return { enrolment, dropped };
}

/**
 * Enrols a student in a teaching class of a round (选课): lock, idempotency, snapshot, check,
 * seat, row, totals — in the caller's transaction. A refusal throws (see `refusalError`),
 * which rolls everything back.
 */
export async function enrol(tx: Tx, input: EnrolInput): Promise<EnrolResult> {
  const round = await loadRound(tx, input.roundId, input.round);
  await repo.lockStudentTerm(tx, input.studentId, round.termId, input.at);
  if (input.idempotencyKey) {
    const earlier = await repo.findEnrolmentByKey(tx, input.studentId, input.idempotencyKey);
    if (earlier) return { enrolment: earlier, replayed: true };
  }
  const result = await enrolLocked(tx, round, input);
  if ('reasons' in result) throw await refusalError(tx, result.reasons, input);
  return { enrolment: result.enrolment, replayed: false };
}

export interface DropInput extends Wording, KnownRound {
  /** The student asking (their own enrolment), or the office acting for them. */
  studentId: number;
  enrolmentId: number;
  roundId: number;
  at: Date;
  /** Checks the waiting students before one is promoted into the freed seat (default: the real checker). */
  check?: SelectionCheck;
  /** The office overrides the round's drop rules and fixed courses (recorded as the reason). */
  byOffice?: boolean;
  reason?: string;
}

export interface DropResult {
  enrolment: EnrolmentRow;
  /** Waitlist entries promoted into freed seats (the dropped class's, and any a conditional entry freed). */
  promoted: WaitlistRow[];
  /** A random-window round held the seat instead: when it comes free. */
  held: SeatReleaseRow | null;
}

/**
 * Where a seat a drop or swap gave back goes: to the class's waitlist at once; or — in a
 * random-window round, when nobody waits and the student (not the office) dropped — it is held
 * until a random moment (seat-release.ts releases it), so a friend waiting to click cannot be
 * handed it (倒课).
 */
async function seatFreed(
  tx: Tx,
  round: SelectionRoundRow,
  dropped: EnrolmentRow,
  at: Date,
  check: SelectionCheck | undefined,
  byOffice: boolean,
): Promise<{ promoted: WaitlistRow[]; held: SeatReleaseRow | null }> {
  if (!byOffice && round.seatRelease === 'random_window' && !(await hasWaiting(tx, dropped.teachingClassId))) {
    const seed = newReleaseSeed();
    const held = await holdSeat(tx, {
      roundId: round.id,
      teachingClassId: dropped.teachingClassId,
      enrolmentId: dropped.id,
      seed,
      droppedAt: at,
      releaseAt: releaseAtOf(at, seed, round.seatReleaseWindowSeconds ?? 0),
    });
    return { promoted: [], held };
  }
  return { promoted: await promoteWaitlist(tx, dropped.teachingClassId, at, check), held: null };
}

async function loadOwnEnrolment(tx: Tx, studentId: number, enrolmentId: number): Promise<EnrolmentRow> {
  const enrolment = await repo.findEnrolment(tx, enrolmentId);
  if (!enrolment || enrolment.studentId !== studentId) throw new AppError('not_found', { params: { what: 'enrolment' } });
  return enrolment;
}

async function wordsOf(tx: Tx, enrolment: EnrolmentRow) {
  const { classes } = await readClasses(tx, enrolment.termId, [enrolment.teachingClassId]);
  return courseWords(classes.get(enrolment.teachingClassId)!);
}

/**
 * Drops an enrolment (退选): the round's drop rules (`dropProblems`: the student's window, drops
 * allowed, the deadline, fixed courses) unless the office acts, then the seat is released and
 * the first waiting student whose rules still pass is promoted, in the same transaction (or the
 * seat is held for a random moment, see `seatFreed`).
 */
export async function drop(tx: Tx, input: DropInput): Promise<DropResult> {
  const round = await loadRound(tx, input.roundId, input.round);
  const first = await loadOwnEnrolment(tx, input.studentId, input.enrolmentId);
  await repo.lockStudentTerm(tx, input.studentId, first.termId, input.at);
  // Re-read under the lock: a parallel drop of the same row may have got there first.
  const enrolment = await loadOwnEnrolment(tx, input.studentId, input.enrolmentId);
  if (enrolment.status !== 'enrolled') throw new AppError('enrolment_not_active', { params: await wordsOf(tx, enrolment) });
  if (!input.byOffice) {
    const snapshot = await readSnapshot(tx, round, input.studentId, enrolment.teachingClassId, input.at);
    // An enrolment of another term is not this round's to drop.
    const ctx = dropContextOf(snapshot, enrolment.id);
    if (!ctx) throw new AppError('not_found', { params: { what: 'enrolment' } });
    const problems = dropProblems(ctx);
    if (problems.length) throw await refusalError(tx, problems, input);
  }
  const dropped = await giveUp(tx, enrolment, input.at, input.reason ?? (input.byOffice ? 'office' : 'self'));
  if (!dropped) throw new AppError('enrolment_not_active', { params: await wordsOf(tx, enrolment) });
  const freed = await seatFreed(tx, round, dropped, input.at, input.check, input.byOffice ?? false);
  return { enrolment: dropped, ...freed };
}

export interface SwapInput extends Wording, KnownRound {
  studentId: number;
  roundId: number;
  dropEnrolmentId: number;
  teachingClassId: number;
  retakeMode?: RetakeMode | null;
  at: Date;
  check?: SelectionCheck;
}

/**
 * Swaps an enrolment for another class (换课): B is checked as if A were dropped (a class of the
 * same course and A's time slot do not count against B; A's drop rules apply), then A is given up
 * and B taken. Any refusal rolls back both: the student keeps A. A's freed seat goes to its
 * waitlist once B is certain.
 */
export async function swap(
  tx: Tx,
  input: SwapInput,
): Promise<{ dropped: EnrolmentRow; enrolment: EnrolmentRow; promoted: WaitlistRow[]; held: SeatReleaseRow | null }> {
  const round = await loadRound(tx, input.roundId, input.round);
  await repo.lockStudentTerm(tx, input.studentId, round.termId, input.at);
  const old = await loadOwnEnrolment(tx, input.studentId, input.dropEnrolmentId);
  if (old.status !== 'enrolled') throw new AppError('enrolment_not_active', { params: await wordsOf(tx, old) });
  if (old.teachingClassId === input.teachingClassId)
    throw new AppError('swap_same_class', { params: { classCode: (await wordsOf(tx, old)).classCode } });
  const result = await enrolLocked(tx, round, { ...input, source: 'self', replacing: old, dropReason: 'swap' });
  if ('reasons' in result) throw await refusalError(tx, result.reasons, input);
  const freed = await seatFreed(tx, round, result.dropped!, input.at, input.check, false);
  return { dropped: result.dropped!, enrolment: result.enrolment, ...freed };
}

export interface JoinWaitlistInput extends Wording, KnownRound {
  studentId: number;
  roundId: number;
  teachingClassId: number;
  at: Date;
  check?: SelectionCheck;
  /** Lower is served first (plan-required 1, graduating 2, others 3). */
  priorityGroup: number;
  /** Conditional entry: give up this enrolment when promoted. */
  dropEnrolmentId?: number | null;
}

/** A full class is what a waitlist is for: these reasons do not keep a student off it. */
const FULLNESS: ReadonlySet<Reason['code']> = new Set(['class_full', 'reserved_seats']);

/**
 * Puts a student on the waitlist of a full class (候补). Every other rule must pass now (a
 * conditional entry is checked as if its class were given up, that class's drop rules
 * included); they are checked again on promotion. A class with a seat this student could take
 * is refused as `class_not_full`.
 */
export async function joinWaitlist(tx: Tx, input: JoinWaitlistInput): Promise<WaitlistRow> {
  const round = await loadRound(tx, input.roundId, input.round);
  await repo.lockStudentTerm(tx, input.studentId, round.termId, input.at);
  const snapshot = await readSnapshot(tx, round, input.studentId, input.teachingClassId, input.at);
  if (input.dropEnrolmentId != null) {
    const given = await loadOwnEnrolment(tx, input.studentId, input.dropEnrolmentId);
    if (given.status !== 'enrolled') throw new AppError('enrolment_not_active', { params: await wordsOf(tx, given) });
  }
  const ctx = contextOf(snapshot, { replacing: input.dropEnrolmentId });
  const reasons = (input.check ?? checkEnrolment)(ctx).filter((r) => !FULLNESS.has(r.code));
  if (!snapshot.target.inRound && !reasons.some((r) => r.code === 'class_not_in_round'))
    reasons.push({ code: 'class_not_in_round', params: { class: classNameOf(snapshot.target), round: round.name } });
  if (reasons.length) throw await refusalError(tx, reasons, input);
  const words = courseWords(snapshot.target);
  if (seatsLeftFor(ctx.student, ctx.target, ctx.now) > 0) throw new AppError('class_not_full', { params: words });
  const entry = await repo.insertWaitlistEntry(tx, {
    roundId: round.id,
    teachingClassId: input.teachingClassId,
    studentId: input.studentId,
    priorityGroup: input.priorityGroup,
    dropEnrolmentId: input.dropEnrolmentId ?? null,
    createdAt: input.at,
  });
  if (!entry) throw new AppError('already_waitlisted', { params: words });
  return entry;
}

/** A chain of conditional entries (B frees A, A's list frees C …) is followed this deep. */
const MAX_PROMOTION_DEPTH = 4;

/** Rolls a candidate's savepoint back; `full` ends the promotion (no seat left to give). */
class SkipCandidate extends Error {
  readonly full: boolean;
  constructor(full = false) {
    super(full ? 'class full' : 'candidate refused');
    this.full = full;
  }
}

/**
 * Fills the class's free seats from its waitlist, in queue order: each candidate is locked
 * without waiting (one busy with a request of their own keeps their place for the next seat),
 * checked afresh by the real rules and enrolled inside a savepoint, so a refused candidate leaves
 * no trace. A conditional entry gives up its other enrolment in the same savepoint, and that
 * freed seat is offered to its own waitlist in turn.
 */
export async function promoteWaitlist(
  tx: Tx,
  teachingClassId: number,
  at: Date,
  check: SelectionCheck = checkEnrolment,
  depth = 0,
): Promise<WaitlistRow[]> {
  const promoted: WaitlistRow[] = [];
  if (depth >= MAX_PROMOTION_DEPTH) return promoted;
  const freed: number[] = [];
  for (const entry of await repo.findWaitingEntries(tx, teachingClassId)) {
    const round = await repo.findRound(tx, entry.roundId);
    if (!round) continue;
    if (!(await repo.tryLockStudentTerm(tx, entry.studentId, round.termId, at))) continue;
    let outcome: { entry: WaitlistRow; freedClassId: number | null } | null = null;
    try {
      outcome = await tx.transaction(async (sp) => {
        let replacing: EnrolmentRow | null = null;
        if (entry.dropEnrolmentId != null) {
          replacing = await repo.findEnrolment(sp, entry.dropEnrolmentId);
          if (!replacing || replacing.status !== 'enrolled') throw new SkipCandidate();
        }
        const result = await enrolLocked(sp, round, {
          studentId: entry.studentId,
          teachingClassId,
          check,
          at,
          source: 'waitlist',
          replacing,
          dropReason: 'waitlist_swap',
        });
        if ('reasons' in result) throw new SkipCandidate(result.reasons.some((r) => r.code === 'class_full'));
        const resolved = await repo.resolveWaitlistEntry(sp, entry.id, 'promoted', at, result.enrolment.id);
        return { entry: resolved!, freedClassId: result.dropped?.teachingClassId ?? null };
      });
    } catch (e) {
      if (!(e instanceof SkipCandidate)) throw e;
      if (e.full) break;
    }
    if (outcome) {
      promoted.push(outcome.entry);
      if (outcome.freedClassId != null) freed.push(outcome.freedClassId);
    }
  }
  for (const classId of freed) promoted.push(...(await promoteWaitlist(tx, classId, at, check, depth + 1)));
  return promoted;
}
