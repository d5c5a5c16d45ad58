import { LIMITS, type ImportResult, type Locale } from '@jiaowu/contracts';
import type { Db } from '../../../db/client.ts';
import type { DataScope } from '../../../platform/access.ts';
import { readSpreadsheet, type ReadSheet } from '../../../platform/files/spreadsheet-reader.ts';
import type { ImportKindSpec } from '../kinds/types.ts';
import { validateImport, type Validation } from './validate-import.ts';

/**
 * Reads an uploaded file and checks every row: the dry run's report, and the
 * rows to write. The request does it, and the commit job again when it runs
 * (the data may have changed in between), so both see the same checks.
 */
export async function checkUpload(
  db: Db,
  spec: ImportKindSpec,
  scope: DataScope,
  data: Buffer,
  options: { dryRun: boolean; locale: Locale },
): Promise<{ report: ImportResult; checked: Validation; sheet: ReadSheet }> {
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
  return { report, checked, sheet };
}
