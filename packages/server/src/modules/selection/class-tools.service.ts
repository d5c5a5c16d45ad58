import type {
  CancelClassInput,
  CancelPreview,
  Locale,
  OfficeStudentSelection,
  ReservedSeat,
  ReservedSeatInput,
  ReservedSeatList,
  mergeClassesInput,
} from '@jiaowu/contracts';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { requireAccess, scopeCovers, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import { findTeachingClassesByIds } from '../offerings/offerings.read-model.ts';
import { findOrgNames, findStudentSelectionFacts } from '../org/org.read-model.ts';
import { cancelClass, classWords, loadClass, mergeClasses } from './class-cancel.ts';
import * as tools from './class-tools.repository.ts';
import type { ReservedSeatRow } from './class-tools.repository.ts';
import { promoteWaitlist } from './enrol.ts';
import { notifyPromotions } from './notices.ts';
import { listRounds } from './rounds.repository.ts';
import * as repo from './selection.repository.ts';
import { readStudentSelection } from './student-selection.read.ts';
import type { ChoicesOf } from './student.service.ts';

/**
 * 选课管理 · 教学班 — the office's class-level tools during selection: capacity, reserved seats
 * 预留名额, cancelling 停开, merging 合班, and one student's whole selection. Permission first; each
 * write is one transaction with its audit record; seat counts are decided by conditional UPDATEs
 * on the class's seat row (class-tools.repository.ts), never by a read in application code.
 */

export interface ClassToolsDeps {
  db: Db;
  clock: () => Date;
  notify?: Notify;
  choicesOf?: ChoicesOf;
}

/** Cohort years a reservation may name (a typo of 20233 is refused, not stored). */
const COHORT_MIN = 1950;
const COHORT_MAX = 2100;

export function createClassToolsService({ db, clock, notify, choicesOf }: ClassToolsDeps) {
  /** The class and its term; 404 for an unknown id. */
  async function classOf(tx: Tx, teachingClassId: number) {
    const [row] = await findTeachingClassesByIds(tx, [teachingClassId]);
    if (!row) throw new AppError('not_found', { params: { what: 'teaching class' } });
    return loadClass(tx, row.termId, teachingClassId);
  }

  async function openRound(tx: Tx, roundId: number, termId: number) {
    const round = await repo.findRound(tx, roundId);
    if (!round || round.termId !== termId) throw new AppError('not_found', { params: { what: 'selection round' } });
    if (round.status === 'locked') throw new AppError('round_locked', { params: { round: round.name } });
    return round;
  }

  /** Whom a row is for, in words: the major's or college's name; a cohort is worded by the web ("2023级"). */
  async function present(tx: Db | Tx, rows: ReservedSeatRow[]): Promise<ReservedSeat[]> {
    const idsOf = (kind: string) => rows.filter((r) => r.forKind === kind).map((r) => r.forValue);
    const majors = new Map((await findOrgNames(tx, 'majors', idsOf('major'))).map((m) => [m.id, m.name]));
    const colleges = new Map((await findOrgNames(tx, 'colleges', idsOf('college'))).map((c) => [c.id, c.name]));
    return rows.map((r) => {
      const kind = r.forKind === 'major' || r.forKind === 'college' ? r.forKind : 'cohort';
      const forName = kind === 'cohort' ? String(r.forValue) : ((kind === 'major' ? majors : colleges).get(r.forValue) ?? '');
      return { ...r, forKind: kind, forName, until: r.until.toISOString() };
    });
  }

  /** The reservation's group exists, and its seats fit the class beside the other reservations. */
  async function checkReservation(tx: Tx, teachingClassId: number, input: ReservedSeatInput, exceptId: number | null, at: Date) {
    const c = await classOf(tx, teachingClassId);
    const seat = await tools.lockSeat(tx, teachingClassId);
    if (!seat) throw new AppError('class_not_in_selection', { params: { classCode: c.classCode } });
    const known =
      input.forKind === 'cohort'
        ? input.forValue >= COHORT_MIN && input.forValue <= COHORT_MAX
        : (await findOrgNames(tx, input.forKind === 'major' ? 'majors' : 'colleges', [input.forValue])).length === 1;
    if (!known) throw new AppError('validation_failed', { fields: [{ field: 'forValue', code: 'reference_not_found' }] });
    const others = await tools.sumActiveReserved(tx, teachingClassId, at, exceptId);
    const total = others + (new Date(input.until) > at ? input.seats : 0);
    if (total > seat.capacity)
      throw new AppError('reserved_over_capacity', {
        params: { classCode: c.classCode, total, capacity: seat.capacity },
        fields: [{ field: 'seats', code: 'too_big', params: { maximum: Math.max(0, seat.capacity - others) } }],
      });
    return c;
  }

  return {
    /** PATCH …/classes/:id/capacity — never below `enrolled`; a raise fills the new seats from the waitlist at once. */
    async changeCapacity(actor: Actor, teachingClassId: number, capacity: number) {
      requireAccess(actor, 'selection.manage');
      return db.transaction(async (tx) => {
        const at = clock();
        const c = await classOf(tx, teachingClassId);
        const before = await tools.lockSeat(tx, teachingClassId);
        if (!before) throw new AppError('class_not_in_selection', { params: { classCode: c.classCode } });
        const row = await tools.setCapacityIfHolds(tx, teachingClassId, capacity, at);
        if (!row)
          throw new AppError('capacity_below_enrolled', {
            params: { ...classWords(c), enrolled: before.enrolled + before.held },
            fields: [{ field: 'capacity', code: 'too_small', params: { minimum: before.enrolled + before.held } }],
          });
        const promoted = capacity > before.capacity ? await promoteWaitlist(tx, teachingClassId, at) : [];
        await notifyPromotions(tx, notify, c.termId, promoted);
        const after = (await repo.findSeat(tx, teachingClassId))!;
        await writeAudit(tx, actor, {
          action: 'teaching_classes.selection_capacity',
          entityType: 'teaching_classes',
          entityId: teachingClassId,
          before: { capacity: before.capacity },
          after: { capacity, promoted: promoted.map((p) => p.studentId) },
        });
        return { teachingClassId, capacity: after.capacity, enrolled: after.enrolled, promoted: promoted.length };
      });
    },

    async reservedSeats(actor: Actor, teachingClassId: number): Promise<ReservedSeatList> {
      requireAccess(actor, 'selection.manage');
      return db.transaction(async (tx) => {
        const c = await classOf(tx, teachingClassId);
        const seat = await repo.findSeat(tx, teachingClassId);
        if (!seat) throw new AppError('class_not_in_selection', { params: { classCode: c.classCode } });
        const items = await present(tx, await tools.listReservedSeats(tx, teachingClassId));
        return { capacity: seat.capacity, enrolled: seat.enrolled, items };
      });
    },

    async addReserved(actor: Actor, teachingClassId: number, input: ReservedSeatInput): Promise<ReservedSeat> {
      requireAccess(actor, 'selection.manage');
      return db.transaction(async (tx) => {
        await checkReservation(tx, teachingClassId, input, null, clock());
        const row = await tools.insertReservedSeat(tx, { teachingClassId, ...input, until: new Date(input.until) });
        await writeAudit(tx, actor, {
          action: 'selection_reserved_seats.create',
          entityType: 'selection_reserved_seats',
          entityId: row.id,
          after: { teachingClassId, ...input },
        });
        return (await present(tx, [row]))[0];
      });
    },

    async updateReserved(actor: Actor, id: number, input: ReservedSeatInput): Promise<ReservedSeat> {
      requireAccess(actor, 'selection.manage');
      return db.transaction(async (tx) => {
        const before = await tools.findReservedSeat(tx, id);
        if (!before) throw new AppError('not_found', { params: { what: 'reserved seats' } });
        await checkReservation(tx, before.teachingClassId, input, id, clock());
        // Conditional on `taken`: a student taking one of these seats meanwhile is counted.
        const row = await tools.updateReservedSeat(tx, id, { ...input, until: new Date(input.until) });
        if (!row) {
          const now = await tools.findReservedSeat(tx, id);
          throw new AppError('reserved_below_taken', {
            params: { taken: now?.taken ?? before.taken },
            fields: [{ field: 'seats', code: 'too_small', params: { minimum: now?.taken ?? before.taken } }],
          });
        }
        await writeAudit(tx, actor, {
          action: 'selection_reserved_seats.update',
          entityType: 'selection_reserved_seats',
          entityId: id,
          before: { seats: before.seats, forKind: before.forKind, forValue: before.forValue, until: before.until.toISOString() },
          after: input,
        });
        return (await present(tx, [row]))[0];
      });
    },

    /** Deleting opens the seats to everybody; students holding one keep their place. */
    async removeReserved(actor: Actor, id: number) {
      requireAccess(actor, 'selection.manage');
      return db.transaction(async (tx) => {
        const row = await tools.deleteReservedSeat(tx, id);
        if (!row) throw new AppError('not_found', { params: { what: 'reserved seats' } });
        await writeAudit(tx, actor, {
          action: 'selection_reserved_seats.delete',
          entityType: 'selection_reserved_seats',
          entityId: id,
          before: {
            teachingClassId: row.teachingClassId,
            seats: row.seats,
            taken: row.taken,
            forKind: row.forKind,
            forValue: row.forValue,
          },
        });
        return { id };
      });
    },

    /** What a cancel would touch: the office confirms with these numbers first. */
    async cancelPreview(actor: Actor, teachingClassId: number, roundId: number): Promise<CancelPreview> {
      requireAccess(actor, 'selection.manage');
      return db.transaction(async (tx) => {
        const c = await classOf(tx, teachingClassId);
        await openRound(tx, roundId, c.termId);
        const seat = await repo.findSeat(tx, teachingClassId);
        if (!seat) throw new AppError('class_not_in_selection', { params: { classCode: c.classCode } });
        return { teachingClassId, code: c.classCode, enrolled: seat.enrolled, waiting: await tools.countWaiting(tx, teachingClassId) };
      });
    },

    async cancel(actor: Actor, teachingClassId: number, input: CancelClassInput) {
      requireAccess(actor, 'selection.manage');
      return db.transaction(async (tx) => {
        const at = clock();
        const c = await classOf(tx, teachingClassId);
        const round = await openRound(tx, input.roundId, c.termId);
        if (!(await repo.findSeat(tx, teachingClassId)))
          throw new AppError('class_not_in_selection', { params: { classCode: c.classCode } });
        const out = await cancelClass(tx, { notify }, round, c, input.reason, at);
        await writeAudit(tx, actor, {
          action: 'teaching_classes.selection_cancel',
          entityType: 'teaching_classes',
          entityId: teachingClassId,
          after: {
            roundId: round.id,
            reason: input.reason,
            dropped: out.dropped.length,
            studentIds: out.dropped.map((d) => d.studentId),
            closedWaitlistEntries: out.closedWaitlistEntries,
          },
        });
        return { teachingClassId, dropped: out.dropped.length, closedWaitlistEntries: out.closedWaitlistEntries, notified: out.notified };
      });
    },

    async merge(actor: Actor, input: z.output<typeof mergeClassesInput>) {
      requireAccess(actor, 'selection.manage');
      return db.transaction(async (tx) => {
        const at = clock();
        const into = await classOf(tx, input.intoClassId);
        const from = await classOf(tx, input.fromClassId);
        if (into.teachingClassId === from.teachingClassId)
          throw new AppError('merge_same_class', { params: { classCode: into.classCode } });
        if (into.courseId !== from.courseId || into.termId !== from.termId)
          throw new AppError('merge_not_same_course', { params: { into: into.classCode, from: from.classCode } });
        await openRound(tx, input.roundId, into.termId);
        const out = await mergeClasses(
          tx,
          { notify },
          { into, from, capacity: input.capacity, override: input.override, reason: input.reason },
          at,
        );
        await writeAudit(tx, actor, {
          action: 'teaching_classes.selection_merge',
          entityType: 'teaching_classes',
          entityId: into.teachingClassId,
          after: {
            intoClassId: into.teachingClassId,
            fromClassId: from.teachingClassId,
            capacity: out.capacity,
            reason: input.reason,
            override: input.override,
            moved: out.moved.length,
            studentIds: out.moved.map((m) => m.studentId),
            conflicts: out.conflicts.length,
            promoted: out.promoted.map((p) => p.studentId),
          },
        });
        return {
          intoClassId: into.teachingClassId,
          fromClassId: from.teachingClassId,
          moved: out.moved.length,
          capacity: out.capacity,
          conflicts: out.conflicts.length,
        };
      });
    },

    /**
     * GET …/students/:studentId/selection — the student's term as /me shows it, plus how each
     * enrolment was made and in which round. The office sees every student; a college's secretary
     * only their college's (selection.read at college scope).
     */
    async studentSelection(actor: Actor, studentId: number, termId: number, locale: Locale): Promise<OfficeStudentSelection> {
      const scope = requireAccess(actor, 'selection.read');
      return db.transaction(async (tx) => {
        const student = await findStudentSelectionFacts(tx, studentId);
        if (!student) throw new AppError('not_found', { params: { what: 'student' } });
        const own = scope.kind === 'some' && scope.selfStudentId === studentId;
        if (!own && !scopeCovers(scope, { collegeId: student.collegeId })) throw new AppError('forbidden');
        const mine = await readStudentSelection(tx, studentId, termId, locale, choicesOf);
        const source = new Map(mine.enrolled.map((e) => [e.id, e.source]));
        const roundNames = new Map((await listRounds(tx, termId)).map((r) => [r.id, r.name]));
        return {
          studentId,
          studentNo: student.code,
          studentName: student.name,
          items: mine.items.map((i) => ({
            ...i,
            source: i.status === 'enrolled' ? (source.get(i.id) ?? null) : null,
            roundName: i.roundId === null ? null : (roundNames.get(i.roundId) ?? null),
          })),
          totalCredits: mine.totalCredits,
          holds: mine.holds,
        };
      });
    },
  };
}

export type ClassToolsService = ReturnType<typeof createClassToolsService>;
