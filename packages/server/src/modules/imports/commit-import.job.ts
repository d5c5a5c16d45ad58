import { z } from 'zod';
import { IMPORT_KINDS, locale, type ImportKind, type ImportResult } from '@jiaowu/contracts';
import { requireAccess } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { defineJob, type JobKind } from '../../platform/jobs/job-kind.ts';
import { createOrgService } from '../org/org.service.ts';
import { IMPORT_KIND_SPECS } from './kinds/index.ts';
import { checkUpload } from './use-cases/check-upload.ts';
import { commitImport } from './use-cases/commit-import.ts';

const payload = z.object({
  /** Language of row error messages, should the rows have become invalid since the request. */
  locale,
});

/**
 * Commits an uploaded import in the background (`import.<kind>`): the file is
 * stored with the job; the run checks it again as the actor who uploaded it
 * (rows valid at upload may clash with data written since) and writes all
 * rows or none. Not retried: a failure is a business answer or needs a person.
 */
function commitImportJob(kind: ImportKind): JobKind<z.infer<typeof payload>> {
  const spec = IMPORT_KIND_SPECS[kind];
  return defineJob({
    name: `import.${kind}`,
    payload,
    permission: spec.manage,
    async handler({ locale }, ctx): Promise<ImportResult> {
      requireAccess(ctx.actor, 'imports.run');
      const scope = requireAccess(ctx.actor, spec.manage);
      const { data, filename } = await ctx.readFile();
      const { report, checked } = await checkUpload(ctx.db, spec, scope, data, { dryRun: false, locale });
      await ctx.progress(0, checked.prepared.length);
      if (checked.errorCount > 0) throw new AppError('import_has_errors', { params: { count: checked.errorCount }, details: report });
      // The commit is one transaction: a cancel is honoured up to here, not halfway through it.
      ctx.signal.throwIfAborted();
      const counts = await commitImport(
        createOrgService({ db: ctx.db, clock: ctx.clock }),
        ctx.actor,
        spec,
        checked.prepared,
        { filename, rows: checked.rows },
        (done) => void ctx.progress(done).catch(() => {}),
      );
      await ctx.progress(checked.prepared.length);
      return { ...report, ...counts };
    },
  });
}

/** One job kind per import kind, so the job list and its permission say what is imported. */
export const COMMIT_IMPORT_JOBS = Object.fromEntries(IMPORT_KINDS.map((k) => [k, commitImportJob(k)])) as Record<
  ImportKind,
  JobKind<z.infer<typeof payload>>
>;
