import type { ExamExportOwner, ExamScheduleExportQuery, Locale } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { CONTENT_TYPES, writeXlsx } from '../../platform/files/spreadsheet-writer.ts';
import { printSchedule, scheduleFileWord } from './schedule-export.layout.ts';
import { schedulePdf } from './schedule-export.pdf.ts';
import { findExportOwner, findTermName } from './schedule-export.repository.ts';
import { findExamScheduleRows, type ScheduleRowFilter } from './schedule-rows.read-model.ts';

/**
 * Printed exam schedules 考试安排表 of a term's published plans: a student's, a teacher's, a
 * room's or a college's, as XLSX or PDF, in the same scopes as the sittings list. An owner out
 * of scope is not found, so ids of others reveal nothing.
 */
export function createScheduleExportService({ db }: { db: Db }) {
  /** Whose schedule, and the filter that keeps it within the caller's scope. */
  async function resolve(actor: Actor, q: ExamScheduleExportQuery) {
    const scope = requireAccess(actor, 'exams.read');
    const ownTeacher = scope.kind === 'some' ? (scope.teachingTeacherId ?? scope.selfTeacherId) : null;
    let kind: ExamExportOwner;
    let id: number;
    if (q.ownerKind !== undefined && q.ownerId !== undefined) [kind, id] = [q.ownerKind, q.ownerId];
    else if (scope.kind === 'some' && scope.selfStudentId !== null) [kind, id] = ['student', scope.selfStudentId];
    else if (ownTeacher !== null) [kind, id] = ['teacher', ownTeacher];
    else throw new AppError('exam_export_owner_required');
    const notFound = new AppError('not_found', { params: { what: kind } });
    const owner = await findExportOwner(db, kind, id);
    if (!owner) throw notFound;
    const own: ScheduleRowFilter =
      kind === 'student'
        ? { studentId: id }
        : kind === 'teacher'
          ? { teacherId: id }
          : kind === 'room'
            ? { roomId: id }
            : { collegeIds: [id] };
    const found = (filter: ScheduleRowFilter) => ({ kind, id, owner, filter: { termId: q.termId, ...filter } });
    if (scope.kind === 'all') return found(own);
    const inCollege = owner.collegeId !== null && scope.collegeIds.includes(owner.collegeId);
    switch (kind) {
      case 'student':
        if (id === scope.selfStudentId || inCollege) return found(own);
        break;
      case 'teacher':
        if (id === ownTeacher) return found(own);
        // A secretary sees a teacher of the college in their college's exams, as the sittings list does.
        if (inCollege) return found({ ...own, collegeIds: scope.collegeIds });
        break;
      case 'room':
        if (scope.collegeIds.length) return found({ ...own, collegeIds: scope.collegeIds });
        if (ownTeacher !== null) return found({ ...own, teacherId: ownTeacher });
        break;
      case 'college':
        if (inCollege) return found(own);
        break;
    }
    throw notFound;
  }

  return {
    /** GET /api/exams/schedules/export */
    async exportFile(
      actor: Actor,
      q: ExamScheduleExportQuery,
      locale: Locale,
    ): Promise<{ file: Buffer; filename: string; contentType: string }> {
      const { kind, id, owner, filter } = await resolve(actor, q);
      const termName = await findTermName(db, q.termId);
      if (termName === null) throw new AppError('not_found', { params: { what: 'term' } });
      const rows = await findExamScheduleRows(db, filter);
      const print = printSchedule({ locale, kind, ownerId: id, ownerName: owner.name, termName, rows });
      const filename = `${scheduleFileWord(locale)}-${owner.name}.${q.format}`;
      if (q.format === 'pdf') return { file: await schedulePdf(print), filename, contentType: 'application/pdf' };
      const file = await writeXlsx({
        name: scheduleFileWord(locale),
        title: print.title,
        headers: print.headers,
        rows: print.rows,
        textColumns: [0, 3],
      });
      return { file, filename, contentType: CONTENT_TYPES.xlsx };
    },
  };
}

export type ScheduleExportService = ReturnType<typeof createScheduleExportService>;
