import { WEB_PATHS, type GradeRules, type Locale } from '@jiaowu/contracts';
import { evaluateEntry, isMakeupEligible } from '@jiaowu/contracts/grades-core';
import type { Db, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { addMakeupCandidates } from '../exams/makeup.candidates.ts';
import { findStudentUserIds } from '../iam/iam.read-model.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import type { SubjectEvent, SubjectHandler } from '../workflow/workflow.types.ts';
import { publishRecords, syncCourseOutcomes } from './records.repository.ts';
import { loadGradeRules } from './rules.ts';
import { asEntry } from './sheet-rows.ts';
import * as repo from './sheets.repository.ts';
import type { SheetRow } from './sheets.repository.ts';

/** 成绩审核与公布: the flow (and subject type) a class's submitted grades go through. */
export const GRADE_SHEET_FLOW = 'grade_sheet';

/**
 * Publication of one approved sheet, in the caller's transaction: each graded record gets version 1
 * and its version row, passed/failed courses follow (prerequisites and retakes in selection read
 * them), the students are told, the make-up-eligible join an open make-up plan of the term 补考名单,
 * and the audit says how many.
 */
export async function publishSheet(tx: Tx, sheet: SheetRow, actor: Actor, now: Date, notify: Notify | undefined) {
  const rules = await loadGradeRules(tx);
  const records = await repo.findSheetRecords(tx, sheet.id);
  const published = await publishRecords(
    tx,
    records.map((r) => r.id),
    actor.userId,
    now,
  );
  await repo.setSheet(tx, sheet.id, { status: 'published', publishedAt: now, publishedBy: actor.userId, updatedAt: now });
  await syncCourseOutcomes(tx, published, rules);
  const c = await repo.findClassContext(tx, sheet.teachingClassId);
  if (notify && c && published.length) {
    const users = await findStudentUserIds(
      tx,
      published.map((r) => r.studentId),
    );
    const termName = await repo.findTermName(tx, sheet.termId);
    await notify(tx, {
      userIds: [...users.values()].flat(),
      kind: 'grades_published',
      params: {
        course: { 'zh-CN': c.courseName, en: c.courseNameEn ?? c.courseName },
        term: termName,
        attempt: sheet.kind === 'makeup' ? { 'zh-CN': '补考', en: 'make-up' } : { 'zh-CN': '期末', en: 'final' },
      },
      link: WEB_PATHS.myGrades,
    });
  }
  const makeup = sheet.kind === 'normal' ? await addToMakeupPlan(tx, sheet, records, rules, actor, now) : null;
  await writeAudit(tx, actor, {
    action: 'grade_sheets.publish',
    entityType: 'grade_sheets',
    entityId: sheet.id,
    before: { status: sheet.status },
    after: { status: 'published', records: published.length, makeupPlanId: makeup?.planId ?? null, makeupAdded: makeup?.added ?? 0 },
  });
  return published.length;
}

/** Failed (and deferred) students whose mark allows a make-up join the term's open make-up plan, if there is one. */
async function addToMakeupPlan(tx: Tx, sheet: SheetRow, records: repo.RecordRow[], rules: GradeRules, actor: Actor, now: Date) {
  const planId = await repo.findOpenMakeupPlan(tx, sheet.termId);
  if (planId === null) return null;
  const rows = records.flatMap((r) => {
    const e = asEntry(r.entry);
    return e && isMakeupEligible(evaluateEntry(e, rules.levelTotals), rules.marks)
      ? [{ studentId: r.studentId, courseId: r.courseId }]
      : [];
  });
  if (!rows.length) return { planId, added: 0 };
  const { added } = await addMakeupCandidates(tx, planId, rows, 'grades', { createdBy: actor.userId, now });
  return { planId, added };
}

/**
 * What the approval engine calls for a submitted sheet, inside its transaction: the college's
 * approval (step 1) makes it approved; the office's (the last step) publishes it, or keeps it
 * approved until its publication date; a return, rejection or withdrawal reopens the draft with
 * the reviewer's comment (the engine tells the teacher).
 */
export function createGradeSheetSubject({ notify }: { notify?: Notify }): SubjectHandler {
  type BackAction = 'grade_sheets.returned' | 'grade_sheets.rejected' | 'grade_sheets.withdrawn';
  async function back(tx: Tx, event: SubjectEvent, actor: Actor, action: BackAction) {
    const sheet = await repo.findSheetById(tx, event.subjectId, true);
    if (!sheet || sheet.status === 'draft' || sheet.status === 'published') return;
    await repo.setSheet(tx, sheet.id, {
      status: 'draft',
      returnComment: event.comment,
      approvedAt: null,
      publishAt: null,
      updatedAt: event.at,
    });
    await writeAudit(tx, actor, {
      action,
      entityType: 'grade_sheets',
      entityId: sheet.id,
      before: { status: sheet.status },
      after: { status: 'draft', comment: event.comment },
    });
  }

  return {
    async describe(db: Db | Tx, subjectId: number, locale: Locale) {
      const sheet = await repo.findSheetById(db, subjectId);
      const c = sheet ? await repo.findClassContext(db, sheet.teachingClassId) : null;
      if (!sheet || !c) return locale === 'en' ? 'Grade sheet (deleted)' : '成绩登记表（已删除）';
      const n = (await repo.findSheetRecords(db, sheet.id)).length;
      const makeup = sheet.kind === 'makeup';
      return locale === 'en'
        ? `${makeup ? 'Make-up grades' : 'Grades'} — ${c.code} ${c.courseNameEn ?? c.courseName} — ${n} student(s)`
        : `${makeup ? '补考成绩' : '成绩'} — ${c.code} ${c.courseName} — ${n} 人`;
    },
    link: (subjectId) => WEB_PATHS.gradeSheet(subjectId),

    async onStepApproved(tx, event, actor) {
      const sheet = await repo.findSheetById(tx, event.subjectId, true);
      if (!sheet || sheet.status !== 'submitted') return;
      await repo.setSheet(tx, sheet.id, { status: 'approved', approvedAt: event.at, updatedAt: event.at });
      await writeAudit(tx, actor, {
        action: 'grade_sheets.review_approved',
        entityType: 'grade_sheets',
        entityId: sheet.id,
        before: { status: 'submitted' },
        after: { status: 'approved', comment: event.comment },
      });
    },

    async onApproved(tx, event, actor) {
      const sheet = await repo.findSheetById(tx, event.subjectId, true);
      if (!sheet || sheet.status !== 'approved')
        throw new AppError('grade_sheet_not_approved', { params: { status: sheet?.status ?? '' } });
      if (sheet.publishAt && sheet.publishAt > event.at) {
        await writeAudit(tx, actor, {
          action: 'grade_sheets.publish_scheduled',
          entityType: 'grade_sheets',
          entityId: sheet.id,
          after: { publishAt: sheet.publishAt.toISOString() },
        });
        return;
      }
      await publishSheet(tx, sheet, actor, event.at, notify);
    },
    // Literal actions, so the audit-label check finds each one.
    onReturned: (tx, event, actor) => back(tx, event, actor, 'grade_sheets.returned'),
    onRejected: (tx, event, actor) => back(tx, event, actor, 'grade_sheets.rejected'),
    onWithdrawn: (tx, event, actor) => back(tx, event, actor, 'grade_sheets.withdrawn'),
  };
}
