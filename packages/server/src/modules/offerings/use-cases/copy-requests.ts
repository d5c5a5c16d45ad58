import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../platform/access.ts';
import { writeAudit, type AuditRecord } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import { findAdminClasses, findTermById } from '../../org/org.read-model.ts';
import { findFullRequests, findTermRequests, insertRequest } from '../offerings.repository.ts';
import { blocksFiling } from '../offerings.values.ts';
import { filingColleges } from './prefill-requests.ts';

type ClassRow = Awaited<ReturnType<typeof findAdminClasses>>[number];

/**
 * Where a target class goes a year (or more) on: the class in the same
 * position of the major's later cohort (计科2401 → 计科2501), or every class
 * of it when the request covered its whole cohort.
 */
export function movedClasses(classes: ClassRow[], c: ClassRow | undefined, requested: number[], shift: number): number[] {
  if (!c) return [];
  const cohortOf = (cohort: number) => classes.filter((n) => n.majorId === c.majorId && n.cohort === cohort);
  const before = cohortOf(c.cohort);
  const after = cohortOf(c.cohort + shift);
  if (before.every((n) => requested.includes(n.id))) return after.map((n) => n.id);
  const target = after[before.findIndex((n) => n.id === c.id)];
  return target ? [target.id] : [];
}

/**
 * Copies the requests of a term (same semester of an earlier year) into
 * another as drafts. Targets move with the years: a request for 计科 2024's
 * classes in 2025 autumn becomes one for 计科 2025's classes in 2026 autumn.
 * Rejected and withdrawn requests are not copied; nor are ones whose course
 * is already requested for the new classes.
 */
export async function copyRequests(db: Db, actor: Actor, input: { fromTermId: number; toTermId: number; collegeId?: number }) {
  const collegeIds = await filingColleges(db, actor, input.collegeId);
  const [from, to] = await Promise.all([findTermById(db, input.fromTermId), findTermById(db, input.toTermId)]);
  for (const [field, t, v] of [
    ['fromTermId', from, input.fromTermId],
    ['toTermId', to, input.toTermId],
  ] as const) {
    if (!t)
      throw new AppError('reference_not_found', {
        params: { field },
        fields: [{ field, code: 'reference_not_found', params: { value: v } }],
      });
  }
  if (from!.semester !== to!.semester || from!.id === to!.id)
    throw new AppError('validation_failed', { fields: [{ field: 'toTermId', code: 'semester_mismatch' }] });
  const shift = Number(to!.academicYear.slice(0, 4)) - Number(from!.academicYear.slice(0, 4));
  const source = collegeIds.length ? await findFullRequests(db, from!.id, collegeIds) : [];
  const classes = await findAdminClasses(db, {});
  const byId = new Map(classes.map((c) => [c.id, c]));
  const existing = (await findTermRequests(db, to!.id, null)).filter((r) => blocksFiling(r, collegeIds));

  let skipped = 0;
  const created: number[] = [];
  await db.transaction(async (tx) => {
    const audit: AuditRecord[] = [];
    for (const r of source) {
      // Only classes of the filer's colleges are carried over: a copy never aims at another college's classes.
      const moved = new Set(
        r.adminClassIds
          .flatMap((id) => movedClasses(classes, byId.get(id), r.adminClassIds, shift))
          .filter((id) => collegeIds.includes(byId.get(id)!.collegeId)),
      );
      const adminClassIds = [...moved];
      const targetMajors = (r.targetMajors as { majorId: number; cohort: number }[]).map((m) => ({ ...m, cohort: m.cohort + shift }));
      const clash = existing.some((e) => e.courseId === r.courseId && e.adminClassIds.some((id) => moved.has(id)));
      if (clash || (adminClassIds.length === 0 && targetMajors.length === 0)) {
        skipped++;
        continue;
      }
      const { id: _id, createdAt: _c, updatedAt: _u, workflowInstanceId: _w, reviewComments: _r, status: _s, ...rest } = r;
      const id = await insertRequest(tx, {
        ...rest,
        termId: to!.id,
        adminClassIds,
        targetMajors,
        status: 'draft',
        createdBy: actor.userId,
      });
      existing.push({ id, courseId: r.courseId, adminClassIds, status: 'draft', collegeId: r.collegeId });
      created.push(id);
      audit.push({
        action: 'course_requests.copy',
        entityType: 'course_requests',
        entityId: id,
        after: { from: r.id, termId: to!.id, adminClassIds },
      });
    }
    await writeAudit(tx, actor, audit);
  });
  return { created, skipped };
}
