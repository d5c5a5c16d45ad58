import { startOfDayIn, WEB_PATHS } from '@jiaowu/contracts';
import type { AttachmentInfo, DeferrableExam, ExamDeferral, ExamDeferralInput, ExamDeferralQuery, Locale, Paged } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { requireAccess, scopeOf } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { AttachmentsPort } from '../../platform/files/attachments.service.ts';
import { findStudentSelectionFacts } from '../org/org.read-model.ts';
import { findSchoolTimeZone } from '../org/school-settings.read-model.ts';
import type { SubjectHandler } from '../workflow/workflow.types.ts';
import type { WorkflowService } from '../workflow/workflow.service.ts';
import * as repo from './deferrals.repository.ts';
import type { DeferralListRow, ExamDeferralRow } from './deferrals.repository.ts';
import type { ExamRefRow } from './exam-ref.repository.ts';

/**
 * 缓考 — a student asks to sit an exam later, before its session starts. The flow `exam_deferral`
 * runs (college secretary → academic office, scope the student's college). On approval, in the
 * same transaction, the student's seat in that exam is deleted, so they leave its roster
 * (`findStudentExams` leaves approved deferrals out) and the make-up plan lists them; the
 * workflow engine tells the student of every decision.
 */

export const EXAM_DEFERRAL_FLOW = 'exam_deferral';
const SUBJECT = 'exam_deferral';

type WorkflowPort = Pick<WorkflowService, 'registerSubject' | 'submit' | 'withdraw'>;
type Decision = 'approved' | 'rejected' | 'returned' | 'withdrawn';
/** The audit action of each decision (labels in contracts/audit-labels.ts). */
const DECISION_ACTIONS: Record<Decision, string> = {
  approved: 'exam_deferrals.approved',
  rejected: 'exam_deferrals.rejected',
  returned: 'exam_deferrals.returned',
  withdrawn: 'exam_deferrals.withdrawn',
};

const hhmm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/** When the exam's session starts (the school's clock), null while unscheduled. */
function startOf(exam: ExamRefRow, zone: string): Date | null {
  if (exam.date === null || exam.startMin === null) return null;
  return new Date(startOfDayIn(exam.date, zone).getTime() + exam.startMin * 60_000);
}

function presentRef(r: ExamRefRow) {
  return {
    examId: r.examId,
    courseCode: r.courseCode,
    courseName: r.courseName,
    teachingClassId: r.teachingClassId,
    planName: r.planName,
    termId: r.termId,
    date: r.date,
    startMin: r.startMin,
    endMin: r.endMin,
  };
}

export function presentDeferral(r: DeferralListRow, files: Map<number, AttachmentInfo>): ExamDeferral {
  return {
    ...presentRef(r),
    attachment: r.attachmentId === null ? null : (files.get(r.attachmentId) ?? null),
    id: r.id,
    studentId: r.studentId,
    studentCode: r.studentCode,
    studentName: r.studentName,
    reason: r.reason,
    status: r.status as ExamDeferral['status'],
    workflowInstanceId: r.workflowInstanceId,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  };
}

function ownStudentId(actor: Actor): number {
  requireAccess(actor, 'exams.defer');
  if (actor.studentId === null) throw new AppError('not_a_student');
  return actor.studentId;
}

export function createDeferralsService({
  db,
  clock,
  workflow,
  attachments,
}: {
  db: Db;
  clock: () => Date;
  workflow: WorkflowPort;
  attachments: AttachmentsPort;
}) {
  const subject: SubjectHandler = {
    async describe(h, id, locale: Locale) {
      const d = await repo.findDeferral(h, id);
      if (!d) return locale === 'en' ? 'Deferred exam (deleted)' : '缓考申请（已删除）';
      const s = await findStudentSelectionFacts(h, d.studentId);
      const e = await repo.findExamRef(h, d.examId);
      const when = e?.date && e.startMin !== null ? ` ${e.date} ${hhmm(e.startMin)}` : '';
      return locale === 'en'
        ? `Deferred exam — ${s?.name ?? ''} (${s?.code ?? ''}) — ${e?.courseName ?? ''}${when}: ${d.reason}`
        : `缓考申请 — ${s?.name ?? ''}（${s?.code ?? ''}）— ${e?.courseName ?? ''}${when}：${d.reason}`;
    },
    link: () => WEB_PATHS.examDeferrals,
    onApproved: (tx, event, actor) => decide(tx, event.subjectId, 'approved', event.at, actor),
    onRejected: (tx, event, actor) => decide(tx, event.subjectId, 'rejected', event.at, actor),
    onReturned: (tx, event, actor) => decide(tx, event.subjectId, 'returned', event.at, actor),
    onWithdrawn: (tx, event, actor) => decide(tx, event.subjectId, 'withdrawn', event.at, actor),
  };
  workflow.registerSubject(SUBJECT, subject);
  // The proof is read by whoever may read the application: the student, their college, the office.
  attachments.registerOwner(SUBJECT, {
    async canRead(h, actor, id) {
      if (!actor.permissions['exams.read']) return false;
      return (await repo.findDeferralPage(h, scopeOf(actor, 'exams.read'), { ids: [id], page: 1, pageSize: 1 })).total > 0;
    },
  });

  async function present(h: Db | Tx, rows: DeferralListRow[]): Promise<ExamDeferral[]> {
    const files = await attachments.infos(
      h,
      rows.flatMap((r) => (r.attachmentId === null ? [] : [r.attachmentId])),
    );
    return rows.map((r) => presentDeferral(r, files));
  }

  async function decide(tx: Tx, id: number, status: Decision, at: Date, actor: Actor) {
    const before = await repo.findDeferral(tx, id);
    if (!before) throw new AppError('not_found', { params: { what: 'exam deferral' } });
    await repo.setDeferral(tx, id, { status, decidedAt: at });
    // Approved: the student leaves the exam's seating plan and so its roster, in this transaction.
    const seatsRemoved = status === 'approved' ? await repo.deleteExamSeat(tx, before.examId, before.studentId) : 0;
    await writeAudit(tx, actor, {
      action: DECISION_ACTIONS[status],
      entityType: 'exam_deferrals',
      entityId: id,
      before: { status: before.status },
      after: { status, examId: before.examId, studentId: before.studentId, seatsRemoved },
    });
  }

  async function listRow(h: Db | Tx, row: ExamDeferralRow): Promise<ExamDeferral> {
    const page = await repo.findDeferralPage(h, { kind: 'all' }, { page: 1, pageSize: 1, ids: [row.id] });
    return (await present(h, page.items))[0];
  }

  return {
    subject,

    /** POST /api/exams/deferrals: refused for another's exam, an unscheduled or started one, or a second live application. */
    async apply(actor: Actor, input: ExamDeferralInput): Promise<ExamDeferral> {
      const studentId = ownStudentId(actor);
      return db.transaction(async (tx) => {
        const [exam] = await repo.findStudentExams(tx, studentId, undefined, input.examId);
        if (!exam) {
          // Off the roster because an earlier deferral was approved: say that, not "not yours".
          const approved = (await repo.findStudentDeferralsFor(tx, studentId, [input.examId])).find((d) => d.status === 'approved');
          const ref = approved ? await repo.findExamRef(tx, input.examId) : null;
          if (ref) throw new AppError('exam_deferral_live', { params: { course: ref.courseName } });
          throw new AppError('exam_not_yours');
        }
        const zone = await findSchoolTimeZone(tx);
        const start = startOf(exam, zone);
        if (!start) throw new AppError('exam_not_scheduled');
        if (clock() >= start)
          throw new AppError('exam_deferral_started', {
            params: { course: exam.courseName, start: `${exam.date} ${hhmm(exam.startMin!)}` },
          });
        const attachmentId = input.attachmentId ?? null;
        const row = await repo.insertDeferral(tx, {
          examId: exam.examId,
          studentId,
          reason: input.reason,
          attachmentId,
          createdAt: clock(),
        });
        if (!row) throw new AppError('exam_deferral_live', { params: { course: exam.courseName } });
        if (attachmentId !== null) await attachments.claim(tx, actor, attachmentId, { type: SUBJECT, id: row.id });
        const student = await findStudentSelectionFacts(tx, studentId);
        if (!student) throw new AppError('not_found', { params: { what: 'student' } });
        const instanceId = await workflow.submit(actor, {
          flowKey: EXAM_DEFERRAL_FLOW,
          subjectType: SUBJECT,
          subjectId: row.id,
          scope: { collegeId: student.collegeId },
          context: { collegeId: student.collegeId },
          tx,
        });
        const stored = (await repo.setDeferral(tx, row.id, { workflowInstanceId: instanceId }))!;
        await writeAudit(tx, actor, {
          action: 'exam_deferrals.create',
          entityType: 'exam_deferrals',
          entityId: row.id,
          after: { examId: exam.examId, reason: input.reason, attachmentId, instanceId },
        });
        return listRow(tx, stored);
      });
    },

    /** POST /api/exams/deferrals/:id/withdraw: the student's own, while pending (through the workflow, which calls back). */
    async withdraw(actor: Actor, id: number): Promise<ExamDeferral> {
      requireAccess(actor, 'exams.defer');
      return db.transaction(async (tx) => {
        const row = await repo.findDeferral(tx, id);
        // Another student's application (or any, for an account without a student record) answers as a missing one.
        if (!row || actor.studentId === null || row.studentId !== actor.studentId)
          throw new AppError('not_found', { params: { what: 'exam deferral' } });
        if (row.status !== 'pending' || row.workflowInstanceId === null) throw new AppError('exam_deferral_not_pending');
        await workflow.withdraw(actor, row.workflowInstanceId, null, tx);
        return listRow(tx, (await repo.findDeferral(tx, id))!);
      });
    },

    /** GET /api/exams/deferrals: own (student), own college's students' (secretary), all (office); newest first. */
    async list(actor: Actor, q: ExamDeferralQuery): Promise<Paged<ExamDeferral>> {
      const scope = requireAccess(actor, 'exams.read');
      const page = await repo.findDeferralPage(db, scope, q);
      return { items: await present(db, page.items), total: page.total };
    },

    /** GET /api/exams/deferrals/:id: one application inside the reader's scope (the approver's detail); 404 outside it. */
    async get(actor: Actor, id: number): Promise<ExamDeferral> {
      const scope = requireAccess(actor, 'exams.read');
      const page = await repo.findDeferralPage(db, scope, { ids: [id], page: 1, pageSize: 1 });
      if (!page.items.length) throw new AppError('not_found', { params: { what: 'exam deferral' } });
      return (await present(db, page.items))[0];
    },

    /** GET /api/exams/deferrals/exams: the student's exams, whether each can be deferred now, and its latest application. */
    async myExams(actor: Actor, termId?: number): Promise<{ items: DeferrableExam[] }> {
      requireAccess(actor, 'exams.defer');
      // An administrator holds every permission but sits no exams.
      if (actor.studentId === null) return { items: [] };
      const studentId = actor.studentId;
      const rows = await repo.findStudentExams(db, studentId, termId);
      const applied = await repo.findStudentDeferralsFor(
        db,
        studentId,
        rows.map((r) => r.examId),
      );
      const zone = await findSchoolTimeZone(db);
      const now = clock();
      return {
        items: rows.map((r) => {
          const latest = applied.find((d) => d.examId === r.examId) ?? null;
          const start = startOf(r, zone);
          const live = latest !== null && (latest.status === 'pending' || latest.status === 'approved');
          return {
            ...presentRef(r),
            canDefer: start !== null && now < start && !live,
            deferralStatus: (latest?.status ?? null) as DeferrableExam['deferralStatus'],
            deferralId: latest?.id ?? null,
          };
        }),
      };
    },
  };
}
export type DeferralsService = ReturnType<typeof createDeferralsService>;
