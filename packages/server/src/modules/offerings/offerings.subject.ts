import { courseRequestPatch, WEB_PATHS, type Locale } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { toFieldIssue } from '../../platform/validation.ts';
import type { SubjectEvent, SubjectHandler } from '../workflow/workflow.types.ts';
import { countClassesOfCourse, findRequest, insertClass, updateRequest } from './offerings.repository.ts';
import { checkRefs, toValues } from './offerings.values.ts';

const all = { kind: 'all' } as const;

async function load(tx: Db | Tx, id: number) {
  const row = await findRequest(tx, id, all);
  if (!row) throw new AppError('not_found');
  return row;
}

/** Next free class code of a course in a term: CS201-01, CS201-02 … */
export function nextClassCode(courseCode: string, taken: string[]): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) {
    const code = `${courseCode}-${String(n).padStart(2, '0')}`;
    if (!used.has(code)) return code;
  }
}

async function setStatus(tx: Tx, actor: Actor, event: SubjectEvent, status: string, extra: Record<string, unknown> = {}) {
  const id = event.subjectId;
  const before = await load(tx, id);
  await updateRequest(tx, id, { status, ...extra }, event.at);
  await writeAudit(tx, actor, {
    action: `course_requests.${status}`,
    entityType: 'course_requests',
    entityId: id,
    before: { status: before.status },
    after: { status, ...extra },
  });
}

/**
 * What the approval engine calls for a course request, inside its own
 * transaction: approval applies the approvers' recorded changes and creates
 * the teaching class; a return makes the request editable again with the
 * reviewers' per-field comments; rejection and withdrawal close it.
 */
export function createRequestSubject(_deps: { db: Db }): SubjectHandler {
  return {
    async describe(db, subjectId, locale: Locale) {
      const r = await findRequest(db, subjectId, all);
      // Gone (deleted draft): named by its kind, never by its id.
      if (!r) return locale === 'en' ? 'Course request (deleted)' : '开课申请（已删除）';
      return locale === 'en'
        ? `${r.courseCode} ${r.courseName} — ${r.termCode} — ${r.capacity} seats`
        : `${r.courseName}（${r.courseCode}）— ${r.termCode} — ${r.capacity} 人`;
    },
    link: (subjectId) => WEB_PATHS.courseRequest(subjectId),

    async onApproved(tx, event: SubjectEvent, actor) {
      const before = await load(tx, event.subjectId);
      const parsed = courseRequestPatch.safeParse(event.changes ?? {});
      if (!parsed.success) throw new AppError('validation_failed', { fields: parsed.error.issues.map((i) => toFieldIssue(i)) });
      const changes = toValues(parsed.data);
      await checkRefs(tx, changes);
      await updateRequest(tx, event.subjectId, { ...changes, status: 'approved' }, event.at);
      const r = await load(tx, event.subjectId);
      const code = nextClassCode(r.courseCode, await countClassesOfCourse(tx, r.termId, r.courseId));
      const classId = await insertClass(tx, {
        code,
        termId: r.termId,
        courseId: r.courseId,
        collegeId: r.collegeId,
        teachers: r.teachers,
        teacherIds: r.teachers.map((t) => t.teacherId),
        capacity: r.capacity,
        adminClassIds: r.adminClassIds,
        targetMajors: r.targetMajors,
        sessions: r.sessions,
        weekPattern: r.weekPattern,
        weekFrom: r.weekFrom,
        weekTo: r.weekTo,
        weekMask: r.weekMask,
        roomType: r.roomType,
        roomFeatures: r.roomFeatures,
        timeWishes: r.timeWishes,
        sourceRequestId: r.id,
      });
      await writeAudit(tx, actor, [
        {
          action: 'course_requests.approved',
          entityType: 'course_requests',
          entityId: r.id,
          before,
          after: { status: 'approved', changes: parsed.data, instanceId: event.instanceId },
        },
        {
          action: 'teaching_classes.create',
          entityType: 'teaching_classes',
          entityId: classId,
          after: { code, termId: r.termId, courseId: r.courseId, sourceRequestId: r.id },
        },
      ]);
    },

    async onReturned(tx, event, actor) {
      const comments = { ...(event.fieldComments ?? {}), ...(event.comment ? { _: event.comment } : {}) };
      await setStatus(tx, actor, event, 'returned', { reviewComments: comments });
    },
    async onRejected(tx, event, actor) {
      await setStatus(tx, actor, event, 'rejected', event.comment ? { reviewComments: { _: event.comment } } : {});
    },
    async onWithdrawn(tx, event, actor) {
      await setStatus(tx, actor, event, 'withdrawn');
    },
  };
}
