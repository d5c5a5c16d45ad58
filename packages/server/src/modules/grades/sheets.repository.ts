import { and, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { GradeEntry, GradeSheetKind } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { gradeRecords, gradeSheets } from './grades.tables.ts';

type H = Db | Tx;
const rowsOf = async <T>(db: H, q: ReturnType<typeof sql>): Promise<T[]> => ((await db.execute(q)) as unknown as { rows: T[] }).rows;

export type SheetRow = typeof gradeSheets.$inferSelect;
export type RecordRow = typeof gradeRecords.$inferSelect;

/** What a grade sheet needs to know of its teaching class and course (read from offerings and catalog). */
export interface ClassContext {
  id: number;
  code: string;
  termId: number;
  courseId: number;
  collegeId: number;
  teacherIds: number[];
  courseCode: string;
  courseName: string;
  courseNameEn: string | null;
  creditsTenths: number;
  /** exam 考试 | assessment 考查 */
  assessment: string;
}

export async function findClassContext(db: H, classId: number): Promise<ClassContext | null> {
  const [row] = await rowsOf<ClassContext>(
    db,
    sql`select tc.id, tc.code, tc.term_id as "termId", tc.course_id as "courseId", tc.college_id as "collegeId",
               tc.teacher_ids as "teacherIds", c.code as "courseCode", c.name as "courseName", c.name_en as "courseNameEn",
               (c.credits * 10)::int as "creditsTenths", c.assessment
          from teaching_classes tc join courses c on c.id = tc.course_id
         where tc.id = ${classId}`,
  );
  return row ? { ...row, teacherIds: row.teacherIds.map(Number) } : null;
}

/** A student as a grade sheet lists them. */
export interface RosterStudent {
  studentId: number;
  studentCode: string;
  studentName: string;
  adminClassName: string | null;
  isRetake: boolean;
}

/** 教学班名单: the students enrolled in the class (as exam rosters are built), by student number. */
export async function findClassRoster(db: H, classId: number): Promise<RosterStudent[]> {
  return rowsOf<RosterStudent>(
    db,
    sql`select s.id as "studentId", s.code as "studentCode", s.name as "studentName", ac.name as "adminClassName",
               bool_or(en.is_retake) as "isRetake"
          from enrolments en join students s on s.id = en.student_id
          left join admin_classes ac on ac.id = s.admin_class_id
         where en.teaching_class_id = ${classId} and en.status = 'enrolled'
         group by s.id, s.code, s.name, ac.name
         order by s.code`,
  );
}

/** Students by id (those with a record on a sheet that has left the roster since), with the class's retake flag. */
export async function findStudentsForClass(db: H, classId: number, ids: number[]): Promise<RosterStudent[]> {
  if (!ids.length) return [];
  return rowsOf<RosterStudent>(
    db,
    sql`select s.id as "studentId", s.code as "studentCode", s.name as "studentName", ac.name as "adminClassName",
               coalesce((select bool_or(en.is_retake) from enrolments en
                          where en.student_id = s.id and en.teaching_class_id = ${classId}), false) as "isRetake"
          from students s left join admin_classes ac on ac.id = s.admin_class_id
         where s.id in (${sql.join(
           ids.map((i) => sql`${i}`),
           sql`, `,
         )})
         order by s.code`,
  );
}

/** 缓考: students of the class whose exam (the class's own, or the course's 统考) in the term's final plans was deferred. */
export async function findDeferredStudents(db: H, c: { id: number; courseId: number; termId: number }): Promise<number[]> {
  const rows = await rowsOf<{ studentId: number }>(
    db,
    sql`select distinct d.student_id as "studentId"
          from exam_deferrals d join exams e on e.id = d.exam_id join exam_plans p on p.id = e.plan_id
         where d.status = 'approved' and p.term_id = ${c.termId} and p.kind = 'final'
           and (e.teaching_class_id = ${c.id} or (e.teaching_class_id is null and e.course_id = ${c.courseId}))`,
  );
  return rows.map((r) => Number(r.studentId));
}

/** The make-up plan 补考 of a term's failures still open to new candidates (not published), if any. */
export async function findOpenMakeupPlan(db: H, sourceTermId: number): Promise<number | null> {
  const [row] = await rowsOf<{ id: number }>(
    db,
    sql`select id from exam_plans where kind = 'makeup' and source_term_id = ${sourceTermId}
           and schedule_status <> 'published' order by id limit 1`,
  );
  return row ? Number(row.id) : null;
}

export async function findSheet(db: H, classId: number, kind: GradeSheetKind, lock = false) {
  const q = db
    .select()
    .from(gradeSheets)
    .where(and(eq(gradeSheets.teachingClassId, classId), eq(gradeSheets.kind, kind)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function findSheetById(db: H, id: number, lock = false) {
  const q = db.select().from(gradeSheets).where(eq(gradeSheets.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** Creates the sheet on its first save; null when another request created it first. */
export async function insertSheet(tx: Tx, values: typeof gradeSheets.$inferInsert) {
  const [row] = await tx.insert(gradeSheets).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** Writes the sheet only if it is still at `version` (and bumps it): null when somebody wrote first. */
export async function updateSheetAtVersion(tx: Tx, id: number, version: number, values: Partial<typeof gradeSheets.$inferInsert>) {
  const [row] = await tx
    .update(gradeSheets)
    .set({ ...values, version: version + 1 })
    .where(and(eq(gradeSheets.id, id), eq(gradeSheets.version, version)))
    .returning();
  return row ?? null;
}

export async function setSheet(tx: Tx, id: number, values: Partial<typeof gradeSheets.$inferInsert>) {
  const [row] = await tx
    .update(gradeSheets)
    .set({ ...values, version: sql`${gradeSheets.version} + 1` })
    .where(eq(gradeSheets.id, id))
    .returning();
  return row ?? null;
}

export async function findSheetRecords(db: H, sheetId: number) {
  return db.select().from(gradeRecords).where(eq(gradeRecords.sheetId, sheetId)).orderBy(gradeRecords.id);
}

/** Published normal (or retake) grades of a class: the make-up sheet's candidates come from these. */
export async function findPublishedClassRecords(db: H, c: { id: number; courseId: number; termId: number }) {
  return db
    .select({ studentId: gradeRecords.studentId, entry: gradeRecords.entry })
    .from(gradeRecords)
    .where(
      and(
        eq(gradeRecords.teachingClassId, c.id),
        eq(gradeRecords.courseId, c.courseId),
        eq(gradeRecords.termId, c.termId),
        inArray(gradeRecords.attempt, ['normal', 'retake']),
        isNotNull(gradeRecords.publishedAt),
      ),
    );
}

export type RecordDraft = {
  studentId: number;
  courseId: number;
  termId: number;
  attempt: 'normal' | 'makeup' | 'retake';
  sheetId: number;
  teachingClassId: number;
  entry: GradeEntry | null;
  components: Record<string, number>;
  creditsTenths: number;
  updatedBy: number | null;
  updatedAt: Date;
};

/** Writes draft records (one per student and attempt); a published one is never touched. */
export async function upsertDraftRecords(tx: Tx, rows: RecordDraft[]) {
  if (!rows.length) return;
  await tx
    .insert(gradeRecords)
    .values(rows.map((r) => ({ ...r, source: 'entry', createdAt: r.updatedAt })))
    .onConflictDoUpdate({
      target: [gradeRecords.studentId, gradeRecords.courseId, gradeRecords.termId, gradeRecords.attempt],
      set: {
        entry: sql`excluded.entry`,
        components: sql`excluded.components`,
        sheetId: sql`excluded.sheet_id`,
        teachingClassId: sql`excluded.teaching_class_id`,
        updatedBy: sql`excluded.updated_by`,
        updatedAt: sql`excluded.updated_at`,
      },
      setWhere: isNull(gradeRecords.publishedAt),
    });
}

/** Drafts of a sheet whose students left the roster before submission. */
export async function deleteDraftRecords(tx: Tx, sheetId: number, keepStudentIds: number[]) {
  const rows = await tx
    .select({ id: gradeRecords.id, studentId: gradeRecords.studentId })
    .from(gradeRecords)
    .where(and(eq(gradeRecords.sheetId, sheetId), isNull(gradeRecords.publishedAt)));
  const keep = new Set(keepStudentIds);
  const drop = rows.filter((r) => !keep.has(r.studentId)).map((r) => r.id);
  if (drop.length) await tx.delete(gradeRecords).where(inArray(gradeRecords.id, drop));
  return drop.length;
}

/** Sheets approved for a publication date that has come (定时公布). */
export async function findDueSheets(db: H, now: Date) {
  return db
    .select({ id: gradeSheets.id })
    .from(gradeSheets)
    .where(and(eq(gradeSheets.status, 'approved'), isNotNull(gradeSheets.publishAt), lte(gradeSheets.publishAt, now)))
    .orderBy(gradeSheets.id);
}

export interface SheetListFilter {
  /** null: every class; otherwise classes of these colleges or taught by this teacher. */
  scope: { collegeIds: number[]; teacherId: number | null } | null;
  termId?: number;
  status?: string;
  collegeId?: number;
  q?: string;
  page: number;
  pageSize: number;
}

export interface SheetListRow {
  sheetId: number | null;
  teachingClassId: number;
  termId: number;
  classCode: string;
  courseId: number;
  courseCode: string;
  courseName: string;
  collegeId: number;
  teacherNames: string[];
  kind: GradeSheetKind;
  status: string;
  entered: number;
  total: number;
  submittedAt: Date | string | null;
  publishAt: Date | string | null;
  publishedAt: Date | string | null;
}

/**
 * 成绩登记表列表: every teaching class with its normal sheet (a class without one reads as a draft),
 * plus the make-up sheets that exist, filtered in the query by the reader's scope.
 */
export async function findSheetPage(db: H, f: SheetListFilter): Promise<{ items: SheetListRow[]; total: number }> {
  const conds = [sql`(k.kind = 'normal' or s.id is not null)`];
  if (f.scope) {
    const parts = [sql`false`];
    if (f.scope.collegeIds.length)
      parts.push(
        sql`tc.college_id in (${sql.join(
          f.scope.collegeIds.map((i) => sql`${i}`),
          sql`, `,
        )})`,
      );
    if (f.scope.teacherId !== null) parts.push(sql`${f.scope.teacherId} = any(tc.teacher_ids)`);
    conds.push(sql`(${sql.join(parts, sql` or `)})`);
  }
  if (f.termId) conds.push(sql`tc.term_id = ${f.termId}`);
  if (f.collegeId) conds.push(sql`tc.college_id = ${f.collegeId}`);
  if (f.status) conds.push(sql`coalesce(s.status, 'draft') = ${f.status}`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conds.push(sql`(tc.code ilike ${like} or c.code ilike ${like} or c.name ilike ${like})`);
  }
  const where = sql.join(conds, sql` and `);
  const from = sql`from teaching_classes tc
         join courses c on c.id = tc.course_id
         cross join (values ('normal'), ('makeup')) as k(kind)
         left join grade_sheets s on s.teaching_class_id = tc.id and s.kind = k.kind`;
  const [{ n }] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n ${from} where ${where}`);
  const items = await rowsOf<SheetListRow>(
    db,
    sql`select s.id as "sheetId", tc.id as "teachingClassId", tc.term_id as "termId", tc.code as "classCode",
               c.id as "courseId", c.code as "courseCode", c.name as "courseName", tc.college_id as "collegeId",
               array(select t.name from teachers t where t.id = any(tc.teacher_ids) order by t.name) as "teacherNames",
               k.kind, coalesce(s.status, 'draft') as status,
               (select count(*)::int from grade_records r where r.sheet_id = s.id and r.entry is not null) as entered,
               case when k.kind = 'normal'
                    then (select count(distinct en.student_id)::int from enrolments en
                           where en.teaching_class_id = tc.id and en.status = 'enrolled')
                    else (select count(*)::int from grade_records r where r.sheet_id = s.id) end as total,
               s.submitted_at as "submittedAt", s.publish_at as "publishAt", s.published_at as "publishedAt"
          ${from} where ${where}
         order by tc.term_id desc, tc.code, k.kind
         limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  return { items, total: Number(n) };
}

/** The term's name in both languages (notifications are rendered in each reader's language). */
export async function findTermName(db: H, termId: number): Promise<{ 'zh-CN': string; en: string }> {
  const [row] = await rowsOf<{ name: string }>(db, sql`select name from terms where id = ${termId}`);
  return { 'zh-CN': row?.name ?? '', en: row?.name ?? '' };
}
