import { COURSE_CATEGORIES, type CourseCategory, type PrerequisiteExpr } from '@jiaowu/contracts';

// Pure computation of a curriculum plan's credits and of the warnings that
// say its requirements cannot be met by the courses it lists. Credits are
// counted in tenths (integers) so 0.1 + 0.2 stays exact.

export interface PlanCourseFacts {
  courseId: number;
  code: string;
  credits: string;
  category: CourseCategory;
  term: number;
  isActive: boolean;
  prerequisites: PrerequisiteExpr | null;
}
export interface PlanGroupFacts {
  name: string;
  kind: 'required' | 'elective';
  minCredits: string | null;
  courses: PlanCourseFacts[];
}
export interface PlanFacts {
  totalCredits: string | null;
  creditRequirements: { category: CourseCategory; credits: string }[];
  groups: PlanGroupFacts[];
}
export interface RawWarning {
  code: 'elective_group_short' | 'category_short' | 'total_short' | 'prerequisite_order' | 'course_retired';
  params: Record<string, unknown>;
}

export const toTenths = (credits: string | number | null | undefined) => Math.round(Number(credits ?? 0) * 10);
export const fromTenths = (tenths: number) => (tenths / 10).toFixed(1);

/**
 * The first prerequisite of `expr` not taken before `term` in this plan, with
 * its term; null when the order is fine. A leaf is violated when its course
 * sits in the plan at the same or a later term (courses outside the plan are
 * taken elsewhere, e.g. by transfer credit, and not judged); `any` is
 * violated only when every alternative is.
 */
export function orderViolation(
  expr: PrerequisiteExpr | null,
  term: number,
  termOf: ReadonlyMap<string, number>,
): { code: string; term: number } | null {
  if (!expr) return null;
  if ('course' in expr) {
    const t = termOf.get(expr.course);
    return t !== undefined && t >= term ? { code: expr.course, term: t } : null;
  }
  const results = expr.items.map((i) => orderViolation(i, term, termOf));
  if (expr.op === 'all') return results.find((r) => r !== null) ?? null;
  return results.every((r) => r !== null) ? results[0] : null;
}

export function computePlanCredits(plan: PlanFacts) {
  const byCategory = new Map<CourseCategory, number>();
  const byTerm = new Map<number, number>();
  const warnings: RawWarning[] = [];
  const termOf = new Map<string, number>();
  let planned = 0;
  for (const g of plan.groups) for (const c of g.courses) termOf.set(c.code, c.term);

  const groupCredits = plan.groups.map((g) => {
    const sum = g.courses.reduce((s, c) => s + toTenths(c.credits), 0);
    if (g.kind === 'elective' && g.minCredits !== null && sum < toTenths(g.minCredits)) {
      warnings.push({
        code: 'elective_group_short',
        params: { group: g.name, planned: fromTenths(sum), required: fromTenths(toTenths(g.minCredits)) },
      });
    }
    for (const c of g.courses) {
      const t = toTenths(c.credits);
      byCategory.set(c.category, (byCategory.get(c.category) ?? 0) + t);
      byTerm.set(c.term, (byTerm.get(c.term) ?? 0) + t);
      planned += t;
      if (!c.isActive) warnings.push({ code: 'course_retired', params: { course: c.code } });
      const v = orderViolation(c.prerequisites, c.term, termOf);
      if (v)
        warnings.push({
          code: 'prerequisite_order',
          params: { course: c.code, term: c.term, prerequisite: v.code, prerequisiteTerm: v.term },
        });
    }
    return fromTenths(sum);
  });

  const required = new Map(plan.creditRequirements.map((r) => [r.category, toTenths(r.credits)]));
  for (const [category, need] of required) {
    const have = byCategory.get(category) ?? 0;
    if (have < need) warnings.push({ code: 'category_short', params: { category, required: fromTenths(need), planned: fromTenths(have) } });
  }
  if (plan.totalCredits !== null && planned < toTenths(plan.totalCredits)) {
    warnings.push({ code: 'total_short', params: { required: fromTenths(toTenths(plan.totalCredits)), planned: fromTenths(planned) } });
  }
  return {
    groupCredits,
    plannedCredits: fromTenths(planned),
    creditsByCategory: COURSE_CATEGORIES.filter((c) => byCategory.has(c) || required.has(c)).map((category) => ({
      category,
      required: required.has(category) ? fromTenths(required.get(category)!) : null,
      planned: fromTenths(byCategory.get(category) ?? 0),
    })),
    creditsByTerm: [...byTerm.entries()].sort((a, b) => a[0] - b[0]).map(([term, t]) => ({ term, credits: fromTenths(t) })),
    warnings,
  };
}
