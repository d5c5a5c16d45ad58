import { WEB_PATHS, type Locale } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { findStudentUserIds, findTeacherUserIds } from '../iam/iam.read-model.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import type { SubjectEvent, SubjectHandler } from '../workflow/workflow.types.ts';
import * as plans from './plans.repository.ts';
import * as sched from './schedule.repository.ts';

/** 考试安排发布确认: the flow a scheduled plan goes through before students and invigilators see it. */
export const EXAM_PUBLISH_SUBJECT = 'exam_publish';

/** A published plan never changes; one awaiting confirmation changes only after a withdrawal. */
export function assertScheduleOpen(plan: { scheduleStatus: string }) {
  if (plan.scheduleStatus === 'published') throw new AppError('exam_plan_published');
  if (plan.scheduleStatus === 'submitted') throw new AppError('exam_plan_submitted');
}

/**
 * What stops a schedule from being published: an exam without a session, or a student in two
 * exams at once (counted again from the rosters, not taken from the solver's report).
 */
export async function assertExamPlanPublishable(tx: Tx, planId: number) {
  const unplaced = (await plans.findPlanExams(tx, planId)).filter((e) => e.sessionId === null).length;
  if (unplaced > 0) throw new AppError('exam_plan_unplaced', { params: { count: unplaced } });
  const clashes = await sched.countClashes(tx, planId);
  if (clashes > 0) throw new AppError('exam_plan_clashes', { params: { count: clashes } });
}

/** Every student is told how many exams they have; every invigilator how many duties. */
async function notifyPublished(tx: Tx, notify: Notify, plan: plans.ExamPlanRow) {
  const seats = await sched.countSeatsPerStudent(tx, plan.id);
  const studentUsers = await findStudentUserIds(
    tx,
    seats.map((s) => s.studentId),
  );
  const byCount = new Map<number, number[]>();
  for (const s of seats) byCount.set(s.n, [...(byCount.get(s.n) ?? []), ...(studentUsers.get(s.studentId) ?? [])]);
  for (const [count, userIds] of byCount)
    if (userIds.length) await notify(tx, { userIds, kind: 'exam_published', params: { plan: plan.name, count }, link: '/exams/mine' });
  const duties = await sched.countDutiesPerTeacher(tx, plan.id);
  const teacherUsers = await findTeacherUserIds(
    tx,
    duties.map((d) => d.teacherId),
  );
  const dutyCount = new Map<number, number[]>();
  for (const d of duties) dutyCount.set(d.n, [...(dutyCount.get(d.n) ?? []), ...(teacherUsers.get(d.teacherId) ?? [])]);
  for (const [count, userIds] of dutyCount)
    if (userIds.length)
      await notify(tx, { userIds, kind: 'invigilation_assigned', params: { plan: plan.name, count }, link: '/exams/invigilations' });
  return { students: seats.length, teachers: duties.length };
}

/**
 * What the approval engine calls for a plan submitted for publication, inside its transaction.
 * Approval checks the schedule again (a deferral approved meanwhile changes rosters), publishes it
 * and tells students and invigilators; a return, rejection or withdrawal reopens the draft.
 */
export function createExamPublishSubject({ notify }: { notify?: Notify }): SubjectHandler {
  type BackAction = 'exam_plans.publish_returned' | 'exam_plans.publish_rejected' | 'exam_plans.publish_withdrawn';
  async function back(tx: Tx, event: SubjectEvent, actor: Actor, action: BackAction) {
    const plan = await plans.lockPlan(tx, event.subjectId);
    if (!plan || plan.scheduleStatus !== 'submitted') return; // deleted meanwhile: nothing to reopen
    await plans.setPlan(tx, plan.id, { scheduleStatus: 'draft', updatedAt: event.at });
    await writeAudit(tx, actor, {
      action,
      entityType: 'exam_plans',
      entityId: plan.id,
      before: { scheduleStatus: 'submitted' },
      after: { scheduleStatus: 'draft', comment: event.comment },
    });
  }

  return {
    async describe(db: Db | Tx, subjectId: number, locale: Locale) {
      const plan = await plans.findPlan(db, subjectId);
      if (!plan) return locale === 'en' ? 'Exam schedule (deleted)' : '考试安排（已删除）';
      const exams = (await plans.findPlanExams(db, plan.id)).length;
      return locale === 'en' ? `Exam schedule “${plan.name}” — ${exams} exam(s)` : `考试安排“${plan.name}”— ${exams} 门考试`;
    },
    link: (subjectId) => WEB_PATHS.examPlan(subjectId),

    async onApproved(tx, event, actor) {
      const plan = await plans.lockPlan(tx, event.subjectId);
      if (!plan || plan.scheduleStatus !== 'submitted') throw new AppError('exam_plan_not_submitted');
      await assertExamPlanPublishable(tx, plan.id);
      await plans.setPlan(tx, plan.id, { scheduleStatus: 'published', publishedAt: event.at, updatedAt: event.at });
      const notified = notify ? await notifyPublished(tx, notify, plan) : { students: 0, teachers: 0 };
      await writeAudit(tx, actor, {
        action: 'exam_plans.publish',
        entityType: 'exam_plans',
        entityId: plan.id,
        after: { ...notified, instanceId: event.instanceId },
      });
    },
    // Literal actions, so the audit-label check finds each one.
    onReturned: (tx, event, actor) => back(tx, event, actor, 'exam_plans.publish_returned'),
    onRejected: (tx, event, actor) => back(tx, event, actor, 'exam_plans.publish_rejected'),
    onWithdrawn: (tx, event, actor) => back(tx, event, actor, 'exam_plans.publish_withdrawn'),
  };
}
