import { WEB_PATHS, type Locale } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { findPeopleUserIds } from '../iam/iam.read-model.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import { findTermGrid } from '../org/org.read-model.ts';
import type { SubjectEvent, SubjectHandler } from '../workflow/workflow.types.ts';
import { checkHard } from './core/hard-rules.ts';
import { changedLectures } from './publish.diff.ts';
import { findDraft, findDraftLectures, lockDraft, setDraftStatus } from './publish.repository.ts';
import { checkContextOf, loadTermFacts, toCheckLecture, type TermFacts } from './term-facts.ts';
import { findCurrentVersion, findVersionLectures, insertVersion, type VersionLecture } from './versions.repository.ts';

export const PUBLISH_SUBJECT = 'timetable_publish';

type DraftLecture = Awaited<ReturnType<typeof findDraftLectures>>[number];

/**
 * The hard rules a draft breaks, split into unplaced lectures and the rest (the checker of
 * core/hard-rules.ts, the same one manual edits and change requests use). Throws the error
 * that names both counts when any is found.
 */
export function assertPublishable(lectures: readonly DraftLecture[], facts: TermFacts) {
  const violations = checkHard(
    lectures.map((l) => toCheckLecture(l, facts)),
    checkContextOf(facts),
  );
  const unplaced = violations.filter((v) => v.rule === 'unplaced').length;
  const hard = violations.length - unplaced;
  if (violations.length) throw new AppError('timetable_not_publishable', { params: { violations: hard, unplaced } });
}

/**
 * Tells every teacher and student whose lectures changed (all of them for a term's first
 * version) that the timetable is published: in the app and by email, in their language.
 */
export async function notifyPublished(
  tx: Tx,
  notify: Notify,
  facts: TermFacts,
  versionNo: number,
  before: readonly VersionLecture[] | null,
  after: readonly VersionLecture[],
) {
  const changed = changedLectures(before, after);
  if (!changed.length) return 0;
  const teacherIds = [...new Set(changed.flatMap((l) => l.teacherIds))];
  const adminClassIds = [...new Set(changed.flatMap((l) => facts.classes.get(l.teachingClassId)?.adminClassIds ?? []))];
  const userIds = await findPeopleUserIds(tx, { teacherIds, adminClassIds });
  const keys = new Set(changed.map((l) => l.lectureKey)).size;
  await notify(tx, {
    userIds,
    kind: 'timetable_published',
    params: {
      term: facts.grid.name,
      version: versionNo,
      scope: before === null ? '' : { 'zh-CN': `其中 ${keys} 节课有变动，`, en: `${keys} lectures changed; ` },
    },
    link: WEB_PATHS.myTimetable,
  });
  return userIds.length;
}

/**
 * 课程确认 — what the approval engine calls for a submitted draft, inside its transaction.
 * Approval checks the draft again (the term's facts may have changed since it was submitted),
 * writes it as the term's next version, marks the draft published and notifies the people
 * concerned; a return, rejection or withdrawal makes the draft editable again.
 */
export function createPublishSubject({ notify }: { notify: Notify }): SubjectHandler {
  type BackAction = 'timetable_drafts.returned' | 'timetable_drafts.rejected' | 'timetable_drafts.withdrawn';
  async function back(tx: Tx, event: SubjectEvent, actor: Actor, action: BackAction) {
    const row = await setDraftStatus(tx, event.subjectId, ['submitted'], { status: 'draft', workflowInstanceId: null }, event.at);
    if (!row) return; // the draft was deleted meanwhile: nothing to reopen
    await writeAudit(tx, actor, {
      action,
      entityType: 'timetable_drafts',
      entityId: row.id,
      before: { status: 'submitted' },
      after: { status: 'draft', comment: event.comment },
    });
  }

  return {
    async describe(db: Db | Tx, subjectId: number, locale: Locale) {
      const draft = await findDraft(db, subjectId);
      if (!draft) return locale === 'en' ? 'Timetable draft (deleted)' : '排课方案（已删除）';
      const grid = await findTermGrid(db, draft.termId);
      return locale === 'en' ? `Timetable “${draft.name}” — ${grid?.code ?? ''}` : `排课方案“${draft.name}”— ${grid?.name ?? ''}`;
    },
    link: (subjectId) => WEB_PATHS.timetableDraft(subjectId),

    async onApproved(tx, event, actor) {
      const draft = await lockDraft(tx, event.subjectId);
      if (!draft || draft.status !== 'submitted') throw new AppError('draft_not_submittable');
      const lectures = await findDraftLectures(tx, draft.id);
      const facts = await loadTermFacts(tx, draft.termId);
      assertPublishable(lectures, facts);
      const previous = await findCurrentVersion(tx, draft.termId);
      const before = previous ? ((await findVersionLectures(tx, previous.id)) as VersionLecture[]) : null;
      const after: VersionLecture[] = lectures.map((l) => ({
        lectureKey: l.lectureKey,
        teachingClassId: l.teachingClassId,
        sessionIndex: l.sessionIndex,
        day: l.day!,
        startPeriod: l.startPeriod!,
        length: l.length,
        weekMask: l.weekMask,
        roomId: l.roomId,
        teacherIds: l.teacherIds,
        kind: l.kind === 'makeup' || l.kind === 'substitute' ? l.kind : 'regular',
      }));
      const version = await insertVersion(
        tx,
        draft.termId,
        {
          source: draft.basedOnVersionId ? 'resolve' : 'publish',
          draftId: draft.id,
          note: draft.name,
          publishedBy: actor.userId,
          at: event.at,
        },
        after,
      );
      await setDraftStatus(tx, draft.id, ['submitted'], { status: 'published' }, event.at);
      const notified = await notifyPublished(tx, notify, facts, version.versionNo, before, after);
      await writeAudit(tx, actor, [
        {
          action: 'timetable_versions.publish',
          entityType: 'timetable_versions',
          entityId: version.id,
          after: {
            termId: draft.termId,
            versionNo: version.versionNo,
            source: version.source,
            draftId: draft.id,
            lectures: after.length,
            notified,
            instanceId: event.instanceId,
          },
        },
      ]);
    },
    // Literal actions, so the audit-label check finds each one.
    onReturned: (tx, event, actor) => back(tx, event, actor, 'timetable_drafts.returned'),
    onRejected: (tx, event, actor) => back(tx, event, actor, 'timetable_drafts.rejected'),
    onWithdrawn: (tx, event, actor) => back(tx, event, actor, 'timetable_drafts.withdrawn'),
  };
}
