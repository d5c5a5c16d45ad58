import {
  gradeEntry,
  gradeEntryText,
  gradingScheme,
  WEB_PATHS,
  type AttachmentInfo,
  type ComponentScores,
  type GradeCorrectionCreate,
  type GradeCorrectionDetail,
  type GradeCorrectionQuery,
  type GradeEntry,
  type GradeRecordVersionView,
  type GradeScale,
  type GradingScheme,
  type Locale,
  type Paged,
} from '@jiaowu/contracts';
import { computeTotal, parseGradeInput } from '@jiaowu/contracts/grades-core';
import type { Db, Tx } from '../../db/client.ts';
import { requireAccess, type Actor, type DataScope } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { AttachmentsPort } from '../../platform/files/attachments.service.ts';
import { findStudentUserIds } from '../iam/iam.read-model.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import type { SubjectHandler } from '../workflow/workflow.types.ts';
import type { WorkflowService } from '../workflow/workflow.service.ts';
import * as repo from './corrections.repository.ts';
import { findRecordFacts, findUserDisplayNames, type RecordFact } from './grades-review.read-model.ts';
import { syncCourseOutcomes, writeCorrectedVersion } from './records.repository.ts';
import { loadGradeRules } from './rules.ts';

/**
 * 成绩更正 — a teacher asks to change a published grade of a class they teach, with a reason and
 * evidence; the `grade_correction` flow runs (college secretary → office, scope the student's
 * college). On approval, in the engine's transaction, the record moves to its next version
 * (refused when it moved since the request), passed/failed courses follow, the student and the
 * teacher are told, and the audit keeps before and after.
 */

export const GRADE_CORRECTION_FLOW = 'grade_correction';
const SUBJECT = 'grade_correction';

type WorkflowPort = Pick<WorkflowService, 'registerSubject' | 'submit' | 'withdraw'>;
type Decision = 'approved' | 'rejected' | 'returned' | 'withdrawn';
const DECISION_ACTIONS: Record<Decision, string> = {
  approved: 'grade_corrections.approved',
  rejected: 'grade_corrections.rejected',
  returned: 'grade_corrections.returned',
  withdrawn: 'grade_corrections.withdrawn',
};

const notFound = () => new AppError('not_found', { params: { what: 'grade correction' } });

/** Corrections are for the staff who handle grades: a student's own-record grant reads none. */
function staffScope(actor: Actor): DataScope {
  const scope = requireAccess(actor, 'grades.read');
  return scope.kind === 'all' ? scope : { ...scope, selfStudentId: null };
}

/** The scale of a record without a sheet (migrated): the kind of its grade says it. */
function schemeOf(fact: RecordFact): GradingScheme {
  const parsed = gradingScheme.safeParse(fact.scheme);
  if (parsed.success) return parsed.data;
  const entry = fact.entry;
  const scale: GradeScale = entry?.kind === 'five_level' ? 'five_level' : entry?.kind === 'two_level' ? 'two_level' : 'percent';
  return { scale, components: [], rounding: 'integer', missingComponentAsZero: false };
}

const sameEntry = (a: GradeEntry | null, b: GradeEntry | null) => JSON.stringify(a) === JSON.stringify(b);

/** The new grade and components a request asks for, read with the class's scheme (errors name the column). */
function proposed(fact: RecordFact, input: GradeCorrectionCreate): { entry: GradeEntry; components: ComponentScores } {
  const scheme = schemeOf(fact);
  const components: ComponentScores = { ...(fact.components as ComponentScores) };
  const typed = Object.entries(input.components ?? {});
  for (const [component, raw] of typed) {
    const parsed = parseGradeInput(raw ?? '', 'percent');
    if (!parsed.ok) throw new AppError(parsed.issue.code as 'grade_unrecognized', { params: { ...parsed.issue.params, field: component } });
    if (parsed.entry && parsed.entry.kind !== 'score')
      throw new AppError('grade_not_in_scale', { params: { input: raw ?? '', scale: 'percent', field: component } });
    components[component as keyof ComponentScores] = parsed.entry?.tenths ?? null;
  }
  let entry: GradeEntry | null = null;
  if (input.entry != null && input.entry.trim() !== '') {
    const parsed = parseGradeInput(input.entry, scheme.scale);
    if (!parsed.ok) throw new AppError(parsed.issue.code as 'grade_unrecognized', { params: { ...parsed.issue.params, field: 'entry' } });
    entry = parsed.entry;
  } else if (typed.length && scheme.components.length) {
    const total = computeTotal(scheme.components, components, scheme);
    if (!total.ok) throw new AppError('grade_correction_empty');
    entry = { kind: 'score', tenths: total.tenths };
  }
  if (!entry) throw new AppError('grade_correction_empty');
  if (sameEntry(entry, fact.entry) && JSON.stringify(components) === JSON.stringify(fact.components))
    throw new AppError('grade_correction_unchanged');
  return { entry, components };
}

export function createCorrectionsService({
  db,
  clock,
  workflow,
  attachments,
  notify,
}: {
  db: Db;
  clock: () => Date;
  workflow: WorkflowPort;
  attachments: AttachmentsPort;
  notify?: Notify;
}) {
  async function factOf(h: Db | Tx, recordId: number) {
    const [fact] = await findRecordFacts(h, { kind: 'all' }, { recordIds: [recordId], anyState: true });
    return fact ?? null;
  }

  const subject: SubjectHandler = {
    async describe(h, id, locale: Locale) {
      const c = await repo.findCorrection(h, id);
      const fact = c ? await factOf(h, c.recordId) : null;
      if (!c || !fact) return locale === 'en' ? 'Grade correction (deleted)' : '成绩更正（已删除）';
      const before = fact.entry ? gradeEntryText(fact.entry, locale) : '—';
      const after = gradeEntryText(gradeEntry.parse(c.entry), locale);
      return locale === 'en'
        ? `Grade correction — ${fact.studentName} (${fact.studentCode}) — ${fact.courseName}, ${fact.termName}: ${before} → ${after}; ${c.reason}`
        : `成绩更正 — ${fact.studentName}（${fact.studentCode}）— ${fact.courseName}（${fact.termName}）：${before} → ${after}；${c.reason}`;
    },
    link: () => WEB_PATHS.gradeCorrections,
    onApproved: (tx, event, actor) => decide(tx, event.subjectId, 'approved', event.at, actor),
    onRejected: (tx, event, actor) => decide(tx, event.subjectId, 'rejected', event.at, actor),
    onReturned: (tx, event, actor) => decide(tx, event.subjectId, 'returned', event.at, actor),
    onWithdrawn: (tx, event, actor) => decide(tx, event.subjectId, 'withdrawn', event.at, actor),
  };
  workflow.registerSubject(SUBJECT, subject);
  // The evidence is read by whoever may read the request: its teacher, the college, the office.
  attachments.registerOwner(SUBJECT, {
    async canRead(h, actor, id) {
      if (!actor.permissions['grades.read']) return false;
      return (await repo.findCorrectionPage(h, staffScope(actor), { ids: [id], page: 1, pageSize: 1 })).total > 0;
    },
  });

  async function decide(tx: Tx, id: number, status: Decision, at: Date, actor: Actor) {
    const c = await repo.lockCorrection(tx, id);
    if (!c) throw notFound();
    if (c.status !== 'pending') return;
    if (status !== 'approved') {
      await repo.setCorrection(tx, id, { status, decidedAt: at });
      await writeAudit(tx, actor, {
        action: DECISION_ACTIONS[status],
        entityType: 'grade_corrections',
        entityId: id,
        before: { status: c.status },
        after: { status, recordId: c.recordId },
      });
      return;
    }
    const record = await repo.lockRecord(tx, c.recordId);
    if (!record) throw notFound();
    const entry = gradeEntry.parse(c.entry);
    const written = await writeCorrectedVersion(tx, c.recordId, {
      baseVersion: c.baseVersion,
      entry,
      components: c.components as Record<string, number | null>,
      correctionId: c.id,
      note: c.reason,
      by: c.requestedBy,
      now: at,
    });
    if (!written) throw new AppError('grade_correction_stale', { params: { version: record.version } });
    const rules = await loadGradeRules(tx);
    await syncCourseOutcomes(tx, [{ studentId: record.studentId, courseId: record.courseId }], rules);
    await repo.setCorrection(tx, id, { status: 'approved', decidedAt: at });
    const fact = (await factOf(tx, c.recordId))!;
    if (notify) {
      const studentUsers = (await findStudentUserIds(tx, [record.studentId])).get(record.studentId) ?? [];
      const before = record.entry ? gradeEntry.parse(record.entry) : null;
      const text = (e: GradeEntry | null) => ({
        'zh-CN': e ? gradeEntryText(e, 'zh-CN') : '—',
        en: e ? gradeEntryText(e, 'en') : '—',
      });
      await notify(tx, {
        userIds: [...new Set([...studentUsers, c.requestedBy])],
        kind: 'grade_corrected',
        params: {
          student: fact.studentName,
          course: fact.courseName,
          term: fact.termName,
          before: text(before),
          after: text(entry),
          reason: c.reason,
        },
        link: WEB_PATHS.gradeCorrections,
      });
    }
    await writeAudit(tx, actor, {
      action: DECISION_ACTIONS.approved,
      entityType: 'grade_corrections',
      entityId: id,
      before: { status: c.status, entry: record.entry, components: record.components, version: record.version },
      after: { status: 'approved', entry, components: c.components, version: written.version, recordId: c.recordId },
    });
  }

  async function present(h: Db | Tx, rows: repo.CorrectionRow[]): Promise<GradeCorrectionDetail[]> {
    const facts = await findRecordFacts(h, { kind: 'all' }, { recordIds: rows.map((r) => r.recordId), anyState: true });
    const byId = new Map(facts.map((f) => [f.id, f]));
    const names = await findUserDisplayNames(
      h,
      rows.map((r) => r.requestedBy),
    );
    const files = await attachments.infos(
      h,
      rows.flatMap((r) => (r.attachmentId === null ? [] : [r.attachmentId])),
    );
    // The grade as it stood when the request was made (its base version).
    const all = await repo.findVersions(
      h,
      rows.map((r) => r.recordId),
    );
    const versions = new Map<number, { entry: unknown; components: unknown }>();
    for (const r of rows) {
      const v = all.find((x) => x.recordId === r.recordId && x.version === r.baseVersion);
      if (v) versions.set(r.id, v);
    }
    return rows.map((r) => {
      const f = byId.get(r.recordId)!;
      const base = versions.get(r.id);
      const attachment: AttachmentInfo | null = r.attachmentId === null ? null : (files.get(r.attachmentId) ?? null);
      return {
        id: r.id,
        recordId: r.recordId,
        studentId: f.studentId,
        studentCode: f.studentCode,
        studentName: f.studentName,
        courseId: f.courseId,
        courseCode: f.courseCode,
        courseName: f.courseName,
        termId: f.termId,
        termName: f.termName,
        teachingClassId: f.teachingClassId,
        classCode: f.classCode,
        before: base ? gradeEntry.parse(base.entry) : f.entry,
        after: gradeEntry.parse(r.entry),
        beforeComponents: (base?.components ?? f.components) as ComponentScores,
        afterComponents: r.components as ComponentScores,
        baseVersion: r.baseVersion,
        currentVersion: f.version,
        reason: r.reason,
        attachmentId: r.attachmentId,
        attachment,
        status: r.status as GradeCorrectionDetail['status'],
        requestedByName: names.get(r.requestedBy) ?? '',
        createdAt: r.createdAt.toISOString(),
        decidedAt: r.decidedAt?.toISOString() ?? null,
        workflowInstanceId: r.workflowInstanceId,
      };
    });
  }

  return {
    subject,

    /** POST /api/grades/corrections: a published grade of a class the teacher teaches; one pending request per grade. */
    async create(actor: Actor, input: GradeCorrectionCreate): Promise<GradeCorrectionDetail> {
      const scope = requireAccess(actor, 'grades.enter');
      if (actor.userId === null) throw new AppError('forbidden');
      const userId = actor.userId;
      return db.transaction(async (tx) => {
        const record = await repo.lockRecord(tx, input.recordId);
        if (!record) throw new AppError('not_found', { params: { what: 'grade' } });
        const fact = (await factOf(tx, record.id))!;
        const teaches =
          scope.kind === 'all' ||
          (scope.teachingTeacherId !== null && fact.teacherIds.includes(scope.teachingTeacherId)) ||
          (scope.selfTeacherId !== null && fact.teacherIds.includes(scope.selfTeacherId));
        if (!teaches) throw new AppError('grade_correction_not_yours');
        if (record.publishedAt === null) throw new AppError('grade_correction_not_published');
        const next = proposed(
          { ...fact, entry: record.entry as GradeEntry | null, components: record.components as ComponentScores },
          input,
        );
        const attachmentId = input.attachmentId ?? null;
        const row = await repo.insertCorrection(tx, {
          recordId: record.id,
          baseVersion: record.version,
          entry: next.entry,
          components: next.components,
          reason: input.reason,
          attachmentId,
          requestedBy: userId,
          createdAt: clock(),
        });
        if (!row) throw new AppError('grade_correction_live');
        if (attachmentId !== null) await attachments.claim(tx, actor, attachmentId, { type: SUBJECT, id: row.id });
        const instanceId = await workflow.submit(actor, {
          flowKey: GRADE_CORRECTION_FLOW,
          subjectType: SUBJECT,
          subjectId: row.id,
          scope: { collegeId: fact.collegeId },
          context: { collegeId: fact.collegeId },
          tx,
        });
        const stored = (await repo.setCorrection(tx, row.id, { workflowInstanceId: instanceId }))!;
        await writeAudit(tx, actor, {
          action: 'grade_corrections.create',
          entityType: 'grade_corrections',
          entityId: row.id,
          before: { entry: record.entry, components: record.components, version: record.version },
          after: { recordId: record.id, entry: next.entry, components: next.components, reason: input.reason, attachmentId, instanceId },
        });
        return (await present(tx, [stored]))[0];
      });
    },

    /** POST /api/grades/corrections/:id/withdraw: the requesting teacher, while pending. */
    async withdraw(actor: Actor, id: number): Promise<GradeCorrectionDetail> {
      requireAccess(actor, 'grades.enter');
      return db.transaction(async (tx) => {
        const row = await repo.findCorrection(tx, id);
        if (!row || row.requestedBy !== actor.userId) throw notFound();
        if (row.status !== 'pending' || row.workflowInstanceId === null) throw new AppError('grade_correction_not_pending');
        await workflow.withdraw(actor, row.workflowInstanceId, null, tx);
        return (await present(tx, [(await repo.findCorrection(tx, id))!]))[0];
      });
    },

    /** GET /api/grades/corrections: the teacher's classes', the college's, or all; newest first. */
    async list(actor: Actor, q: GradeCorrectionQuery): Promise<Paged<GradeCorrectionDetail>> {
      const page = await repo.findCorrectionPage(db, staffScope(actor), q);
      return { items: await present(db, page.items), total: page.total };
    },

    /** GET /api/grades/corrections/:id: one request inside the reader's scope (the approver's drawer); 404 outside it. */
    async get(actor: Actor, id: number): Promise<GradeCorrectionDetail> {
      const page = await repo.findCorrectionPage(db, staffScope(actor), { ids: [id], page: 1, pageSize: 1 });
      if (!page.items.length) throw notFound();
      return (await present(db, page.items))[0];
    },

    /** GET /api/grades/records/:recordId/versions: a published grade's history, for whoever may read the grade. */
    async versions(actor: Actor, recordId: number): Promise<{ items: GradeRecordVersionView[] }> {
      const scope = requireAccess(actor, 'grades.read');
      const [fact] = await findRecordFacts(db, scope, { recordIds: [recordId] });
      if (!fact) throw new AppError('not_found', { params: { what: 'grade' } });
      const rows = await repo.findVersions(db, [recordId]);
      const names = await findUserDisplayNames(
        db,
        rows.flatMap((r) => (r.createdBy === null ? [] : [r.createdBy])),
      );
      return {
        items: rows.map((r) => ({
          version: r.version,
          entry: gradeEntry.parse(r.entry),
          components: r.components as ComponentScores,
          reason: r.reason,
          correctionId: r.correctionId,
          note: r.note,
          createdByName: r.createdBy === null ? null : (names.get(r.createdBy) ?? null),
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  };
}
export type CorrectionsService = ReturnType<typeof createCorrectionsService>;
