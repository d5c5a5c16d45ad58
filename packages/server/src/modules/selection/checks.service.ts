import {
  CHECK_KINDS,
  CHECK_STATUSES,
  checkParams,
  type CheckFinding,
  type CheckKind,
  type CheckStatus,
  type ChecksPage,
  type ChecksRunResult,
  type Locale,
} from '@jiaowu/contracts';
import type { z } from 'zod';
import type { checkResolveInput, checksQuery } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { findCourseSelectionFacts } from '../catalog/catalog.read-model.ts';
import { findUserNames } from '../iam/iam.read-model.ts';
import { findTeachingClassesByIds } from '../offerings/offerings.read-model.ts';
import { findOrgNames } from '../org/org.read-model.ts';
import { runChecksIn } from './checks.compute.ts';
import * as checksRepo from './checks.repository.ts';
import type { FindingRow } from './checks.repository.ts';
import * as drawRepo from './draw.repository.ts';
import * as repo from './selection.repository.ts';

/**
 * 选课审核 — the office runs the after-round checks of a round (also run by the lock), lists
 * the findings page by page, and resolves or dismisses each with a note. Office only
 * (`selection.manage`): a college secretary neither sees nor handles the queue.
 */

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function createChecksService({ db, clock }: { db: Db; clock: () => Date }) {
  /** Findings in words: the student's number and name, the class's code and course name. */
  async function present(rows: FindingRow[], locale: Locale): Promise<CheckFinding[]> {
    const students = new Map(
      (
        await findOrgNames(
          db,
          'students',
          rows.flatMap((r) => (r.studentId ? [r.studentId] : [])),
        )
      ).map((s) => [s.id, s]),
    );
    const classes = await findTeachingClassesByIds(db, [...new Set(rows.flatMap((r) => (r.teachingClassId ? [r.teachingClassId] : [])))]);
    const courses = new Map((await findCourseSelectionFacts(db, [...new Set(classes.map((c) => c.courseId))])).map((c) => [c.id, c]));
    const classById = new Map(classes.map((c) => [c.id, c]));
    const userNames = await findUserNames(
      db,
      rows.flatMap((r) => (r.resolvedBy ? [r.resolvedBy] : [])),
    );
    return rows.map((r) => {
      const s = r.studentId ? students.get(r.studentId) : undefined;
      const c = r.teachingClassId ? classById.get(r.teachingClassId) : undefined;
      const course = c ? courses.get(c.courseId) : undefined;
      return {
        id: r.id,
        roundId: r.roundId,
        kind: r.kind as CheckKind,
        status: r.status as CheckStatus,
        studentId: r.studentId,
        studentNo: s?.code ?? null,
        studentName: s?.name ?? null,
        teachingClassId: r.teachingClassId,
        classCode: c?.code ?? null,
        courseName: course ? (locale === 'en' ? (course.nameEn ?? course.name) : course.name) : null,
        params: checkParams.parse(r.params),
        note: r.note,
        autoResolved: r.autoResolved,
        resolvedByName: r.resolvedBy ? (userNames.get(r.resolvedBy) ?? null) : null,
        resolvedAt: iso(r.resolvedAt),
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      };
    });
  }

  return {
    /** POST /api/selection/rounds/:id/checks — runs the checks into the queue, with its audit record. */
    async run(actor: Actor, roundId: number): Promise<ChecksRunResult> {
      requireAccess(actor, 'selection.manage');
      return db.transaction(async (tx) => {
        const round = await drawRepo.lockRound(tx, roundId);
        if (!round) throw new AppError('not_found', { params: { what: 'selection round' } });
        const result = await runChecksIn(tx, round, clock());
        const { added, ...rest } = result;
        await writeAudit(tx, actor, {
          action: 'selection_rounds.checks',
          entityType: 'selection_rounds',
          entityId: roundId,
          after: { created: added, ...rest },
        });
        return result;
      });
    },

    /** GET /api/selection/rounds/:id/checks — one page, filtered by kind and status, with the counts of every kind. */
    async list(actor: Actor, roundId: number, q: z.output<typeof checksQuery>, locale: Locale): Promise<ChecksPage> {
      requireAccess(actor, 'selection.manage');
      if (!(await repo.findRound(db, roundId))) throw new AppError('not_found', { params: { what: 'selection round' } });
      const { rows, total } = await checksRepo.findFindingsPage(db, roundId, q);
      const counts = Object.fromEntries(
        CHECK_KINDS.map((k) => [k, Object.fromEntries(CHECK_STATUSES.map((s) => [s, 0]))]),
      ) as ChecksPage['counts'];
      for (const c of await checksRepo.countFindings(db, roundId)) {
        if (c.kind in counts && (CHECK_STATUSES as readonly string[]).includes(c.status))
          counts[c.kind as CheckKind][c.status as CheckStatus] = c.n;
      }
      return { items: await present(rows, locale), total, counts };
    },

    /** POST /api/selection/checks/:id/resolve — resolved or dismissed with a note; only an open finding. */
    async resolve(actor: Actor, findingId: number, input: z.output<typeof checkResolveInput>, locale: Locale): Promise<CheckFinding> {
      requireAccess(actor, 'selection.manage');
      const row = await db.transaction(async (tx) => {
        const before = await checksRepo.findFinding(tx, findingId);
        if (!before) throw new AppError('not_found', { params: { what: 'finding' } });
        const after = await checksRepo.closeFinding(tx, findingId, { ...input, userId: actor.userId, at: clock() });
        if (!after) throw new AppError('finding_not_open');
        await writeAudit(tx, actor, {
          action: input.status === 'resolved' ? 'selection_check_findings.resolved' : 'selection_check_findings.dismissed',
          entityType: 'selection_check_findings',
          entityId: findingId,
          before: { status: before.status },
          after: { status: after.status, note: after.note },
        });
        return after;
      });
      return (await present([row], locale))[0];
    },
  };
}

export type ChecksService = ReturnType<typeof createChecksService>;
