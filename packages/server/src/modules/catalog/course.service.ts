import type { PrerequisiteExpr } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { createResourceService, type ResourceService } from '../../platform/crud/resource.service.ts';
import { findById, insertRow, updateRow, deleteRow } from '../../platform/crud/resource.repository.ts';
import { translateDbError } from '../../platform/db-errors.ts';
import { AppError } from '../../platform/errors.ts';
import { courseCodes, prerequisiteGraph, renameInPrerequisites, replacePrerequisiteEdges } from './catalog.repository.ts';
import { courseResource as def } from './course.resource.ts';
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
  const issues = checkPrerequisites(self, { op: 'all', items: codesOf(expr).map((c) => ({ course: toKey(c) })) }, (k) => !k.startsWith('missing:'), byKey);
  if (issues.length) {
    // Report codes, not ids.
    const codeByKey = new Map([...idByCode].map(([c, id]) => [String(id), c]));
    codeByKey.set(self, code);
    const readable = issues.map((i) => ({
      ...i,
      params: i.params && {
        ...i.params,
        ...(typeof i.params.value === 'string' ? { value: i.params.value.replace(/^missing:/, '') } : {}),
        ...(typeof i.params.path === 'string' ? { path: i.params.path.split(' → ').map((k) => codeByKey.get(k) ?? k).join(' → ') } : {}),
      },
    }));
    throw new AppError('validation_failed', { fields: readable });
  }
  return codesOf(expr).map((c) => idByCode.get(c)!);
}

/**
 * Courses: the generic resource service for list and get, with create,
 * update and delete that keep the prerequisite edges in step. Delete of a
 * course a plan, request or other course refers to fails with `in_use`
 * (foreign keys); retire it instead (isActive false).
 */
export function createCourseService({ db, clock }: { db: Db; clock: () => Date }): ResourceService {
  const generic = createResourceService({ db, def, clock });
  const run = <T>(fn: () => Promise<T>) => fn().catch((e) => translateDbError(e, def.refFields));

  return {
    ...generic,
    async create(actor: Actor, input) {
      const scope = requireAccess(actor, def.manage);
      return run(() =>
        db.transaction(async (tx) => {
          const expr = input.prerequisites as PrerequisiteExpr | null | undefined;
          const requires = await resolvePrerequisites(tx, null, String(input.code), expr);
          const id = await insertRow(tx, def, { ...input, prerequisites: expr ?? null });
          await replacePrerequisiteEdges(tx, id, requires);
          const after = await findById(tx, def, id, scope);
          if (!after) throw new AppError('out_of_scope');
          await writeAudit(tx, actor, { action: 'courses.create', entityType: 'courses', entityId: id, after });
          return after;
        }),
      );
    },

    async update(actor: Actor, id, input) {
      const scope = requireAccess(actor, def.manage);
      return run(() =>
        db.transaction(async (tx) => {
          const before = await findById(tx, def, id, scope);
          if (!before) throw new AppError('not_found');
          const code = String(input.code ?? before.code);
          if (input.code !== undefined && input.code !== before.code) await renameInPrerequisites(tx, id, String(before.code), code);
          const values: Record<string, unknown> = { ...input, updatedAt: clock() };
          if (input.prerequisites !== undefined) {
            const expr = input.prerequisites as PrerequisiteExpr | null;
            await replacePrerequisiteEdges(tx, id, await resolvePrerequisites(tx, id, code, expr));
            values.prerequisites = expr ?? null;
          }
          await updateRow(tx, def, id, values);
          const after = await findById(tx, def, id, scope);
          if (!after) throw new AppError('out_of_scope');
          await writeAudit(tx, actor, { action: 'courses.update', entityType: 'courses', entityId: id, before, after });
          return after;
        }),
      );
    },

    async remove(actor: Actor, id) {
      const scope = requireAccess(actor, def.manage);
      await run(() =>
        db.transaction(async (tx) => {
          const before = await findById(tx, def, id, scope);
          if (!before) throw new AppError('not_found');
          await deleteRow(tx, def, id, clock());
          await writeAudit(tx, actor, { action: 'courses.delete', entityType: 'courses', entityId: id, before });
        }),
      );
    },
  };
}
