import { credits as creditsSchema, type Locale } from '@jiaowu/contracts';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import type { Actor, DataScope } from '../../../platform/access.ts';
import { writeAudit, type AuditRecord } from '../../../platform/audit/audit.ts';
import { translateDbError } from '../../../platform/db-errors.ts';
import { AppError } from '../../../platform/errors.ts';
import type { ReadSheet } from '../../../platform/files/spreadsheet-reader.ts';
import { toFieldIssue } from '../../../platform/validation.ts';
import { matchHeaders, parseCell } from '../../imports/import-cells.ts';
import { coursesByCode, findPlanByMajorCohort, insertPlan, majorRefs, replacePlanGroups, type GroupValues } from '../catalog.repository.ts';
import { errorCollector, inScope, PLAN_COLUMN_SPECS, type CatalogImportOutcome } from '../catalog.spreadsheets.ts';

const rowSchema = z.object({
  cohort: z.coerce.number().int().min(1990).max(2100),
  group: z.string().trim().min(1).max(100),
  groupKind: z.enum(['required', 'elective']),
  minCredits: creditsSchema.nullish(),
  term: z.coerce.number().int().min(1).max(8),
});

interface PlanDraft {
  majorId: number;
  majorCode: string;
  cohort: number;
  groups: Map<string, GroupValues & { row: number }>;
  courseRows: Map<number, number>;
}

/**
 * 培养方案导入: one row per course placed in a plan (专业代码, 年级, 课程组,
 * 课程组类型, 最低学分, 课程代码, 建议学期). A plan in the file replaces the
 * groups and courses of the stored plan of that major and cohort (its credit
 * requirements and notes stay); a new one is created. All plans or none.
 */
export async function importPlans(
  db: Db,
  actor: Actor,
  scope: DataScope,
  sheet: ReadSheet,
  opts: { dryRun: boolean; locale: Locale; filename: string | null },
): Promise<CatalogImportOutcome> {
  const matched = matchHeaders(sheet.headers, PLAN_COLUMN_SPECS, opts.locale);
  const headerOf = (key: string) => matched.get(key)?.header ?? key;
  const errors = errorCollector(PLAN_COLUMN_SPECS, headerOf, opts.locale);
  const majors = await majorRefs(db);
  const courses = await coursesByCode(db);
  const plans = new Map<string, PlanDraft>();

  for (const { row, cells } of sheet.rows) {
    const input: Record<string, unknown> = {};
    const failed = new Set<string>();
    const fail = (key: string, code: string, params?: Record<string, unknown>) => (failed.add(key), errors.add(row, key, code, params));
    let major: ReturnType<typeof majors.get>;
    let courseId: number | undefined;
    for (const [key, m] of matched) {
      const raw = cells[m.index] ?? '';
      if (raw === '') {
        if (m.spec.required) fail(key, 'required');
        continue;
      }
      if (key === 'majorCode') {
        major = majors.get(raw);
        if (!major) fail(key, 'reference_not_found', { value: raw });
        else if (!inScope(scope, major)) fail(key, 'out_of_scope');
      } else if (key === 'courseCode') {
        courseId = courses.get(raw)?.id;
        if (courseId === undefined) fail(key, 'reference_not_found', { value: raw });
      } else {
        const parsed = parseCell(m.spec, raw, opts.locale);
        if (parsed.ok) input[key] = parsed.value;
        else fail(key, parsed.code, parsed.params);
      }
    }
    const result = rowSchema.safeParse(input);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const key = String(issue.path[0] ?? '');
        if (!failed.has(key)) {
          const fi = toFieldIssue(issue);
          fail(key, fi.code, fi.params);
        }
      }
    }
    if (!result.success || errors.isInvalid(row) || !major || courseId === undefined) continue;
    const r = result.data;
    if (r.groupKind === 'elective' && r.minCredits == null) {
      fail('minCredits', 'required');
      continue;
    }
    const planKey = `${major.code}\u0000${r.cohort}`;
    const plan = plans.get(planKey) ?? {
      majorId: major.id,
      majorCode: major.code,
      cohort: r.cohort,
      groups: new Map(),
      courseRows: new Map(),
    };
    plans.set(planKey, plan);
    if (plan.courseRows.has(courseId)) {
      fail('courseCode', 'duplicate_in_file', { row: plan.courseRows.get(courseId) });
      continue;
    }
    const group = plan.groups.get(r.group) ?? {
      row,
      name: r.group,
      kind: r.groupKind,
      minCredits: r.groupKind === 'elective' ? (r.minCredits ?? null) : null,
      courses: [],
    };
    plan.groups.set(r.group, group);
    if (group.kind !== r.groupKind) {
      fail('groupKind', 'duplicate_in_file', { row: group.row });
      continue;
    }
    plan.courseRows.set(courseId, row);
    group.courses.push({ courseId, term: r.term });
  }

  const report = { dryRun: opts.dryRun, ...errors.report(sheet.rows.length) };
  const { rowMessages } = errors;
  if (opts.dryRun) return { result: report, rowMessages };
  if (report.errorCount > 0) throw new AppError('import_has_errors', { params: { count: report.errorCount }, details: report });
  try {
    const counts = await db.transaction(async (tx) => {
      const audit: AuditRecord[] = [];
      let created = 0;
      for (const p of plans.values()) {
        const groups = [...p.groups.values()].map(({ row: _r, ...g }) => g);
        const found = await findPlanByMajorCohort(tx, p.majorId, p.cohort);
        let id = found?.id;
        if (!id) {
          id = await insertPlan(tx, {
            majorId: p.majorId,
            cohort: p.cohort,
            name: null,
            totalCredits: null,
            creditRequirements: [],
            note: null,
          });
          created++;
        }
        await replacePlanGroups(tx, id, groups);
        audit.push({
          action: found ? 'curriculum_plans.update' : 'curriculum_plans.create',
          entityType: 'curriculum_plans',
          entityId: id,
          after: { majorCode: p.majorCode, cohort: p.cohort, groups },
        });
      }
      const c = { created, updated: plans.size - created, unchanged: 0 };
      audit.push({
        action: 'curriculum_plans.import',
        entityType: 'curriculum_plans',
        after: { file: opts.filename, rows: sheet.rows.length, ...c },
      });
      await writeAudit(tx, actor, audit);
      return c;
    });
    return { result: { ...report, ...counts }, rowMessages };
  } catch (e) {
    return translateDbError(e);
  }
}
