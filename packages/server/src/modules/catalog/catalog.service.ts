import { LIMITS, RESOURCE_LABELS, type Locale } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { readSpreadsheet } from '../../platform/files/spreadsheet-reader.ts';
import { buildBadRowsFile, type BadRowsTarget } from '../imports/use-cases/bad-rows.ts';
import { findCourseFacts, findPlannedCourses } from './catalog.repository.ts';
import { createCourseService } from './course.service.ts';
import { createPlanService } from './plan.service.ts';
import { importCourses } from './use-cases/import-courses.ts';
import { importPlans } from './use-cases/import-plans.ts';

export type CatalogImportKind = 'courses' | 'plans';

const BAD_ROWS_TARGETS: Record<CatalogImportKind, BadRowsTarget> = {
  courses: { resource: RESOURCE_LABELS.courses, path: 'courses' },
  plans: { resource: RESOURCE_LABELS.curriculumPlans, path: 'curriculum-plans' },
};

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

  /** Reads the upload (after the permission check) and checks every row; commits when not a dry run. */
  async function checkAndRun(
    actor: Actor,
    kind: CatalogImportKind,
    upload: () => Promise<CatalogUpload>,
    opts: { dryRun: boolean; locale: Locale },
  ) {
    requireAccess(actor, 'imports.run');
    const scope = requireAccess(actor, 'catalog.manage');
    const { data, filename } = await upload();
    const sheet = await readSpreadsheet(data, { maxRows: LIMITS.importMaxRows });
    const outcome =
      kind === 'courses'
        ? await importCourses(db, actor, scope, sheet, { ...opts, filename, now: clock() })
        : await importPlans(db, actor, scope, sheet, { ...opts, filename });
    return { ...outcome, sheet };
  }

  async function runImport(...args: Parameters<typeof checkAndRun>) {
    const { result, sheet } = await checkAndRun(...args);
    // As the org imports report it: which encoding a CSV was read in (GB18030 from older Excel).
    return sheet.encoding ? { ...result, encoding: sheet.encoding } : result;
  }

  /**
   * The rows of a file that would fail, with an error column, as an XLSX to
   * fix and upload again: the dry run's checks, the org imports' file.
   */
  async function badRows(actor: Actor, kind: CatalogImportKind, upload: () => Promise<CatalogUpload>, locale: Locale) {
    const { sheet, rowMessages } = await checkAndRun(actor, kind, upload, { dryRun: true, locale });
    return buildBadRowsFile(BAD_ROWS_TARGETS[kind], sheet, rowMessages, locale);
  }

  return {
    courses,
    plans,
    runImport,
    badRows,
    /** Courses by id with credits, hours, category and owning college (no permission: callers check their own). */
    courseFacts: (ids: number[], tx?: Tx) => findCourseFacts(tx ?? db, ids),
    /** Active courses the plans place in plan term `term` for these majors and cohorts. */
    plannedCourses: (wanted: { majorId: number; cohort: number; term: number }[]) => findPlannedCourses(db, wanted),
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
