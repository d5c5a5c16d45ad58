import { IMPORT_PATHS, RESOURCE_LABELS, type ImportKind, type ImportResult, type Locale } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import type { JobService } from '../../platform/jobs/jobs.service.ts';
import type { OrgService } from '../org/org.service.ts';
import { buildImportTemplate } from './import-template.ts';
import { IMPORT_KIND_SPECS } from './kinds/index.ts';
import { commitImport } from './use-cases/commit-import.ts';
import { checkUpload } from './use-cases/check-upload.ts';
import { buildBadRowsFile } from './use-cases/bad-rows.ts';
import { COMMIT_IMPORT_JOBS } from './commit-import.job.ts';

/** An uploaded file; read only after the permission check. */
export interface Upload {
  data: Buffer;
  filename: string | null;
}

export interface ImportOptions {
  dryRun: boolean;
  /** Commit in a durable background job (ignored for a dry run). */
  async: boolean;
  /** Language of row error messages. */
  locale: Locale;
}

export type ImportOutcome = { kind: 'result'; result: ImportResult } | { kind: 'job'; jobId: number };

export interface ImportServiceOptions {
  db: Db;
  /** The org module owns the tables: the commit writes through OrgService.importRows. */
  org: OrgService;
  jobs: JobService;
}

/**
 * Spreadsheet imports of students, teachers, rooms and admin classes: read
 * the file, validate every row (dry run), or validate and write all rows in
 * one transaction (commit), synchronously or as a job.
 */
export function createImportService({ db, org, jobs }: ImportServiceOptions) {
  return {
    async run(actor: Actor, kind: ImportKind, upload: () => Promise<Upload>, options: ImportOptions): Promise<ImportOutcome> {
      requireAccess(actor, 'imports.run');
      const spec = IMPORT_KIND_SPECS[kind];
      const scope = requireAccess(actor, spec.manage);
      const { data, filename } = await upload();
      const { report, checked } = await checkUpload(db, spec, scope, data, options);
      if (options.dryRun) return { kind: 'result', result: report };
      if (checked.errorCount > 0) throw new AppError('import_has_errors', { params: { count: checked.errorCount }, details: report });

      if (!options.async) {
        const counts = await commitImport(org, actor, spec, checked.prepared, { filename, rows: checked.rows });
        return { kind: 'result', result: { ...report, ...counts } };
      }
      // The file goes into the job (any process may run it); the job checks it again when it runs.
      const jobId = await jobs.enqueue(
        actor,
        COMMIT_IMPORT_JOBS[kind],
        { locale: options.locale },
        {
          total: checked.prepared.length,
          file: { data, filename },
        },
      );
      return { kind: 'job', jobId };
    },

    /**
     * The rows of a file that would fail, with an error column, as an XLSX to
     * fix and upload again (the same checks as the dry run; nothing is written).
     */
    async badRows(actor: Actor, kind: ImportKind, upload: () => Promise<Upload>, locale: Locale) {
      requireAccess(actor, 'imports.run');
      const spec = IMPORT_KIND_SPECS[kind];
      const scope = requireAccess(actor, spec.manage);
      const { data } = await upload();
      const { checked, sheet } = await checkUpload(db, spec, scope, data, { dryRun: true, locale });
      return buildBadRowsFile({ resource: RESOURCE_LABELS[kind], path: IMPORT_PATHS[kind] }, sheet, checked.rowMessages, locale);
    },

    /** An empty file to fill in, headers in the caller's language. */
    async template(actor: Actor, kind: ImportKind, format: 'csv' | 'xlsx', locale: Locale) {
      requireAccess(actor, 'imports.run');
      return buildImportTemplate(kind, format, locale);
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
