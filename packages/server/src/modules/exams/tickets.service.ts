import type { ExamSitting, Locale } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { formatDateTime } from '../../platform/time.ts';
import { findSchoolTimeZone } from '../org/school-settings.read-model.ts';
import { findSittings } from './exam-list.read-model.ts';
import { ticketPdf } from './tickets.pdf.ts';
import * as repo from './tickets.repository.ts';
import { readTicketToken, ticketToken } from './tickets.token.ts';

export interface TicketCheck {
  valid: boolean;
  student?: { name: string; code: string };
  termName?: string;
  exams?: Omit<ExamSitting, 'examId' | 'planId' | 'courseId' | 'roomId' | 'students'>[];
}

/**
 * 准考证: a student's admission ticket for a term's published exams (their own; a secretary's
 * college's students; the office any), and the public check its QR code opens.
 */
export function createTicketsService({
  db,
  clock,
  secretKey,
  publicUrl,
}: {
  db: Db;
  clock: () => Date;
  secretKey: Buffer;
  publicUrl: string;
}) {
  return {
    /** GET /api/exams/tickets/:studentId?format=pdf */
    async ticket(actor: Actor, studentId: number, termId: number | undefined, locale: Locale): Promise<{ filename: string; pdf: Buffer }> {
      const scope = requireAccess(actor, 'exams.read');
      const student = await repo.findTicketStudent(db, studentId);
      const mine = scope.kind === 'some' && scope.selfStudentId === studentId;
      const college = scope.kind === 'some' && student !== null && scope.collegeIds.includes(student.collegeId);
      if (scope.kind !== 'all' && !mine && !college) throw new AppError('not_found', { params: { what: 'student' } });
      if (!student) throw new AppError('not_found', { params: { what: 'student' } });
      const term = await repo.findTicketTerm(db, termId);
      if (!term) throw new AppError('not_found', { params: { what: 'term' } });
      const sittings = await findSittings(db, { termId: term.id, studentId, publishedOnly: true });
      const pdf = await ticketPdf({
        locale,
        termName: term.name,
        student,
        sittings,
        verifyUrl: `${publicUrl.replace(/\/$/, '')}/api/exams/tickets/verify/${ticketToken(secretKey, studentId, term.id)}`,
        issuedAt: formatDateTime(clock(), await findSchoolTimeZone(db)),
      });
      return { filename: `${student.code}-admission-ticket.pdf`, pdf };
    },

    /** GET /api/exams/tickets/verify/:token (public): the genuine student and their exams now. */
    async verify(token: string): Promise<TicketCheck> {
      const read = readTicketToken(secretKey, token);
      if (!read) return { valid: false };
      const [student, term] = await Promise.all([repo.findTicketStudent(db, read.studentId), repo.findTicketTerm(db, read.termId)]);
      if (!student || !term) return { valid: false };
      const sittings = await findSittings(db, { termId: term.id, studentId: student.id, publishedOnly: true });
      return {
        valid: true,
        student: { name: student.name, code: student.code },
        termName: term.name,
        exams: sittings.map((s) => ({
          courseCode: s.courseCode,
          courseName: s.courseName,
          date: s.date,
          start: s.start,
          end: s.end,
          roomName: s.roomName,
          buildingName: s.buildingName,
          seat: s.seat,
        })),
      };
    },
  };
}

export type TicketsService = ReturnType<typeof createTicketsService>;
