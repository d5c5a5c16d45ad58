import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../db/client.ts';
import { joinStudentCollege, studentCollegeCols } from '../org/org.read-model.ts';
import { examRefCols, joinExamRef, type ExamRefRow } from './exam-ref.repository.ts';
import { examInvigilations, examPlans, examSeats, examSessions, exams } from './exams.tables.ts';
import { examIncidents } from './incidents.tables.ts';

/** The SQL of exam incidents 考场违纪 (incidents.service.ts). */

type H = Db | Tx;
export type ExamIncidentRow = typeof examIncidents.$inferSelect;
export type IncidentListRow = ExamRefRow & {
  id: number;
  studentId: number;
  studentCode: string;
  studentName: string;
  roomId: number | null;
  seatNo: number | null;
  kind: string;
  note: string;
  recordedBy: number | null;
  status: string;
  reviewNote: string | null;
  reviewedBy: number | null;
  reviewedAt: Date | null;
  createdAt: Date;
};

/** Who may see an incident: everybody's (office), or a teacher's (recorded by them, or in a room they invigilate). */
export type IncidentScope = { kind: 'all' } | { kind: 'teacher'; teacherId: number | null; userId: number | null };

const seat = alias(examSeats, 'incident_seat');

/** The teacher invigilates the exam's session in the room where the student is seated. */
function invigilates(teacherId: number, examId: SQL, studentId: SQL): SQL {
  return sql`exists (select 1 from ${examSeats}
    join ${exams} on ${exams.id} = ${examSeats.examId}
    join ${examInvigilations} on ${examInvigilations.sessionId} = ${exams.sessionId} and ${examInvigilations.roomId} = ${examSeats.roomId}
    where ${examSeats.examId} = ${examId} and ${examSeats.studentId} = ${studentId} and ${examInvigilations.teacherId} = ${teacherId})`;
}

export async function isInvigilatorOf(db: H, teacherId: number, examId: number, studentId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: examSeats.id })
    .from(examSeats)
    .innerJoin(exams, eq(exams.id, examSeats.examId))
    .innerJoin(examInvigilations, and(eq(examInvigilations.sessionId, exams.sessionId), eq(examInvigilations.roomId, examSeats.roomId)))
    .where(and(eq(examSeats.examId, examId), eq(examSeats.studentId, studentId), eq(examInvigilations.teacherId, teacherId)))
    .limit(1);
  return row !== undefined;
}

/** The student's seat in the exam, or null when they have none (not on its seating plan). */
export async function findSeat(db: H, examId: number, studentId: number) {
  const [row] = await db
    .select({ roomId: examSeats.roomId, seatNo: examSeats.seatNo })
    .from(examSeats)
    .where(and(eq(examSeats.examId, examId), eq(examSeats.studentId, studentId)));
  return row ?? null;
}

export async function insertIncident(tx: Tx, values: typeof examIncidents.$inferInsert): Promise<ExamIncidentRow> {
  const [row] = await tx.insert(examIncidents).values(values).returning();
  return row;
}

export async function findIncident(db: H, id: number): Promise<ExamIncidentRow | null> {
  const [row] = await db.select().from(examIncidents).where(eq(examIncidents.id, id));
  return row ?? null;
}

/** Reviews a recorded incident; null when it is no longer `recorded` (two reviewers at once: one wins). */
export async function reviewIncident(
  tx: Tx,
  id: number,
  values: { status: 'confirmed' | 'dismissed'; reviewNote: string; reviewedBy: number | null; reviewedAt: Date },
): Promise<ExamIncidentRow | null> {
  const [row] = await tx
    .update(examIncidents)
    .set(values)
    .where(and(eq(examIncidents.id, id), eq(examIncidents.status, 'recorded')))
    .returning();
  return row ?? null;
}

function incidentScope(scope: IncidentScope): SQL | undefined | null {
  if (scope.kind === 'all') return undefined;
  const parts: SQL[] = [];
  if (scope.userId !== null) parts.push(eq(examIncidents.recordedBy, scope.userId));
  if (scope.teacherId !== null) parts.push(invigilates(scope.teacherId, sql`${examIncidents.examId}`, sql`${examIncidents.studentId}`));
  return parts.length ? or(...parts)! : null;
}

/** One page of incidents inside the scope, newest first, with the total. */
export async function findIncidentPage(
  db: H,
  scope: IncidentScope,
  filter: { status?: string; termId?: number; ids?: number[]; page: number; pageSize: number },
): Promise<{ items: IncidentListRow[]; total: number }> {
  const scoped = incidentScope(scope);
  if (scoped === null) return { items: [], total: 0 };
  const where = and(
    scoped,
    filter.status ? eq(examIncidents.status, filter.status) : undefined,
    filter.termId ? eq(examPlans.termId, filter.termId) : undefined,
    filter.ids ? inArray(examIncidents.id, filter.ids) : undefined,
  );
  const cols = {
    ...examRefCols,
    id: examIncidents.id,
    studentId: examIncidents.studentId,
    studentCode: studentCollegeCols.code,
    studentName: studentCollegeCols.name,
    roomId: seat.roomId,
    seatNo: seat.seatNo,
    kind: examIncidents.kind,
    note: examIncidents.note,
    recordedBy: examIncidents.recordedBy,
    status: examIncidents.status,
    reviewNote: examIncidents.reviewNote,
    reviewedBy: examIncidents.reviewedBy,
    reviewedAt: examIncidents.reviewedAt,
    createdAt: examIncidents.createdAt,
  };
  const joins = <Q extends Parameters<typeof joinExamRef>[0]>(qb: Q) =>
    joinStudentCollege(joinExamRef(qb, examIncidents.examId), examIncidents.studentId).leftJoin(
      seat,
      and(eq(seat.examId, examIncidents.examId), eq(seat.studentId, examIncidents.studentId)),
    ) as unknown as Q;
  const items = await joins(db.select(cols).from(examIncidents).$dynamic())
    .where(where)
    .orderBy(desc(examIncidents.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  const [total] = await joins(db.select({ n: count() }).from(examIncidents).$dynamic()).where(where);
  return { items, total: total?.n ?? 0 };
}

/** A teacher's invigilation duties with the exams seated in each room and their students, by date and time. */
export async function findDutySeats(db: H, teacherId: number) {
  const rows = await joinStudentCollege(
    db
      .select({
        sessionId: examSessions.id,
        date: examSessions.date,
        startMin: examSessions.startMin,
        endMin: examSessions.endMin,
        roomId: examInvigilations.roomId,
        examId: exams.id,
        studentId: examSeats.studentId,
        studentCode: studentCollegeCols.code,
        studentName: studentCollegeCols.name,
        seatNo: examSeats.seatNo,
      })
      .from(examInvigilations)
      .innerJoin(examSessions, eq(examSessions.id, examInvigilations.sessionId))
      .innerJoin(exams, eq(exams.sessionId, examInvigilations.sessionId))
      .innerJoin(examSeats, and(eq(examSeats.examId, exams.id), eq(examSeats.roomId, examInvigilations.roomId)))
      .$dynamic(),
    examSeats.studentId,
  )
    .where(eq(examInvigilations.teacherId, teacherId))
    .orderBy(asc(examSessions.date), asc(examSessions.startMin), asc(examInvigilations.roomId), asc(exams.id), asc(examSeats.seatNo));
  return rows;
}

/** Exams by id as incidents show them (the duties' course names). */
export async function findExamRefs(db: H, ids: number[]): Promise<ExamRefRow[]> {
  if (!ids.length) return [];
  return joinExamRef(db.select(examRefCols).from(exams).$dynamic(), null).where(inArray(exams.id, [...new Set(ids)]));
}
