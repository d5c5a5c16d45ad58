import type {
  ExamInput,
  ExamItem,
  ExamPlanInput,
  ExamPlanView,
  ExamRule,
  ExamRuleInput,
  ExamSolveSummary,
  Locale,
} from '@jiaowu/contracts';
import type { z } from 'zod';
import type { examPatch, examsQuery } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { findTermById } from '../org/org.read-model.ts';
import type { WorkflowService } from '../workflow/workflow.service.ts';
import type { SubjectHandler } from '../workflow/workflow.types.ts';
import { findExamPage } from './exam-list.read-model.ts';
import { countPapersOfExam } from './papers.repository.ts';
import * as repo from './plans.repository.ts';
import { assertScheduleOpen } from './publish.subject.ts';
import { clearAllocation } from './schedule.repository.ts';
import { fromMinutes, planSessions } from './sessions.ts';

/**
 * 考试安排 — the office opens a plan for a term (dates, sessions per day); its exam list starts as
 * every course assessed by exam 考试 with classes in the term, one paper for all classes 统考. The
 * office adds per-class exams, removes courses, sets durations and room types. Each college's
 * part of the list is confirmed by the college and approved by the office (flow `exam_list`); the
 * plan is approved when all are, and an edit after that sends the college's list back to draft.
 */

export const EXAM_LIST_FLOW = 'exam_list';
const SUBJECT = 'exam_list';

type WorkflowPort = Pick<WorkflowService, 'registerSubject' | 'submit'>;

/** The audit action of each decision on a college's list (labels in contracts/audit-labels.ts). */
const DECISION_ACTIONS: Record<string, string> = {
  approved: 'exam_plan_colleges.approved',
  rejected: 'exam_plan_colleges.rejected',
  returned: 'exam_plan_colleges.returned',
  draft: 'exam_plan_colleges.withdrawn',
};

export function presentPlan(
  p: repo.ExamPlanRow,
  extra: { sessions: number; exams: number; placed: number; colleges: ExamPlanView['colleges'] },
): ExamPlanView {
  return {
    id: p.id,
    termId: p.termId,
    kind: p.kind as ExamPlanView['kind'],
    sourceTermId: p.sourceTermId,
    name: p.name,
    status: p.status as ExamPlanView['status'],
    scheduleStatus: p.scheduleStatus as ExamPlanView['scheduleStatus'],
    startDate: p.startDate,
    endDate: p.endDate,
    dailySessions: p.dailySessions as ExamPlanView['dailySessions'],
    includeWeekends: p.includeWeekends,
    excludedDates: p.excludedDates,
    allowRoomSharing: p.allowRoomSharing,
    maxExamsPerDay: p.maxExamsPerDay,
    lastJobId: p.lastJobId,
    solveSummary: (p.solveSummary as ExamSolveSummary | null) ?? null,
    publishedAt: p.publishedAt?.toISOString() ?? null,
    ...extra,
  };
}

/**
 * Inserts a plan with its sessions and, for final exams, one 统考 per exam course of the term, and
 * the colleges whose lists it holds (the service and the demo seed share it).
 */
export async function openPlan(tx: Tx, input: ExamPlanInput, createdBy: number | null, now: Date) {
  const sessions = planSessions(input);
  if (sessions.length === 0) throw new AppError('exam_plan_no_sessions');
  const plan = await repo.insertPlan(tx, {
    termId: input.termId,
    kind: input.kind,
    sourceTermId: input.kind === 'makeup' ? (input.sourceTermId ?? null) : null,
    name: input.name,
    startDate: input.startDate,
    endDate: input.endDate,
    dailySessions: input.dailySessions,
    includeWeekends: input.includeWeekends,
    excludedDates: input.excludedDates,
    allowRoomSharing: input.allowRoomSharing,
    maxExamsPerDay: input.maxExamsPerDay,
    createdBy,
    createdAt: now,
    updatedAt: now,
  });
  await repo.insertSessions(tx, plan.id, sessions);
  // A make-up plan starts empty: its exams follow its candidates (makeup.service.ts).
  const courses = input.kind === 'final' ? await repo.findExamCourses(tx, input.termId) : [];
  const exams = await repo.insertExams(
    tx,
    courses.map((c) => ({ planId: plan.id, courseId: c.courseId, durationMin: input.defaultDuration })),
  );
  const colleges = await repo.findExamColleges(
    tx,
    exams.map((e) => e.id),
  );
  await repo.upsertPlanColleges(tx, plan.id, [...new Set(colleges.values())]);
  return { plan, sessions: sessions.length, exams: exams.length };
}

/**
 * An edit of a college's part of the exam list: refused while under review or once published; an
 * approved list goes back to draft (it needs approval again), and a drafted schedule keeps its
 * placements but loses rooms and seats, which are allocated again. Make-up candidates use it too.
 */
export async function reopenCollegeList(tx: Tx, planId: number, collegeId: number, now: Date) {
  const plan = await repo.lockPlan(tx, planId);
  if (!plan) throw new AppError('not_found', { params: { what: 'exam plan' } });
  assertScheduleOpen(plan);
  const pc = await repo.findPlanCollegeOf(tx, planId, collegeId);
  if (pc?.status === 'pending') throw new AppError('exam_plan_not_draft');
  await repo.upsertPlanColleges(tx, planId, [collegeId]);
  if (pc && pc.status !== 'draft') await repo.setPlanCollege(tx, pc.id, { status: 'draft', decidedAt: null });
  await repo.setPlan(tx, planId, { status: 'draft', updatedAt: now });
  if (plan.scheduleStatus === 'draft') await clearAllocation(tx, planId);
  return plan;
}

export function createExamPlansService({ db, clock, workflow }: { db: Db; clock: () => Date; workflow: WorkflowPort }) {
  const subject: SubjectHandler = {
    async describe(h, id, locale: Locale) {
      const pc = await repo.findPlanCollege(h, id);
      const plan = pc ? await repo.findPlan(h, pc.planId) : null;
      if (!pc || !plan) return locale === 'en' ? 'Exam list (deleted)' : '考试清单（已删除）';
      const college = (await repo.findPlanColleges(h, plan.id)).find((c) => c.collegeId === pc.collegeId);
      return locale === 'en'
        ? `Exam list — ${plan.name} — ${college?.collegeName ?? ''} — ${college?.exams ?? 0} exam(s)`
        : `考试清单 — ${plan.name} — ${college?.collegeName ?? ''} — ${college?.exams ?? 0} 门考试`;
    },
    link: () => '/exams/plans',
    onApproved: (tx, event, actor) => decide(tx, event.subjectId, 'approved', event.at, actor),
    onRejected: (tx, event, actor) => decide(tx, event.subjectId, 'rejected', event.at, actor),
    onReturned: (tx, event, actor) => decide(tx, event.subjectId, 'returned', event.at, actor),
    onWithdrawn: (tx, event, actor) => decide(tx, event.subjectId, 'draft', event.at, actor),
  };
  workflow.registerSubject(SUBJECT, subject);

  /** A college's list decided: the plan is approved once every college's list is. */
  async function decide(tx: Tx, planCollegeId: number, status: string, at: Date, actor: Actor) {
    const pc = await repo.findPlanCollege(tx, planCollegeId);
    if (!pc) throw new AppError('not_found', { params: { what: 'exam list' } });
    const plan = await repo.lockPlan(tx, pc.planId);
    if (!plan) throw new AppError('not_found', { params: { what: 'exam plan' } });
    await repo.setPlanCollege(tx, pc.id, { status, decidedAt: at });
    const all = await repo.findPlanColleges(tx, plan.id);
    const statuses = all.map((c) => (c.id === pc.id ? status : c.status));
    const planStatus = statuses.every((s) => s === 'approved') ? 'approved' : statuses.some((s) => s === 'pending') ? 'pending' : 'draft';
    await repo.setPlan(tx, plan.id, { status: planStatus, updatedAt: at });
    await writeAudit(tx, actor, {
      action: DECISION_ACTIONS[status]!,
      entityType: 'exam_plan_colleges',
      entityId: pc.id,
      before: { status: pc.status },
      after: { status, planId: plan.id, collegeId: pc.collegeId, planStatus },
    });
  }

  async function view(h: Db | Tx, p: repo.ExamPlanRow): Promise<ExamPlanView> {
    const [sessions, exams, colleges] = await Promise.all([
      repo.findSessions(h, p.id),
      repo.findPlanExams(h, p.id),
      repo.findPlanColleges(h, p.id),
    ]);
    return presentPlan(p, {
      sessions: sessions.length,
      exams: exams.length,
      placed: exams.filter((e) => e.sessionId !== null).length,
      colleges: colleges.map((c) => ({
        collegeId: c.collegeId,
        collegeName: c.collegeName,
        status: c.status as ExamPlanView['colleges'][number]['status'],
        exams: c.exams,
        workflowInstanceId: c.workflowInstanceId,
      })),
    });
  }

  async function planOr404(h: Db | Tx, id: number) {
    const p = await repo.findPlan(h, id);
    if (!p) throw new AppError('not_found', { params: { what: 'exam plan' } });
    return p;
  }

  const editable = (tx: Tx, planId: number, collegeId: number) => reopenCollegeList(tx, planId, collegeId, clock());

  return {
    subject,
    view,

    /** POST /api/exams/plans */
    async create(actor: Actor, input: ExamPlanInput): Promise<ExamPlanView> {
      requireAccess(actor, 'exams.manage');
      return db.transaction(async (tx) => {
        const term = await findTermById(tx, input.termId);
        if (!term) throw new AppError('not_found', { params: { what: 'term' } });
        if (input.kind === 'makeup' && !(await findTermById(tx, input.sourceTermId!)))
          throw new AppError('validation_failed', { fields: [{ field: 'sourceTermId', code: 'invalid_value' }] });
        const { plan, sessions, exams } = await openPlan(tx, input, actor.userId, clock());
        await writeAudit(tx, actor, {
          action: 'exam_plans.create',
          entityType: 'exam_plans',
          entityId: plan.id,
          after: { ...input, sessions, exams },
        });
        return view(tx, plan);
      });
    },

    /** GET /api/exams/plans */
    async list(actor: Actor, termId?: number): Promise<{ items: ExamPlanView[] }> {
      requireAccess(actor, 'exams.read');
      const plans = await repo.findPlans(db, termId);
      return { items: await Promise.all(plans.map((p) => view(db, p))) };
    },

    /** GET /api/exams/plans/:id */
    async get(actor: Actor, id: number): Promise<ExamPlanView> {
      requireAccess(actor, 'exams.read');
      return view(db, await planOr404(db, id));
    },

    /** GET /api/exams/plans/:id/sessions */
    async sessions(actor: Actor, id: number) {
      requireAccess(actor, 'exams.read');
      await planOr404(db, id);
      return {
        items: (await repo.findSessions(db, id)).map((s) => ({
          id: s.id,
          date: s.date,
          start: fromMinutes(s.startMin),
          end: fromMinutes(s.endMin),
        })),
      };
    },

    /** GET /api/exams/plans/:id/exams — a secretary sees their college's exams. */
    async exams(actor: Actor, planId: number, q: z.infer<typeof examsQuery>): Promise<{ items: ExamItem[]; total: number }> {
      const scope = requireAccess(actor, 'exams.read');
      await planOr404(db, planId);
      // A secretary reads their college's exams, a teacher those of their courses, a student their own.
      const narrow =
        scope.kind === 'all'
          ? {}
          : scope.collegeIds.length
            ? { collegeIds: scope.collegeIds }
            : scope.teachingTeacherId !== null
              ? { teacherId: scope.teachingTeacherId }
              : { studentId: scope.selfStudentId ?? -1 };
      return findExamPage(db, {
        planId,
        ...narrow,
        collegeId: q.collegeId,
        q: q.q,
        unplaced: q.unplaced === undefined ? undefined : q.unplaced === 'true',
        page: q.page,
        pageSize: q.pageSize,
      });
    },

    /** POST /api/exams/plans/:id/exams — a course's exam 统考, or one class's own. */
    async addExam(actor: Actor, planId: number, input: ExamInput) {
      requireAccess(actor, 'exams.manage');
      return db.transaction(async (tx) => {
        const plan = await planOr404(tx, planId);
        if (plan.kind === 'makeup') throw new AppError('exam_makeup_list_follows');
        const known = await repo.findClassOfCourse(tx, plan.termId, input.courseId, input.teachingClassId);
        if (!known)
          throw new AppError('validation_failed', {
            fields: [{ field: input.teachingClassId ? 'teachingClassId' : 'courseId', code: 'invalid_value' }],
          });
        const [exam] = await repo.insertExams(tx, [
          {
            planId,
            courseId: input.courseId,
            teachingClassId: input.teachingClassId,
            durationMin: input.durationMin,
            roomType: input.roomType,
          },
        ]);
        const college = (await repo.findExamColleges(tx, [exam!.id])).get(exam!.id)!;
        await editable(tx, planId, college);
        await writeAudit(tx, actor, { action: 'exams.create', entityType: 'exams', entityId: exam!.id, after: { planId, ...input } });
        return { id: exam!.id };
      });
    },

    /** PATCH /api/exams/plans/:id/exams/:examId */
    async patchExam(actor: Actor, planId: number, examId: number, input: z.infer<typeof examPatch>) {
      requireAccess(actor, 'exams.manage');
      return db.transaction(async (tx) => {
        const exam = await repo.findExam(tx, examId);
        if (!exam || exam.planId !== planId) throw new AppError('not_found', { params: { what: 'exam' } });
        await editable(tx, planId, (await repo.findExamColleges(tx, [examId])).get(examId)!);
        await repo.setExam(tx, examId, input);
        await writeAudit(tx, actor, {
          action: 'exams.update',
          entityType: 'exams',
          entityId: examId,
          before: { durationMin: exam.durationMin, roomType: exam.roomType },
          after: input,
        });
        return { ok: true as const };
      });
    },

    /** DELETE /api/exams/plans/:id/exams/:examId — the course is assessed otherwise, or in class time. */
    async removeExam(actor: Actor, planId: number, examId: number) {
      requireAccess(actor, 'exams.manage');
      return db.transaction(async (tx) => {
        const exam = await repo.findExam(tx, examId);
        if (!exam || exam.planId !== planId) throw new AppError('not_found', { params: { what: 'exam' } });
        if ((await countPapersOfExam(tx, examId)) > 0) throw new AppError('exam_has_papers');
        if ((await planOr404(tx, planId)).kind === 'makeup') throw new AppError('exam_makeup_list_follows');
        await editable(tx, planId, (await repo.findExamColleges(tx, [examId])).get(examId)!);
        await repo.deleteExam(tx, examId);
        await writeAudit(tx, actor, { action: 'exams.delete', entityType: 'exams', entityId: examId, before: exam });
        return { ok: true as const };
      });
    },

    /** GET /api/exams/plans/:id/rules */
    async rules(actor: Actor, planId: number): Promise<{ items: ExamRule[] }> {
      requireAccess(actor, 'exams.read');
      await planOr404(db, planId);
      return {
        items: (await repo.findRules(db, planId)).map(({ startMin, ...r }) => ({
          ...r,
          kind: r.kind as ExamRule['kind'],
          start: startMin === null ? null : fromMinutes(startMin),
        })),
      };
    },

    /**
     * POST /api/exams/plans/:id/rules: a rule the next solve keeps (the current schedule is not
     * moved by it); refused once the plan is published.
     */
    async addRule(actor: Actor, planId: number, input: ExamRuleInput): Promise<{ id: number }> {
      requireAccess(actor, 'exams.manage');
      return db.transaction(async (tx) => {
        const plan = await repo.lockPlan(tx, planId);
        if (!plan) throw new AppError('not_found', { params: { what: 'exam plan' } });
        assertScheduleOpen(plan);
        const ids = [input.examId, ...(input.otherExamId === null ? [] : [input.otherExamId])];
        const exams = await repo.findExamsByIds(tx, ids);
        const sessionOk = input.sessionId === null || (await repo.findSessions(tx, planId)).some((x) => x.id === input.sessionId);
        if (exams.length !== ids.length || exams.some((e) => e.planId !== planId) || !sessionOk)
          throw new AppError('exam_rule_not_in_plan');
        const row = await repo.insertConstraint(tx, {
          planId,
          kind: input.kind,
          examId: input.examId,
          otherExamId: input.kind === 'avoid_session' ? null : input.otherExamId,
          sessionId: input.kind === 'avoid_session' ? input.sessionId : null,
        });
        await writeAudit(tx, actor, { action: 'exam_constraints.create', entityType: 'exam_constraints', entityId: row.id, after: input });
        return { id: row.id };
      });
    },

    /** DELETE /api/exams/plans/:id/rules/:ruleId */
    async removeRule(actor: Actor, planId: number, ruleId: number) {
      requireAccess(actor, 'exams.manage');
      return db.transaction(async (tx) => {
        const plan = await repo.lockPlan(tx, planId);
        if (!plan) throw new AppError('not_found', { params: { what: 'exam plan' } });
        assertScheduleOpen(plan);
        const row = await repo.deleteConstraint(tx, planId, ruleId);
        if (!row) throw new AppError('not_found', { params: { what: 'exam rule' } });
        await writeAudit(tx, actor, { action: 'exam_constraints.delete', entityType: 'exam_constraints', entityId: ruleId, before: row });
        return { ok: true as const };
      });
    },

    /** POST /api/exams/plans/:id/submit — every college's draft (or returned) list goes for confirmation. */
    async submit(actor: Actor, planId: number): Promise<ExamPlanView> {
      requireAccess(actor, 'exams.manage');
      return db.transaction(async (tx) => {
        const plan = await repo.lockPlan(tx, planId);
        if (!plan) throw new AppError('not_found', { params: { what: 'exam plan' } });
        assertScheduleOpen(plan);
        const colleges = await repo.findPlanColleges(tx, planId);
        let submitted = 0;
        for (const c of colleges) {
          if (c.status !== 'draft' && c.status !== 'returned' && c.status !== 'rejected') continue;
          const instanceId = await workflow.submit(actor, {
            flowKey: EXAM_LIST_FLOW,
            subjectType: SUBJECT,
            subjectId: c.id,
            scope: { collegeId: c.collegeId },
            context: { exams: c.exams, collegeId: c.collegeId },
            tx,
          });
          await repo.setPlanCollege(tx, c.id, { status: 'pending', workflowInstanceId: instanceId, decidedAt: null });
          submitted++;
        }
        // The workflow may have decided at once (an auto-approved step): read what it left.
        const after = await repo.findPlanColleges(tx, planId);
        const status = after.every((c) => c.status === 'approved')
          ? 'approved'
          : after.some((c) => c.status === 'pending')
            ? 'pending'
            : 'draft';
        await repo.setPlan(tx, planId, { status, updatedAt: clock() });
        await writeAudit(tx, actor, {
          action: 'exam_plans.submit',
          entityType: 'exam_plans',
          entityId: planId,
          after: { submitted, status },
        });
        return view(tx, (await repo.findPlan(tx, planId))!);
      });
    },
  };
}

export type ExamPlansService = ReturnType<typeof createExamPlansService>;
