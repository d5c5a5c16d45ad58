import type { CourseCategory, PrerequisiteExpr } from '@jiaowu/contracts';
import type { Tx } from '../../db/client.ts';
import { systemActor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { DemoAnchors } from '../../seed/demo-school.ts';
import { seedDemoOfferings } from '../offerings/demo-offerings.ts';
import {
  courseCodes,
  departmentRefs,
  insertCourses,
  insertPlan,
  insertPrerequisiteEdges,
  majorRefs,
  replacePlanGroups,
} from './catalog.repository.ts';
import { DEMO_COURSES, demoPlanGroups, ELECTIVE_MIN } from './demo-catalog.data.ts';
import { DEMO_MORE_COURSES } from './demo-catalog.colleges.ts';
import { fromTenths, toTenths } from './plan-credits.ts';
import { codesOf, parsePrerequisites } from './prerequisites.ts';

const COHORTS = [2023, 2024, 2025, 2026];

/**
 * The demo catalog: ~200 courses of the demo colleges with credits, hours and
 * prerequisites; curriculum plans of every major for the four cohorts (whose credit requirements match their courses, so they show no
 * warnings); and course requests of that college in the current term.
 */
export async function seedDemoCatalog(tx: Tx, anchors: DemoAnchors) {
  const departments = await departmentRefs(tx);
  const rows = `${DEMO_COURSES.trim()}\n${DEMO_MORE_COURSES.trim()}`.split('\n').map((line) => {
    const [code, name, nameEn, credits, lecture, lab, practice, assessment, dept, category, ...prereq] = line.split('|');
    return {
      code,
      name,
      nameEn,
      credits: Number(credits).toFixed(1),
      lectureHours: Number(lecture),
      labHours: Number(lab),
      practiceHours: Number(practice),
      assessment,
      departmentId: departments.get(dept)!.id,
      category,
      prerequisites: parsePrerequisites(prereq.join('|')) as PrerequisiteExpr | null,
    };
  });
  await insertCourses(tx, rows);
  const { idByCode } = await courseCodes(tx);
  const edges = rows.flatMap((r) =>
    codesOf(r.prerequisites).map((c) => ({ courseId: idByCode.get(r.code)!, requiresCourseId: idByCode.get(c)! })),
  );
  await insertPrerequisiteEdges(tx, edges);

  const byCode = new Map(rows.map((r) => [r.code, r]));
  const majors = await majorRefs(tx);
  let plans = 0;
  for (const [majorCode, major] of majors) {
    const groups = demoPlanGroups(majorCode);
    if (!groups) continue;
    const values = groups.map((g) => ({
      name: g.name,
      kind: g.kind,
      minCredits: g.kind === 'elective' ? ELECTIVE_MIN : null,
      courses: g.courses.map(([code, term]) => ({ courseId: idByCode.get(code)!, term })),
    }));
    // Requirements: every required course, plus the electives' minimum.
    const required = new Map<CourseCategory, number>();
    let total = 0;
    for (const g of groups) {
      if (g.kind === 'elective') {
        required.set('major_elective', (required.get('major_elective') ?? 0) + toTenths(ELECTIVE_MIN));
        total += toTenths(ELECTIVE_MIN);
        continue;
      }
      for (const [code] of g.courses) {
        const c = byCode.get(code)!;
        required.set(c.category as CourseCategory, (required.get(c.category as CourseCategory) ?? 0) + toTenths(c.credits));
        total += toTenths(c.credits);
      }
    }
    const creditRequirements = [...required].map(([category, t]) => ({ category, credits: fromTenths(t) }));
    for (const cohort of COHORTS) {
      const planId = await insertPlan(tx, {
        majorId: major.id,
        cohort,
        name: `${cohort}级培养方案（${majorCode}）`,
        totalCredits: fromTenths(total),
        creditRequirements,
        note: null,
      });
      await replacePlanGroups(tx, planId, values);
      plans++;
    }
  }
  await writeAudit(tx, systemActor, { action: 'system.seed_demo_catalog', entityType: 'system', after: { courses: rows.length, plans } });
  await seedDemoOfferings(tx, anchors, idByCode);
}
