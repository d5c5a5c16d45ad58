import type { Tx } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { findCourseSelectionFacts } from '../catalog/catalog.read-model.ts';
import { findStudentUserIds } from '../iam/iam.read-model.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import { findOrgNames } from '../org/org.read-model.ts';
import { findTeachingClassesByIds } from '../offerings/offerings.read-model.ts';
import * as tools from './class-tools.repository.ts';
import { checkEnrolment, type Reason } from './core/rules.ts';
import { giveUp, promoteWaitlist } from './enrol.ts';
import { notifyPromotions } from './notices.ts';
import { listRounds } from './rounds.repository.ts';
import * as repo from './selection.repository.ts';
import type { EnrolmentRow, SelectionRoundRow } from './selection.repository.ts';
import { contextOf, readClasses, readSnapshot, type SnapshotClass } from './snapshot.ts';

/**
 * 停开 and 合班 — cancelling an under-enrolled class and merging one class into another, each
 * inside the caller's one transaction. Students are locked one by one with the same lock their own
 * requests take (their term row), so a cancel never races a student's swap of that class; the
 * cancelled class's seat row ends at capacity 0, which refuses any take still in flight.
 */

/** "CS201-01" and the course in both languages, for errors and notices. */
export function classWords(c: SnapshotClass) {
  return {
    classCode: c.classCode,
    courseZh: `${c.course.code} ${c.course.name}`,
    courseEn: `${c.course.code} ${c.course.nameEn ?? c.course.name}`,
  };
}

export async function loadClass(tx: Tx, termId: number, teachingClassId: number): Promise<SnapshotClass> {
  const c = (await readClasses(tx, termId, [teachingClassId])).classes.get(teachingClassId);
  if (!c || c.termId !== termId) throw new AppError('not_found', { params: { what: 'teaching class' } });
  return c;
}

/** Which reasons make an alternative unusable: no seat, a clash, not offered (the rest the student can sort out). */
const BLOCKING: ReadonlySet<Reason['code']> = new Set(['class_full', 'reserved_seats', 'time_conflict', 'class_not_in_round']);

/**
 * The other classes of the course open in the round that this student could take now: a seat
 * left and no time conflict, by the enrol path's own snapshot and rule checker.
 */
async function alternativesFor(tx: Tx, round: SelectionRoundRow, studentId: number, candidates: number[], at: Date) {
  const out: SnapshotClass[] = [];
  for (const id of candidates) {
    const snapshot = await readSnapshot(tx, round, studentId, id, at);
    if (!checkEnrolment(contextOf(snapshot)).some((r) => BLOCKING.has(r.code))) out.push(snapshot.target);
  }
  return out;
}

/**
 * Drops every enrolment of a class being taken out of selection, locking each student first,
 * until its seat row can be closed (capacity 0). `handle` does the per-student work. A take
 * that committed between two passes is found by the next pass.
 */
async function emptyClass(tx: Tx, c: SnapshotClass, at: Date, handle: (e: EnrolmentRow) => Promise<void>) {
  for (let pass = 0; pass < 5; pass++) {
    const rows = await lockStudentsOf(tx, c, at);
    for (const e of rows) {
      const current = await repo.findEnrolment(tx, e.id);
      if (current?.status === 'enrolled') await handle(current);
    }
    if (await tools.closeSeats(tx, c.teachingClassId, at)) return;
  }
  throw new AppError('conflict');
}

/**
 * Locks every enrolled student of the class (their term row, as their own requests do), in
 * student order, BEFORE any seat row is touched: a student swapping out of the class holds their
 * lock and then wants the seat row, so taking the seat row first could deadlock with them.
 */
async function lockStudentsOf(tx: Tx, c: SnapshotClass, at: Date): Promise<EnrolmentRow[]> {
  const rows = await tools.findClassEnrolments(tx, c.teachingClassId);
  for (const e of [...rows].sort((a, b) => a.studentId - b.studentId)) await repo.lockStudentTerm(tx, e.studentId, e.termId, at);
  return rows;
}

export interface CancelDeps {
  notify?: Notify;
}

/**
 * 停开: out of every round, its waitlist closed, every student dropped (reason `class_cancelled`,
 * seats and totals as a drop) and told which classes of the course they could take instead.
 */
export async function cancelClass(tx: Tx, deps: CancelDeps, round: SelectionRoundRow, c: SnapshotClass, reason: string, at: Date) {
  await tools.removeClassFromRounds(tx, c.teachingClassId);
  const closedWaitlistEntries = await tools.closeClassWaitlist(tx, c.teachingClassId, at);
  const dropped: EnrolmentRow[] = [];
  await emptyClass(tx, c, at, async (e) => {
    const d = await giveUp(tx, e, at, 'class_cancelled');
    if (d) dropped.push(d);
  });
  const sameCourse = (await findTeachingClassesByIds(tx, await tools.findRoundClassIds(tx, round.id)))
    .filter((x) => x.courseId === c.courseId && x.id !== c.teachingClassId)
    .map((x) => x.id);
  const users = await findStudentUserIds(
    tx,
    dropped.map((d) => d.studentId),
  );
  let notified = 0;
  for (const d of dropped) {
    const alternatives = await alternativesFor(tx, round, d.studentId, sameCourse, at);
    const userIds = users.get(d.studentId) ?? [];
    if (!deps.notify || !userIds.length) continue;
    const codes = alternatives.map((a) => a.classCode);
    await deps.notify(tx, {
      userIds,
      kind: 'selection_class_cancelled',
      params: {
        ...noticeWords(c),
        reason,
        alternatives: codes.length
          ? {
              'zh-CN': `本轮可改选同一课程的其他教学班：${codes.join('、')}。`,
              en: `Classes of this course you could take instead: ${codes.join(', ')}.`,
            }
          : { 'zh-CN': '本轮暂无可改选的同一课程教学班。', en: 'No other class of this course has a seat for you in this round.' },
      },
      link: '/selection',
    });
    notified += 1;
  }
  return { dropped, closedWaitlistEntries, notified };
}

function noticeWords(c: SnapshotClass) {
  const w = classWords(c);
  return { course: { 'zh-CN': w.courseZh, en: w.courseEn }, class: c.classCode };
}

export interface MergeInput {
  into: SnapshotClass;
  from: SnapshotClass;
  capacity?: number;
  override: boolean;
  reason: string;
}

/**
 * 合班: every student of B moves into A (same flags, round and course; source `office`), then B is
 * closed as a cancel without alternatives. A's capacity is raised first when the office says so;
 * the seat take of each move is the conditional UPDATE, so A is never oversold even against
 * students enrolling in A meanwhile. Students who would clash in A refuse the merge unless
 * `override`; any refusal rolls everything back.
 */
export async function mergeClasses(tx: Tx, deps: CancelDeps, input: MergeInput, at: Date) {
  const { into, from } = input;
  await lockStudentsOf(tx, from, at);
  const seatA = await tools.lockSeat(tx, into.teachingClassId);
  const seatB = await repo.findSeat(tx, from.teachingClassId);
  if (!seatA) throw new AppError('class_not_in_selection', { params: { classCode: into.classCode } });
  if (!seatB) throw new AppError('class_not_in_selection', { params: { classCode: from.classCode } });
  let capacity = seatA.capacity;
  if (input.capacity !== undefined && input.capacity !== capacity) {
    const row = await tools.setCapacityIfHolds(tx, into.teachingClassId, input.capacity, at);
    if (!row) throw new AppError('capacity_below_enrolled', { params: { ...classWords(into), enrolled: seatA.enrolled } });
    capacity = row.capacity;
  }
  const needed = seatA.enrolled + seatB.enrolled;
  const overCapacity = () =>
    new AppError('merge_over_capacity', { params: { classCode: into.classCode, needed, capacity }, details: { needed, capacity } });
  if (needed > capacity) throw overCapacity();

  await tools.removeClassFromRounds(tx, from.teachingClassId);
  await tools.closeClassWaitlist(tx, from.teachingClassId, at);
  const [course] = await findCourseSelectionFacts(tx, [from.courseId]);
  const moved: { studentId: number; enrolmentId: number }[] = [];
  const conflicts: number[] = [];
  const roundOfEnrolment = new Map<number, SelectionRoundRow | null>();
  await emptyClass(tx, from, at, async (e) => {
    if (await clashesIn(tx, e, into, at, roundOfEnrolment)) conflicts.push(e.studentId);
    const dropped = await giveUp(tx, e, at, 'class_merged');
    if (!dropped) return;
    if (!(await tools.takePlainSeat(tx, into.teachingClassId, at))) throw overCapacity();
    const row = await repo.insertEnrolment(tx, {
      termId: e.termId,
      roundId: e.roundId,
      studentId: e.studentId,
      teachingClassId: into.teachingClassId,
      courseId: into.courseId,
      isRetake: e.isRetake,
      retakeMode: e.retakeMode,
      isFixed: e.isFixed,
      source: 'office',
      createdAt: at,
    });
    // Same course: B was just given up, so only a writer outside the student's lock could hold it.
    if (!row) throw new AppError('conflict');
    await repo.addStudentTermTotals(tx, e.studentId, e.termId, course.credits, 1);
    moved.push({ studentId: e.studentId, enrolmentId: row.id });
  });
  if (conflicts.length && !input.override) {
    const names = (await findOrgNames(tx, 'students', conflicts)).map((s) => `${s.code} ${s.name}`);
    throw new AppError('merge_time_conflict', {
      params: { count: conflicts.length, classCode: into.classCode, students: names.join('、') },
      details: { studentIds: conflicts },
    });
  }
  // A raised capacity may leave seats beyond B's students: A's own waitlist gets them.
  const promoted = await promoteWaitlist(tx, into.teachingClassId, at);
  await notifyPromotions(tx, deps.notify, into.termId, promoted);
  await notifyMerged(tx, deps, input, moved);
  return { moved, conflicts, capacity, promoted };
}

/** Whether the student's other classes clash with A, by the enrol path's checker (B given up). */
async function clashesIn(tx: Tx, e: EnrolmentRow, into: SnapshotClass, at: Date, rounds: Map<number, SelectionRoundRow | null>) {
  const roundId = e.roundId ?? -1;
  if (!rounds.has(roundId)) rounds.set(roundId, e.roundId === null ? null : await repo.findRound(tx, e.roundId));
  const round = rounds.get(roundId);
  // An enrolment outside any round (the office's own) is checked against a round of its term.
  const rule = round ?? (await findAnyRound(tx, e.termId));
  if (!rule) return false;
  const snapshot = await readSnapshot(tx, rule, e.studentId, into.teachingClassId, at);
  return checkEnrolment(contextOf(snapshot, { replacing: e.id, byOffice: true })).some((r) => r.code === 'time_conflict');
}

async function findAnyRound(tx: Tx, termId: number) {
  return (await listRounds(tx, termId))[0] ?? null;
}

async function notifyMerged(tx: Tx, deps: CancelDeps, input: MergeInput, moved: { studentId: number }[]) {
  if (!deps.notify || !moved.length) return;
  const users = await findStudentUserIds(
    tx,
    moved.map((m) => m.studentId),
  );
  const userIds = [...users.values()].flat();
  if (!userIds.length) return;
  const { course } = noticeWords(input.from);
  await deps.notify(tx, {
    userIds,
    kind: 'selection_class_merged',
    params: { course, from: input.from.classCode, into: input.into.classCode, reason: input.reason },
    link: '/selection',
  });
}
