import type { DraftPublication } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import type { WorkflowPort } from '../offerings/offerings.service.ts';
import { assertPublishable, createPublishSubject, PUBLISH_SUBJECT } from './publish.subject.ts';
import { findDraft, findDraftLectures, lockDraft, setDraftStatus } from './publish.repository.ts';
import { loadTermFacts } from './term-facts.ts';

/**
 * Publication of a draft 排课方案: the office submits it to 课程确认 (flow `timetable_publish`);
 * the subject handler (publish.subject.ts) turns the approved draft into the next version.
 */
export function createPublishService({
  db,
  clock,
  workflow,
  notify,
}: {
  db: Db;
  clock: () => Date;
  workflow: WorkflowPort;
  notify: Notify;
}) {
  workflow.registerSubject(PUBLISH_SUBJECT, createPublishSubject({ notify }));

  const present = (d: { id: number; status: string; workflowInstanceId: number | null }): DraftPublication => ({
    draftId: d.id,
    status: d.status,
    workflowInstanceId: d.workflowInstanceId,
  });

  return {
    /**
     * Submits a draft for confirmation: refused while any lecture is unplaced or any hard rule
     * is broken (the counts in words); the draft is locked (`submitted`) until the flow ends.
     */
    async submit(actor: Actor, draftId: number): Promise<DraftPublication> {
      requireAccess(actor, 'timetable.manage');
      return db.transaction(async (tx) => {
        const draft = await lockDraft(tx, draftId);
        if (!draft) throw new AppError('not_found');
        if (draft.status !== 'draft') throw new AppError('draft_not_submittable');
        const lectures = await findDraftLectures(tx, draft.id);
        assertPublishable(lectures, await loadTermFacts(tx, draft.termId));
        const instanceId = await workflow.submit(actor, {
          flowKey: PUBLISH_SUBJECT,
          subjectType: PUBLISH_SUBJECT,
          subjectId: draft.id,
          scope: { collegeId: null },
          context: { lectures: lectures.length },
          tx,
        });
        const row = await setDraftStatus(tx, draft.id, ['draft'], { status: 'submitted', workflowInstanceId: instanceId }, clock());
        if (!row) throw new AppError('draft_not_submittable');
        await writeAudit(tx, actor, {
          action: 'timetable_drafts.submit',
          entityType: 'timetable_drafts',
          entityId: draft.id,
          before: { status: draft.status },
          after: { status: 'submitted', instanceId, lectures: lectures.length },
        });
        return present(row);
      });
    },

    /** The publication state of a draft (the submit button shows it). */
    async status(actor: Actor, draftId: number): Promise<DraftPublication> {
      requireAccess(actor, 'timetable.manage');
      const draft = await findDraft(db, draftId);
      if (!draft) throw new AppError('not_found');
      return present(draft);
    },
  };
}

export type PublishService = ReturnType<typeof createPublishService>;
