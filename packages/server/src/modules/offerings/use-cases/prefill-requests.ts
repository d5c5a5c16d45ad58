import type { PrefillDraft } from '@jiaowu/contracts';
import type { Db } from '../../../db/client.ts';
import { requireAccess, type Actor } from '../../../platform/access.ts';
import { writeAudit, type AuditRecord } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import type { CatalogService } from '../../catalog/catalog.service.ts';
import { collegeIdsAll, findAdminClasses, findTermById } from '../../org/org.read-model.ts';
import { findTermRequests, insertRequest } from '../offerings.repository.ts';
import { blocksFiling, mayFileFor, proposeSchedule, toValues } from '../offerings.values.ts';

/** Plan term (1–8) a cohort is in during a term: 2024 in 2026-2027 autumn → 5. Null for summer terms. */
export function planTermOf(cohort: number, academicYear: string, semester: number): number | null {
  if (semester !== 1 && semester !== 2) return null;
  const t = (Number(academicYear.slice(0, 4)) - cohort) * 2 + semester;
  return t >= 1 && t <= 8 ? t : null;
}

/** The colleges an actor files for: the one asked (if in scope), else all in scope. */
export async function filingColleges(db: Db, actor: Actor, collegeId: number | undefined): Promise<number[]> {
  const scope = requireAccess(actor, 'offerings.file');
  if (collegeId !== undefined) {
    if (!mayFileFor(scope, collegeId)) throw new AppError('out_of_scope', { fields: [{ field: 'collegeId', code: 'out_of_scope' }] });
    return [collegeId];
  }
  if (scope.kind === 'all') return collegeIdsAll(db);
  return scope.collegeIds;
}

/**
 * The drafts prefill would create for what the curriculum plans of the
 * college's cohorts call for in the term: one per (course, major, cohort),
 * aimed at that cohort's admin classes, capacity their head count, hours
 * spread over the weeks. Courses already requested for those classes are
 * skipped. Reads only: the preview and the creation share it.
 */
export async function planPrefill(
  db: Db,
  catalog: CatalogService,
  actor: Actor,
  input: { termId: number; collegeId?: number },
): Promise<{ termId: number; drafts: PrefillDraft[]; skipped: number }> {
  const collegeIds = await filingColleges(db, actor, input.collegeId);
  const term = await findTermById(db, input.termId);
  if (!term)
    throw new AppError('reference_not_found', {
      params: { field: 'termId' },
      fields: [{ field: 'termId', code: 'reference_not_found', params: { value: input.termId } }],
    });
  const classes = collegeIds.length ? await findAdminClasses(db, { collegeIds }) : [];
  const cohorts = new Map<string, typeof classes>();
  for (const c of classes) {
    const k = `${c.majorId}:${c.cohort}`;
    cohorts.set(k, [...(cohorts.get(k) ?? []), c]);
  }
  const wanted = [...cohorts.values()].flatMap(([c]) => {
    const t = planTermOf(c.cohort, term.academicYear, term.semester);
    return t ? [{ majorId: c.majorId, cohort: c.cohort, term: t }] : [];
  });
  const planned = await catalog.plannedCourses(wanted);
  const facts = new Map((await catalog.courseFacts([...new Set(planned.map((p) => p.courseId))])).map((c) => [c.id, c]));
  const existing = (await findTermRequests(db, term.id, null)).filter((r) => blocksFiling(r, collegeIds));

  let skipped = 0;
  const drafts: PrefillDraft[] = [];
  for (const p of planned) {
    const group = cohorts.get(`${p.majorId}:${p.cohort}`)!;
    const ids = group.map((c) => c.id);
    const key = `${p.courseId}:${p.majorId}:${p.cohort}`;
    const taken = (r: { courseId: number; adminClassIds: number[] }) =>
      r.courseId === p.courseId && r.adminClassIds.some((id) => ids.includes(id));
    if (existing.some(taken) || drafts.some(taken) || drafts.some((d) => d.key === key)) {
      skipped++;
      continue;
    }
    const course = facts.get(p.courseId)!;
    const { sessions, weeks } = proposeSchedule(course.lectureHours + course.labHours, term.weeks);
    drafts.push({
      key,
      courseId: p.courseId,
      courseCode: course.code,
      courseName: course.name,
      collegeId: group[0].collegeId,
      majorId: p.majorId,
      cohort: p.cohort,
      adminClassIds: ids,
      adminClassCodes: group.map((c) => c.code),
      capacity: Math.max(
        1,
        group.reduce((s, c) => s + c.students, 0),
      ),
      sessions,
      weeks: { pattern: 'all', from: weeks.from, to: weeks.to },
    });
  }
  return { termId: term.id, drafts, skipped };
}

/**
 * Creates the drafts `planPrefill` proposes — only those whose key is in
 * `keys` when given (the ones left ticked in the preview) — in one
 * transaction with their audit records.
 */
export async function prefillRequests(
  db: Db,
  catalog: CatalogService,
  actor: Actor,
  input: { termId: number; collegeId?: number; keys?: string[] },
) {
  const plan = await planPrefill(db, catalog, actor, input);
  const chosen = input.keys ? new Set(input.keys) : null;
  const drafts = chosen ? plan.drafts.filter((d) => chosen.has(d.key)) : plan.drafts;
  const created: number[] = [];
  await db.transaction(async (tx) => {
    const audit: AuditRecord[] = [];
    for (const d of drafts) {
      const values = toValues({
        teachers: [],
        adminClassIds: d.adminClassIds,
        targetMajors: [],
        sessions: d.sessions,
        weeks: d.weeks,
        capacity: d.capacity,
        roomFeatures: [],
        timeWishes: [],
      });
      const id = await insertRequest(tx, {
        ...(values as Required<typeof values>),
        termId: plan.termId,
        courseId: d.courseId,
        collegeId: d.collegeId,
        status: 'draft',
        createdBy: actor.userId,
        note: null,
      });
      created.push(id);
      audit.push({
        action: 'course_requests.prefill',
        entityType: 'course_requests',
        entityId: id,
        after: { termId: plan.termId, courseId: d.courseId, adminClassIds: d.adminClassIds, ...values },
      });
    }
    if (audit.length) await writeAudit(tx, actor, audit);
  });
  // Left out in the preview counts as skipped, like what was already requested.
  return { created, skipped: plan.skipped + plan.drafts.length - drafts.length };
}
