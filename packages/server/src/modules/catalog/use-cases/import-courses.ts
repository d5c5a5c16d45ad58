import { courseInput, type Locale, type PrerequisiteExpr } from '@jiaowu/contracts';
import type { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import type { Actor, DataScope } from '../../../platform/access.ts';
import { writeAudit, type AuditRecord } from '../../../platform/audit/audit.ts';
import { translateDbError } from '../../../platform/db-errors.ts';
import { AppError } from '../../../platform/errors.ts';
import type { ReadSheet } from '../../../platform/files/spreadsheet-reader.ts';
import { toFieldIssue } from '../../../platform/validation.ts';
import { matchHeaders, parseCell } from '../../imports/import-cells.ts';
import {
  coursesByCode,
  departmentRefs,
  insertCourse,
  prerequisiteGraph,
  replacePrerequisiteEdges,
  updateCourse,
} from '../catalog.repository.ts';
import { COURSE_COLUMN_SPECS, errorCollector, inScope, type CatalogImportOutcome } from '../catalog.spreadsheets.ts';
import { checkPrerequisites, codesOf, parsePrerequisites } from '../prerequisites.ts';

const WRITE = [
  'name',
  'nameEn',
  'credits',
  'lectureHours',
  'labHours',
  'practiceHours',
  'assessment',
  'departmentId',
  'category',
  'prerequisites',
  'isActive',
] as const;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

type CourseValues = z.output<typeof courseInput>;

interface Prepared {
  row: number;
  code: string;
  values: CourseValues;
  provided: Set<string>;
}

/**
 * 课程库导入: validates every row like POST /api/courses (same schema),
 * department by code, prerequisites as text (`MA101 & (CS101 | CS102)`)
 * naming courses of the catalog or of the same file, no cycles across both;
 * re-import updates by course code. Commit writes all rows or none.
 */
export async function importCourses(
  db: Db,
  actor: Actor,
  scope: DataScope,
  sheet: ReadSheet,
  opts: { dryRun: boolean; locale: Locale; filename: string | null; now: Date },
): Promise<CatalogImportOutcome> {
  const matched = matchHeaders(sheet.headers, COURSE_COLUMN_SPECS, opts.locale);
  const headerOf = (key: string) => matched.get(key)?.header ?? key;
  const errors = errorCollector(COURSE_COLUMN_SPECS, headerOf, opts.locale);
  const departments = await departmentRefs(db);
  const deptById = new Map([...departments.values()].map((d) => [d.id, d]));
  const existing = await coursesByCode(db);
  const prepared: Prepared[] = [];
  const firstRow = new Map<string, number>();

  for (const { row, cells } of sheet.rows) {
    const input: Record<string, unknown> = {};
    const provided = new Set<string>();
    const failed = new Set<string>();
    const fail = (key: string, code: string, params?: Record<string, unknown>) => {
      failed.add(key);
      errors.add(row, key, code, params);
    };
    for (const [key, m] of matched) {
      const raw = cells[m.index] ?? '';
      if (raw === '') {
        if (m.spec.required) fail(key, 'required');
        else if (key === 'prerequisites' || key === 'nameEn') {
          input[key] = null;
          provided.add(key);
        }
        continue;
      }
      if (key === 'departmentCode') {
        const d = departments.get(raw);
        if (!d) fail(key, 'reference_not_found', { value: raw });
        else if (!inScope(scope, d)) fail(key, 'out_of_scope');
        else {
          input.departmentId = d.id;
          provided.add('departmentId');
        }
        continue;
      }
      if (key === 'prerequisites') {
        try {
          input.prerequisites = parsePrerequisites(raw);
          provided.add(key);
        } catch {
          fail(key, 'prerequisite_syntax', { value: raw });
        }
        continue;
      }
      const parsed = parseCell(m.spec, raw, opts.locale);
      if (parsed.ok) {
        input[key] = parsed.value;
        provided.add(key);
      } else fail(key, parsed.code, parsed.params);
    }
    const code = typeof input.code === 'string' ? input.code.trim() : '';
    if (code && firstRow.has(code)) fail('code', 'duplicate_in_file', { row: firstRow.get(code) });
    else if (code) firstRow.set(code, row);
    const result = courseInput.safeParse(input);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const key = String(issue.path[0] ?? '');
        const column = key === 'departmentId' ? 'departmentCode' : key;
        if (failed.has(column)) continue;
        const fi = toFieldIssue(issue);
        fail(column, fi.code, fi.params);
      }
      continue;
    }
    if (errors.isInvalid(row)) continue;
    const old = existing.get(code);
    const oldDept = old && deptById.get(old.departmentId);
    if (oldDept && !inScope(scope, oldDept)) {
      fail('code', 'out_of_scope');
      continue;
    }
    prepared.push({ row, code, values: result.data, provided });
  }

  // Prerequisites: codes of the catalog or of this file; cycles over both.
  const graph = new Map<string, string[]>();
  const codeById = new Map([...existing.values()].map((c) => [String(c.id), c.code]));
  for (const [k, v] of await prerequisiteGraph(db))
    graph.set(
      codeById.get(k)!,
      v.map((x) => codeById.get(x)!),
    );
  for (const p of prepared) graph.set(p.code, codesOf(finalValue(p, 'prerequisites', existing.get(p.code)) as PrerequisiteExpr | null));
  // A code of a row that fails for another reason still exists once that row is fixed: not a second error here.
  const known = (c: string) => existing.has(c) || firstRow.has(c);
  const ok: Prepared[] = [];
  for (const p of prepared) {
    const issues = checkPrerequisites(
      p.code,
      finalValue(p, 'prerequisites', existing.get(p.code)) as PrerequisiteExpr | null,
      known,
      graph,
    );
    for (const i of issues) errors.add(p.row, 'prerequisites', i.code, i.params);
    if (!issues.length) ok.push(p);
  }

  const report = { dryRun: opts.dryRun, ...errors.report(sheet.rows.length) };
  const { rowMessages } = errors;
  if (opts.dryRun) return { result: report, rowMessages };
  if (report.errorCount > 0) throw new AppError('import_has_errors', { params: { count: report.errorCount }, details: report });
  return { result: { ...report, ...(await commit(db, actor, ok, existing, opts.filename, sheet.rows.length, opts.now)) }, rowMessages };
}

function finalValue(p: Prepared, key: (typeof WRITE)[number], old: Record<string, unknown> | undefined) {
  return !old || p.provided.has(key) ? p.values[key] : old[key];
}

async function commit(
  db: Db,
  actor: Actor,
  rows: Prepared[],
  existing: Awaited<ReturnType<typeof coursesByCode>>,
  filename: string | null,
  total: number,
  now: Date,
) {
  try {
    return await db.transaction(async (tx) => {
      const audit: AuditRecord[] = [];
      const idByCode = new Map([...existing.values()].map((c) => [c.code, c.id]));
      let created = 0;
      let unchanged = 0;
      const written: { id: number; expr: PrerequisiteExpr | null }[] = [];
      for (const p of rows) {
        const old = existing.get(p.code);
        const values = Object.fromEntries(WRITE.map((k) => [k, finalValue(p, k, old)]));
        if (old && WRITE.every((k) => same(values[k], old[k]))) {
          unchanged++;
          continue;
        }
        if (old) {
          await updateCourse(tx, old.id, values, now);
          audit.push({
            action: 'courses.update',
            entityType: 'courses',
            entityId: old.id,
            before: old,
            after: { id: old.id, code: p.code, ...values },
          });
          written.push({ id: old.id, expr: values.prerequisites as PrerequisiteExpr | null });
        } else {
          // A new course: every written column comes from the file (what `values` holds too).
          const { code: _code, description: _description, ...fresh } = p.values;
          const id = await insertCourse(tx, { code: p.code, ...fresh });
          idByCode.set(p.code, id);
          created++;
          audit.push({ action: 'courses.create', entityType: 'courses', entityId: id, after: { id, code: p.code, ...values } });
          written.push({ id, expr: values.prerequisites as PrerequisiteExpr | null });
        }
      }
      for (const w of written)
        await replacePrerequisiteEdges(
          tx,
          w.id,
          codesOf(w.expr).map((c) => idByCode.get(c)!),
        );
      const counts = { created, updated: rows.length - created, unchanged };
      audit.push({ action: 'courses.import', entityType: 'courses', after: { file: filename, rows: total, ...counts } });
      await writeAudit(tx, actor, audit);
      return counts;
    });
  } catch (e) {
    return translateDbError(e);
  }
}
