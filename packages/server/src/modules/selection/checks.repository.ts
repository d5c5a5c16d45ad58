import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { findVersionLectures, listVersions } from '../timetable/versions.repository.ts';
import { selectionCheckFindings } from './checks.tables.ts';
import { selectionClassSeats, selectionStudentTerms } from './selection.tables.ts';

type H = Db | Tx;

export type FindingRow = typeof selectionCheckFindings.$inferSelect;

/** A finding as a run computes it, before it is stored. */
export interface FindingDraft {
  kind: string;
  subjectKey: string;
  studentId: number | null;
  teachingClassId: number | null;
  params: Record<string, unknown>;
}

/** Credits each student holds in the term (the totals row the enrolment transaction keeps). */
export async function findTermCredits(db: H, termId: number): Promise<Map<number, number>> {
  const rows = await db
    .select({ studentId: selectionStudentTerms.studentId, credits: selectionStudentTerms.credits })
    .from(selectionStudentTerms)
    .where(eq(selectionStudentTerms.termId, termId));
  return new Map(rows.map((r) => [r.studentId, Number(r.credits)]));
}

/** Enrolled students of these classes, by the seat authority's counter. */
export async function findEnrolledCounts(db: H, teachingClassIds: number[]): Promise<Map<number, number>> {
  if (!teachingClassIds.length) return new Map();
  const rows = await db
    .select({ id: selectionClassSeats.teachingClassId, enrolled: selectionClassSeats.enrolled })
    .from(selectionClassSeats)
    .where(inArray(selectionClassSeats.teachingClassId, teachingClassIds));
  return new Map(rows.map((r) => [r.id, r.enrolled]));
}

/** The term's published versions, oldest first, each with its lectures' times per class (a signature to compare). */
export async function findVersionTimes(db: H, termId: number) {
  const versions = (await listVersions(db, termId)).reverse();
  const out: { id: number; versionNo: number; publishedAt: Date; times: Map<number, string> }[] = [];
  for (const v of versions) {
    const parts = new Map<number, string[]>();
    for (const l of await findVersionLectures(db, v.id)) {
      const list = parts.get(l.teachingClassId) ?? [];
      list.push(`${l.day}:${l.startPeriod}:${l.length}:${l.weekMask}`);
      parts.set(l.teachingClassId, list);
    }
    const times = new Map([...parts].map(([id, p]) => [id, p.sort().join('|')]));
    out.push({ id: v.id, versionNo: v.versionNo, publishedAt: v.publishedAt, times });
  }
  return out;
}

/**
 * Stores a run's findings: a new one is inserted open; one found again is refreshed if open,
 * and reopened if only a run had resolved it; the office's own resolutions and dismissals stay.
 * Returns how many were inserted and how many were refreshed or reopened.
 */
export async function upsertFindings(tx: Tx, roundId: number, drafts: FindingDraft[], at: Date) {
  let added = 0;
  let updated = 0;
  const t = selectionCheckFindings;
  for (let i = 0; i < drafts.length; i += 500) {
    const rows = await tx
      .insert(t)
      .values(drafts.slice(i, i + 500).map((d) => ({ ...d, roundId, createdAt: at, updatedAt: at })))
      .onConflictDoUpdate({
        target: [t.roundId, t.subjectKey],
        set: {
          params: sql`excluded.params`,
          status: 'open',
          autoResolved: false,
          resolvedAt: null,
          resolvedBy: null,
          note: null,
          updatedAt: at,
        },
        setWhere: sql`${t.status} = 'open' or ${t.autoResolved}`,
      })
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    for (const r of rows) {
      if (r.inserted) added++;
      else updated++;
    }
  }
  return { added, updated };
}

/**
 * Open findings of the round a run did not find again: resolved by the run. How many. The
 * keys are compared here, not in one `NOT IN` (a big school's findings would pass the bind
 * parameter limit); the caller holds the round's lock, so no run changes them in between.
 */
export async function autoResolveMissing(tx: Tx, roundId: number, keepKeys: string[], at: Date): Promise<number> {
  const t = selectionCheckFindings;
  const keep = new Set(keepKeys);
  const open = await tx
    .select({ id: t.id, subjectKey: t.subjectKey })
    .from(t)
    .where(and(eq(t.roundId, roundId), eq(t.status, 'open')));
  const gone = open.filter((r) => !keep.has(r.subjectKey)).map((r) => r.id);
  for (let i = 0; i < gone.length; i += 5000) {
    await tx
      .update(t)
      .set({ status: 'resolved', autoResolved: true, resolvedAt: at, updatedAt: at })
      .where(and(inArray(t.id, gone.slice(i, i + 5000)), eq(t.status, 'open')));
  }
  return gone.length;
}

export async function countOpen(db: H, roundId: number): Promise<number> {
  const t = selectionCheckFindings;
  const [row] = await db
    .select({ n: count() })
    .from(t)
    .where(and(eq(t.roundId, roundId), eq(t.status, 'open')));
  return row.n;
}

/** Counts per kind and status of the round. */
export async function countFindings(db: H, roundId: number) {
  const t = selectionCheckFindings;
  return db.select({ kind: t.kind, status: t.status, n: count() }).from(t).where(eq(t.roundId, roundId)).groupBy(t.kind, t.status);
}

/** One page of the round's findings, open first, then newest. */
export async function findFindingsPage(
  db: H,
  roundId: number,
  f: { kind?: string; status?: string; studentId?: number; teachingClassId?: number; page: number; pageSize: number },
): Promise<{ rows: FindingRow[]; total: number }> {
  const t = selectionCheckFindings;
  const where = and(
    eq(t.roundId, roundId),
    f.kind ? eq(t.kind, f.kind) : undefined,
    f.status ? eq(t.status, f.status) : undefined,
    f.studentId ? eq(t.studentId, f.studentId) : undefined,
    f.teachingClassId ? eq(t.teachingClassId, f.teachingClassId) : undefined,
  );
  const [{ n }] = await db.select({ n: count() }).from(t).where(where);
  const rows = await db
    .select()
    .from(t)
    .where(where)
    .orderBy(sql`${t.status} = 'open' desc`, t.kind, desc(t.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { rows, total: n };
}

export async function findFinding(db: H, id: number): Promise<FindingRow | null> {
  const [row] = await db.select().from(selectionCheckFindings).where(eq(selectionCheckFindings.id, id));
  return row ?? null;
}

/**
 * Resolves or dismisses an open finding: a conditional update, so of two office users acting at
 * once one wins and the other is told it was already handled. Null when it was not open.
 */
export async function closeFinding(
  tx: Tx,
  id: number,
  v: { status: 'resolved' | 'dismissed'; note: string; userId: number | null; at: Date },
): Promise<FindingRow | null> {
  const t = selectionCheckFindings;
  const [row] = await tx
    .update(t)
    .set({ status: v.status, note: v.note, resolvedBy: v.userId, resolvedAt: v.at, autoResolved: false, updatedAt: v.at })
    .where(and(eq(t.id, id), eq(t.status, 'open')))
    .returning();
  return row ?? null;
}
