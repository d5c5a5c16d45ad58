import { LIMITS, type ImportKind, type ImportResult, type Locale } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { readSpreadsheet } from '../../platform/files/spreadsheet-reader.ts';
import type { JobService } from '../../platform/jobs/jobs.service.ts';
import type { OrgService } from '../org/org.service.ts';
import { buildImportTemplate } from './import-template.ts';
import { IMPORT_KIND_SPECS } from './kinds/index.ts';
import { commitImport } from './use-cases/commit-import.ts';
import { validateImport } from './use-cases/validate-import.ts';

/** An uploaded file; read only after the permission check. */
export interface Upload {
  data: Buffer;
  filename: string | null;
}

export interface ImportOptions {
  dryRun: boolean;
  /** Commit in a background job (ignored for a dry run). */
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
      const sheet = await readSpreadsheet(data, { maxRows: LIMITS.importMaxRows });
      const checked = await validateImport(db, spec, sheet, scope, options.locale);
      const report: ImportResult = {
        dryRun: options.dryRun,
        rows: checked.rows,
        valid: checked.valid,
        errors: checked.errors,
        errorCount: checked.errorCount,
        truncated: checked.errorCount > checked.errors.length,
        ...(sheet.encoding ? { encoding: sheet.encoding } : {}),
      };
      if (options.dryRun) return { kind: 'result', result: report };
      if (checked.errorCount > 0) throw new AppError('import_has_errors', { params: { count: checked.errorCount }, details: report });

      const commit = (onProgress?: (done: number) => void) =>
        commitImport(org, actor, spec, checked.prepared, { filename, rows: checked.rows }, onProgress).then(
          (counts): ImportResult => ({ ...report, ...counts }),
        );
      if (!options.async) return { kind: 'result', result: await commit() };
      const jobId = await jobs.start(actor, `import.${kind}`, checked.prepared.length, async (ctx) => {
        const result = await commit((done) => void ctx.progress(done).catch(() => {}));
        await ctx.progress(checked.prepared.length);
        return result;
      });
      return { kind: 'job', jobId };
    },

    /** An empty file to fill in, headers in the caller's language. */
    async template(actor: Actor, kind: ImportKind, format: 'csv' | 'xlsx', locale: Locale) {
      requireAccess(actor, 'imports.run');
      return buildImportTemplate(kind, format, locale);
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
