import { IMPORT_MAX_ERRORS, type ImportError, type Locale } from '@jiaowu/contracts';
import type { Db } from '../../../db/client.ts';
import type { DataScope } from '../../../platform/access.ts';
import type { ReadSheet } from '../../../platform/files/spreadsheet-reader.ts';
import { toFieldIssue } from '../../../platform/validation.ts';
import type { ExistingRow, RefTarget } from '../../org/org.import-repository.ts';
import { importColumnSpecs } from '../../org/org.spreadsheets.ts';
import { isInScope } from '../../org/use-cases/import-org-rows.ts';
import { matchHeaders, parseCell } from '../import-cells.ts';
import { importMessage } from '../import-messages.ts';
import type { ImportKindSpec } from '../kinds/types.ts';

/** A row that passed every check, ready to be written. */
export interface PreparedRow {
  row: number;
  code: string;
  /** Schema output (defaults filled) plus derived values: what a new record gets. */
  values: Record<string, unknown>;
  /** Fields the file gave (a blank cell of a defaulted field keeps the stored value on update). */
  provided: Set<string>;
  existing: ExistingRow | undefined;
}

export interface Validation {
  rows: number;
  valid: number;
  errors: ImportError[];
  errorCount: number;
  prepared: PreparedRow[];
  /** Every row with errors (not only the listed ones), its messages in order: the bad-rows file. */
  rowMessages: Map<number, string[]>;
}

/** Whether a scoped manager may write a row anchored here (the org module's rule, which its import write checks again). */
export { isInScope };

/**
 * Checks every row of a sheet the way the API checks one record — same zod
 * schema after mapping codes to ids and labels to values — plus what only a
 * file can get wrong (duplicates within it) and the actor's data scope, for
 * new rows and for the existing rows they would overwrite. Collects all
 * errors; lists at most IMPORT_MAX_ERRORS.
 */
export async function validateImport(
  db: Db,
  kind: ImportKindSpec,
  sheet: ReadSheet,
  scope: DataScope,
  locale: Locale,
): Promise<Validation> {
  const specs = importColumnSpecs(kind.kind);
  const matched = matchHeaders(sheet.headers, specs, locale);
  const shape = kind.schema.shape as unknown as Record<string, { safeParse(v: unknown): { success: boolean } }>;
  const fieldOf = (key: string) => kind.refs[key]?.field ?? key;
  const columnOfField = new Map(specs.map((s) => [fieldOf(s.key), s]));
  const headerOf = (key: string) => matched.get(key)?.header ?? key;
  const nullable = new Set(specs.map((s) => fieldOf(s.key)).filter((f) => shape[f]?.safeParse(null).success));
  const refMaps = Object.fromEntries(
    await Promise.all(Object.entries(kind.refs).map(async ([key, ref]) => [key, await ref.load(db)] as const)),
  );

  const specOf = new Map(specs.map((s) => [s.key, s]));
  const errors: ImportError[] = [];
  const rowMessages = new Map<number, string[]>();
  let errorCount = 0;
  const invalidRows = new Set<number>();
  const addError = (row: number, key: string, code: string, params: Record<string, unknown> = {}) => {
    invalidRows.add(row);
    errorCount++;
    const message = importMessage(specOf.get(key), code, params, locale);
    rowMessages.set(row, [...(rowMessages.get(row) ?? []), message]);
    if (errors.length < IMPORT_MAX_ERRORS) errors.push({ row, column: headerOf(key), code, message });
  };

  const firstRowOfCode = new Map<string, number>();
  const firstRowOfIdNumber = new Map<string, number>();
  const prepared: PreparedRow[] = [];
  for (const { row, cells } of sheet.rows) {
    const input: Record<string, unknown> = {};
    const provided = new Set<string>();
    const failed = new Set<string>();
    const targets: Record<string, RefTarget> = {};
    const fail = (key: string, code: string, params?: Record<string, unknown>) => {
      failed.add(fieldOf(key));
      addError(row, key, code, params);
    };
    const give = (field: string, value: unknown) => {
      input[field] = value;
      provided.add(field);
    };
    for (const [key, m] of matched) {
      const field = fieldOf(key);
      const raw = cells[m.index] ?? '';
      if (raw === '') {
        if (m.spec.required) fail(key, 'required');
        else if (nullable.has(field)) give(field, null);
        continue;
      }
      // A masked value (an export's 110105**********24) leaves the stored number as it is,
      // so an exported file can be edited and imported back.
      if (m.spec.field?.sensitive && raw.includes('*')) continue;
      if (m.spec.isRef) {
        const target = refMaps[key].get(raw);
        if (!target) fail(key, 'reference_not_found', { value: raw });
        else {
          give(field, target.id);
          targets[key] = target;
        }
        continue;
      }
      const parsed = parseCell(m.spec, raw, locale);
      if (parsed.ok) give(field, parsed.value);
      else fail(key, parsed.code, parsed.params);
    }

    const code = typeof input.code === 'string' ? input.code.trim() : '';
    if (code) {
      const first = firstRowOfCode.get(code);
      if (first !== undefined) fail('code', 'duplicate_in_file', { row: first });
      else firstRowOfCode.set(code, row);
    }

    const result = kind.schema.safeParse(input);
    // 证件号码: one person per number, within the file as in the database (below).
    const idNumber = result.success ? (result.data as { idNumber?: unknown }).idNumber : undefined;
    if (typeof idNumber === 'string') {
      const first = firstRowOfIdNumber.get(idNumber);
      if (first !== undefined) fail('idNumber', 'duplicate_in_file', { row: first });
      else firstRowOfIdNumber.set(idNumber, row);
    }
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (failed.has(field)) continue; // one message per cell
        const fi = toFieldIssue(issue);
        fail(columnOfField.get(field)?.key ?? field, fi.code, fi.params);
      }
    }
    if (invalidRows.has(row) || !result.success) continue;
    if (!isInScope(scope, kind.anchor(targets))) {
      fail(Object.keys(kind.refs)[0], 'out_of_scope');
      continue;
    }
    const derived = kind.derive?.(targets) ?? {};
    for (const k of Object.keys(derived)) provided.add(k);
    prepared.push({ row, code: result.data.code as string, values: { ...result.data, ...derived }, provided, existing: undefined });
  }

  // Overwriting a record moves it too: a scoped manager may only touch records already in scope.
  const existing = await kind.findExisting(
    db,
    prepared.map((p) => p.code),
  );
  const holders = kind.findIdNumberHolders ? await kind.findIdNumberHolders(db, [...firstRowOfIdNumber.keys()]) : new Map<string, string>();
  const allowed: PreparedRow[] = [];
  for (const p of prepared) {
    p.existing = existing.get(p.code);
    const idNumber = p.values.idNumber;
    const holder = typeof idNumber === 'string' ? holders.get(idNumber) : undefined;
    if (p.existing && !isInScope(scope, p.existing)) addError(p.row, 'code', 'out_of_scope');
    // Held by someone else (never named: they may be outside the importer's scope).
    else if (holder !== undefined && holder !== p.code) addError(p.row, 'idNumber', 'duplicate_id_number');
    else allowed.push(p);
  }

  errors.sort((a, b) => a.row - b.row);
  return { rows: sheet.rows.length, valid: sheet.rows.length - invalidRows.size, errors, errorCount, prepared: allowed, rowMessages };
}
