import { zipSync } from 'fflate';
import {
  TRANSCRIPT_BATCH_MAX,
  type GradeRules,
  type Locale,
  type TranscriptBatch,
  type TranscriptKind,
  type TranscriptList,
  type TranscriptVerification,
} from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { hasPermission, requireAccess, type Actor, type DataScope } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { formatDate } from '../../platform/time.ts';
import { findSchoolTimeZone } from '../org/school-settings.read-model.ts';
import { buildStudentGrades } from './records.present.ts';
import { findCohortStudentIds, findPublishedRecords, findRecordStudent, type RecordStudent } from './records.read-model.ts';
import { loadGradeRules } from './rules.ts';
import {
  newVerificationCode,
  isVerificationCode,
  transcriptChecksum,
  transcriptContent,
  type TranscriptContent,
} from './transcripts.content.ts';
import { transcriptsPdf, type TranscriptPrint } from './transcripts.pdf.ts';
import * as repo from './transcripts.repository.ts';

/** The school's name as transcripts print it (until the school settings carry one). */
export interface SchoolName {
  name: string;
  nameEn: string;
}

const studentNotFound = () => new AppError('not_found', { params: { what: 'student' } });

/** Whether a grades.transcript scope reaches a student: the office all, a secretary their college, a student themself. */
function reaches(scope: DataScope, student: RecordStudent): boolean {
  if (scope.kind === 'all') return true;
  return scope.selfStudentId === student.id || (student.collegeId !== null && scope.collegeIds.includes(student.collegeId));
}

const stateOf = (row: { supersededAt: Date | null; revokedAt: Date | null }) =>
  row.revokedAt ? ('revoked' as const) : row.supersededAt ? ('superseded' as const) : ('genuine' as const);

const UNKNOWN: TranscriptVerification = {
  valid: false,
  state: 'unknown',
  kind: null,
  lang: null,
  issuedAt: null,
  studentName: null,
  studentCode: null,
  checksum: null,
  supersededAt: null,
  revokedAt: null,
};

/**
 * 成绩单: transcripts and English grade certificates issued from a student's published grades,
 * each with a verification code, a checksum of what it shows and a snapshot of it; the public
 * check of a code; the office's revocation; batches for a graduating cohort.
 */
export function createTranscriptsService({
  db,
  clock,
  publicUrl,
  school,
}: {
  db: Db;
  clock: () => Date;
  publicUrl: string;
  school: SchoolName;
}) {
  const verifyUrl = (code: string) => `${publicUrl.replace(/\/$/, '')}/verify/${code}`;

  /** What one transcript of this student shows now, ready to print and to record; null without published grades. */
  async function prepare(
    student: RecordStudent,
    kind: TranscriptKind,
    lang: Locale,
    at: { now: Date; timeZone: string; rules: GradeRules },
  ) {
    const { now, timeZone, rules } = at;
    const records = await findPublishedRecords(db, student.id);
    if (records.length === 0) return null;
    const grades = buildStudentGrades(student, records, rules, lang, null);
    const code = newVerificationCode();
    const termNamesEn = new Map(records.map((r) => [r.termId, `Semester ${r.termSemester}, ${r.termYear}`]));
    const content = transcriptContent({
      termNamesEn,
      kind,
      lang,
      code,
      school,
      student,
      grades,
      rules,
      issuedAt: now,
      issuedOn: formatDate(now, timeZone),
    });
    const checksum = transcriptChecksum(content);
    const print: TranscriptPrint = { content, checksum, verifyUrl: verifyUrl(code), rules };
    return { studentId: student.id, print };
  }

  /** Records the issued transcripts (superseding the earlier ones) with one audit record each, in one transaction. */
  async function record(actor: Actor, issued: { studentId: number; print: TranscriptPrint }[], now: Date) {
    await db.transaction(async (tx) => {
      const rows = await repo.insertTranscripts(
        tx,
        issued.map(({ studentId, print: p }) => ({
          code: p.content.code,
          studentId,
          kind: p.content.kind,
          lang: p.content.lang,
          checksum: p.checksum,
          content: p.content,
          issuedBy: actor.userId,
          issuedAt: now,
        })),
      );
      await writeAudit(
        tx,
        actor,
        rows.map((r) => ({
          action: 'transcripts.issue',
          entityType: 'transcripts',
          entityId: r.id,
          after: {
            code: r.code,
            studentId: r.studentId,
            studentCode: (r.content as TranscriptContent).student.code,
            kind: r.kind,
            lang: r.lang,
            checksum: r.checksum,
          },
        })),
      );
    });
  }

  const lang = (l: 'zh' | 'en', kind: TranscriptKind): Locale => (kind === 'certificate' || l === 'en' ? 'en' : 'zh-CN');
  const fileName = (c: TranscriptContent) => `${c.student.code}-${c.kind}-${c.lang === 'en' ? 'en' : 'zh'}.pdf`;

  return {
    /** GET /api/grades/transcripts/:studentId — issues one transcript and answers its PDF. */
    async issue(
      actor: Actor,
      studentId: number,
      query: { lang: 'zh' | 'en'; kind: TranscriptKind },
    ): Promise<{ filename: string; pdf: Buffer; code: string; checksum: string }> {
      const scope = requireAccess(actor, 'grades.transcript');
      const student = await findRecordStudent(db, studentId);
      if (!student || !reaches(scope, student)) throw studentNotFound();
      const now = clock();
      const prepared = await prepare(student, query.kind, lang(query.lang, query.kind), {
        now,
        timeZone: await findSchoolTimeZone(db),
        rules: await loadGradeRules(db),
      });
      if (!prepared) throw new AppError('transcript_no_grades');
      const pdf = await transcriptsPdf([prepared.print]);
      await record(actor, [prepared], now);
      return { filename: fileName(prepared.print.content), pdf, code: prepared.print.content.code, checksum: prepared.print.checksum };
    },

    /**
     * POST /api/grades/transcripts/batch — a cohort's transcripts (students with published grades)
     * as one ZIP of PDFs or one merged PDF. Synchronous, so capped at TRANSCRIPT_BATCH_MAX students.
     */
    async batch(actor: Actor, input: TranscriptBatch): Promise<{ filename: string; file: Buffer; contentType: string; count: number }> {
      const scope = hasPermission(actor, 'grades.manage')
        ? requireAccess(actor, 'grades.manage')
        : requireAccess(actor, 'grades.transcript');
      if (scope.kind === 'some' && scope.collegeIds.length === 0) throw new AppError('forbidden');
      const ids = await findCohortStudentIds(
        db,
        {
          cohort: input.cohort,
          majorId: input.majorId,
          collegeId: input.collegeId,
          collegeIds: scope.kind === 'all' ? undefined : scope.collegeIds,
        },
        TRANSCRIPT_BATCH_MAX + 1,
      );
      if (ids.length > TRANSCRIPT_BATCH_MAX) {
        throw new AppError('transcript_batch_too_large', { params: { max: TRANSCRIPT_BATCH_MAX, count: ids.length } });
      }
      const now = clock();
      const at = { now, timeZone: await findSchoolTimeZone(db), rules: await loadGradeRules(db) };
      const issued: { studentId: number; print: TranscriptPrint }[] = [];
      for (const id of ids) {
        const student = await findRecordStudent(db, id);
        if (!student) continue;
        const prepared = await prepare(student, input.kind, lang(input.lang, input.kind), at);
        if (prepared) issued.push(prepared);
      }
      const prints = issued.map((i) => i.print);
      if (prints.length === 0) throw new AppError('transcript_batch_empty');
      const base = `transcripts-${input.cohort}-${input.kind}-${input.lang}`;
      let file: Buffer;
      if (input.format === 'pdf') file = await transcriptsPdf(prints);
      else {
        const entries: Record<string, Uint8Array> = {};
        for (const p of prints) entries[fileName(p.content)] = await transcriptsPdf([p]);
        // PDFs are compressed already: stored, not deflated again.
        file = Buffer.from(zipSync(entries, { level: 0 }));
      }
      await record(actor, issued, now);
      return input.format === 'pdf'
        ? { filename: `${base}.pdf`, file, contentType: 'application/pdf', count: prints.length }
        : { filename: `${base}.zip`, file, contentType: 'application/zip', count: prints.length };
    },

    /** POST /api/grades/transcripts/:code/revoke — the office withdraws a transcript; the verification page says so. */
    async revoke(actor: Actor, code: string, reason: string): Promise<TranscriptList['items'][number]> {
      requireAccess(actor, 'grades.manage');
      const normalized = code.trim().toUpperCase();
      if (!isVerificationCode(normalized)) throw new AppError('not_found', { params: { what: 'transcript' } });
      return db.transaction(async (tx) => {
        const existing = await repo.findTranscriptByCode(tx, normalized);
        if (!existing) throw new AppError('not_found', { params: { what: 'transcript' } });
        const row = await repo.revokeTranscript(tx, normalized, reason, clock());
        if (!row) throw new AppError('transcript_already_revoked');
        await writeAudit(tx, actor, {
          action: 'transcripts.revoke',
          entityType: 'transcripts',
          entityId: row.id,
          before: { state: stateOf(existing) },
          after: { state: 'revoked', code: row.code, studentId: row.studentId, revokedReason: reason },
        });
        const content = row.content as TranscriptContent;
        return {
          id: row.id,
          code: row.code,
          studentId: row.studentId,
          studentCode: content.student.code,
          studentName: content.student.name,
          kind: row.kind as TranscriptKind,
          lang: row.lang as Locale,
          checksum: row.checksum,
          issuedAt: row.issuedAt.toISOString(),
          issuedByName: null,
          state: 'revoked',
          revokedReason: row.revokedReason,
        };
      });
    },

    /** GET /api/grades/transcripts?studentId= — issued transcripts with their state (a student: their own). */
    async list(actor: Actor, query: { studentId?: number; page: number; pageSize: number }): Promise<TranscriptList> {
      const scope = requireAccess(actor, 'grades.transcript');
      let studentId = query.studentId;
      let collegeIds: number[] | null = null;
      if (scope.kind === 'some') {
        if (studentId !== undefined) {
          const student = await findRecordStudent(db, studentId);
          if (!student || !reaches(scope, student)) throw studentNotFound();
        } else if (scope.collegeIds.length > 0) collegeIds = scope.collegeIds;
        else if (scope.selfStudentId !== null) studentId = scope.selfStudentId;
        else return { items: [], total: 0 };
      }
      const { rows, total } = await repo.findTranscripts(
        db,
        { studentId, collegeIds },
        { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
      );
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          code: r.code,
          studentId: r.studentId,
          studentCode: r.studentCode,
          studentName: r.studentName,
          kind: r.kind as TranscriptKind,
          lang: r.lang as Locale,
          checksum: r.checksum,
          issuedAt: new Date(r.issuedAt).toISOString(),
          issuedByName: r.issuedByName,
          state: stateOf(r),
          revokedReason: r.revokedReason,
        })),
      };
    },

    /** GET /api/verify/:code (public) — what a receiving school may know of a code; nothing for an unknown one. */
    async verify(code: string): Promise<TranscriptVerification> {
      const normalized = code.trim().toUpperCase();
      if (!isVerificationCode(normalized)) return UNKNOWN;
      const row = await repo.findTranscriptByCode(db, normalized);
      if (!row) return UNKNOWN;
      const content = row.content as TranscriptContent;
      const state = stateOf(row);
      return {
        valid: state === 'genuine',
        state,
        kind: row.kind as TranscriptKind,
        lang: row.lang as Locale,
        issuedAt: row.issuedAt.toISOString(),
        studentName: content.student.name,
        studentCode: content.student.code,
        checksum: row.checksum,
        supersededAt: row.supersededAt?.toISOString() ?? null,
        revokedAt: row.revokedAt?.toISOString() ?? null,
      };
    },

    /** The school's time zone, for the public page's dates. */
    timeZone: () => findSchoolTimeZone(db),
  };
}

export type TranscriptsService = ReturnType<typeof createTranscriptsService>;
