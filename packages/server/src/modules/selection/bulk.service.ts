import { BULK_MAX_ROWS, type BulkResult, type BulkRowError, type Locale } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { readSpreadsheet } from '../../platform/files/spreadsheet-reader.ts';
import { errorMessage } from '../../platform/i18n.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import { findTermTeachingClasses } from '../offerings/offerings.read-model.ts';
import { findStudentIdsByCodes } from '../org/org.read-model.ts';
import { readBulkRows, rowError, type BulkRow } from './bulk.rows.ts';
import { drop, enrol } from './enrol.ts';
import { notifyPromotions } from './notices.ts';
import type { SelectionRoundRow } from './selection.repository.ts';
import * as repo from './selection.repository.ts';

/**
 * 批量选课/退课 — the office enrols and drops students from a spreadsheet. Every row runs the real
 * enrol/drop path (the same rules, refusals and seat authority as one office enrolment) inside
 * one transaction, each row in its own savepoint so one refusal does not hide the next. A dry
 * run — and a commit with any refused row — rolls the whole transaction back, so the dry run
 * says exactly what the commit would do, and a commit writes every row or none.
 */

export interface BulkUpload {
  data: Buffer;
  filename: string | null;
}

/** Thrown to roll the transaction back once the report is made (dry run, or a refused row). */
class RollBack extends Error {
  constructor() {
    super('bulk roll back');
  }
}

/** Refusals about the student rather than the class are reported on the 学号 column. */
const STUDENT_CODES = new Set(['not_in_round', 'hold', 'credit_limit', 'class_limit', 'window_closed']);

export function createBulkService({ db, clock, notify }: { db: Db; clock: () => Date; notify?: Notify }) {
  /** One row through the real path, in the caller's savepoint; a refusal throws. */
  async function apply(
    sp: Tx,
    actor: Actor,
    round: SelectionRoundRow,
    r: BulkRow,
    ids: { studentId: number; classId: number },
    locale: Locale,
  ) {
    const at = clock();
    if (r.action === 'enrol') {
      await enrol(sp, {
        studentId: ids.studentId,
        roundId: round.id,
        teachingClassId: ids.classId,
        at,
        source: 'office',
        actorUserId: actor.userId,
        check: r.override ? () => [] : undefined,
        locale,
      });
      return;
    }
    const held = (await repo.findStudentEnrolments(sp, ids.studentId, round.termId)).find((e) => e.teachingClassId === ids.classId);
    if (!held) throw new AppError('not_found', { params: { what: 'enrolment' }, details: { bulk: 'not_enrolled' } });
    const out = await drop(sp, {
      studentId: ids.studentId,
      enrolmentId: held.id,
      roundId: round.id,
      at,
      byOffice: true,
      reason: `office: ${r.reason}`,
      locale,
    });
    await notifyPromotions(sp, notify, round.termId, out.promoted);
  }

  return {
    /** POST /api/selection/rounds/:id/bulk — dry run (default) or commit of the uploaded file. */
    async run(
      actor: Actor,
      roundId: number,
      upload: () => Promise<BulkUpload>,
      opts: { dryRun: boolean; locale: Locale },
    ): Promise<BulkResult> {
      requireAccess(actor, 'selection.manage');
      const { locale } = opts;
      const round = await repo.findRound(db, roundId);
      if (!round) throw new AppError('not_found', { params: { what: 'selection round' } });
      if (round.status === 'locked') throw new AppError('round_locked', { params: { round: round.name } });
      const file = await upload();
      const sheet = await readSpreadsheet(file.data, { maxRows: BULK_MAX_ROWS });
      const { rows, errors } = readBulkRows(sheet, locale);
      if (!rows.length && !errors.length) throw new AppError('import_empty');
      const studentIds = await findStudentIdsByCodes(
        db,
        rows.map((r) => r.studentNo),
      );
      const classIds = new Map((await findTermTeachingClasses(db, round.termId)).map((c) => [c.code, c.id]));
      const counts = { enrol: 0, drop: 0 };
      const unreadRows = new Set(errors.map((e) => e.row)).size;
      const result = (committed: boolean): BulkResult => ({
        dryRun: opts.dryRun,
        committed,
        fileName: file.filename,
        rows: rows.length + unreadRows,
        ...counts,
        errors: errors.sort((a, b) => a.row - b.row),
      });
      try {
        await db.transaction(async (tx) => {
          for (const r of rows) {
            const studentId = studentIds.get(r.studentNo);
            const classId = classIds.get(r.classCode);
            if (studentId === undefined) errors.push(rowError(r.row, 'studentNo', 'unknown_student', r.studentNo, locale));
            if (classId === undefined) errors.push(rowError(r.row, 'classCode', 'unknown_class', r.classCode, locale));
            if (studentId === undefined || classId === undefined) continue;
            try {
              await tx.transaction((sp) => apply(sp, actor, round, r, { studentId, classId }, locale));
              counts[r.action]++;
            } catch (e) {
              if (!(e instanceof AppError)) throw e;
              errors.push(refusalOf(r, e, locale));
            }
          }
          if (opts.dryRun || errors.length) throw new RollBack();
          await writeAudit(tx, actor, {
            action: 'enrolments.bulk',
            entityType: 'selection_rounds',
            entityId: round.id,
            after: { fileName: file.filename, rows: rows.length, enrol: counts.enrol, drop: counts.drop },
          });
        });
      } catch (e) {
        if (e instanceof RollBack) return result(false);
        throw e;
      }
      return result(true);
    },
  };
}

/** A refused row: the rule's own words (the refusal's message), on the column it is about. */
function refusalOf(r: BulkRow, e: AppError, locale: Locale): BulkRowError {
  if (e.details?.bulk === 'not_enrolled') return rowError(r.row, 'classCode', 'not_enrolled', r.classCode, locale);
  const message = errorMessage(e.code, locale, e.params);
  return rowError(
    r.row,
    STUDENT_CODES.has(e.code) ? 'studentNo' : 'classCode',
    e.code,
    STUDENT_CODES.has(e.code) ? r.studentNo : r.classCode,
    locale,
    message,
  );
}

export type BulkService = ReturnType<typeof createBulkService>;
