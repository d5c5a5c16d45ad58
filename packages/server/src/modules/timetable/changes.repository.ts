import { and, count, desc, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import type { DataScope } from '../../platform/access.ts';
import { findPeopleUserIds, findUserNames } from '../iam/iam.read-model.ts';
import { findOrgNames } from '../org/org.read-model.ts';
import { timetableChanges } from './timetable.tables.ts';

type H = Db | Tx;
export type ChangeRow = typeof timetableChanges.$inferSelect;

/** The scope of `timetable.change` (or read) on change requests: all, the college's, or the teacher's own. */
export function changeScopeWhere(scope: DataScope, userId: number | null): SQL | undefined {
  if (scope.kind === 'all') return undefined;
  const parts: SQL[] = [];
  if (scope.collegeIds.length) parts.push(inArray(timetableChanges.collegeId, scope.collegeIds));
  const teacherId = scope.teachingTeacherId ?? scope.selfTeacherId;
  if (teacherId !== null) parts.push(eq(timetableChanges.teacherId, teacherId));
  if (userId !== null) parts.push(eq(timetableChanges.requestedBy, userId));
  return parts.length ? or(...parts) : sql`false`;
}

export async function insertChange(tx: Tx, values: typeof timetableChanges.$inferInsert) {
  const [row] = await tx.insert(timetableChanges).values(values).returning();
  return row;
}

export async function findChange(db: H, id: number, scopeWhere?: SQL) {
  const [row] = await db
    .select()
    .from(timetableChanges)
    .where(and(eq(timetableChanges.id, id), scopeWhere));
  return row ?? null;
}

export async function updateChange(tx: Tx, id: number, patch: Partial<typeof timetableChanges.$inferInsert>) {
  const [row] = await tx.update(timetableChanges).set(patch).where(eq(timetableChanges.id, id)).returning();
  return row;
}

/** Personal-reason changes of a teacher this term that count against the office's limit (not refused or withdrawn). */
export async function countPersonalChanges(db: H, termId: number, teacherId: number) {
  const [{ n }] = await db
    .select({ n: count() })
    .from(timetableChanges)
    .where(
      and(
        eq(timetableChanges.termId, termId),
        eq(timetableChanges.teacherId, teacherId),
        eq(timetableChanges.reasonKind, 'personal'),
        inArray(timetableChanges.status, ['submitted', 'returned', 'approved']),
      ),
    );
  return Number(n);
}

/** A request still open for the same lecture and some of the same weeks. */
export async function findOpenOverlap(db: H, termId: number, lectureKey: string, weekMask: number) {
  const [row] = await db
    .select({ id: timetableChanges.id })
    .from(timetableChanges)
    .where(
      and(
        eq(timetableChanges.termId, termId),
        eq(timetableChanges.lectureKey, lectureKey),
        inArray(timetableChanges.status, ['submitted', 'returned']),
        sql`(${timetableChanges.weekMask} & ${weekMask}) <> 0`,
      ),
    )
    .limit(1);
  return row ?? null;
}

export interface ChangeFilters {
  termId: number;
  status?: string;
  kind?: string;
  teacherId?: number;
  collegeId?: number;
  /** Filed by or for this user / teacher. */
  mine?: { userId: number | null; teacherId: number | null };
}

function filtersWhere(f: ChangeFilters, scopeWhere: SQL | undefined) {
  const mine = f.mine
    ? or(
        f.mine.userId !== null ? eq(timetableChanges.requestedBy, f.mine.userId) : sql`false`,
        f.mine.teacherId !== null ? eq(timetableChanges.teacherId, f.mine.teacherId) : sql`false`,
      )
    : undefined;
  return and(
    eq(timetableChanges.termId, f.termId),
    f.status ? eq(timetableChanges.status, f.status) : undefined,
    f.kind ? eq(timetableChanges.kind, f.kind) : undefined,
    f.teacherId ? eq(timetableChanges.teacherId, f.teacherId) : undefined,
    f.collegeId ? eq(timetableChanges.collegeId, f.collegeId) : undefined,
    mine,
    scopeWhere,
  );
}

export async function findChangesPage(db: H, f: ChangeFilters, scopeWhere: SQL | undefined, page: { page: number; pageSize: number }) {
  const where = filtersWhere(f, scopeWhere);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(timetableChanges)
      .where(where)
      .orderBy(desc(timetableChanges.createdAt), desc(timetableChanges.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: count() }).from(timetableChanges).where(where),
  ]);
  return { rows, total: Number(n) };
}

/** Names the list shows: colleges, teachers, applicants. */
export async function findChangeNames(
  db: H,
  rows: readonly Pick<ChangeRow, 'collegeId' | 'teacherId' | 'substituteTeacherId' | 'requestedBy'>[],
) {
  const teacherIds = rows.flatMap((r) => [r.teacherId, r.substituteTeacherId]).filter((x): x is number => x !== null);
  const userIds = rows.map((r) => r.requestedBy).filter((x): x is number => x !== null);
  const [c, t, u] = await Promise.all([
    findOrgNames(
      db,
      'colleges',
      rows.map((r) => r.collegeId).filter((x) => x > 0),
    ),
    findOrgNames(db, 'teachers', teacherIds),
    findUserNames(db, userIds),
  ]);
  return {
    colleges: new Map(c.map((x) => [x.id, x.name])),
    teachers: new Map(t.map((x) => [x.id, x.name])),
    users: u,
  };
}

/** Grouped counts of a term's change requests (withdrawn ones left out), inside the scope. */
export async function findChangeStats(db: H, termId: number, scopeWhere: SQL | undefined) {
  const where = and(eq(timetableChanges.termId, termId), ne(timetableChanges.status, 'withdrawn'), scopeWhere);
  const group = (
    col:
      | typeof timetableChanges.teacherId
      | typeof timetableChanges.collegeId
      | typeof timetableChanges.reasonKind
      | typeof timetableChanges.kind
      | typeof timetableChanges.status,
  ) =>
    db
      .select({ key: col, n: count(), periods: sql<number>`coalesce(sum(${timetableChanges.periods}), 0)::int` })
      .from(timetableChanges)
      .where(where)
      .groupBy(col)
      .orderBy(desc(count()));
  const [byTeacher, byCollege, byReason, byKind, byStatus] = await Promise.all([
    group(timetableChanges.teacherId),
    group(timetableChanges.collegeId),
    group(timetableChanges.reasonKind),
    group(timetableChanges.kind),
    group(timetableChanges.status),
  ]);
  return { byTeacher, byCollege, byReason, byKind, byStatus };
}

/** Accounts to notify of a changed lecture: its teachers' and its admin classes' students'. */
export async function findAffectedUserIds(db: H, teacherIds: readonly number[], adminClassIds: readonly number[]) {
  return findPeopleUserIds(db, { teacherIds: [...teacherIds], adminClassIds: [...adminClassIds] });
}
