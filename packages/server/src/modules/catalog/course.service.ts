import type { PrerequisiteExpr } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { createResourceService } from '../../platform/crud/resource.service.ts';
import type { ResourceHooks } from '../../platform/crud/resource.types.ts';
import { AppError } from '../../platform/errors.ts';
import { courseCodes, prerequisiteGraph, renameInPrerequisites, replacePrerequisiteEdges } from './catalog.repository.ts';
import { courseResource } from './course.resource.ts';
import { checkPrerequisites, codesOf } from './prerequisites.ts';

/**
 * Checks a course's prerequisite expression against the catalog (codes exist,
 * no self reference, no cycle) and returns the ids it names. The graph is by
 * id, so a renamed course keeps its edges.
 */
export async function resolvePrerequisites(tx: Tx | Db, courseId: number | null, code: string, expr: PrerequisiteExpr | null | undefined) {
  if (!expr) return [];
  const { idByCode } = await courseCodes(tx);
  const graph = await prerequisiteGraph(tx);
  const self = courseId === null ? `new:${code}` : String(courseId);
  const toKey = (c: string) => (c === code ? self : idByCode.has(c) ? String(idByCode.get(c)) : `missing:${c}`);
  const byKey = new Map(graph);
  const issues = checkPrerequisites(
    self,
    { op: 'all', items: codesOf(expr).map((c) => ({ course: toKey(c) })) },
    (k) => !k.startsWith('missing:'),
    byKey,
  );
  if (issues.length) {
    // Report codes, not ids.
    const codeByKey = new Map([...idByCode].map(([c, id]) => [String(id), c]));
    codeByKey.set(self, code);
    const readable = issues.map((i) => ({
      ...i,
      params: i.params && {
        ...i.params,
        ...(typeof i.params.value === 'string' ? { value: i.params.value.replace(/^missing:/, '') } : {}),
        ...(typeof i.params.path === 'string'
          ? {
              path: i.params.path
                .split(' → ')
                .map((k) => codeByKey.get(k) ?? k)
                .join(' → '),
            }
          : {}),
      },
    }));
    throw new AppError('validation_failed', { fields: readable });
  }
  return codesOf(expr).map((c) => idByCode.get(c)!);
}

/**
 * Keep the prerequisite graph in step inside the write transaction: a renamed
 * course is renamed in the expressions naming it (each rewrite audited), and
 * the edges of an edited expression are checked (codes exist, no self
 * reference, no cycle) and replaced.
 */
const prerequisiteHooks = (clock: () => Date): ResourceHooks<typeof courseResource.contract> => ({
  async beforeWrite(tx, { actor, op, id, input, before }) {
    if (op !== 'update' || !before || id === null) return;
    if (input.code !== undefined && input.code !== before.code) {
      const renamed = await renameInPrerequisites(tx, id, before.code, input.code);
      await writeAudit(
        tx,
        actor,
        renamed.map((r) => ({
          action: 'courses.update',
          entityType: 'courses',
          entityId: r.id,
          before: { prerequisites: r.before },
          after: { prerequisites: r.after },
        })),
      );
    }
    return { updatedAt: clock() };
  },
  async afterWrite(tx, { op, id, input, after }) {
    if (op === 'delete' || !after || input.prerequisites === undefined) return;
    const expr: PrerequisiteExpr | null = input.prerequisites ?? null;
    await replacePrerequisiteEdges(tx, id, await resolvePrerequisites(tx, id, after.code, expr));
  },
});

/**
 * Courses: the generic resource service with the prerequisite hooks. Delete
 * of a course a plan, request or other course refers to fails with `in_use`
 * (foreign keys); retire it instead (isActive false).
 */
export function createCourseService({ db, clock }: { db: Db; clock: () => Date }) {
  return createResourceService({ db, clock, def: { ...courseResource, hooks: prerequisiteHooks(clock) } });
}
