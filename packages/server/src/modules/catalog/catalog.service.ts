import { LIMITS, type Locale } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { readSpreadsheet } from '../../platform/files/spreadsheet-reader.ts';
import { findCourseFacts, findPlannedCourses } from './catalog.repository.ts';
import { createCourseService } from './course.service.ts';
import { createPlanService } from './plan.service.ts';
import { importCourses } from './use-cases/import-courses.ts';
import { importPlans } from './use-cases/import-plans.ts';

export interface CatalogUpload {
  data: Buffer;
  filename: string | null;
}

/**
 * The catalog module: courses (a generic resource with prerequisite rules),
 * curriculum plans, their spreadsheet imports, and the read functions other
 * modules (offerings) use instead of the catalog's tables.
 */
export function createCatalogService({ db, clock }: { db: Db; clock: () => Date }) {
  const courses = createCourseService({ db, clock });
  const plans = createPlanService({ db, clock });

  async function runImport(
    actor: Actor,
    kind: 'courses' | 'plans',
    upload: () => Promise<CatalogUpload>,
    opts: { dryRun: boolean; locale: Locale },
  ) {
    requireAccess(actor, 'imports.run');
    const scope = requireAccess(actor, 'catalog.manage');
    const { data, filename } = await upload();
    const sheet = await readSpreadsheet(data, { maxRows: LIMITS.importMaxRows });
    if (kind === 'courses') return importCourses(db, actor, scope, sheet, { ...opts, filename, now: clock() });
    return importPlans(db, actor, scope, sheet, { ...opts, filename });
  }

  return {
    courses,
    plans,
    runImport,
    /** Courses by id with credits, hours, category and owning college (no permission: callers check their own). */
    courseFacts: (ids: number[], tx?: Tx) => findCourseFacts(tx ?? db, ids),
    /** Active courses the plans place in plan term `term` for these majors and cohorts. */
    plannedCourses: (wanted: { majorId: number; cohort: number; term: number }[]) => findPlannedCourses(db, wanted),
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
