import {
  MAKEUP_MAX_ROWS,
  type BulkRowError,
  type Locale,
  type MakeupCandidate,
  type MakeupCandidatesQuery,
  type MakeupDeferralsResult,
  type MakeupImportResult,
  type MakeupSource,
  type Paged,
} from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { readSpreadsheet } from '../../platform/files/spreadsheet-reader.ts';
import { findCourseIdsByCodes } from '../catalog/catalog.read-model.ts';
import { findStudentIdsByCodes, findTermById } from '../org/org.read-model.ts';
import { addMakeupCandidates, makeupPlanOr409, syncMakeupExams } from './makeup.candidates.ts';
import * as repo from './makeup.repository.ts';
import { makeupRowError, readMakeupRows } from './makeup.rows.ts';
import { buildMakeupTemplate } from './makeup.template.ts';
import * as plans from './plans.repository.ts';

/**
 * 补考名单 — the office fills a make-up plan's list: every approved deferral 缓考 of the source term
 * at once, and failed students from a file (学号, 课程代码, 备注) until grades exist. A dry run
 * reports every bad row and writes nothing; a commit writes every row or none. The plan's exams
 * follow the list (makeup.candidates.ts).
 */

export interface MakeupUpload {
  data: Buffer;
  filename: string | null;
}

/** Thrown to roll the transaction back once the report is made (dry run, or a bad row). */
class RollBack extends Error {
  constructor() {
    super('makeup import roll back');
  }
}

export function createMakeupService({ db, clock }: { db: Db; clock: () => Date }) {
  async function planOf(planId: number) {
    const plan = await plans.findPlan(db, planId);
    if (!plan) throw new AppError('not_found', { params: { what: 'exam plan' } });
    if (plan.kind !== 'makeup' || plan.sourceTermId === null) throw new AppError('exam_plan_not_makeup');
    return { ...plan, sourceTermId: plan.sourceTermId };
  }

  return {
    /** GET /api/exams/plans/:id/makeup-candidates */
    async list(actor: Actor, planId: number, q: MakeupCandidatesQuery): Promise<Paged<MakeupCandidate>> {
      requireAccess(actor, 'exams.manage');
      await planOf(planId);
      const page = await repo.findCandidatePage(db, planId, q);
      return {
        total: page.total,
        items: page.items.map((r) => ({
          ...r,
          source: r.source as MakeupSource,
          createdAt: new Date(r.createdAt).toISOString(),
        })),
      };
    },

    /** POST /api/exams/plans/:id/makeup-candidates/deferrals — adding them again adds nothing. */
    async addDeferrals(actor: Actor, planId: number): Promise<MakeupDeferralsResult> {
      requireAccess(actor, 'exams.manage');
      const plan = await planOf(planId);
      return db.transaction(async (tx) => {
        const deferrals = await repo.findApprovedDeferrals(tx, plan.sourceTermId);
        const { added } = await addMakeupCandidates(tx, planId, deferrals, 'deferral', { createdBy: actor.userId, now: clock() });
        if (added > 0)
          await writeAudit(tx, actor, {
            action: 'exam_makeup_candidates.add_deferrals',
            entityType: 'exam_plans',
            entityId: planId,
            after: { deferrals: deferrals.length, count: added },
          });
        return { added, deferrals: deferrals.length };
      });
    },

    /** POST /api/exams/plans/:id/makeup-candidates/import?dryRun= */
    async importFile(
      actor: Actor,
      planId: number,
      upload: () => Promise<MakeupUpload>,
      opts: { dryRun: boolean; locale: Locale },
    ): Promise<MakeupImportResult> {
      requireAccess(actor, 'exams.manage');
      const { locale } = opts;
      const plan = await planOf(planId);
      const term = (await findTermById(db, plan.sourceTermId))!;
      const file = await upload();
      const sheet = await readSpreadsheet(file.data, { maxRows: MAKEUP_MAX_ROWS });
      const { rows, errors } = readMakeupRows(sheet, locale);
      if (!rows.length && !errors.length) throw new AppError('import_empty');
      const unread = new Set(errors.map((e) => e.row)).size;
      let added = 0;
      const result = (committed: boolean): MakeupImportResult => ({
        dryRun: opts.dryRun,
        committed,
        fileName: file.filename,
        rows: rows.length + unread,
        added,
        errors: errors.sort((a, b) => a.row - b.row || a.field.localeCompare(b.field)),
        ...(sheet.encoding ? { encoding: sheet.encoding } : {}),
      });
      try {
        await db.transaction(async (tx) => {
          // Checked inside the commit's transaction, with the plan locked: what the dry run said holds.
          await makeupPlanOr409(tx, planId);
          // One after another: a transaction is one connection.
          const students = await findStudentIdsByCodes(
            tx,
            rows.map((r) => r.studentNo),
          );
          const courses = await findCourseIdsByCodes(
            tx,
            rows.map((r) => r.courseCode),
          );
          const listed = await repo.findCandidateKeys(tx, planId);
          const known: { r: (typeof rows)[number]; studentId: number; courseId: number }[] = [];
          for (const r of rows) {
            const studentId = students.get(r.studentNo);
            const courseId = courses.get(r.courseCode);
            if (studentId === undefined) errors.push(makeupRowError(r.row, 'studentNo', 'unknown_student', r.studentNo, locale));
            if (courseId === undefined) errors.push(makeupRowError(r.row, 'courseCode', 'unknown_course', r.courseCode, locale));
            if (studentId !== undefined && courseId !== undefined) known.push({ r, studentId, courseId });
          }
          const sat = await repo.findFinalExamTakers(tx, plan.sourceTermId, known);
          const refused: BulkRowError[] = [];
          const valid = known.filter(({ r, studentId, courseId }) => {
            const key = `${studentId}:${courseId}`;
            if (!sat.has(key))
              refused.push(makeupRowError(r.row, 'courseCode', 'no_final_exam', r.courseCode, locale, { term: term.name }));
            else if (listed.has(key)) refused.push(makeupRowError(r.row, 'courseCode', 'already_candidate', r.courseCode, locale));
            else return true;
            return false;
          });
          errors.push(...refused);
          added = valid.length;
          if (opts.dryRun || errors.length) throw new RollBack();
          const out = await addMakeupCandidates(
            tx,
            planId,
            valid.map(({ r, studentId, courseId }) => ({ studentId, courseId, note: r.note })),
            'failed',
            { createdBy: actor.userId, now: clock() },
          );
          added = out.added;
          await writeAudit(tx, actor, {
            action: 'exam_makeup_candidates.import',
            entityType: 'exam_plans',
            entityId: planId,
            after: { fileName: file.filename, rows: rows.length, count: out.added },
          });
        });
      } catch (e) {
        if (e instanceof RollBack) return result(false);
        throw e;
      }
      return result(true);
    },

    /** DELETE /api/exams/plans/:id/makeup-candidates/:candidateId */
    async remove(actor: Actor, planId: number, candidateId: number) {
      requireAccess(actor, 'exams.manage');
      await planOf(planId);
      return db.transaction(async (tx) => {
        await makeupPlanOr409(tx, planId);
        const row = await repo.deleteCandidate(tx, planId, candidateId);
        if (!row) throw new AppError('not_found', { params: { what: 'make-up candidate' } });
        await syncMakeupExams(tx, planId, new Set([row.courseId]), clock());
        await writeAudit(tx, actor, {
          action: 'exam_makeup_candidates.delete',
          entityType: 'exam_makeup_candidates',
          entityId: candidateId,
          before: row,
        });
        return { ok: true as const };
      });
    },

    /** GET /api/exams/plans/:id/makeup-candidates/template */
    async template(actor: Actor, format: 'csv' | 'xlsx', locale: Locale) {
      requireAccess(actor, 'exams.manage');
      return buildMakeupTemplate(format, locale);
    },
  };
}

export type MakeupService = ReturnType<typeof createMakeupService>;
