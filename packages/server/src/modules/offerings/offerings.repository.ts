import { and, asc, desc, eq, inArray, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { SelectedFields } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../db/client.ts';
import type { AccessTarget, DataScope, ScopeColumns } from '../../platform/access.ts';
import { scopeSql } from '../../platform/access.repository.ts';
import { courseCols, courseJoinOn, courseMatches, joinCourse } from '../catalog/catalog.read-model.ts';
import { collegeName, findStudentPage, joinCollege, joinTerm, termCode } from '../org/org.read-model.ts';
import { studentInClass } from './offerings.read-model.ts';
import { courseRequests, teachingClasses } from './offerings.tables.ts';
import { containsPattern } from '../../db/like.ts';

// The only place offerings builds queries. Other modules' data comes through
// their read models (org.read-model.ts, catalog.read-model.ts): term codes,
// college and course names are joined by the helpers they export, and the
// org reads the offerings use cases need (teachers, admin classes, rooms) are
// the org's typed queries.

type OfferingTable = typeof courseRequests | typeof teachingClasses;

/** Data scope on a request or class: its college, the course's department, or a teacher on it. */
export function offeringScope(t: OfferingTable, scope: DataScope): SQL | undefined {
  return scopeSql(scope, offeringColumns(t));
}

const offeringColumns = (t: OfferingTable): ScopeColumns => ({
  college: t.collegeId,
  department: courseCols.departmentId,
  // A teacher's own (self) and teaching scope: the requests and classes naming them.
  teacher: (id) => sql`${t.teacherIds} @> ARRAY[${id}]::int[]`,
});

/** Course requests and teaching classes as targets of `checkAccess` (the department part needs the course). */
export const REQUEST_TARGET: AccessTarget = {
  table: courseRequests,
  scope: offeringColumns(courseRequests),
  joins: courseJoinOn(courseRequests.courseId),
};
export const CLASS_TARGET: AccessTarget = {
  table: teachingClasses,
  scope: offeringColumns(teachingClasses),
  joins: courseJoinOn(teachingClasses.courseId),
};

const shared = (t: OfferingTable) => ({
  id: t.id,
  termId: t.termId,
  termCode,
  courseId: t.courseId,
  courseCode: courseCols.code,
  courseName: courseCols.name,
  credits: courseCols.credits,
  collegeId: t.collegeId,
  collegeName,
  teachers: t.teachers,
  capacity: t.capacity,
  adminClassIds: t.adminClassIds,
  targetMajors: t.targetMajors,
  sessions: t.sessions,
  weekPattern: t.weekPattern,
  weekFrom: t.weekFrom,
  weekTo: t.weekTo,
  weekMask: t.weekMask,
  roomType: t.roomType,
  roomFeatures: t.roomFeatures,
  timeWishes: t.timeWishes,
});
const requestSelection = {
  ...shared(courseRequests),
  status: courseRequests.status,
  crossCollegeNote: courseRequests.crossCollegeNote,
  note: courseRequests.note,
  reviewComments: courseRequests.reviewComments,
  workflowInstanceId: courseRequests.workflowInstanceId,
  createdBy: courseRequests.createdBy,
  submittedAt: courseRequests.submittedAt,
  teachingClassId: sql<number | null>`(select tc.id from teaching_classes tc where tc.source_request_id = ${courseRequests.id})`.as(
    'teaching_class_id',
  ),
  /** The class's code (CS203-01), how people name it. */
  teachingClassCode: sql<string | null>`(select tc.code from teaching_classes tc where tc.source_request_id = ${courseRequests.id})`.as(
    'teaching_class_code',
  ),
};
const classSelection = {
  ...shared(teachingClasses),
  code: teachingClasses.code,
  sourceRequestId: teachingClasses.sourceRequestId,
  genderRestriction: teachingClasses.genderRestriction,
  isRetakeClass: teachingClasses.isRetakeClass,
};

/** A request or class with its term, course and college joined (for their codes and names). */
function fromOffering(db: Db | Tx, t: OfferingTable, selection: SelectedFields) {
  const qb = db.select(selection).from(t).$dynamic();
  return joinCollege(joinCourse(joinTerm(qb, t.termId), t.courseId), t.collegeId);
}

export interface OfferingFilters {
  termId?: number;
  collegeId?: number;
  courseId?: number;
  status?: string;
}

function filterConds(t: OfferingTable, f: OfferingFilters): (SQL | undefined)[] {
  return [
    f.termId ? eq(t.termId, f.termId) : undefined,
    f.collegeId ? eq(t.collegeId, f.collegeId) : undefined,
    f.courseId ? eq(t.courseId, f.courseId) : undefined,
    f.status && t === courseRequests ? eq(courseRequests.status, f.status) : undefined,
  ];
}

async function page(
  db: Db | Tx,
  t: OfferingTable,
  selection: SelectedFields,
  where: SQL | undefined,
  p: { page: number; pageSize: number },
  order: SQL[],
) {
  const items = await fromOffering(db, t, selection)
    .where(where)
    .orderBy(...order)
    .limit(p.pageSize)
    .offset((p.page - 1) * p.pageSize);
  const [{ total }] = await fromOffering(db, t, { total: sql<number>`count(*)::int` }).where(where);
  return { items: items as Record<string, unknown>[], total: Number(total) };
}

/** Sortable request columns (the list's `sort`); the id breaks ties so pages never overlap. */
const REQUEST_SORT_COLUMNS = {
  updatedAt: courseRequests.updatedAt,
  submittedAt: courseRequests.submittedAt,
  courseCode: courseCols.code,
  collegeName,
} as const;
export type RequestSort = keyof typeof REQUEST_SORT_COLUMNS;

function requestOrder(sort: RequestSort = 'updatedAt', order: 'asc' | 'desc' = 'desc'): SQL[] {
  const dir = order === 'asc' ? asc : desc;
  // Never-submitted drafts sort after the submitted ones, whichever the direction.
  const col = REQUEST_SORT_COLUMNS[sort];
  return [sort === 'submittedAt' ? sql`${col} ${sql.raw(order)} nulls last` : dir(col), dir(courseRequests.id)];
}

export function findRequestPage(
  db: Db | Tx,
  f: OfferingFilters,
  scope: DataScope,
  p: { page: number; pageSize: number; q?: string; sort?: RequestSort; order?: 'asc' | 'desc' },
) {
  const q = p.q ? courseMatches(p.q) : undefined;
  const where = and(offeringScope(courseRequests, scope), q, ...filterConds(courseRequests, f));
  return page(db, courseRequests, requestSelection, where, p, requestOrder(p.sort, p.order));
}

/** Every request the filters select in scope (the export), in list order; capped at `limit` rows. */
export async function findRequestRows(db: Db | Tx, f: OfferingFilters, scope: DataScope, limit: number) {
  const where = and(offeringScope(courseRequests, scope), ...filterConds(courseRequests, f));
  const rows = await fromOffering(db, courseRequests, requestSelection)
    .where(where)
    .orderBy(...requestOrder())
    .limit(limit);
  return rows as (Record<string, unknown> & RequestRow)[];
}

/** Per college: how many requests in scope, by status (the office's summary). */
export async function findRequestSummary(db: Db | Tx, f: OfferingFilters, scope: DataScope) {
  const count = (status: string) => sql<number>`(count(*) filter (where ${courseRequests.status} = ${status}))::int`;
  const where = and(offeringScope(courseRequests, scope), ...filterConds(courseRequests, { ...f, status: undefined }));
  const qb = db
    .select({
      collegeId: courseRequests.collegeId,
      collegeName,
      total: sql<number>`count(*)::int`,
      approved: count('approved'),
      pending: count('submitted'),
      returned: count('returned'),
      rejected: count('rejected'),
      draft: count('draft'),
      withdrawn: count('withdrawn'),
    })
    .from(courseRequests)
    .$dynamic();
  // The department scope needs the course; the college's name comes from the org.
  return joinCollege(joinCourse(qb, courseRequests.courseId), courseRequests.collegeId)
    .where(where)
    .groupBy(courseRequests.collegeId, collegeName)
    .orderBy(asc(collegeName));
}

export async function findRequest(db: Db | Tx, id: number, scope: DataScope) {
  const [row] = await fromOffering(db, courseRequests, requestSelection).where(
    and(eq(courseRequests.id, id), offeringScope(courseRequests, scope)),
  );
  return (row as Record<string, unknown> & RequestRow) ?? null;
}
export interface RequestRow {
  id: number;
  termId: number;
  courseId: number;
  courseCode: string;
  courseName: string;
  collegeId: number;
  status: string;
  teachers: { teacherId: number; share: number }[];
  capacity: number;
  adminClassIds: number[];
  targetMajors: { majorId: number; cohort: number }[];
  sessions: number[];
  weekPattern: string;
  weekFrom: number;
  weekTo: number;
  weekMask: number;
  roomType: string | null;
  roomFeatures: string[];
  timeWishes: unknown[];
  crossCollegeNote: string | null;
  note: string | null;
  workflowInstanceId: number | null;
  termCode: string;
  collegeName: string;
  createdBy: number | null;
  submittedAt: Date | null;
}

export type RequestValues = Partial<typeof courseRequests.$inferInsert>;

export async function insertRequest(tx: Tx, values: typeof courseRequests.$inferInsert) {
  const [row] = await tx.insert(courseRequests).values(values).returning({ id: courseRequests.id });
  return row.id;
}

/** Writes a request's changes, stamped `updatedAt = at` (the caller's clock). */
export async function updateRequest(tx: Tx, id: number, values: RequestValues, at: Date) {
  await tx
    .update(courseRequests)
    .set({ ...values, updatedAt: at })
    .where(eq(courseRequests.id, id));
}

export async function deleteRequest(tx: Tx, id: number) {
  await tx.delete(courseRequests).where(eq(courseRequests.id, id));
}

/**
 * Submitted or approved requests and the classes of a course and term whose
 * admin classes overlap these (the duplicate rule). Drafts and returned
 * requests are not counted: anyone's unsent draft could otherwise block a
 * college's request for its own classes.
 */
export async function findOverlapping(
  db: Db | Tx,
  q: {
    termId: number;
    courseId: number;
    adminClassIds: number[];
    majorCohorts: { majorId: number; cohort: number }[];
    exceptRequestId?: number;
  },
) {
  if (!q.adminClassIds.length && !q.majorCohorts.length) return { requests: [], requestNames: new Map<number, string>(), classes: [] };
  const arr = sql`ARRAY[${sql.join([sql`0`, ...q.adminClassIds.map((i) => sql`${i}`)], sql`, `)}]::int[]`;
  // Whole-cohort targets of the others, against the cohorts this request reaches.
  const pairs = sql.join([sql`(0, 0)`, ...q.majorCohorts.map((m) => sql`(${m.majorId}, ${m.cohort})`)], sql`, `);
  const cohortHit = (t: OfferingTable) =>
    sql`exists (select 1 from jsonb_array_elements(${t.targetMajors}) m where ((m->>'majorId')::int, (m->>'cohort')::int) in (${pairs}))`;
  // Named by course code and college (a request has no code of its own): people read "CS203 · 计算机学院", not "#12".
  const reqs = (await fromOffering(db, courseRequests, {
    id: courseRequests.id,
    courseCode: courseCols.code,
    collegeName,
  }).where(
    and(
      eq(courseRequests.termId, q.termId),
      eq(courseRequests.courseId, q.courseId),
      or(sql`${courseRequests.adminClassIds} && ${arr}`, cohortHit(courseRequests)),
      inArray(courseRequests.status, ['submitted', 'approved']),
      q.exceptRequestId ? ne(courseRequests.id, q.exceptRequestId) : undefined,
    ),
  )) as { id: number; courseCode: string; collegeName: string }[];
  const classes = await db
    .select({ id: teachingClasses.id, code: teachingClasses.code })
    .from(teachingClasses)
    .where(
      and(
        eq(teachingClasses.termId, q.termId),
        eq(teachingClasses.courseId, q.courseId),
        or(sql`${teachingClasses.adminClassIds} && ${arr}`, cohortHit(teachingClasses)),
        q.exceptRequestId ? sql`${teachingClasses.sourceRequestId} is distinct from ${q.exceptRequestId}` : undefined,
      ),
    );
  return { requests: reqs.map((r) => r.id), requestNames: new Map(reqs.map((r) => [r.id, `${r.courseCode} · ${r.collegeName}`])), classes };
}

/** Requests of a term (to skip what is already asked for). */
export async function findTermRequests(db: Db | Tx, termId: number, collegeIds: number[] | null) {
  return db
    .select({
      id: courseRequests.id,
      courseId: courseRequests.courseId,
      adminClassIds: courseRequests.adminClassIds,
      status: courseRequests.status,
      collegeId: courseRequests.collegeId,
    })
    .from(courseRequests)
    .where(and(eq(courseRequests.termId, termId), collegeIds ? inArray(courseRequests.collegeId, collegeIds) : undefined));
}

export async function findFullRequests(db: Db | Tx, termId: number, collegeIds: number[] | null) {
  return db
    .select()
    .from(courseRequests)
    .where(
      and(
        eq(courseRequests.termId, termId),
        collegeIds ? inArray(courseRequests.collegeId, collegeIds) : undefined,
        notInArray(courseRequests.status, ['rejected', 'withdrawn']),
      ),
    )
    .orderBy(asc(courseRequests.id));
}

// ---------------------------------------------------------------- teaching classes

export function findClassPage(db: Db | Tx, f: OfferingFilters, scope: DataScope, p: { page: number; pageSize: number; q?: string }) {
  const q = p.q
    ? sql`(${teachingClasses.code} ilike ${containsPattern(p.q)} or ${courseCols.name} ilike ${containsPattern(p.q)})`
    : undefined;
  const where = and(offeringScope(teachingClasses, scope), q, ...filterConds(teachingClasses, f));
  return page(db, teachingClasses, classSelection, where, p, [asc(teachingClasses.code), asc(teachingClasses.id)]);
}

export async function findClass(db: Db | Tx, id: number, scope: DataScope) {
  const [row] = await fromOffering(db, teachingClasses, classSelection).where(
    and(eq(teachingClasses.id, id), offeringScope(teachingClasses, scope)),
  );
  return (row as Record<string, unknown>) ?? null;
}

/** One page of a teaching class's roster (students not deleted), by student code. */
export function findClassStudentsPage(db: Db | Tx, classId: number, p: { page: number; pageSize: number; q?: string }) {
  return findStudentPage(db, (s) => studentInClass(classId, s), p);
}

export async function countClassesOfCourse(tx: Tx, termId: number, courseId: number) {
  const rows = await tx
    .select({ code: teachingClasses.code })
    .from(teachingClasses)
    .where(and(eq(teachingClasses.termId, termId), eq(teachingClasses.courseId, courseId)));
  return rows.map((r) => r.code);
}

/** Inserts teaching classes in bulk (the demo term), returning id and code of each. */
export async function insertClasses(tx: Tx, values: (typeof teachingClasses.$inferInsert)[]) {
  const out: { id: number; code: string }[] = [];
  for (let i = 0; i < values.length; i += 500)
    out.push(
      ...(await tx
        .insert(teachingClasses)
        .values(values.slice(i, i + 500))
        .returning({ id: teachingClasses.id, code: teachingClasses.code })),
    );
  return out;
}

/** What course selection reads of a class beyond timetabling: a gender-only PE section, a retake class 重修班. */
export interface ClassSelectionFlags {
  genderRestriction: 'male' | 'female' | null;
  isRetakeClass: boolean;
}

/** Sets a class's selection flags; the row before the change, or null when there is no such class. */
export async function updateClassSelectionFlags(tx: Tx, id: number, flags: Partial<ClassSelectionFlags>) {
  const [before] = await tx
    .select({ genderRestriction: teachingClasses.genderRestriction, isRetakeClass: teachingClasses.isRetakeClass })
    .from(teachingClasses)
    .where(eq(teachingClasses.id, id))
    .for('update');
  if (!before) return null;
  await tx.update(teachingClasses).set(flags).where(eq(teachingClasses.id, id));
  return before;
}

export async function insertClass(tx: Tx, values: typeof teachingClasses.$inferInsert) {
  const [row] = await tx.insert(teachingClasses).values(values).returning({ id: teachingClasses.id });
  return row.id;
}
