import {
  GRADE_IMPORT_COLUMNS,
  GRADE_IMPORT_MAX_ERRORS,
  GRADE_IMPORT_MAX_ROWS,
  type BulkRowError,
  type GradeImportQuery,
  type GradeImportResult,
  type Locale,
} from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { readSpreadsheet } from '../../platform/files/spreadsheet-reader.ts';
import { findCourseIdsByCodes } from '../catalog/catalog.read-model.ts';
import { insertCoursesReturningIds } from '../catalog/catalog.repository.ts';
import { findFirstDepartmentId, findStudentIdsByCodes, findTermsByCodes } from '../org/org.read-model.ts';
import { insertPastTerms } from '../org/org.repository.ts';
import { findAttemptKeys } from './historical-import.repository.ts';
import { attemptLabel, gradeRowError, readGradeRows, TERM_CODE, type GradeFileRow } from './historical-import.rows.ts';
import { buildGradeImportTemplate } from './historical-import.template.ts';
import { insertPublishedRecords, syncCourseOutcomes, type NewPublishedRecord } from './records.repository.ts';
import { loadGradeRules } from './rules.ts';

/**
 * 历史成绩导入 — the office brings the old system's grades: a dry run reports every bad row and
 * writes nothing; a commit writes every row or none, as published records marked `migrated` (the
 * old text kept in `raw_grade`, version rows with reason migrated), then brings passed/failed
 * courses in line with them. Optionally unknown courses become archived courses and unknown
 * term codes past terms.
 */

export interface GradeImportUpload {
  data: Buffer;
  filename: string | null;
}

/** Thrown to roll the transaction back once the report is made (dry run, or a bad row). */
class RollBack extends Error {
  constructor() {
    super('grade import roll back');
  }
}

/** A row's errors in the order of the file's columns. */
const COLUMN_ORDER = new Map<string, number>(GRADE_IMPORT_COLUMNS.map((c, i) => [c.key, i]));

const SEMESTER_WORDS = ['', '一', '二', '三'];

/** A past term from its code (2024-2025-1 → autumn 2024, 2 → spring 2025, 3 → summer 2025). */
export function pastTermFromCode(code: string) {
  const [, y1, y2, s] = TERM_CODE.exec(code)!;
  const semester = Number(s);
  const startDate = semester === 1 ? `${y1}-09-01` : semester === 2 ? `${y2}-02-24` : `${y2}-07-07`;
  const weeks = semester === 3 ? 4 : 18;
  return {
    code,
    name: `${y1}-${y2}学年第${SEMESTER_WORDS[semester]}学期`,
    academicYear: `${y1}-${y2}`,
    semester,
    startDate,
    weeks,
    isCurrent: false,
  };
}

const endOf = (t: { startDate: string; weeks: number }) => new Date(Date.parse(`${t.startDate}T00:00:00Z`) + t.weeks * 7 * 86_400_000);

export function createHistoricalImportService({ db, clock }: { db: Db; clock: () => Date }) {
  /**
   * Every check against the database; with `write`, the writes too. Errors are pushed to `errors`.
   * Returns what was (or would be) written.
   */
  async function check(tx: Tx, rows: GradeFileRow[], errors: BulkRowError[], q: GradeImportQuery, locale: Locale) {
    const students = await findStudentIdsByCodes(
      tx,
      rows.map((r) => r.studentNo),
    );
    const courses = await findCourseIdsByCodes(
      tx,
      rows.map((r) => r.courseCode),
    );
    const terms = await findTermsByCodes(
      tx,
      rows.map((r) => r.termCode),
    );
    const now = clock();
    // Courses and terms to create: the first row naming each gives its name and credits.
    const newCourses = new Map<string, GradeFileRow>();
    const newTerms = new Map<string, ReturnType<typeof pastTermFromCode>>();
    const good: GradeFileRow[] = [];
    for (const r of rows) {
      const before = errors.length;
      if (!students.has(r.studentNo)) errors.push(gradeRowError(r.row, 'studentNo', 'unknown_student', r.studentNo, locale));
      if (!courses.has(r.courseCode)) {
        if (!q.createMissingCourses) errors.push(gradeRowError(r.row, 'courseCode', 'unknown_course', r.courseCode, locale));
        else if (!newCourses.has(r.courseCode)) newCourses.set(r.courseCode, r);
      }
      if (!terms.has(r.termCode)) {
        const term = newTerms.get(r.termCode) ?? pastTermFromCode(r.termCode);
        if (!q.createMissingTerms) errors.push(gradeRowError(r.row, 'termCode', 'unknown_term', r.termCode, locale));
        else if (endOf(term) > now) errors.push(gradeRowError(r.row, 'termCode', 'term_not_past', r.termCode, locale));
        else newTerms.set(r.termCode, term);
      }
      if (errors.length === before) good.push(r);
    }
    // Attempts already on record (new terms and courses have none).
    const recorded = await findAttemptKeys(tx, [...students.values()]);
    const valid = good.filter((r) => {
      const termId = terms.get(r.termCode)?.id;
      const courseId = courses.get(r.courseCode);
      if (termId === undefined || courseId === undefined) return true;
      if (!recorded.has(`${students.get(r.studentNo)}:${courseId}:${termId}:${r.attempt}`)) return true;
      errors.push(
        gradeRowError(r.row, 'courseCode', 'already_recorded', r.courseCode, locale, {
          term: r.termCode,
          attempt: attemptLabel(r.attempt, locale),
        }),
      );
      return false;
    });
    return { valid, students, courses, terms, newCourses, newTerms };
  }

  return {
    /** POST /api/grades/imports/historical?dryRun=&createMissingCourses=&createMissingTerms= */
    async importFile(
      actor: Actor,
      upload: () => Promise<GradeImportUpload>,
      q: GradeImportQuery,
      locale: Locale,
    ): Promise<GradeImportResult> {
      requireAccess(actor, 'grades.manage');
      const file = await upload();
      const sheet = await readSpreadsheet(file.data, { maxRows: GRADE_IMPORT_MAX_ROWS });
      const { rows, errors, unread } = readGradeRows(sheet, locale);
      if (!rows.length && !errors.length) throw new AppError('import_empty');
      let added = 0;
      let coursesCreated: string[] = [];
      let termsCreated: string[] = [];
      const result = (committed: boolean): GradeImportResult => {
        const sorted = errors.sort((a, b) => a.row - b.row || COLUMN_ORDER.get(a.field)! - COLUMN_ORDER.get(b.field)!);
        return {
          dryRun: q.dryRun,
          committed,
          fileName: file.filename,
          rows: rows.length + unread,
          added,
          coursesCreated,
          termsCreated,
          errors: sorted.slice(0, GRADE_IMPORT_MAX_ERRORS),
          errorCount: sorted.length,
          ...(sheet.encoding ? { encoding: sheet.encoding } : {}),
        };
      };
      try {
        await db.transaction(async (tx) => {
          // Checked again inside the commit's transaction: what the dry run said holds.
          const c = await check(tx, rows, errors, q, locale);

          added = c.valid.length;
          coursesCreated = [...c.newCourses.keys()];
          termsCreated = [...c.newTerms.keys()];
          // A course to create needs credits: its first row's (always present: the column is required).
          if (q.dryRun || errors.length) throw new RollBack();
          const now = clock();
          const departmentId = c.newCourses.size ? await findFirstDepartmentId(tx) : null;
          if (c.newCourses.size && departmentId === null) throw new AppError('not_found', { params: { what: 'department' } });
          const courseIds = new Map([
            ...c.courses,
            ...(await insertCoursesReturningIds(
              tx,
              [...c.newCourses.values()].map((r) => ({
                code: r.courseCode,
                name: r.courseName ?? r.courseCode,
                credits: (r.creditsTenths / 10).toFixed(1),
                assessment: r.entry.kind === 'score' ? 'exam' : 'assessment',
                departmentId: departmentId!,
                category: 'general',
                isActive: false,
                updatedAt: now,
              })),
            )),
          ]);
          const termIds = new Map([
            ...[...c.terms].map(([code, t]) => [code, t.id] as const),
            ...(await insertPastTerms(tx, [...c.newTerms.values()])),
          ]);
          const records: NewPublishedRecord[] = c.valid.map((r) => ({
            studentId: c.students.get(r.studentNo)!,
            courseId: courseIds.get(r.courseCode)!,
            termId: termIds.get(r.termCode)!,
            attempt: r.attempt,
            entry: r.entry,
            components: {},
            creditsTenths: r.creditsTenths,
            source: 'migrated',
            rawGrade: r.raw,
            updatedBy: actor.userId,
          }));
          await insertPublishedRecords(tx, records, { reason: 'migrated', createdBy: actor.userId, now });

          const rules = await loadGradeRules(tx);
          await syncCourseOutcomes(tx, records, rules);

          await writeAudit(tx, actor, {
            action: 'grade_records.import_historical',
            entityType: 'grade_records',
            entityId: null,
            after: { fileName: file.filename, rows: rows.length, count: records.length, coursesCreated, termsCreated },
          });
        });
      } catch (e) {
        if (e instanceof RollBack) return result(false);
        throw e;
      }
      return result(true);
    },

    /** GET /api/grades/imports/historical/template */
    async template(actor: Actor, format: 'csv' | 'xlsx', locale: Locale) {
      requireAccess(actor, 'grades.manage');
      return buildGradeImportTemplate(format, locale);
    },
  };
}

export type HistoricalImportService = ReturnType<typeof createHistoricalImportService>;
