import type {
  ExamIncident,
  ExamIncidentInput,
  ExamIncidentQuery,
  ExamIncidentReviewInput,
  InvigilationDuty,
  Paged,
} from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { requireAccess } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { findUserNames } from '../iam/iam.read-model.ts';
import { findOrgNames } from '../org/org.read-model.ts';
import * as repo from './incidents.repository.ts';
import type { IncidentListRow, IncidentScope } from './incidents.repository.ts';

/**
 * 考场违纪 — an invigilator records what they saw of a student seated in the room they watch in
 * that exam's session (or the office records it); the office confirms or dismisses it. Only
 * confirmed incidents are facts for grades (`findConfirmedIncidents`).
 */

export function createIncidentsService({ db, clock }: { db: Db; clock: () => Date }) {
  /** The names a list shows beside its ids (rooms, recorder and reviewer), one query per kind. */
  async function present(h: Db | Tx, rows: IncidentListRow[]): Promise<ExamIncident[]> {
    const rooms = new Map(
      (
        await findOrgNames(
          h,
          'rooms',
          rows.flatMap((r) => (r.roomId === null ? [] : [r.roomId])),
        )
      ).map((r) => [r.id, r.name]),
    );
    const userIds = rows.flatMap((r) => [r.recordedBy, r.reviewedBy]).filter((id): id is number => id !== null);
    const users = await findUserNames(h, userIds);
    return rows.map((r) => ({
      examId: r.examId,
      courseCode: r.courseCode,
      courseName: r.courseName,
      teachingClassId: r.teachingClassId,
      planName: r.planName,
      termId: r.termId,
      date: r.date,
      startMin: r.startMin,
      endMin: r.endMin,
      id: r.id,
      studentId: r.studentId,
      studentCode: r.studentCode,
      studentName: r.studentName,
      roomName: r.roomId === null ? null : (rooms.get(r.roomId) ?? null),
      seatNo: r.seatNo,
      kind: r.kind as ExamIncident['kind'],
      note: r.note,
      recordedByName: r.recordedBy === null ? null : (users.get(r.recordedBy) ?? null),
      status: r.status as ExamIncident['status'],
      reviewNote: r.reviewNote,
      reviewedByName: r.reviewedBy === null ? null : (users.get(r.reviewedBy) ?? null),
      reviewedAt: r.reviewedAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  async function one(h: Db | Tx, id: number): Promise<ExamIncident> {
    const page = await repo.findIncidentPage(h, { kind: 'all' }, { ids: [id], page: 1, pageSize: 1 });
    return (await present(h, page.items))[0];
  }

  return {
    /** POST /api/exams/incidents: an invigilator of the student's room in that session, or the office. */
    async record(actor: Actor, input: ExamIncidentInput): Promise<ExamIncident> {
      const scope = requireAccess(actor, 'exams.incidents');
      return db.transaction(async (tx) => {
        const seat = await repo.findSeat(tx, input.examId, input.studentId);
        if (scope.kind !== 'all') {
          const teacherId = scope.teachingTeacherId ?? scope.selfTeacherId;
          if (teacherId === null || !(await repo.isInvigilatorOf(tx, teacherId, input.examId, input.studentId)))
            throw new AppError('exam_incident_not_invigilator');
        } else if (!seat) throw new AppError('exam_incident_not_seated');
        const row = await repo.insertIncident(tx, {
          examId: input.examId,
          studentId: input.studentId,
          kind: input.kind,
          note: input.note,
          recordedBy: actor.userId,
          createdAt: clock(),
        });
        await writeAudit(tx, actor, {
          action: 'exam_incidents.create',
          entityType: 'exam_incidents',
          entityId: row.id,
          after: { examId: input.examId, studentId: input.studentId, kind: input.kind, note: input.note },
        });
        return one(tx, row.id);
      });
    },

    /** POST /api/exams/incidents/:id/review: the office confirms or dismisses a recorded incident. */
    async review(actor: Actor, id: number, input: ExamIncidentReviewInput): Promise<ExamIncident> {
      requireAccess(actor, 'exams.manage');
      return db.transaction(async (tx) => {
        const before = await repo.findIncident(tx, id);
        if (!before) throw new AppError('not_found', { params: { what: 'exam incident' } });
        const status = input.decision === 'confirm' ? 'confirmed' : 'dismissed';
        const row = await repo.reviewIncident(tx, id, { status, reviewNote: input.note, reviewedBy: actor.userId, reviewedAt: clock() });
        if (!row) throw new AppError('exam_incident_reviewed');
        await writeAudit(tx, actor, {
          action: status === 'confirmed' ? 'exam_incidents.confirmed' : 'exam_incidents.dismissed',
          entityType: 'exam_incidents',
          entityId: id,
          before: { status: before.status },
          after: { status, note: input.note, examId: before.examId, studentId: before.studentId, kind: before.kind },
        });
        return one(tx, id);
      });
    },

    /** GET /api/exams/incidents: all (office), or a teacher's own records and those of rooms they invigilate. */
    async list(actor: Actor, q: ExamIncidentQuery): Promise<Paged<ExamIncident>> {
      const scope = requireAccess(actor, 'exams.incidents');
      const who: IncidentScope =
        scope.kind === 'all'
          ? { kind: 'all' }
          : { kind: 'teacher', teacherId: scope.teachingTeacherId ?? scope.selfTeacherId, userId: actor.userId };
      const page = await repo.findIncidentPage(db, who, q);
      return { items: await present(db, page.items), total: page.total };
    },

    /** GET /api/exams/incidents/duties: the rooms the teacher invigilates, with each exam's seated students. */
    async duties(actor: Actor): Promise<{ items: InvigilationDuty[] }> {
      requireAccess(actor, 'exams.incidents');
      if (actor.teacherId === null) return { items: [] };
      const rows = await repo.findDutySeats(db, actor.teacherId);
      const refs = new Map(
        (
          await repo.findExamRefs(
            db,
            rows.map((r) => r.examId),
          )
        ).map((e) => [e.examId, e]),
      );
      const rooms = new Map(
        (
          await findOrgNames(
            db,
            'rooms',
            rows.map((r) => r.roomId),
          )
        ).map((r) => [r.id, r.name]),
      );
      const duties = new Map<string, InvigilationDuty>();
      for (const r of rows) {
        const key = `${r.sessionId}:${r.roomId}`;
        let duty = duties.get(key);
        if (!duty) {
          duty = {
            sessionId: r.sessionId,
            date: r.date,
            startMin: r.startMin,
            endMin: r.endMin,
            roomId: r.roomId,
            roomName: rooms.get(r.roomId) ?? '',
            exams: [],
          };
          duties.set(key, duty);
        }
        let exam = duty.exams.find((e) => e.examId === r.examId);
        if (!exam) {
          const ref = refs.get(r.examId);
          exam = { examId: r.examId, courseCode: ref?.courseCode ?? '', courseName: ref?.courseName ?? '', students: [] };
          duty.exams.push(exam);
        }
        exam.students.push({ id: r.studentId, code: r.studentCode, name: r.studentName, seatNo: r.seatNo });
      }
      return { items: [...duties.values()] };
    },
  };
}
export type IncidentsService = ReturnType<typeof createIncidentsService>;
