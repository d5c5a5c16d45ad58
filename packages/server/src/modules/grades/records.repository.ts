import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { gradeEntry, gradeEntryText, type AttemptKind, type AttemptPolicy, type FiveLevelTotals, type GradeEntry } from '@jiaowu/contracts';
import { earnsCredits, evaluateEntry, resolveAttempts } from '@jiaowu/contracts/grades-core';
import type { Tx } from '../../db/client.ts';
import { replaceCourseOutcomes, type CourseOutcomeRow } from '../selection/course-outcomes.repository.ts';
import { gradeRecords, gradeRecordVersions } from './grades.tables.ts';

/**
 * Writes every path to a published grade shares: publication of a sheet, a correction's new
 * version, a historical import and the demo. Each keeps a record and its `grade_record_versions`
 * row together, and the selection tables that prerequisites and retakes read
 * (`passed_courses` / `failed_courses`) in step with the published grades.
 */

const CHUNK = 1000;

export type NewPublishedRecord = Omit<
  typeof gradeRecords.$inferInsert,
  'id' | 'version' | 'publishedAt' | 'createdAt' | 'updatedAt' | 'entry'
> & { entry: GradeEntry };

/** Rows per statement of a bulk insert of published records (one JSON parameter each). */
const BULK_CHUNK = 5000;

/**
 * Inserts records already published (imported from an old system, or the demo's history) with
 * their version 1 rows. Each chunk is one statement with one JSON parameter (records and version
 * rows together, in a data-modifying CTE): 100,000 rows in a few seconds even on PGlite, where a
 * parameter per value costs more than the insert. Returns the new ids in input order.
 */
export async function insertPublishedRecords(
  tx: Tx,
  rows: readonly NewPublishedRecord[],
  opts: { reason: 'migrated' | 'published'; createdBy: number | null; now: Date },
): Promise<number[]> {
  const ids: number[] = [];
  const now = opts.now.toISOString();
  for (let i = 0; i < rows.length; i += BULK_CHUNK) {
    const chunk = rows.slice(i, i + BULK_CHUNK).map((r, k) => ({
      k,
      student_id: r.studentId,
      course_id: r.courseId,
      term_id: r.termId,
      attempt: r.attempt ?? 'normal',
      sheet_id: r.sheetId ?? null,
      teaching_class_id: r.teachingClassId ?? null,
      entry: r.entry,
      components: r.components ?? {},
      credits_tenths: r.creditsTenths,
      source: r.source ?? 'entry',
      raw_grade: r.rawGrade ?? null,
      updated_by: r.updatedBy ?? null,
    }));
    const result = await tx.execute(sql`
      with input as (
        select * from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(
          k int, student_id int, course_id int, term_id int, attempt text, sheet_id int, teaching_class_id int,
          entry jsonb, components jsonb, credits_tenths int, source text, raw_grade text, updated_by int)
      ),
      inserted as (
        insert into grade_records (student_id, course_id, term_id, attempt, sheet_id, teaching_class_id, entry, components,
                                   credits_tenths, source, raw_grade, version, published_at, updated_by, created_at, updated_at)
        select student_id, course_id, term_id, attempt, sheet_id, teaching_class_id, entry, components,
               credits_tenths, source, raw_grade, 1, ${now}::timestamptz, updated_by, ${now}::timestamptz, ${now}::timestamptz
          from input order by k
        returning id, entry, components
      ),
      versions as (
        insert into grade_record_versions (record_id, version, entry, components, reason, created_by, created_at)
        select id, 1, entry, components, ${opts.reason}, ${opts.createdBy}::int, ${now}::timestamptz from inserted
      )
      select id from inserted order by id`);
    ids.push(...(result as unknown as { rows: { id: number }[] }).rows.map((r) => Number(r.id)));
  }
  return ids;
}

/**
 * Publishes draft records (a sheet's, at publication): each graded record not yet published gets
 * version 1 and its version row. Returns the records published.
 */
export async function publishRecords(tx: Tx, recordIds: readonly number[], by: number | null, now: Date) {
  if (recordIds.length === 0) return [];
  const published = await tx
    .update(gradeRecords)
    .set({ publishedAt: now, version: 1, updatedAt: now, updatedBy: by })
    .where(and(inArray(gradeRecords.id, [...recordIds]), isNull(gradeRecords.publishedAt), isNotNull(gradeRecords.entry)))
    .returning({
      id: gradeRecords.id,
      studentId: gradeRecords.studentId,
      courseId: gradeRecords.courseId,
      entry: gradeRecords.entry,
      components: gradeRecords.components,
    });
  for (let i = 0; i < published.length; i += CHUNK) {
    await tx.insert(gradeRecordVersions).values(
      published.slice(i, i + CHUNK).map((r) => ({
        recordId: r.id,
        version: 1,
        entry: r.entry,
        components: r.components,
        reason: 'published',
        createdBy: by,
        createdAt: now,
      })),
    );
  }
  return published.map((r) => ({ id: r.id, studentId: r.studentId, courseId: r.courseId }));
}

/**
 * A correction's new version of a published grade: the record moves to the next version (the
 * database trigger accepts a changed grade only with a higher version) and the version row keeps
 * who, when and why. Refuses (returns null) when the record is not at `baseVersion` any more.
 */
export async function writeCorrectedVersion(
  tx: Tx,
  recordId: number,
  v: {
    baseVersion: number;
    entry: GradeEntry;
    components: Record<string, number | null>;
    correctionId: number;
    note: string;
    by: number | null;
    now: Date;
  },
) {
  const [row] = await tx
    .update(gradeRecords)
    .set({ entry: v.entry, components: v.components, version: v.baseVersion + 1, updatedAt: v.now, updatedBy: v.by })
    .where(and(eq(gradeRecords.id, recordId), eq(gradeRecords.version, v.baseVersion), isNotNull(gradeRecords.publishedAt)))
    .returning({ id: gradeRecords.id, studentId: gradeRecords.studentId, courseId: gradeRecords.courseId, version: gradeRecords.version });
  if (!row) return null;
  await tx.insert(gradeRecordVersions).values({
    recordId,
    version: row.version,
    entry: v.entry,
    components: v.components,
    reason: 'correction',
    correctionId: v.correctionId,
    note: v.note,
    createdBy: v.by,
    createdAt: v.now,
  });
  return row;
}

/** The version history of a record, oldest first. */
export async function findRecordVersions(tx: Tx, recordId: number) {
  return tx.select().from(gradeRecordVersions).where(eq(gradeRecordVersions.recordId, recordId)).orderBy(gradeRecordVersions.version);
}

/**
 * Brings `passed_courses` / `failed_courses` in line with the published grades of these
 * (student, course) pairs: the attempt that counts (the school's attempt rules) decides. Earned
 * (passed or 免修) → a passed row and no failed row; failed → a failed row and no passed row; only a
 * 缓考 on record → left as it is. The score column holds the grade as the transcript shows it.
 */
export async function syncCourseOutcomes(
  tx: Tx,
  pairs: readonly { studentId: number; courseId: number }[],
  rules: { attempts: AttemptPolicy; levelTotals: FiveLevelTotals },
) {
  // By student: a chunk then names few students, and the records read back are few more than asked.
  const unique = [
    ...new Map(pairs.map((p) => [`${p.studentId}:${p.courseId}`, { studentId: p.studentId, courseId: p.courseId }])).values(),
  ].sort((a, b) => a.studentId - b.studentId || a.courseId - b.courseId);
  for (let i = 0; i < unique.length; i += SYNC_CHUNK) {
    const chunk = unique.slice(i, i + SYNC_CHUNK);
    const studentIds = [...new Set(chunk.map((p) => p.studentId))];
    const courseIds = [...new Set(chunk.map((p) => p.courseId))];
    const wanted = new Set(chunk.map((p) => `${p.studentId}:${p.courseId}`));
    const records = (
      await tx
        .select({
          studentId: gradeRecords.studentId,
          courseId: gradeRecords.courseId,
          termId: gradeRecords.termId,
          attempt: gradeRecords.attempt,
          entry: gradeRecords.entry,
          // The term's start orders the attempts (a raw subquery: the terms table is org's).
          termStart: sql<string>`(select t.start_date::text from terms t where t.id = ${gradeRecords.termId})`,
        })
        .from(gradeRecords)
        .where(
          and(inArray(gradeRecords.studentId, studentIds), inArray(gradeRecords.courseId, courseIds), isNotNull(gradeRecords.publishedAt)),
        )
    ).filter((r) => wanted.has(`${r.studentId}:${r.courseId}`));
    const byPair = new Map<string, typeof records>();
    for (const r of records) {
      const key = `${r.studentId}:${r.courseId}`;
      byPair.set(key, [...(byPair.get(key) ?? []), r]);
    }
    const passed: CourseOutcomeRow[] = [];
    const failed: CourseOutcomeRow[] = [];
    for (const rows of byPair.values()) {
      const ordered = [...rows].sort(
        (a, b) => a.termStart.localeCompare(b.termStart) || ATTEMPT_ORDER[a.attempt] - ATTEMPT_ORDER[b.attempt],
      );
      const { counting } = resolveAttempts(
        ordered.map((r, seq) => ({ kind: attemptOf(r.attempt), entry: gradeEntry.parse(r.entry), seq, termId: r.termId })),
        rules.attempts,
        rules.levelTotals,
      );
      if (!counting) continue;
      const row = {
        studentId: rows[0].studentId,
        courseId: rows[0].courseId,
        termId: ordered[counting.seq].termId,
        score: gradeEntryText(counting.shown, 'zh-CN'),
        source: 'grades',
      };
      (earnsCredits(evaluateEntry(counting.shown, rules.levelTotals)) ? passed : failed).push(row);
    }
    await replaceCourseOutcomes(tx, passed, failed);
  }
}

/** Pairs per round of syncCourseOutcomes (a 100,000-row import has ~90,000). */
const SYNC_CHUNK = 4000;

const ATTEMPT_ORDER: Record<string, number> = { normal: 0, makeup: 1, retake: 2 };
const attemptOf = (a: string): AttemptKind => (a === 'makeup' || a === 'retake' ? a : 'normal');
