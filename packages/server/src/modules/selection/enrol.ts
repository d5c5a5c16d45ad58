import type { Tx } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { findCourseSelectionFacts } from '../catalog/catalog.read-model.ts';
import { findTeachingClassesByIds } from '../offerings/offerings.read-model.ts';
import { findStudentSelectionFacts } from '../org/org.read-model.ts';
import type { VersionLecture } from '../timetable/versions.repository.ts';
import * as repo from './selection.repository.ts';
import type { EnrolmentRow, SelectionRoundRow, WaitlistRow } from './selection.repository.ts';

/**
 * 选课事务 — enrol, drop, swap and waitlist promotion, each inside the caller's one short
 * transaction. Every write of a student starts by locking their row of the term, so one
 * student's concurrent requests run one after another (two overlapping classes cannot both pass
 * the check); seats are taken by one conditional UPDATE, and the course-once rule is a unique
 * index. A refusal is thrown as an AppError, which rolls the whole transaction back: a seat taken
 * before a later refusal is never lost, and a swap never leaves the student with neither class.
 */

/** Codes a selection check may refuse with (each has words in contracts/errors.ts). */
export type SelectionRefusalCode =
  | 'class_full'
  | 'course_already_taken'
  | 'time_conflict'
  | 'credit_limit'
  | 'class_limit'
  | 'prerequisite_missing'
  | 'hold'
  | 'window_closed'
  | 'not_in_round'
  | 'class_not_in_round'
  | 'gender_restricted'
  | 'retake_not_allowed'
  | 'reselect_after_drop';

/** One rule a request breaks, with the words' parameters (see the message of its code). */
export interface SelectionRefusal {
  code: SelectionRefusalCode;
  params: Record<string, unknown>;
}

/** A teaching class as the check sees it: its course and its lectures in the published timetable. */
export interface SnapshotClass {
  teachingClassId: number;
  classCode: string;
  courseId: number;
  course: { code: string; name: string; nameEn: string | null; credits: string; category: string; prerequisites: unknown };
  lectures: VersionLecture[];
}

/** Everything a selection check may rule on, read under the student's lock. */
export interface EnrolmentSnapshot {
  at: Date;
  round: SelectionRoundRow;
  student: NonNullable<Awaited<ReturnType<typeof findStudentSelectionFacts>>>;
  /** The student's totals of the term before this request (credits as exact decimal text). */
  totals: { credits: string; classes: number };
  /** Classes the student holds in the term (without one a swap or conditional waitlist entry gives up). */
  enrolled: (SnapshotClass & { enrolmentId: number; isRetake: boolean; isFixed: boolean })[];
  target: SnapshotClass & {
    inRound: boolean;
    seats: { capacity: number; enrolled: number } | null;
  };
  holds: { id: number; reason: string; source: string }[];
  passedCourseIds: number[];
  /** Courses dropped in this round (the no-reselect rule), swaps excepted. */
  droppedCourseIdsInRound: number[];
}

/**
 * The rule checker (core/rules.ts): pure, given the snapshot, every rule the request breaks —
 * empty when it may go ahead. Capacity is not its business: the seat update decides that.
 */
export type SelectionCheck = (snapshot: EnrolmentSnapshot) => readonly SelectionRefusal[];

export type EnrolmentSource = 'self' | 'office' | 'prefill' | 'lottery' | 'waitlist';

export interface EnrolInput {
  studentId: number;
  roundId: number;
  teachingClassId: number;
  /** The client's Idempotency-Key: a retry with the same key returns the first answer's enrolment. */
  idempotencyKey?: string | null;
  check: SelectionCheck;
  at: Date;
  source?: EnrolmentSource;
  actorUserId?: number | null;
}

export interface EnrolResult {
  enrolment: EnrolmentRow;
  /** True when an earlier request with the same idempotency key made it. */
  replayed: boolean;
}

/** Course words for messages: "CS201 数据结构" / "CS201 Data Structures". */
function courseWords(c: SnapshotClass) {
  return {
    classCode: c.classCode,
    courseZh: `${c.course.code} ${c.course.name}`,
    courseEn: `${c.course.code} ${c.course.nameEn ?? c.course.name}`,
  };
}

function refuse(r: SelectionRefusal): never {
  throw new AppError(r.code, { params: r.params, details: { refusals: [r] } });
}

/** Reads the classes with their course facts and lectures, in the order given. */
async function readClasses(tx: Tx, termId: number, ids: number[]): Promise<Map<number, SnapshotClass & { termId: number }>> {
  const classes = await findTeachingClassesByIds(tx, ids);
  const courses = new Map(
    (
      await findCourseSelectionFacts(
        tx,
        classes.map((c) => c.courseId),
      )
    ).map((c) => [c.id, c]),
  );
  const lectures = await repo.findClassLectures(tx, termId, ids);
  const out = new Map<number, SnapshotClass & { termId: number }>();
  for (const c of classes) {
    const course = courses.get(c.courseId)!;
    out.set(c.id, {
      teachingClassId: c.id,
      termId: c.termId,
      classCode: c.code,
      courseId: c.courseId,
      course: {
        code: course.code,
        name: course.name,
        nameEn: course.nameEn,
        credits: course.credits,
        category: course.category,
        prerequisites: course.prerequisites,
      },
      lectures: lectures.get(c.id) ?? [],
    });
  }
  return out;
}

/** The snapshot of one student's request, read after their lock is held. */
export async function readSnapshot(
  tx: Tx,
  round: SelectionRoundRow,
  studentId: number,
  teachingClassId: number,
  at: Date,
): Promise<EnrolmentSnapshot> {
  const student = await findStudentSelectionFacts(tx, studentId);
  if (!student) throw new AppError('not_found', { params: { what: 'student' } });
  const rows = await repo.findStudentEnrolments(tx, studentId, round.termId);
  const classes = await readClasses(tx, round.termId, [teachingClassId, ...rows.map((e) => e.teachingClassId)]);
  const target = classes.get(teachingClassId);
  if (!target) throw new AppError('not_found', { params: { what: 'teaching class' } });
  const totals = await repo.lockStudentTerm(tx, studentId, round.termId, at); // already locked: re-reads the totals
  const seat = await repo.findSeat(tx, teachingClassId);
  return {
    at,
    round,
    student,
    totals: { credits: totals.credits, classes: totals.classes },
    enrolled: rows.map((e) => ({ ...classes.get(e.teachingClassId)!, enrolmentId: e.id, isRetake: e.isRetake, isFixed: e.isFixed })),
    target: {
      ...target,
      inRound: target.termId === round.termId && (await repo.isClassInRound(tx, round.id, teachingClassId)),
      seats: seat ? { capacity: seat.capacity, enrolled: seat.enrolled } : null,
    },
    holds: (await repo.findActiveHolds(tx, studentId)).map((h) => ({ id: h.id, reason: h.reason, source: h.source })),
    passedCourseIds: await repo.findPassedCourseIds(tx, studentId),
    droppedCourseIdsInRound: await repo.findDroppedCourseIds(tx, studentId, round.id),
  };
}

async function loadRound(tx: Tx, roundId: number): Promise<SelectionRoundRow> {
  const round = await repo.findRound(tx, roundId);
  if (!round) throw new AppError('not_found', { params: { what: 'selection round' } });
  return round;
}

/**
 * Gives up an enrolment inside the student's locked transaction: marks it dropped, returns the
 * seat (and the reserved seat it held) and lowers the student's totals. Null when it was no
 * longer enrolled.
 */
async function giveUp(tx: Tx, enrolment: EnrolmentRow, at: Date, reason: string): Promise<EnrolmentRow | null> {
  const dropped = await repo.markEnrolmentDropped(tx, enrolment.id, at, reason);
  if (!dropped) return null;
  await repo.releaseSeat(tx, dropped.teachingClassId, dropped.reservedSeatId, at);
  const [course] = await findCourseSelectionFacts(tx, [dropped.courseId]);
  await repo.addStudentTermTotals(tx, dropped.studentId, dropped.termId, `-${course.credits}`, -1);
  return dropped;
}

/**
 * Checks and takes a seat for a student whose lock is held. Returns the refusals instead of
 * throwing, so a promotion can move on to the next student on the list.
 */
async function enrolLocked(
  tx: Tx,
  round: SelectionRoundRow,
  input: Omit<EnrolInput, 'roundId'>,
): Promise<{ enrolment: EnrolmentRow } | { refusals: readonly SelectionRefusal[] }> {
  const snapshot = await readSnapshot(tx, round, input.studentId, input.teachingClassId, input.at);
  const refusals = input.check(snapshot);
  if (refusals.length) return { refusals };
  const target = snapshot.target;
  if (!target.inRound) {
    return { refusals: [{ code: 'class_not_in_round', params: { ...courseWords(target), roundName: round.name } }] };
  }
  const seat = await repo.takeSeat(tx, target.teachingClassId, snapshot.student, input.at);
  if (!seat.taken) {
    return { refusals: [{ code: 'class_full', params: { ...courseWords(target), capacity: target.seats?.capacity ?? 0 } }] };
  }
  const enrolment = await repo.insertEnrolment(tx, {
    termId: round.termId,
    roundId: round.id,
    studentId: input.studentId,
    teachingClassId: target.teachingClassId,
    courseId: target.courseId,
    source: input.source ?? 'self',
    reservedSeatId: seat.reservedSeatId,
    idempotencyKey: input.idempotencyKey ?? null,
    createdBy: input.actorUserId ?? null,
    createdAt: input.at,
  });
  if (!enrolment) {
    // The seat just taken is given back by the rollback the caller's refusal causes.
    const held = snapshot.enrolled.find((e) => e.courseId === target.courseId);
    return {
      refusals: [{ code: 'course_already_taken', params: { ...courseWords(target), takenClassCode: held?.classCode ?? target.classCode } }],
    };
  }
  await repo.addStudentTermTotals(tx, input.studentId, round.termId, target.course.credits, 1);
  return { enrolment };
}

/**
 * Enrols a student in a teaching class of a round (选课): lock, idempotency, snapshot, check,
 * seat, row, totals — in the caller's transaction. Throws an AppError with the first refusal
 * (the rest in `details.refusals`), which rolls everything back.
 */
export async function enrol(tx: Tx, input: EnrolInput): Promise<EnrolResult> {
  const round = await loadRound(tx, input.roundId);
  await repo.lockStudentTerm(tx, input.studentId, round.termId, input.at);
  if (input.idempotencyKey) {
    const earlier = await repo.findEnrolmentByKey(tx, input.studentId, input.idempotencyKey);
    if (earlier) return { enrolment: earlier, replayed: true };
  }
  const result = await enrolLocked(tx, round, input);
  if ('refusals' in result)
    throw new AppError(result.refusals[0].code, { params: result.refusals[0].params, details: { refusals: result.refusals } });
  return { enrolment: result.enrolment, replayed: false };
}

export interface DropInput {
  /** The student asking (their own enrolment), or the office acting for them. */
  studentId: number;
  enrolmentId: number;
  roundId: number;
  at: Date;
  /** Checks the waiting students before one is promoted into the freed seat. */
  check: SelectionCheck;
  /** The office overrides the round's drop rules and fixed courses (recorded as the reason). */
  byOffice?: boolean;
  reason?: string;
}

export interface DropResult {
  enrolment: EnrolmentRow;
  /** Waitlist entries promoted into freed seats (the dropped class's, and any a conditional entry freed). */
  promoted: WaitlistRow[];
}

/** The round's drop rules for a student's own drop (the office is not bound by them). */
function dropRefusal(round: SelectionRoundRow, enrolment: EnrolmentRow, words: ReturnType<typeof courseWords>, at: Date): never | void {
  if (enrolment.isFixed) throw new AppError('enrolment_fixed', { params: words });
  if (!round.dropsAllowed) throw new AppError('drop_not_allowed', { params: { roundName: round.name } });
  const deadline = round.dropDeadline ?? round.closesAt;
  if (at.getTime() >= deadline.getTime()) {
    throw new AppError('drop_deadline_passed', { params: { ...words, roundName: round.name, deadline: chinaTime(deadline) } });
  }
}

/** "2026-09-01 08:00" in China time (the school's clock), for messages. */
function chinaTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

async function loadOwnEnrolment(tx: Tx, studentId: number, enrolmentId: number): Promise<EnrolmentRow> {
  const enrolment = await repo.findEnrolment(tx, enrolmentId);
  if (!enrolment || enrolment.studentId !== studentId) throw new AppError('not_found', { params: { what: 'enrolment' } });
  return enrolment;
}

async function wordsOf(tx: Tx, termId: number, teachingClassId: number) {
  return courseWords((await readClasses(tx, termId, [teachingClassId])).get(teachingClassId)!);
}

/**
 * Drops an enrolment (退选): releases its seat and promotes the first waiting student whose
 * rules still pass, in the same transaction.
 */
export async function drop(tx: Tx, input: DropInput): Promise<DropResult> {
  const round = await loadRound(tx, input.roundId);
  const first = await loadOwnEnrolment(tx, input.studentId, input.enrolmentId);
  await repo.lockStudentTerm(tx, input.studentId, first.termId, input.at);
  // Re-read under the lock: a parallel drop of the same row may have got there first.
  const enrolment = await loadOwnEnrolment(tx, input.studentId, input.enrolmentId);
  const words = await wordsOf(tx, enrolment.termId, enrolment.teachingClassId);
  if (enrolment.status !== 'enrolled') throw new AppError('enrolment_not_active', { params: words });
  if (!input.byOffice) dropRefusal(round, enrolment, words, input.at);
  const dropped = await giveUp(tx, enrolment, input.at, input.reason ?? (input.byOffice ? 'office' : 'self'));
  if (!dropped) throw new AppError('enrolment_not_active', { params: words });
  const promoted = await promoteWaitlist(tx, dropped.teachingClassId, input.check, input.at);
  return { enrolment: dropped, promoted };
}

export interface SwapInput {
  studentId: number;
  roundId: number;
  dropEnrolmentId: number;
  teachingClassId: number;
  at: Date;
  check: SelectionCheck;
}

/**
 * Swaps an enrolment for another class (换课): A is dropped first — so a class of the same course
 * and A's own time slot do not count against B — then B is checked and taken. Any refusal rolls
 * back both: the student keeps A. A's freed seat goes to its waitlist once B is certain.
 */
export async function swap(tx: Tx, input: SwapInput): Promise<{ dropped: EnrolmentRow; enrolment: EnrolmentRow; promoted: WaitlistRow[] }> {
  const round = await loadRound(tx, input.roundId);
  await repo.lockStudentTerm(tx, input.studentId, round.termId, input.at);
  const old = await loadOwnEnrolment(tx, input.studentId, input.dropEnrolmentId);
  const words = await wordsOf(tx, old.termId, old.teachingClassId);
  if (old.status !== 'enrolled') throw new AppError('enrolment_not_active', { params: words });
  if (old.teachingClassId === input.teachingClassId) throw new AppError('swap_same_class', { params: { classCode: words.classCode } });
  dropRefusal(round, old, words, input.at);
  const dropped = (await giveUp(tx, old, input.at, 'swap'))!;
  const result = await enrolLocked(tx, round, { ...input, source: 'self' });
  if ('refusals' in result)
    throw new AppError(result.refusals[0].code, { params: result.refusals[0].params, details: { refusals: result.refusals } });
  const promoted = await promoteWaitlist(tx, dropped.teachingClassId, input.check, input.at);
  return { dropped, enrolment: result.enrolment, promoted };
}

export interface JoinWaitlistInput {
  studentId: number;
  roundId: number;
  teachingClassId: number;
  at: Date;
  check: SelectionCheck;
  /** Lower is served first (plan-required 1, graduating 2, others 3). */
  priorityGroup: number;
  /** Conditional entry: give up this enrolment when promoted. */
  dropEnrolmentId?: number | null;
}

/**
 * Puts a student on the waitlist of a full class (候补). Their rules must pass now (a conditional
 * entry is checked as if its class were already given up); they are checked again on promotion.
 */
export async function joinWaitlist(tx: Tx, input: JoinWaitlistInput): Promise<WaitlistRow> {
  const round = await loadRound(tx, input.roundId);
  await repo.lockStudentTerm(tx, input.studentId, round.termId, input.at);
  const snapshot = await readSnapshot(tx, round, input.studentId, input.teachingClassId, input.at);
  const words = courseWords(snapshot.target);
  if (input.dropEnrolmentId != null) {
    const given = await loadOwnEnrolment(tx, input.studentId, input.dropEnrolmentId);
    if (given.status !== 'enrolled')
      throw new AppError('enrolment_not_active', { params: await wordsOf(tx, given.termId, given.teachingClassId) });
    snapshot.enrolled = snapshot.enrolled.filter((e) => e.enrolmentId !== input.dropEnrolmentId);
  }
  const refusals = input.check(snapshot);
  if (refusals.length) refuse(refusals[0]);
  if (!snapshot.target.inRound) refuse({ code: 'class_not_in_round', params: { ...words, roundName: round.name } });
  const seats = snapshot.target.seats;
  if (seats && seats.enrolled < seats.capacity) throw new AppError('class_not_full', { params: words });
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
 * checked afresh and enrolled inside a savepoint, so a refused candidate leaves no trace. A
 * conditional entry gives up its other enrolment in the same savepoint, and that freed seat is
 * offered to its own waitlist in turn.
 */
export async function promoteWaitlist(tx: Tx, teachingClassId: number, check: SelectionCheck, at: Date, depth = 0): Promise<WaitlistRow[]> {
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
        let freedClassId: number | null = null;
        if (entry.dropEnrolmentId != null) {
          const given = await repo.findEnrolment(sp, entry.dropEnrolmentId);
          if (!given || given.status !== 'enrolled') throw new SkipCandidate();
          await giveUp(sp, given, at, 'waitlist_swap');
          freedClassId = given.teachingClassId;
        }
        const result = await enrolLocked(sp, round, { studentId: entry.studentId, teachingClassId, check, at, source: 'waitlist' });
        if ('refusals' in result) throw new SkipCandidate(result.refusals.some((r) => r.code === 'class_full'));
        const resolved = await repo.resolveWaitlistEntry(sp, entry.id, 'promoted', at, result.enrolment.id);
        return { entry: resolved!, freedClassId };
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
  for (const classId of freed) promoted.push(...(await promoteWaitlist(tx, classId, check, at, depth + 1)));
  return promoted;
}
