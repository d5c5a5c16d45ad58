import type {
  ExamMoveCheck,
  ExamMoveInput,
  ExamSitting,
  ExamSolveInput,
  InvigilationItem,
  InvigilationLoad,
  SittingsQuery,
} from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { hasPermission, requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { JobKind } from '../../platform/jobs/job-kind.ts';
import { findTeacherUserIds } from '../iam/iam.read-model.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import type { WorkflowService } from '../workflow/workflow.service.ts';
import { findStudentSelectionFacts } from '../org/org.read-model.ts';
import { allocatePlan } from './allocate.ts';
import { findInvigilationLoad, findInvigilations, findSittings } from './exam-list.read-model.ts';
import * as plans from './plans.repository.ts';
import { assertExamPlanPublishable, assertScheduleOpen, createExamPublishSubject, EXAM_PUBLISH_SUBJECT } from './publish.subject.ts';
import * as sched from './schedule.repository.ts';
import { solveExamsJob, type ExamSolvePayload } from './solve.job.ts';

interface JobsPort {
  enqueue<P>(actor: Actor, kind: JobKind<P>, payload: P): Promise<number>;
  cancel(actor: Actor, id: number): Promise<unknown>;
}

type WorkflowPort = Pick<WorkflowService, 'registerSubject' | 'submit'>;

/** Names shown when a move is refused: a handful, then "and N more". */
const NAMED = 5;

/**
 * The plan's schedule: solve (a job), hand moves with live conflict checks, publication with
 * notices to students and invigilators, and the reads every role has of it (sittings, duties).
 */
export function createExamScheduleService({
  db,
  clock,
  jobs,
  workflow,
  notify,
}: {
  db: Db;
  clock: () => Date;
  jobs: JobsPort;
  workflow: WorkflowPort;
  notify?: Notify;
}) {
  workflow.registerSubject(EXAM_PUBLISH_SUBJECT, createExamPublishSubject({ notify }));

  async function schedulable(tx: Tx, planId: number) {
    const plan = await plans.lockPlan(tx, planId);
    if (!plan) throw new AppError('not_found', { params: { what: 'exam plan' } });
    assertScheduleOpen(plan);
    if (plan.status !== 'approved') throw new AppError('exam_plan_not_approved');
    const status = await plans.findJobStatus(tx, plan.lastJobId);
    if (status === 'queued' || status === 'running') throw new AppError('exam_plan_solving');
    return plan;
  }

  async function moveCheck(h: Db | Tx, planId: number, examId: number, sessionId: number): Promise<ExamMoveCheck> {
    const rows = await sched.findSessionClashes(h, planId, examId, sessionId);
    const byExam = new Map<number, typeof rows>();
    for (const r of rows) byExam.set(r.examId, [...(byExam.get(r.examId) ?? []), r]);
    const names = await plans.findCourseNamesOfExams(h, [examId, ...byExam.keys()]);
    const capacityShort = await plans.findSessionSeatShortfall(h, planId, examId, sessionId);
    return {
      ok: rows.length === 0 && capacityShort === 0,
      clashes: [...byExam].map(([id, rs]) => ({
        examId: id,
        courseName: names.get(id) ?? '',
        students: new Set(rs.map((r) => r.studentId)).size,
        sample: rs.slice(0, NAMED).map((r) => `${r.studentName}（${r.studentCode}）`),
      })),
      capacityShort,
    };
  }

  return {
    /** POST /api/exams/plans/:id/solve → { jobId } */
    async solve(actor: Actor, planId: number, input: ExamSolveInput): Promise<{ jobId: number; planId: number }> {
      requireAccess(actor, 'exams.manage');
      const p: ExamSolvePayload = {
        planId,
        seed: input.seed ?? Math.floor(Math.random() * 1_000_000),
        timeLimitMs: input.timeLimitSec * 1000,
        keepPinned: input.keepPinned,
      };
      await db.transaction((tx) => schedulable(tx, planId));
      const jobId = await jobs.enqueue(actor, solveExamsJob, p);
      try {
        await db.transaction(async (tx) => {
          await schedulable(tx, planId);
          await plans.setPlan(tx, planId, { lastJobId: jobId, updatedAt: clock() });
          await writeAudit(tx, actor, {
            action: 'exam_plans.solve_start',
            entityType: 'exam_plans',
            entityId: planId,
            after: { jobId, ...p },
          });
        });
      } catch (e) {
        await jobs.cancel(actor, jobId).catch(() => undefined);
        throw e;
      }
      return { jobId, planId };
    },

    /** POST /api/exams/plans/:id/exams/:examId/check-move: what moving the exam there would break. */
    async checkMove(actor: Actor, planId: number, examId: number, sessionId: number): Promise<ExamMoveCheck> {
      requireAccess(actor, 'exams.manage');
      const exam = await plans.findExam(db, examId);
      if (!exam || exam.planId !== planId) throw new AppError('not_found', { params: { what: 'exam' } });
      const sessions = await plans.findSessions(db, planId);
      if (!sessions.some((s) => s.id === sessionId)) throw new AppError('not_found', { params: { what: 'exam session' } });
      return moveCheck(db, planId, examId, sessionId);
    },

    /**
     * POST /api/exams/plans/:id/exams/:examId/move: a hand edit of the draft. Refused when it puts
     * students in two exams at once (how many, and who) or the session lacks seats, unless forced;
     * the exam is pinned, and rooms, seats and invigilators are given out again.
     */
    async move(actor: Actor, planId: number, examId: number, input: ExamMoveInput): Promise<ExamMoveCheck> {
      requireAccess(actor, 'exams.manage');
      return db.transaction(async (tx) => {
        const plan = await schedulable(tx, planId);
        const exam = await plans.findExam(tx, examId);
        if (!exam || exam.planId !== planId) throw new AppError('not_found', { params: { what: 'exam' } });
        if (!(await plans.findSessions(tx, planId)).some((s) => s.id === input.sessionId))
          throw new AppError('not_found', { params: { what: 'exam session' } });
        const check = await moveCheck(tx, planId, examId, input.sessionId);
        if (!input.force) {
          const students = check.clashes.reduce((n, c) => n + c.students, 0);
          if (students > 0)
            throw new AppError('exam_move_clash', {
              params: {
                count: students,
                who: check.clashes
                  .flatMap((c) => c.sample)
                  .slice(0, NAMED)
                  .join('、'),
              },
              details: { ...check },
            });
          if (check.capacityShort > 0)
            throw new AppError('exam_move_capacity', { params: { short: check.capacityShort }, details: { ...check } });
        }
        await plans.setExam(tx, examId, { sessionId: input.sessionId, pinned: true });
        await allocatePlan(tx, planId, plan.seatSeed ?? planId);
        await plans.setPlan(tx, planId, { scheduleStatus: 'draft', updatedAt: clock() });
        await writeAudit(tx, actor, {
          action: 'exams.move',
          entityType: 'exams',
          entityId: examId,
          before: { sessionId: exam.sessionId },
          after: { sessionId: input.sessionId, forced: input.force && !check.ok, clashes: check.clashes.length },
        });
        return check;
      });
    },

    /**
     * POST /api/exams/plans/:id/publish: the office submits the schedule to 考试安排发布确认 (flow
     * `exam_publish`); refused with an exam unplaced or a student in two exams at once. The plan is
     * locked until the flow ends; approval publishes it and tells students and invigilators.
     */
    async publish(actor: Actor, planId: number) {
      requireAccess(actor, 'exams.manage');
      return db.transaction(async (tx) => {
        const plan = await schedulable(tx, planId);
        if (plan.scheduleStatus !== 'draft')
          throw new AppError('exam_plan_unplaced', { params: { count: (await plans.findPlanExams(tx, planId)).length } });
        await assertExamPlanPublishable(tx, planId);
        // Marked first: a flow that decides at once (a step nobody holds) finds it submitted.
        await plans.setPlan(tx, planId, { scheduleStatus: 'submitted', updatedAt: clock() });
        const instanceId = await workflow.submit(actor, {
          flowKey: EXAM_PUBLISH_SUBJECT,
          subjectType: EXAM_PUBLISH_SUBJECT,
          subjectId: planId,
          scope: { collegeId: null },
          context: { exams: (await plans.findPlanExams(tx, planId)).length },
          tx,
        });
        await writeAudit(tx, actor, {
          action: 'exam_plans.publish_submit',
          entityType: 'exam_plans',
          entityId: planId,
          before: { scheduleStatus: 'draft' },
          after: { scheduleStatus: 'submitted', instanceId },
        });
        return { ok: true as const, instanceId, scheduleStatus: (await plans.findPlan(tx, planId))!.scheduleStatus };
      });
    },

    /** GET /api/exams/sittings: one's own (student, teacher), a college's, or any (office). */
    async sittings(actor: Actor, q: SittingsQuery): Promise<{ items: ExamSitting[] }> {
      const scope = requireAccess(actor, 'exams.read');
      const publishedOnly = !hasPermission(actor, 'exams.manage');
      const base = { termId: q.termId, planId: q.planId, publishedOnly };
      if (scope.kind === 'all')
        return { items: await findSittings(db, { ...base, studentId: q.studentId, teacherId: q.teacherId, roomId: q.roomId }) };
      if (q.studentId !== undefined) {
        if (q.studentId !== scope.selfStudentId) {
          const s = await findStudentSelectionFacts(db, q.studentId);
          if (!s || s.collegeId === null || !scope.collegeIds.includes(s.collegeId)) throw new AppError('forbidden');
        }
        return { items: await findSittings(db, { ...base, studentId: q.studentId }) };
      }
      if (q.teacherId !== undefined) {
        const own = q.teacherId === scope.teachingTeacherId || q.teacherId === scope.selfTeacherId;
        if (!own && scope.collegeIds.length === 0) throw new AppError('forbidden');
        return { items: await findSittings(db, { ...base, teacherId: q.teacherId, collegeIds: own ? undefined : scope.collegeIds }) };
      }
      if (scope.selfStudentId !== null) return { items: await findSittings(db, { ...base, studentId: scope.selfStudentId }) };
      if (scope.collegeIds.length) return { items: await findSittings(db, { ...base, roomId: q.roomId, collegeIds: scope.collegeIds }) };
      if (scope.teachingTeacherId !== null)
        return { items: await findSittings(db, { ...base, roomId: q.roomId, teacherId: scope.teachingTeacherId }) };
      throw new AppError('forbidden');
    },

    /** GET /api/exams/invigilations: a teacher's own duties; a college's; all (office). */
    async invigilations(actor: Actor, q: { teacherId?: number; termId?: number; planId?: number }): Promise<{ items: InvigilationItem[] }> {
      const scope = requireAccess(actor, 'exams.read');
      const publishedOnly = !hasPermission(actor, 'exams.manage');
      const base = { termId: q.termId, planId: q.planId, publishedOnly };
      if (scope.kind === 'all') return { items: await findInvigilations(db, { ...base, teacherId: q.teacherId }) };
      const ownId = scope.teachingTeacherId ?? scope.selfTeacherId;
      if (q.teacherId !== undefined && q.teacherId === ownId) return { items: await findInvigilations(db, { ...base, teacherId: ownId }) };
      if (scope.collegeIds.length)
        return { items: await findInvigilations(db, { ...base, teacherId: q.teacherId, collegeIds: scope.collegeIds }) };
      if (ownId !== null && q.teacherId === undefined) return { items: await findInvigilations(db, { ...base, teacherId: ownId }) };
      if (q.teacherId !== undefined) throw new AppError('forbidden');
      // A student has no duties.
      return { items: [] };
    },

    /** GET /api/exams/plans/:id/invigilation-load */
    async load(actor: Actor, planId: number): Promise<{ items: InvigilationLoad[] }> {
      requireAccess(actor, 'exams.manage');
      return { items: await findInvigilationLoad(db, planId) };
    },

    /** POST /api/exams/invigilations/:id/swap — the duty goes to another teacher free in that session. */
    async swap(actor: Actor, id: number, teacherId: number) {
      requireAccess(actor, 'exams.manage');
      return db.transaction(async (tx) => {
        const duty = await sched.findInvigilation(tx, id);
        if (!duty) throw new AppError('not_found', { params: { what: 'invigilation' } });
        const plan = await plans.lockPlan(tx, duty.planId);
        if (!plan) throw new AppError('not_found', { params: { what: 'exam plan' } });
        const teacher = await sched.findTeacherName(tx, teacherId);
        if (!teacher) throw new AppError('not_found', { params: { what: 'teacher' } });
        if (await sched.teacherBusy(tx, duty.sessionId, teacherId)) throw new AppError('exam_invigilator_busy', { params: { teacher } });
        await sched.setInvigilationTeacher(tx, id, teacherId);
        await writeAudit(tx, actor, {
          action: 'exam_invigilations.swap',
          entityType: 'exam_invigilations',
          entityId: id,
          before: { teacherId: duty.teacherId },
          after: { teacherId },
        });
        if (notify && plan.scheduleStatus === 'published') {
          const users = (await findTeacherUserIds(tx, [teacherId])).get(teacherId) ?? [];
          if (users.length)
            await notify(tx, {
              userIds: users,
              kind: 'invigilation_assigned',
              params: { plan: plan.name, count: 1 },
              link: '/exams/invigilations',
            });
        }
        return { ok: true as const };
      });
    },
  };
}

export type ExamScheduleService = ReturnType<typeof createExamScheduleService>;
