import {
  roundProblems,
  type holdInput,
  type Locale,
  type Round,
  type RoundDashboard,
  type roundInput,
  type roundUpdate,
  type officeEnrolInput,
} from '@jiaowu/contracts';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { findTeachingClassesByIds, findTermClassCapacities } from '../offerings/offerings.read-model.ts';
import { findOrgNames, findStudentSelectionFacts, findTermById } from '../org/org.read-model.ts';
import { drop, enrol } from './enrol.ts';
import { presentRound } from './round-present.ts';
import * as rounds from './rounds.repository.ts';
import * as repo from './selection.repository.ts';
import { readClasses } from './snapshot.ts';
import type { SelectionStats } from './stats.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import { notifyPromotions } from './notices.ts';

/**
 * 选课管理 — the office's side: rounds and the classes they open, the live dashboard, holds
 * 选课限制 (also set by the finance system with an API token), and enrolments made or dropped for a
 * student with a recorded reason. Every write is one transaction with its audit record.
 */

type RoundIn = z.output<typeof roundInput>;
type RoundPatch = z.output<typeof roundUpdate>;
type OfficeEnrol = z.output<typeof officeEnrolInput>;

const at = (s: string | null | undefined) => (s ? new Date(s) : null);

/** The stored columns of a round's fields (jsonb in the contracts' shapes; seat release split in two). */
function roundColumns(r: Partial<Omit<RoundIn, 'termId'>>) {
  const out: Record<string, unknown> = {};
  if (r.name !== undefined) out.name = r.name;
  if (r.mode !== undefined) out.mode = r.mode;
  if (r.opensAt !== undefined) out.opensAt = at(r.opensAt);
  if (r.closesAt !== undefined) out.closesAt = at(r.closesAt);
  if (r.staggered !== undefined) out.staggered = r.staggered;
  if (r.scope !== undefined) out.scope = r.scope;
  if (r.isPilot !== undefined) out.isPilot = r.isPilot;
  if (r.creditLimits !== undefined) out.creditLimits = r.creditLimits;
  if (r.maxClasses !== undefined) out.maxClasses = r.maxClasses;
  if (r.dropsAllowed !== undefined) out.dropsAllowed = r.dropsAllowed;
  if (r.dropDeadline !== undefined) out.dropDeadline = at(r.dropDeadline);
  if (r.noReselectAfterDrop !== undefined) out.noReselectAfterDrop = r.noReselectAfterDrop;
  if (r.retakeModes !== undefined) out.retakeModes = r.retakeModes;
  if (r.seatRelease !== undefined) {
    out.seatRelease = r.seatRelease.mode;
    out.seatReleaseWindowSeconds = r.seatRelease.mode === 'random_window' ? r.seatRelease.windowMinutes * 60 : null;
  }
  if (r.notice !== undefined) out.notice = r.notice || null;
  if (r.noticeDaysBefore !== undefined) out.noticeDaysBefore = r.noticeDaysBefore;
  if (r.minClassSize !== undefined) out.minClassSize = r.minClassSize;
  return out;
}

export interface RoundsDeps {
  db: Db;
  clock: () => Date;
  stats: SelectionStats;
  notify?: Notify;
}

export function createRoundsService({ db, clock, stats, notify }: RoundsDeps) {
  async function loadRound(h: Db | Tx, roundId: number) {
    const round = await repo.findRound(h, roundId);
    if (!round) throw new AppError('not_found', { params: { what: 'selection round' } });
    return round;
  }

  return {
    async list(actor: Actor, termId: number): Promise<{ items: Round[] }> {
      requireAccess(actor, 'selection.read');
      const now = clock();
      return { items: (await rounds.listRounds(db, termId)).map((r) => presentRound(r, now)) };
    },

    async get(actor: Actor, roundId: number): Promise<Round> {
      requireAccess(actor, 'selection.read');
      return presentRound(await loadRound(db, roundId), clock());
    },

    async create(actor: Actor, input: RoundIn): Promise<Round> {
      requireAccess(actor, 'selection.manage');
      return db.transaction(async (tx) => {
        if (!(await findTermById(tx, input.termId)))
          throw new AppError('reference_not_found', { fields: [{ field: 'termId', code: 'reference_not_found' }] });
        const row = await repo.insertRound(tx, {
          termId: input.termId,
          ...(roundColumns(input) as Omit<Parameters<typeof repo.insertRound>[1], 'termId'>),
          createdBy: actor.userId,
        });
        await writeAudit(tx, actor, { action: 'selection_rounds.create', entityType: 'selection_rounds', entityId: row.id, after: input });
        return presentRound(row, clock());
      });
    },

    async update(actor: Actor, roundId: number, patch: RoundPatch): Promise<Round> {
      requireAccess(actor, 'selection.manage');
      return db.transaction(async (tx) => {
        const before = await rounds.lockRound(tx, roundId);
        if (!before) throw new AppError('not_found', { params: { what: 'selection round' } });
        if (before.status === 'locked') throw new AppError('round_locked', { params: { round: before.name } });
        const { version, ...fields } = patch;
        // The merged round must hold together too (closes after opens, deadline inside, …).
        const merged = { ...presentRound(before, clock()), ...fields };
        const problems = roundProblems(merged);
        if (problems.length)
          throw new AppError('validation_failed', { fields: problems.map((p) => ({ field: p.path.join('.'), code: p.message })) });
        const row = await rounds.updateRound(tx, roundId, version, { ...roundColumns(fields), updatedAt: clock() });
        if (!row) throw new AppError('stale');
        await writeAudit(tx, actor, {
          action: 'selection_rounds.update',
          entityType: 'selection_rounds',
          entityId: roundId,
          before: presentRound(before, clock()),
          after: fields,
        });
        return presentRound(row, clock());
      });
    },

    async remove(actor: Actor, roundId: number) {
      requireAccess(actor, 'selection.manage');
      return db.transaction(async (tx) => {
        const round = await rounds.lockRound(tx, roundId);
        if (!round) throw new AppError('not_found', { params: { what: 'selection round' } });
        if (await rounds.roundHasActivity(tx, roundId)) throw new AppError('round_in_use', { params: { round: round.name } });
        await rounds.deleteRound(tx, roundId);
        await writeAudit(tx, actor, {
          action: 'selection_rounds.delete',
          entityType: 'selection_rounds',
          entityId: roundId,
          before: presentRound(round, clock()),
        });
        return { id: roundId };
      });
    },

    /** PUT /api/selection/rounds/:id/classes — which classes are open; their seat rows are made from the classes' capacities. */
    async setClasses(actor: Actor, roundId: number, teachingClassIds: number[]) {
      requireAccess(actor, 'selection.manage');
      return db.transaction(async (tx) => {
        const round = await rounds.lockRound(tx, roundId);
        if (!round) throw new AppError('not_found', { params: { what: 'selection round' } });
        if (round.status === 'locked') throw new AppError('round_locked', { params: { round: round.name } });
        const ids = [...new Set(teachingClassIds)];
        const found = await findTeachingClassesByIds(tx, ids);
        const ok = new Set(found.filter((c) => c.termId === round.termId).map((c) => c.id));
        const bad = ids.findIndex((id) => !ok.has(id));
        if (bad >= 0)
          throw new AppError('validation_failed', { fields: [{ field: `teachingClassIds.${bad}`, code: 'reference_not_found' }] });
        const before = await rounds.findRoundClassIds(tx, roundId);
        await rounds.replaceRoundClasses(tx, roundId, ids);
        const now = clock();
        await repo.syncTermSeats(tx, round.termId, await findTermClassCapacities(tx, round.termId), now);
        await writeAudit(tx, actor, {
          action: 'selection_rounds.classes',
          entityType: 'selection_rounds',
          entityId: roundId,
          before: { teachingClassIds: before },
          after: { teachingClassIds: ids },
        });
        return { roundId, teachingClassIds: ids };
      });
    },

    async dashboard(actor: Actor, roundId: number, locale: Locale): Promise<RoundDashboard> {
      requireAccess(actor, 'selection.manage');
      const round = await loadRound(db, roundId);
      const counts = await rounds.roundCounts(db, roundId, round.termId);
      const top = await rounds.topWaitlists(db, roundId);
      const { classes } = await db.transaction((tx) =>
        readClasses(
          tx,
          round.termId,
          top.map((t) => t.teachingClassId),
        ),
      );
      const live = await stats.read(db, roundId);
      return {
        roundId,
        enrolled: counts.enrolled,
        students: counts.students,
        fullClasses: counts.full,
        classes: counts.classes,
        waiting: counts.waiting,
        ...live,
        topWaitlists: top.map((t) => {
          const c = classes.get(t.teachingClassId);
          return {
            teachingClassId: t.teachingClassId,
            code: c?.classCode ?? '',
            courseName: c ? (locale === 'en' ? (c.course.nameEn ?? c.course.name) : c.course.name) : '',
            waiting: t.waiting,
          };
        }),
      };
    },

    // ------------------------------------------------------------ holds 选课限制

    async holds(actor: Actor, studentId?: number) {
      requireAccess(actor, 'selection.holds');
      const rows = await rounds.listHolds(db, studentId);
      const names = new Map(
        (
          await findOrgNames(
            db,
            'students',
            rows.map((h) => h.studentId),
          )
        ).map((s) => [s.id, s]),
      );
      return {
        items: rows.map((h) => ({
          ...h,
          studentNo: names.get(h.studentId)?.code ?? '',
          studentName: names.get(h.studentId)?.name ?? '',
          source: h.source === 'api' ? ('api' as const) : ('admin' as const),
          createdAt: h.createdAt.toISOString(),
        })),
      };
    },

    async addHold(actor: Actor, input: z.output<typeof holdInput>) {
      requireAccess(actor, 'selection.holds');
      return db.transaction(async (tx) => {
        const student = await findStudentSelectionFacts(tx, input.studentId);
        if (!student) throw new AppError('validation_failed', { fields: [{ field: 'studentId', code: 'reference_not_found' }] });
        // Another system's token is recorded as such, whatever it claims.
        const source = actor.kind === 'token' ? 'api' : (input.source ?? 'admin');
        const row = await rounds.insertHold(tx, {
          studentId: input.studentId,
          reason: input.reason,
          source,
          createdBy: actor.userId,
          createdAt: clock(),
        });
        await writeAudit(tx, actor, {
          action: 'selection_holds.create',
          entityType: 'selection_holds',
          entityId: row.id,
          after: { studentId: row.studentId, reason: row.reason, source },
        });
        return {
          id: row.id,
          studentId: row.studentId,
          studentNo: student.code,
          studentName: student.name,
          reason: row.reason,
          source,
          createdAt: row.createdAt.toISOString(),
        };
      });
    },

    async liftHold(actor: Actor, holdId: number) {
      requireAccess(actor, 'selection.holds');
      return db.transaction(async (tx) => {
        const row = await rounds.liftHold(tx, holdId, clock(), actor.userId);
        if (!row) throw new AppError('not_found', { params: { what: 'hold' } });
        await writeAudit(tx, actor, {
          action: 'selection_holds.lift',
          entityType: 'selection_holds',
          entityId: holdId,
          before: { reason: row.reason },
          after: { lifted: true },
        });
        return { id: holdId };
      });
    },

    // ------------------------------------------------------------ office enrol / drop 代选 / 代退

    /** Enrols a student for them; `override` skips the rules (never the seat count: the database keeps that). */
    async officeEnrol(actor: Actor, input: OfficeEnrol, locale: Locale) {
      requireAccess(actor, 'selection.manage');
      return db.transaction(async (tx) => {
        const round = await loadRound(tx, input.roundId);
        if (round.status === 'locked') throw new AppError('round_locked', { params: { round: round.name } });
        const { enrolment } = await enrol(tx, {
          studentId: input.studentId,
          roundId: input.roundId,
          teachingClassId: input.teachingClassId,
          at: clock(),
          source: 'office',
          actorUserId: actor.userId,
          check: input.override ? () => [] : undefined,
          locale,
        });
        await writeAudit(tx, actor, {
          action: 'enrolments.office_enrol',
          entityType: 'enrolments',
          entityId: enrolment.id,
          after: {
            studentId: input.studentId,
            teachingClassId: input.teachingClassId,
            roundId: round.id,
            reason: input.reason,
            override: input.override,
          },
        });
        return {
          id: enrolment.id,
          teachingClassId: enrolment.teachingClassId,
          courseId: enrolment.courseId,
          status: 'enrolled' as const,
          replayed: false,
        };
      });
    },

    async officeDrop(actor: Actor, enrolmentId: number, reason: string, locale: Locale) {
      requireAccess(actor, 'selection.manage');
      return db.transaction(async (tx) => {
        const enrolment = await repo.findEnrolment(tx, enrolmentId);
        if (!enrolment) throw new AppError('not_found', { params: { what: 'enrolment' } });
        const roundId = enrolment.roundId ?? (await rounds.listRounds(tx, enrolment.termId))[0]?.id;
        if (roundId === undefined) throw new AppError('not_found', { params: { what: 'selection round' } });
        const out = await drop(tx, {
          studentId: enrolment.studentId,
          enrolmentId,
          roundId,
          at: clock(),
          byOffice: true,
          reason: `office: ${reason}`,
          locale,
        });
        await notifyPromotions(tx, notify, enrolment.termId, out.promoted);
        await writeAudit(tx, actor, {
          action: 'enrolments.office_drop',
          entityType: 'enrolments',
          entityId: enrolmentId,
          before: { status: 'enrolled' },
          after: { status: 'dropped', reason, promoted: out.promoted.map((p) => p.studentId) },
        });
        return { id: enrolmentId, status: 'dropped' as const, promoted: out.promoted.length };
      });
    },
  };
}

export type RoundsService = ReturnType<typeof createRoundsService>;
