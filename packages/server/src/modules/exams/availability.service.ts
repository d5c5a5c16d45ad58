import type { ExamUnavailabilityInput, ExamUnavailabilityItem } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { hasPermission, requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import * as avail from './availability.repository.ts';
import * as plans from './plans.repository.ts';
import { assertScheduleOpen } from './publish.subject.ts';

/**
 * 不可监考 — sessions of a plan a teacher cannot invigilate in: the teacher declares their own,
 * the office anyone's, until the timetable is published (then duties are swapped by hand).
 */
export function createExamAvailabilityService({ db }: { db: Db }) {
  /**
   * The teacher the actor may act for: the office anyone (or everyone when reading), a teacher
   * themself; null for a reader who is neither (a student has no declarations to see).
   */
  function teacherOf(actor: Actor, asked: number | undefined): number | undefined | null {
    const scope = requireAccess(actor, 'exams.read');
    if (scope.kind === 'all' && hasPermission(actor, 'exams.manage')) return asked;
    const own = scope.kind === 'all' ? null : (scope.selfTeacherId ?? scope.teachingTeacherId);
    if (asked !== undefined && asked !== own) throw new AppError('forbidden');
    return own;
  }

  return {
    /** GET /api/exams/plans/:id/unavailability */
    async list(actor: Actor, planId: number, teacherId?: number): Promise<{ items: ExamUnavailabilityItem[] }> {
      const who = teacherOf(actor, teacherId);
      if (!(await plans.findPlan(db, planId))) throw new AppError('not_found', { params: { what: 'exam plan' } });
      return { items: who === null ? [] : await avail.findUnavailability(db, planId, who) };
    },

    /** PUT /api/exams/plans/:id/unavailability */
    async replace(actor: Actor, planId: number, input: ExamUnavailabilityInput): Promise<{ items: ExamUnavailabilityItem[] }> {
      const who = teacherOf(actor, input.teacherId);
      if (who === null) throw new AppError('forbidden');
      if (who === undefined) throw new AppError('validation_failed', { fields: [{ field: 'teacherId', code: 'required' }] });
      return db.transaction(async (tx) => {
        const plan = await plans.lockPlan(tx, planId);
        if (!plan) throw new AppError('not_found', { params: { what: 'exam plan' } });
        assertScheduleOpen(plan);
        if ((await avail.countTeachers(tx, [who])) === 0) throw new AppError('not_found', { params: { what: 'teacher' } });
        const sessionIds = new Set((await plans.findSessions(tx, planId)).map((s) => s.id));
        const rows = [...new Map(input.sessions.map((s) => [s.sessionId, { sessionId: s.sessionId, reason: s.reason || null }])).values()];
        if (rows.some((r) => !sessionIds.has(r.sessionId))) throw new AppError('exam_session_not_in_plan');
        const before = await avail.findUnavailability(tx, planId, who);
        await avail.replaceUnavailability(tx, planId, who, rows);
        await writeAudit(tx, actor, {
          action: 'exam_plans.unavailability',
          entityType: 'exam_plans',
          entityId: planId,
          before: { teacherId: who, sessionIds: before.map((b) => b.sessionId) },
          after: { teacherId: who, sessionIds: rows.map((r) => r.sessionId) },
        });
        return { items: await avail.findUnavailability(tx, planId, who) };
      });
    },
  };
}

export type ExamAvailabilityService = ReturnType<typeof createExamAvailabilityService>;
