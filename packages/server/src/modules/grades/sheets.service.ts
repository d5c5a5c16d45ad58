import {
  GRADE_SHEET_STATUS_WORDS,
  gradeIssueText,
  type GradePublishResult,
  type GradeSheetKind,
  type GradeSheetList,
  type GradeSheetListQuery,
  type GradeSheetSave,
  type GradeSheetView,
  type SheetImportResult,
  type BulkRowError,
  type GradeCellError,
  type Locale,
} from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { requireAccess, systemActor, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { readSpreadsheet } from '../../platform/files/spreadsheet-reader.ts';
import { findStudentIdsByCodes } from '../org/org.read-model.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import type { WorkflowService } from '../workflow/workflow.service.ts';
import { createGradeSheetSubject, GRADE_SHEET_FLOW, publishSheet } from './publish.ts';
import { loadGradeRules } from './rules.ts';
import { assertDraft, checkScheme, draftsOf, lockSheetAt, planCells } from './save-sheet.ts';
import { classFor, finalEntries, loadState, presentView, schemeOf } from './sheet-context.ts';
import { asComponents } from './sheet-rows.ts';
import {
  buildGradeTemplate,
  cellRowError,
  changeCells,
  GRADE_FILE_MAX_ROWS,
  gradeRowError,
  readGradeFile,
  saveRowsOf,
} from './sheet-file.ts';
import * as repo from './sheets.repository.ts';
import type { SheetRow } from './sheets.repository.ts';

export interface GradeUpload {
  data: Buffer;
  filename: string | null;
}

/** Thrown to roll the import's transaction back once the report is made (dry run, or a bad row). */
class RollBack extends Error {
  constructor() {
    super('grade import roll back');
  }
}

type WorkflowPort = Pick<WorkflowService, 'registerSubject' | 'submit' | 'act' | 'findOpenTaskOf'>;

const statusWord = (status: string, locale: Locale) =>
  GRADE_SHEET_STATUS_WORDS[status as keyof typeof GRADE_SHEET_STATUS_WORDS]?.[locale] ?? status;

/**
 * 成绩登记 — a teacher's grade sheet of one class: read (the roster with grades), autosave of the
 * draft, submission into the `grade_sheet` flow (college review 成绩审核, office publication
 * 成绩公布), publication now or on a date, and the lists of sheets per reader.
 */
export function createGradeSheetsService({
  db,
  clock,
  workflow,
  notify,
}: {
  db: Db;
  clock: () => Date;
  workflow: WorkflowPort;
  notify?: Notify;
}) {
  workflow.registerSubject(GRADE_SHEET_FLOW, createGradeSheetSubject({ notify }));

  async function view(h: Db | Tx, actor: Actor, classId: number, kind: GradeSheetKind): Promise<GradeSheetView> {
    const c = await classFor(h, actor, classId, 'grades.read');
    const rules = await loadGradeRules(h);
    const sheet = await repo.findSheet(h, c.id, kind);
    return presentView(actor, await loadState(h, c, kind, sheet, rules), rules);
  }

  /** The office's decision on the 成绩公布 step, through the engine (the same act as in the inbox). */
  async function publishOne(tx: Tx, actor: Actor, sheet: SheetRow | null, publishAt: Date | null): Promise<'published' | 'scheduled'> {
    const now = clock();
    if (!sheet || sheet.status !== 'approved')
      throw new AppError('grade_sheet_not_approved', { params: { status: statusWord(sheet?.status ?? 'draft', actor.locale) } });
    if (publishAt && publishAt <= now) throw new AppError('grade_publish_at_past', { params: { publishAt: publishAt.toISOString() } });
    if (sheet.publishAt) {
      // Already decided for a date: the office moves the date, or publishes now.
      if (publishAt) {
        await repo.setSheet(tx, sheet.id, { publishAt, updatedAt: now });
        await writeAudit(tx, actor, {
          action: 'grade_sheets.publish_scheduled',
          entityType: 'grade_sheets',
          entityId: sheet.id,
          before: { publishAt: sheet.publishAt.toISOString() },
          after: { publishAt: publishAt.toISOString() },
        });
        return 'scheduled';
      }
      await publishSheet(tx, sheet, actor, now, notify);
      return 'published';
    }
    const task =
      sheet.workflowInstanceId !== null && actor.userId ? await workflow.findOpenTaskOf(sheet.workflowInstanceId, actor.userId, tx) : null;
    if (!task) throw new AppError('grade_sheet_not_publisher');
    if (publishAt) await repo.setSheet(tx, sheet.id, { publishAt, updatedAt: now });
    await workflow.act(actor, task.id, { type: 'approve', comment: null }, tx);
    return publishAt ? 'scheduled' : 'published';
  }

  return {
    /** GET /api/grades/classes/:id: the class's roster with grades; 404 outside the reader's classes. */
    get(actor: Actor, classId: number, kind: GradeSheetKind) {
      requireAccess(actor, 'grades.read');
      return view(db, actor, classId, kind);
    },

    /** GET /api/grades/sheets/:id: the same view by sheet id (the approval inbox's link). */
    async getById(actor: Actor, sheetId: number) {
      requireAccess(actor, 'grades.read');
      const sheet = await repo.findSheetById(db, sheetId);
      if (!sheet) throw new AppError('not_found', { params: { what: 'grade sheet' } });
      return view(db, actor, sheet.teachingClassId, sheet.kind as GradeSheetKind);
    },

    /** PUT /api/grades/classes/:id: an autosave of the draft, all cells or none, one audit record. */
    async save(actor: Actor, classId: number, input: GradeSheetSave): Promise<GradeSheetView> {
      requireAccess(actor, 'grades.enter');
      return db.transaction(async (tx) => {
        const c = await classFor(tx, actor, classId, 'grades.enter');
        const rules = await loadGradeRules(tx);
        const now = clock();
        const sheet = await lockSheetAt(tx, c, input.kind, input.version, schemeOf(null, c), now);
        assertDraft(sheet, actor.locale);
        const state = await loadState(tx, c, input.kind, sheet, rules);
        const scheme = checkScheme(state.scheme, input.scheme, Boolean(sheet.entryStartedAt), rules, actor.locale);
        const changes = planCells({ ...state, scheme }, input, scheme, actor.locale);
        await repo.upsertDraftRecords(
          tx,
          draftsOf(
            state,
            sheet.id,
            changes.map((ch) => ({ studentId: ch.studentId, ...ch.after })),
            actor,
            now,
          ),
        );
        const started =
          sheet.entryStartedAt ?? (changes.some((ch) => ch.after.entry || Object.keys(ch.after.components).length) ? now : null);
        const saved = await repo.updateSheetAtVersion(tx, sheet.id, sheet.version, { scheme, entryStartedAt: started, updatedAt: now });
        if (!saved) throw new AppError('grade_sheet_version_conflict', { params: { current: sheet.version + 1, read: input.version } });
        await writeAudit(tx, actor, {
          action: 'grade_sheets.save',
          entityType: 'grade_sheets',
          entityId: sheet.id,
          before: { version: sheet.version, ...(scheme !== state.scheme ? { scheme: state.scheme } : {}) },
          after: { version: saved.version, ...(scheme !== state.scheme ? { scheme } : {}), rows: changes },
        });
        return presentView(actor, await loadState(tx, c, input.kind, saved, rules), rules);
      });
    },

    /** GET /api/grades/classes/:id/template: the roster with its current grades as an XLSX to fill in. */
    async template(actor: Actor, classId: number, kind: GradeSheetKind, locale: Locale) {
      requireAccess(actor, 'grades.enter');
      const c = await classFor(db, actor, classId, 'grades.enter');
      const rules = await loadGradeRules(db);
      const state = await loadState(db, c, kind, await repo.findSheet(db, c.id, kind), rules);
      return buildGradeTemplate(state, locale);
    },

    /**
     * POST /api/grades/classes/:id/import?dryRun=: a filled template through the save path (version
     * check, scheme, draft only, one transaction, audited). The dry run reports every bad row and the
     * changes and writes nothing; the commit writes every row or none.
     */
    async importFile(
      actor: Actor,
      classId: number,
      upload: () => Promise<GradeUpload>,
      opts: { kind: GradeSheetKind; version: number; dryRun: boolean; locale: Locale },
    ): Promise<SheetImportResult> {
      requireAccess(actor, 'grades.enter');
      const { locale, kind } = opts;
      // The class first: another teacher's class is 404 before the file is read.
      await classFor(db, actor, classId, 'grades.enter');
      const file = await upload();
      const sheetFile = await readSpreadsheet(file.data, { maxRows: GRADE_FILE_MAX_ROWS });
      let result: SheetImportResult = {
        dryRun: opts.dryRun,
        committed: false,
        fileName: file.filename,
        rows: sheetFile.rows.length,
        changes: [],
        errors: [],
        ...(sheetFile.encoding ? { encoding: sheetFile.encoding } : {}),
      };
      try {
        await db.transaction(async (tx) => {
          const c = await classFor(tx, actor, classId, 'grades.enter');
          const rules = await loadGradeRules(tx);
          const now = clock();
          const sheet = await lockSheetAt(tx, c, kind, opts.version, schemeOf(null, c), now);
          assertDraft(sheet, locale);
          const state = await loadState(tx, c, kind, sheet, rules);
          const { rows, errors, specs } = readGradeFile(sheetFile, state, locale);
          if (!rows.length && !errors.length) throw new AppError('import_empty');
          const onSheet = new Map(state.roster.map((s) => [s.studentCode, s.studentId]));
          const strangers = rows.filter((r) => !onSheet.has(r.studentNo));
          const known = await findStudentIdsByCodes(
            tx,
            strangers.map((r) => r.studentNo),
          );
          for (const r of strangers)
            errors.push(gradeRowError(r.row, specs[0]!, known.has(r.studentNo) ? 'not_in_class' : 'unknown_student', r.studentNo, locale));
          const byStudent = new Map(rows.filter((r) => onSheet.has(r.studentNo)).map((r) => [onSheet.get(r.studentNo)!, r]));
          const saveRows = saveRowsOf(rows, onSheet);
          const plan = (input: typeof saveRows) => planCells(state, { version: opts.version, kind, rows: input }, state.scheme, locale);
          let changes: ReturnType<typeof planCells>;
          try {
            changes = plan(saveRows);
          } catch (e) {
            if (!(e instanceof AppError) || e.code !== 'grade_sheet_cells_invalid') throw e;
            const cells = (e.details?.cells ?? []) as GradeCellError[];
            errors.push(...cells.map((cell) => cellRowError(cell, byStudent.get(cell.studentId)!, specs, locale)));
            // The good rows' changes are still shown beside the errors.
            const bad = new Set(cells.map((cell) => cell.studentId));
            changes = plan(saveRows.filter((r) => !bad.has(r.studentId)));
          }
          const student = new Map(state.roster.map((s) => [s.studentId, s]));
          const columnAt = (field: string) => specs.findIndex((s) => s.key === field);
          result = {
            ...result,
            changes: changes
              .map((ch) => ({
                row: byStudent.get(ch.studentId)!.row,
                studentId: ch.studentId,
                studentCode: student.get(ch.studentId)!.studentCode,
                studentName: student.get(ch.studentId)!.studentName,
                cells: changeCells(ch, state.scheme, locale),
              }))
              .sort((a, b) => a.row - b.row),
            // In the file's order: by row, then by column as the template lays them out.
            errors: errors.sort((a, b) => a.row - b.row || columnAt(a.field) - columnAt(b.field)) as BulkRowError[],
          };
          if (opts.dryRun || errors.length) throw new RollBack();
          await repo.upsertDraftRecords(
            tx,
            draftsOf(
              state,
              sheet.id,
              changes.map((ch) => ({ studentId: ch.studentId, ...ch.after })),
              actor,
              now,
            ),
          );
          const started = sheet.entryStartedAt ?? (changes.length ? now : null);
          const saved = await repo.updateSheetAtVersion(tx, sheet.id, sheet.version, { entryStartedAt: started, updatedAt: now });
          if (!saved) throw new AppError('grade_sheet_version_conflict', { params: { current: sheet.version + 1, read: opts.version } });
          await writeAudit(tx, actor, {
            action: 'grade_sheets.import',
            entityType: 'grade_sheets',
            entityId: sheet.id,
            before: { version: sheet.version },
            after: { version: saved.version, fileName: file.filename, rows: changes },
          });
          result = { ...result, committed: true };
        });
      } catch (e) {
        if (e instanceof RollBack) return result;
        throw e;
      }
      return result;
    },

    /** POST /api/grades/classes/:id/submit: every student graded, warnings acknowledged → the grade_sheet flow. */
    async submit(actor: Actor, classId: number, input: { version: number; kind: GradeSheetKind; acknowledgeWarnings: boolean }) {
      requireAccess(actor, 'grades.enter');
      return db.transaction(async (tx) => {
        const c = await classFor(tx, actor, classId, 'grades.enter');
        const rules = await loadGradeRules(tx);
        const now = clock();
        const sheet = await lockSheetAt(tx, c, input.kind, input.version, schemeOf(null, c), now);
        assertDraft(sheet, actor.locale);
        const state = await loadState(tx, c, input.kind, sheet, rules);
        if (!state.roster.length) throw new AppError('grade_sheet_empty');
        const finals = finalEntries(state);
        const missing = finals.filter((f) => f.entry === null);
        if (missing.length)
          throw new AppError('grade_sheet_missing_grades', {
            params: {
              count: missing.length,
              students: missing
                .slice(0, 10)
                .map((m) => `${m.student.studentName}（${m.student.studentCode}）`)
                .join('、'),
            },
            details: { studentIds: missing.map((m) => m.student.studentId) },
          });
        const warnings = presentView(actor, state, rules).warnings;
        if (warnings.length && !input.acknowledgeWarnings)
          throw new AppError('grade_sheet_unacknowledged_warnings', {
            params: { warnings: warnings.map((w) => gradeIssueText(w, actor.locale)).join('；') },
            details: { warnings },
          });
        // The records now hold the grade that stands for every student (fixed marks included).
        await repo.upsertDraftRecords(
          tx,
          draftsOf(
            state,
            sheet.id,
            finals.map((f) => ({
              studentId: f.student.studentId,
              entry: f.entry,
              components: asComponents(state.records.get(f.student.studentId)?.components),
            })),
            actor,
            now,
          ),
        );
        const dropped = await repo.deleteDraftRecords(
          tx,
          sheet.id,
          state.roster.map((s) => s.studentId),
        );
        const instanceId = await workflow.submit(actor, {
          flowKey: GRADE_SHEET_FLOW,
          subjectType: GRADE_SHEET_FLOW,
          subjectId: sheet.id,
          scope: { collegeId: c.collegeId },
          context: { students: state.roster.length, collegeId: c.collegeId },
          tx,
        });
        const saved = await repo.updateSheetAtVersion(tx, sheet.id, sheet.version, {
          status: 'submitted',
          submittedBy: actor.userId,
          submittedAt: now,
          returnComment: null,
          workflowInstanceId: instanceId,
          entryStartedAt: sheet.entryStartedAt ?? now,
          updatedAt: now,
        });
        if (!saved) throw new AppError('grade_sheet_version_conflict', { params: { current: sheet.version + 1, read: input.version } });
        await writeAudit(tx, actor, {
          action: 'grade_sheets.submit',
          entityType: 'grade_sheets',
          entityId: sheet.id,
          before: { status: 'draft' },
          after: { status: 'submitted', instanceId, students: state.roster.length, warnings: warnings.map((w) => w.code), dropped },
        });
        return presentView(actor, await loadState(tx, c, input.kind, saved, rules), rules);
      });
    },

    /** POST /api/grades/classes/:id/publish: the office publishes an approved sheet, now or on a date. */
    async publish(actor: Actor, classId: number, input: { kind: GradeSheetKind; publishAt?: string }) {
      requireAccess(actor, 'grades.manage');
      await db.transaction(async (tx) => {
        const c = await classFor(tx, actor, classId, 'grades.manage');
        await publishOne(tx, actor, await repo.findSheet(tx, c.id, input.kind, true), input.publishAt ? new Date(input.publishAt) : null);
      });
      return view(db, actor, classId, input.kind);
    },

    /** POST /api/grades/publish: many approved sheets at once, all or nothing. */
    async publishMany(actor: Actor, input: { sheetIds: number[]; publishAt?: string }): Promise<GradePublishResult> {
      requireAccess(actor, 'grades.manage');
      return db.transaction(async (tx) => {
        const result: GradePublishResult = { published: [], scheduled: [] };
        for (const id of [...new Set(input.sheetIds)].sort((a, b) => a - b)) {
          const sheet = await repo.findSheetById(tx, id, true);
          if (!sheet) throw new AppError('not_found', { params: { what: `grade sheet ${id}` } });
          await classFor(tx, actor, sheet.teachingClassId, 'grades.manage');
          const outcome = await publishOne(tx, actor, sheet, input.publishAt ? new Date(input.publishAt) : null);
          result[outcome].push(id);
        }
        return result;
      });
    },

    /** 定时公布: publishes the approved sheets whose date has come (the periodic task; tests call it with a moved clock). */
    async publishDue(now: Date = clock()) {
      let published = 0;
      for (const { id } of await repo.findDueSheets(db, now)) {
        await db.transaction(async (tx) => {
          const sheet = await repo.findSheetById(tx, id, true);
          if (!sheet || sheet.status !== 'approved' || !sheet.publishAt || sheet.publishAt > now) return;
          await publishSheet(tx, sheet, systemActor, now, notify);
          published++;
        });
      }
      return { published };
    },

    /** GET /api/grades/sheets: own classes (teacher), the college's (secretary), all (office). */
    async list(actor: Actor, q: GradeSheetListQuery): Promise<GradeSheetList> {
      const scope = requireAccess(actor, 'grades.read');
      const page = await repo.findSheetPage(db, {
        ...q,
        scope: scope.kind === 'all' ? null : { collegeIds: scope.collegeIds, teacherId: scope.teachingTeacherId },
      });
      const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
      return {
        total: page.total,
        items: page.items.map((r) => ({
          ...r,
          sheetId: r.sheetId === null ? null : Number(r.sheetId),
          status: r.status as GradeSheetView['sheet']['status'],
          submittedAt: iso(r.submittedAt),
          publishAt: iso(r.publishAt),
          publishedAt: iso(r.publishedAt),
        })),
      };
    },
  };
}

export type GradeSheetsService = ReturnType<typeof createGradeSheetsService>;

declare module 'fastify' {
  interface FastifyInstance {
    /** The grade sheets service (tests drive its scheduled publication with a moved clock). */
    gradeSheets: GradeSheetsService;
  }
}
