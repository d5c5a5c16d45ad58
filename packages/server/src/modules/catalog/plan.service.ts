import { z } from 'zod';
import {
  ENUM_LABELS,
  formatMessage,
  PLAN_WARNING_MESSAGES,
  type copyPlanInput,
  type CourseCategory,
  type CurriculumPlan,
  type curriculumPlanInput,
  type curriculumPlanPatch,
  type ListQuery,
  type Locale,
  type PrerequisiteExpr,
} from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { requireAccess, scopeCovers, type Actor, type DataScope } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { withDbErrors } from '../../platform/db-errors.ts';
import { AppError, type FieldIssue } from '../../platform/errors.ts';
import {
  deletePlan,
  findCourseFacts,
  findPlan,
  findPlanByMajorCohort,
  findPlanGroups,
  findPlanPage,
  insertPlan,
  majorRefs,
  replacePlanGroups,
  updatePlan,
  type GroupValues,
  type PlanFilters,
  type PlanHeaderValues,
  type PlanRow,
} from './catalog.repository.ts';
import { computePlanCredits, type RawWarning } from './plan-credits.ts';

type PlanInput = z.output<typeof curriculumPlanInput>;
type PlanPatch = z.output<typeof curriculumPlanPatch>;

function warningMessage(w: RawWarning, locale: Locale) {
  const params = { ...w.params };
  if (w.code === 'category_short')
    params.category = ENUM_LABELS.courseCategory[params.category as CourseCategory]?.[locale] ?? params.category;
  return { code: w.code, params: w.params, message: formatMessage(PLAN_WARNING_MESSAGES[w.code][locale], params) };
}

/** A plan with its groups, courses, computed credits and warnings. */
export async function presentPlan(db: Db | Tx, plan: PlanRow, locale: Locale): Promise<CurriculumPlan> {
  const groups = await findPlanGroups(db, plan.id);
  const facts = {
    totalCredits: plan.totalCredits,
    creditRequirements: plan.creditRequirements as { category: CourseCategory; credits: string }[],
    groups: groups.map((g) => ({
      name: g.name,
      kind: g.kind as 'required' | 'elective',
      minCredits: g.minCredits,
      courses: g.courses.map((c) => ({
        ...c,
        category: c.category as CourseCategory,
        prerequisites: c.prerequisites as PrerequisiteExpr | null,
      })),
    })),
  };
  const computed = computePlanCredits(facts);
  return {
    ...plan,
    creditRequirements: facts.creditRequirements,
    groups: groups.map((g, i) => ({
      id: g.id,
      name: g.name,
      kind: g.kind as 'required' | 'elective',
      minCredits: g.minCredits,
      credits: computed.groupCredits[i],
      courses: g.courses.map(({ groupId: _g, prerequisites: _p, ...c }) => ({
        ...c,
        category: c.category as CourseCategory,
        assessment: c.assessment as 'exam',
      })),
    })),
    creditsByCategory: computed.creditsByCategory,
    creditsByTerm: computed.creditsByTerm,
    plannedCredits: computed.plannedCredits,
    warnings: computed.warnings.map((w) => warningMessage(w, locale)),
  };
}

/** Groups as stored, after checking the courses exist and none is listed twice. */
async function checkGroups(db: Db | Tx, groups: PlanInput['groups']): Promise<GroupValues[]> {
  const ids = [...new Set(groups.flatMap((g) => g.courses.map((c) => c.courseId)))];
  const known = new Set((await findCourseFacts(db, ids)).map((c) => c.id));
  const issues: FieldIssue[] = [];
  const seen = new Map<number, string>();
  groups.forEach((g, gi) =>
    g.courses.forEach((c, ci) => {
      const field = `groups.${gi}.courses.${ci}.courseId`;
      if (!known.has(c.courseId)) issues.push({ field, code: 'reference_not_found', params: { value: c.courseId } });
      else if (seen.has(c.courseId)) issues.push({ field, code: 'duplicate_in_file', params: { row: seen.get(c.courseId) } });
      else seen.set(c.courseId, `${gi + 1}.${ci + 1}`);
    }),
  );
  if (issues.length) throw new AppError('validation_failed', { fields: issues });
  return groups.map((g) => ({
    name: g.name,
    kind: g.kind,
    minCredits: g.kind === 'elective' ? (g.minCredits ?? null) : null,
    courses: g.courses,
  }));
}

async function checkMajor(db: Db | Tx, scope: DataScope, majorId: number) {
  const major = [...(await majorRefs(db)).values()].find((m) => m.id === majorId);
  if (!major)
    throw new AppError('reference_not_found', {
      params: { field: 'majorId' },
      fields: [{ field: 'majorId', code: 'reference_not_found', params: { value: majorId } }],
    });
  if (!scopeCovers(scope, major)) throw new AppError('out_of_scope');
}

/** 培养方案: list, read with computed credits and warnings, create, edit, delete, copy to a new cohort. */
export function createPlanService({ db, clock }: { db: Db; clock: () => Date }) {
  const read = (actor: Actor) => requireAccess(actor, 'catalog.read');
  const manage = (actor: Actor) => requireAccess(actor, 'catalog.manage');

  async function load(tx: Db | Tx, id: number, scope: DataScope) {
    const plan = await findPlan(tx, id, scope);
    if (!plan) throw new AppError('not_found');
    return plan;
  }
  async function snapshot(tx: Db | Tx, plan: PlanRow) {
    return { ...plan, groups: await findPlanGroups(tx, plan.id) };
  }
  async function ensureFree(tx: Db | Tx, majorId: number, cohort: number, exceptId?: number) {
    const other = await findPlanByMajorCohort(tx, majorId, cohort);
    if (other && other.id !== exceptId)
      throw new AppError('plan_exists', { params: { cohort }, fields: [{ field: 'cohort', code: 'invalid', params: { value: cohort } }] });
  }

  return {
    async list(actor: Actor, query: Partial<ListQuery>, filters: PlanFilters) {
      const scope = read(actor);
      const { items, total } = await findPlanPage(db, filters, scope, {
        page: query.page ?? 1,
        pageSize: query.pageSize ?? 20,
        q: query.q,
      });
      return { items: items.map(({ creditRequirements: _c, ...p }) => p), total };
    },

    async get(actor: Actor, id: number, locale: Locale) {
      const scope = read(actor);
      return presentPlan(db, await load(db, id, scope), locale);
    },

    async create(actor: Actor, input: PlanInput, locale: Locale) {
      const scope = manage(actor);
      return withDbErrors(() =>
        db.transaction(async (tx) => {
          await checkMajor(tx, scope, input.majorId);
          await ensureFree(tx, input.majorId, input.cohort);
          const groups = await checkGroups(tx, input.groups);
          const id = await insertPlan(tx, {
            majorId: input.majorId,
            cohort: input.cohort,
            name: input.name ?? null,
            totalCredits: input.totalCredits ?? null,
            creditRequirements: input.creditRequirements,
            note: input.note ?? null,
          });
          await replacePlanGroups(tx, id, groups);
          const plan = await load(tx, id, scope);
          await writeAudit(tx, actor, {
            action: 'curriculum_plans.create',
            entityType: 'curriculum_plans',
            entityId: id,
            after: await snapshot(tx, plan),
          });
          return presentPlan(tx, plan, locale);
        }),
      );
    },

    async update(actor: Actor, id: number, input: PlanPatch, locale: Locale) {
      const scope = manage(actor);
      return withDbErrors(() =>
        db.transaction(async (tx) => {
          const before = await snapshot(tx, await load(tx, id, scope));
          const majorId = input.majorId ?? before.majorId;
          const cohort = input.cohort ?? before.cohort;
          if (input.majorId !== undefined) await checkMajor(tx, scope, majorId);
          await ensureFree(tx, majorId, cohort, id);
          const { groups, ...header } = input;
          await updatePlan(
            tx,
            id,
            {
              ...header,
              ...(header.name !== undefined ? { name: header.name ?? null } : {}),
              ...(header.totalCredits !== undefined ? { totalCredits: header.totalCredits ?? null } : {}),
              ...(header.note !== undefined ? { note: header.note ?? null } : {}),
            },
            clock(),
          );
          if (groups) await replacePlanGroups(tx, id, await checkGroups(tx, groups));
          const plan = await load(tx, id, scope);
          await writeAudit(tx, actor, {
            action: 'curriculum_plans.update',
            entityType: 'curriculum_plans',
            entityId: id,
            before,
            after: await snapshot(tx, plan),
          });
          return presentPlan(tx, plan, locale);
        }),
      );
    },

    async remove(actor: Actor, id: number) {
      const scope = manage(actor);
      await withDbErrors(() =>
        db.transaction(async (tx) => {
          const before = await snapshot(tx, await load(tx, id, scope));
          await deletePlan(tx, id);
          await writeAudit(tx, actor, { action: 'curriculum_plans.delete', entityType: 'curriculum_plans', entityId: id, before });
        }),
      );
    },

    /** Copies a plan (groups, courses, requirements) to another cohort of the same major. */
    async copy(actor: Actor, id: number, input: z.output<typeof copyPlanInput>, locale: Locale) {
      const scope = manage(actor);
      return withDbErrors(() =>
        db.transaction(async (tx) => {
          const source = await snapshot(tx, await load(tx, id, scope));
          await ensureFree(tx, source.majorId, input.cohort);
          const newId = await insertPlan(tx, {
            majorId: source.majorId,
            cohort: input.cohort,
            name: source.name?.replace(String(source.cohort), String(input.cohort)) ?? null,
            totalCredits: source.totalCredits,
            creditRequirements: source.creditRequirements as PlanHeaderValues['creditRequirements'],
            note: source.note,
          });
          await replacePlanGroups(
            tx,
            newId,
            source.groups.map((g) => ({
              name: g.name,
              kind: g.kind,
              minCredits: g.minCredits,
              courses: g.courses.map((c) => ({ courseId: c.courseId, term: c.term })),
            })),
          );
          const plan = await load(tx, newId, scope);
          await writeAudit(tx, actor, {
            action: 'curriculum_plans.copy',
            entityType: 'curriculum_plans',
            entityId: newId,
            after: { from: id, ...(await snapshot(tx, plan)) },
          });
          return presentPlan(tx, plan, locale);
        }),
      );
    },

    /** Every plan in scope, one row per placed course (the import layout). */
    async exportRows(actor: Actor, filters: PlanFilters) {
      const scope = read(actor);
      const { items } = await findPlanPage(db, filters, scope, { page: 1, pageSize: 10_000 });
      const rows: {
        majorCode: string;
        cohort: number;
        group: string;
        groupKind: string;
        minCredits: string | null;
        courseCode: string;
        term: number;
      }[] = [];
      for (const p of items) {
        for (const g of await findPlanGroups(db, p.id)) {
          for (const c of g.courses)
            rows.push({
              majorCode: p.majorCode,
              cohort: p.cohort,
              group: g.name,
              groupKind: g.kind,
              minCredits: g.minCredits,
              courseCode: c.code,
              term: c.term,
            });
        }
      }
      return rows;
    },
  };
}

export type PlanService = ReturnType<typeof createPlanService>;
