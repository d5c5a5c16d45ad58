import {
  type EnrolmentInput,
  type Locale,
  type MyEnrolment,
  type MyEnrolments,
  type RoundClassItem,
  type SwapInput,
  type WaitlistInput,
  type roundClassesQuery,
} from '@jiaowu/contracts';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { findPlanRequiredCourseIds } from '../catalog/catalog.read-model.ts';
import { findStudentSelectionFacts, findTermById } from '../org/org.read-model.ts';
import { findSchoolTimeZone } from '../org/school-settings.read-model.ts';
import { filterClasses, listRoundClasses } from './class-list.ts';
import { drop, enrol, joinWaitlist, swap } from './enrol.ts';
import { assertNotLocked, presentRound } from './round-present.ts';
import * as rounds from './rounds.repository.ts';
import * as repo from './selection.repository.ts';
import { readClasses } from './snapshot.ts';
import type { SelectionStats } from './stats.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import { notifyPromotions } from './notices.ts';
import { readStudentSelection } from './student-selection.read.ts';

/**
 * 学生选课 — what a student does in a round: list the classes with their eligibility, select,
 * drop, swap, wait, and read their own selection. Each write is one transaction (enrol.ts) with
 * its audit record written last, so the audit chain's lock is held for the shortest time.
 */

type ClassesQuery = z.output<typeof roundClassesQuery>;

/** Lottery choices of a student as /me lists them (the draw service owns them). */
export type ChoicesOf = (h: Db | Tx, studentId: number, termId: number, locale: Locale) => Promise<MyEnrolment[]>;

export interface StudentSelectionDeps {
  db: Db;
  clock: () => Date;
  stats: SelectionStats;
  choicesOf?: ChoicesOf;
  notify?: Notify;
}

/** The student the actor is: selecting for oneself needs a student record. */
export function ownStudentId(actor: Actor): number {
  requireAccess(actor, 'selection.take');
  if (actor.studentId === null) throw new AppError('not_a_student');
  return actor.studentId;
}

/** The student owning what a request names by id: an account without a student record owns nothing (404, like another's id). */
function ownerStudentId(actor: Actor, what: string): number {
  requireAccess(actor, 'selection.take');
  if (actor.studentId === null) throw new AppError('not_found', { params: { what } });
  return actor.studentId;
}

async function loadRound(h: Db | Tx, roundId: number) {
  const round = await repo.findRound(h, roundId);
  if (!round) throw new AppError('not_found', { params: { what: 'selection round' } });
  return round;
}

/** Refusals are counted by rule for the office's live dashboard, then passed on. */
async function counted<T>(stats: SelectionStats, roundId: number, work: () => Promise<T>): Promise<T> {
  try {
    const out = await work();
    stats.request(roundId, null);
    return out;
  } catch (e) {
    stats.request(roundId, e instanceof AppError ? e.code : 'internal');
    throw e;
  }
}

export function createStudentSelectionService({ db, clock, stats, choicesOf, notify }: StudentSelectionDeps) {
  /** Waitlist priority 候补优先级: 1 the course is required by the student's plan, 2 graduating cohort, 3 others. */
  async function priorityGroup(tx: Tx, studentId: number, termId: number, teachingClassId: number): Promise<number> {
    const student = await findStudentSelectionFacts(tx, studentId);
    const [cls] = (await readClasses(tx, termId, [teachingClassId])).classes.values();
    if (student && cls && (await findPlanRequiredCourseIds(tx, student.majorId, student.cohort)).includes(cls.courseId)) return 1;
    const term = await findTermById(tx, termId);
    // A four-year programme: the cohort that started four academic years before this term's year graduates.
    const termYear = term ? Number(term.academicYear.slice(0, 4)) : NaN;
    return student && Number.isFinite(termYear) && termYear - student.cohort >= 3 ? 2 : 3;
  }

  return {
    /** GET /api/selection/rounds/:id/classes — for a student their eligibility; for the office the seats. */
    async classes(actor: Actor, roundId: number, query: ClassesQuery, locale: Locale): Promise<{ items: RoundClassItem[]; total: number }> {
      requireAccess(actor, 'selection.read');
      const at = clock();
      return db.transaction(async (tx) => {
        const round = await loadRound(tx, roundId);
        const zone = await findSchoolTimeZone(tx);
        const list = filterClasses(await listRoundClasses(tx, round, actor.studentId, at, locale, zone), query);
        const start = (query.page - 1) * query.pageSize;
        return { items: list.slice(start, start + query.pageSize).map((l) => l.item), total: list.length };
      });
    },

    /** POST /api/selection/enrolments 选课. */
    async enrol(actor: Actor, input: EnrolmentInput, idempotencyKey: string | null, locale: Locale) {
      const studentId = ownStudentId(actor);
      return counted(stats, input.roundId, () =>
        db.transaction(async (tx) => {
          const round = await loadRound(tx, input.roundId);
          assertNotLocked(round);
          if (round.mode === 'lottery') throw new AppError('round_wrong_mode', { params: { round: round.name } });
          const { enrolment, replayed } = await enrol(tx, {
            round,
            studentId,
            roundId: input.roundId,
            teachingClassId: input.teachingClassId,
            retakeMode: input.retakeMode ?? null,
            idempotencyKey,
            at: clock(),
            actorUserId: actor.userId,
            locale,
          });
          if (!replayed)
            await writeAudit(tx, actor, {
              action: 'enrolments.enrol',
              entityType: 'enrolments',
              entityId: enrolment.id,
              after: { studentId, roundId: round.id, teachingClassId: enrolment.teachingClassId, isRetake: enrolment.isRetake },
            });
          return {
            id: enrolment.id,
            teachingClassId: enrolment.teachingClassId,
            courseId: enrolment.courseId,
            status: enrolment.status === 'dropped' ? ('dropped' as const) : ('enrolled' as const),
            replayed,
          };
        }),
      );
    },

    /** DELETE /api/selection/enrolments/:id 退选: the drop rules of the round given, or of the student's open round of the term. */
    async drop(actor: Actor, enrolmentId: number, roundId: number | undefined, locale: Locale) {
      const studentId = ownerStudentId(actor, 'enrolment');
      const at = clock();
      const enrolment = await repo.findEnrolment(db, enrolmentId);
      if (!enrolment || enrolment.studentId !== studentId) throw new AppError('not_found', { params: { what: 'enrolment' } });
      let rid = roundId;
      if (rid === undefined) {
        const open = (await rounds.listRounds(db, enrolment.termId)).find((r) => presentRound(r, at).isOpen);
        rid = open?.id ?? enrolment.roundId ?? undefined;
      }
      if (rid === undefined) throw new AppError('not_found', { params: { what: 'selection round' } });
      const theRound = rid;
      return counted(stats, theRound, () =>
        db.transaction(async (tx) => {
          const round = await loadRound(tx, theRound);
          assertNotLocked(round);
          const { enrolment: dropped, promoted, held } = await drop(tx, { round, studentId, enrolmentId, roundId: theRound, at, locale });
          await notifyPromotions(tx, notify, round.termId, promoted);
          await writeAudit(tx, actor, [
            ...promoted.map((p) => ({
              action: 'enrolments.promoted',
              entityType: 'enrolments',
              entityId: p.enrolmentId,
              after: { studentId: p.studentId, teachingClassId: p.teachingClassId, waitlistEntryId: p.id },
            })),
            {
              action: 'enrolments.drop',
              entityType: 'enrolments',
              entityId: dropped.id,
              before: { status: 'enrolled' },
              after: {
                status: 'dropped',
                roundId: theRound,
                teachingClassId: dropped.teachingClassId,
                ...(held ? { releaseAt: held.releaseAt.toISOString(), releaseSeed: held.seed } : {}),
              },
            },
          ]);
          return { id: dropped.id, status: 'dropped' as const, promoted: promoted.length };
        }),
      );
    },

    /** POST /api/selection/swap 换课: B for A in one transaction; a refusal keeps A. */
    async swap(actor: Actor, input: SwapInput, locale: Locale) {
      const studentId = ownStudentId(actor);
      return counted(stats, input.roundId, () =>
        db.transaction(async (tx) => {
          const round = await loadRound(tx, input.roundId);
          assertNotLocked(round);
          if (round.mode === 'lottery') throw new AppError('round_wrong_mode', { params: { round: round.name } });
          const out = await swap(tx, { round, studentId, ...input, retakeMode: input.retakeMode ?? null, at: clock(), locale });
          await notifyPromotions(tx, notify, round.termId, out.promoted);
          await writeAudit(tx, actor, {
            action: 'enrolments.swap',
            entityType: 'enrolments',
            entityId: out.enrolment.id,
            before: { enrolmentId: out.dropped.id, teachingClassId: out.dropped.teachingClassId },
            after: {
              enrolmentId: out.enrolment.id,
              teachingClassId: out.enrolment.teachingClassId,
              roundId: round.id,
              ...(out.held ? { releaseAt: out.held.releaseAt.toISOString(), releaseSeed: out.held.seed } : {}),
            },
          });
          return {
            id: out.enrolment.id,
            teachingClassId: out.enrolment.teachingClassId,
            courseId: out.enrolment.courseId,
            status: 'enrolled' as const,
            replayed: false,
          };
        }),
      );
    },

    /** POST /api/selection/waitlist 候补 (conditional with dropEnrolmentId). */
    async joinWaitlist(actor: Actor, input: WaitlistInput, locale: Locale) {
      const studentId = ownStudentId(actor);
      return counted(stats, input.roundId, () =>
        db.transaction(async (tx) => {
          const round = await loadRound(tx, input.roundId);
          assertNotLocked(round);
          if (round.mode === 'lottery') throw new AppError('round_wrong_mode', { params: { round: round.name } });
          const entry = await joinWaitlist(tx, {
            round,
            studentId,
            roundId: input.roundId,
            teachingClassId: input.teachingClassId,
            dropEnrolmentId: input.dropEnrolmentId ?? null,
            priorityGroup: await priorityGroup(tx, studentId, round.termId, input.teachingClassId),
            at: clock(),
            locale,
          });
          await writeAudit(tx, actor, {
            action: 'selection_waitlist.join',
            entityType: 'selection_waitlist',
            entityId: entry.id,
            after: {
              studentId,
              teachingClassId: entry.teachingClassId,
              priorityGroup: entry.priorityGroup,
              dropEnrolmentId: entry.dropEnrolmentId,
            },
          });
          const mine = await rounds.findStudentWaitlist(tx, studentId, round.termId);
          return { id: entry.id, teachingClassId: entry.teachingClassId, position: mine.find((m) => m.id === entry.id)?.position ?? 1 };
        }),
      );
    },

    /** DELETE /api/selection/waitlist/:id — leave a list (own entries only). */
    async leaveWaitlist(actor: Actor, entryId: number) {
      const studentId = ownerStudentId(actor, 'waitlist entry');
      return db.transaction(async (tx) => {
        const entry = await rounds.findWaitlistEntry(tx, entryId);
        if (!entry || entry.studentId !== studentId) throw new AppError('not_found', { params: { what: 'waitlist entry' } });
        const left = await repo.resolveWaitlistEntry(tx, entryId, 'left', clock());
        if (left)
          await writeAudit(tx, actor, {
            action: 'selection_waitlist.leave',
            entityType: 'selection_waitlist',
            entityId: entryId,
            before: { status: 'waiting' },
            after: { status: 'left' },
          });
        return { id: entryId, left: left !== null };
      });
    },

    /** GET /api/selection/me?termId= — enrolments, waitlist places and lottery choices of the term. */
    async me(actor: Actor, termId: number, locale: Locale): Promise<MyEnrolments> {
      const studentId = ownStudentId(actor);
      return db.transaction(async (tx) => {
        const { items, totalCredits, holds } = await readStudentSelection(tx, studentId, termId, locale, choicesOf);
        return { items, totalCredits, holds };
      });
    },
  };
}

export type StudentSelectionService = ReturnType<typeof createStudentSelectionService>;
