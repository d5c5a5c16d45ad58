import { type ComponentWeight, type GradeEntry, type GradeScale, type GradingScheme } from '@jiaowu/contracts';
import { computeTotal, formatTenths } from '@jiaowu/contracts/grades-core';
import type { Tx } from '../../db/client.ts';
import { demoPlanGroups } from '../catalog/demo-catalog.data.ts';
import { coursesByCode } from '../catalog/catalog.repository.ts';
import { findTermTeachingClasses } from '../offerings/offerings.read-model.ts';
import { findAdminClasses, findStudentsSelectionFacts, majorsByCode } from '../org/org.read-model.ts';
import { findTermEnrolledPairs, findTermFailedCourses } from '../selection/selection.repository.ts';
import { DEMO_COHORTS, stream, type DemoAnchors } from '../../seed/demo-school.ts';
import { insertCorrection, insertDraftRecords, insertSheets } from './grades-demo.repository.ts';
import { insertPublishedRecords, syncCourseOutcomes, writeCorrectedVersion, type NewPublishedRecord } from './records.repository.ts';
import { loadGradeRules } from './rules.ts';

/**
 * 成绩 of the demo school: two previous terms of published grades for every student, so a
 * newcomer signing in as `student` sees grades, a GPA and a transcript, and as `teacher` a current
 * class with grades in draft.
 *
 * - 2025-2026-1 (autumn 2025) was graded in the school's old system: its grades are `migrated`
 *   records with the old text, each cohort's curriculum-plan courses of that semester.
 * - 2025-2026-2 was graded in Jiaowu: `demo` records of that term's teaching classes, each class
 *   with a published sheet and its scheme (平时/期末 30/70 or 40/60, 五级制 for 考查, 合格制 for PE).
 *   Every required course ends passed (selection's demo already counted them as passed): a
 *   failure there passes at a make-up, counted as 60. The selection demo's failers of 数学文化 got
 *   52 and retake it this term.
 * - Failures of autumn 2025 pass at a make-up (capped 60) or are retaken in spring 2026.
 * - The demo student's one grade corrected once (version 2, with its reason).
 * - The demo teacher's current class: a draft sheet, some grades entered, some missing.
 * Deterministic: every draw comes from seeded streams.
 */

export interface DemoGradesSummary {
  migrated: number;
  published: number;
  makeups: number;
  retakes: number;
  sheets: number;
  draftRecords: number;
}

const NEWEST = Math.max(...DEMO_COHORTS);
const clamp = (x: number) => Math.max(0, Math.min(1000, Math.round(x)));

/** A roughly normal draw (sum of three uniforms), mean 0, sd 1. */
const normal = (rng: () => number) => (rng() + rng() + rng() - 1.5) * 2;

const FIVE_LEVELS = ['excellent', 'good', 'fair', 'pass', 'fail'] as const;
/** A five-level grade from a score in tenths (the school's usual cut-offs). */
const levelOf = (tenths: number) => FIVE_LEVELS[tenths >= 900 ? 0 : tenths >= 800 ? 1 : tenths >= 700 ? 2 : tenths >= 600 ? 3 : 4];
const FIVE_WORDS = { excellent: '优', good: '良', fair: '中', pass: '及格', fail: '不及格' } as const;

function scaleOf(course: { code: string; assessment: string }): GradeScale {
  if (course.code.startsWith('PE')) return 'two_level';
  return course.assessment === 'exam' ? 'percent' : 'five_level';
}

/** An entry on the course's scale from a score in tenths, and how the old system wrote it. */
function entryOf(scale: GradeScale, tenths: number): { entry: GradeEntry; raw: string } {
  if (scale === 'percent') return { entry: { kind: 'score', tenths }, raw: formatTenths(tenths) };
  if (scale === 'five_level') {
    const level = levelOf(tenths);
    return { entry: { kind: 'five_level', level }, raw: FIVE_WORDS[level] };
  }
  const pass = tenths >= 600;
  return { entry: { kind: 'two_level', level: pass ? 'pass' : 'fail' }, raw: pass ? '合格' : '不合格' };
}

export async function seedDemoGrades(
  tx: Tx,
  anchors: DemoAnchors,
  users: { teacher: number; office: number; secretary: number },
  now: Date,
): Promise<DemoGradesSummary> {
  const courses = await coursesByCode(tx);
  const courseById = new Map([...courses.values()].map((c) => [c.id, c]));
  const majorCode = new Map([...(await majorsByCode(tx))].map(([code, m]) => [m.id, code]));
  const adminClasses = await findAdminClasses(tx, {});
  const students = await findStudentsSelectionFacts(tx);
  const byAdminClass = new Map<number, number[]>();
  for (const s of students)
    if (s.adminClassId !== null) (byAdminClass.get(s.adminClassId) ?? byAdminClass.set(s.adminClassId, []).get(s.adminClassId)!).push(s.id);
  const tenthsOf = (courseId: number) => Math.round(Number(courseById.get(courseId)!.credits) * 10);

  // Per course: its mean (70–82) and spread (8–12), the same in both terms.
  const courseRng = stream('grades-courses');
  const profile = new Map<number, { mean: number; sd: number; regularShare: number }>();
  for (const c of [...courses.values()].sort((a, b) => a.id - b.id))
    profile.set(c.id, { mean: 700 + courseRng() * 120, sd: 80 + courseRng() * 40, regularShare: courseRng() < 0.5 ? 30 : 40 });
  const rng = stream('grades');
  const draw = (courseId: number) => {
    const p = profile.get(courseId)!;
    return clamp(p.mean + p.sd * normal(rng));
  };
  const makeupScore = () => 600 + Math.floor(rng() * 25) * 10;

  const migrated: NewPublishedRecord[] = [];
  const published: NewPublishedRecord[] = [];
  let makeups = 0;
  let retakes = 0;

  // ------------------------------------------------------------ autumn 2025, from the old system
  for (const a of adminClasses) {
    const term = 2 * (NEWEST - a.cohort) - 1;
    if (term < 1 || term > 8) continue;
    const codes = (demoPlanGroups(majorCode.get(a.majorId) ?? '') ?? [])
      .filter((g) => g.kind === 'required')
      .flatMap((g) => g.courses.filter(([, t]) => t === term).map(([code]) => code));
    for (const code of codes) {
      const course = courses.get(code);
      if (!course) continue;
      const scale = scaleOf(course);
      for (const studentId of byAdminClass.get(a.id) ?? []) {
        const base = { studentId, courseId: course.id, creditsTenths: tenthsOf(course.id), components: {} };
        const absent = rng() < 0.003;
        const tenths = draw(course.id);
        const first = absent ? { entry: { kind: 'mark', mark: 'absent' } as GradeEntry, raw: '缺考' } : entryOf(scale, tenths);
        migrated.push({
          ...base,
          termId: anchors.earlierTermId,
          attempt: 'normal',
          entry: first.entry,
          source: 'migrated',
          rawGrade: first.raw,
        });
        if (!absent && tenths >= 600) continue;
        const again = entryOf(scale, makeupScore());
        if (rng() < 0.75) {
          makeups++;
          migrated.push({
            ...base,
            termId: anchors.earlierTermId,
            attempt: 'makeup',
            entry: again.entry,
            source: 'migrated',
            rawGrade: again.raw,
          });
        } else {
          retakes++;
          published.push({ ...base, termId: anchors.previousTermId, attempt: 'retake', entry: again.entry, source: 'demo' });
        }
      }
    }
  }

  // ------------------------------------------------------------ spring 2026, graded in Jiaowu
  const sheetRows: Parameters<typeof insertSheets>[1] = [];
  const classesPrev = (await findTermTeachingClasses(tx, anchors.previousTermId)).filter((c) => c.adminClassIds.length > 0);
  const failed = await findTermFailedCourses(tx, anchors.previousTermId);
  const failedCourseIds = new Set(failed.map((f) => f.courseId));
  const failedClass = new Map<number, number>();
  for (const c of await findTermTeachingClasses(tx, anchors.previousTermId))
    if (failedCourseIds.has(c.courseId) && !failedClass.has(c.courseId)) failedClass.set(c.courseId, c.id);
  const schemeOf = (courseId: number): GradingScheme => {
    const course = courseById.get(courseId)!;
    const scale = scaleOf(course);
    const share = profile.get(courseId)!.regularShare;
    const components: ComponentWeight[] =
      scale === 'percent'
        ? [
            { component: 'regular', weight: share },
            { component: 'final', weight: 100 - share },
          ]
        : [];
    return { scale, components, rounding: 'integer', missingComponentAsZero: false };
  };
  const sheetOfClass = new Map<number, { normal: number; makeup?: number }>();
  const makeupClasses = new Set<number>();
  const prevPlan: { classId: number; courseId: number; studentIds: number[] }[] = [
    // The failers first: their 52 stands even if the course was also one of their class's.
    ...[...failedClass].map(([courseId, classId]) => ({
      classId,
      courseId,
      studentIds: failed.filter((f) => f.courseId === courseId).map((f) => f.studentId),
    })),
    ...classesPrev.map((c) => ({
      classId: c.id,
      courseId: c.courseId,
      studentIds: c.adminClassIds.flatMap((a) => byAdminClass.get(a) ?? []),
    })),
  ];
  const prevRecords: (NewPublishedRecord & { classId: number; kind: 'normal' | 'makeup' })[] = [];
  const failers = new Set(failed.map((f) => `${f.studentId}:${f.courseId}`));
  const graded = new Set<string>();
  for (const { classId, courseId, studentIds } of prevPlan) {
    const scheme = schemeOf(courseId);
    const credits = tenthsOf(courseId);
    for (const studentId of studentIds) {
      // Sections of one course sharing admin classes (PE 分项): a student is graded in the first.
      if (graded.has(`${studentId}:${courseId}`)) continue;
      graded.add(`${studentId}:${courseId}`);
      const base = {
        studentId,
        courseId,
        termId: anchors.previousTermId,
        creditsTenths: credits,
        teachingClassId: classId,
        source: 'demo',
      };
      if (failers.has(`${studentId}:${courseId}`)) {
        // Selection's demo: failed with 52 last term, retaken this term.
        prevRecords.push({
          ...base,
          classId,
          kind: 'normal',
          attempt: 'normal',
          entry: { kind: 'score', tenths: 520 },
          components: scheme.scale === 'percent' ? { regular: 600, final: 490 } : {},
        });
        continue;
      }
      let total = draw(courseId);
      let components: Record<string, number> = {};
      if (scheme.scale === 'percent') {
        const regular = clamp(total + 60 + 50 * normal(rng));
        const w = scheme.components[0].weight;
        const final = clamp((total * 100 - regular * w) / (100 - w));
        components = { regular, final };
        const t = computeTotal(scheme.components, components, scheme);
        total = t.ok ? t.tenths : total;
      }
      const { entry } = entryOf(scheme.scale, total);
      prevRecords.push({ ...base, classId, kind: 'normal', attempt: 'normal', entry, components });
      if (total < 600) {
        // A required course: passed at the make-up (counted as 60).
        makeups++;
        makeupClasses.add(classId);
        prevRecords.push({
          ...base,
          classId,
          kind: 'makeup',
          attempt: 'makeup',
          entry: entryOf(scheme.scale, makeupScore()).entry,
          components: {},
        });
      }
    }
  }
  const at = (daysAgoFromNow: number) => new Date(now.getTime() - daysAgoFromNow * 86_400_000);
  const publishedAt = new Date('2026-07-15T02:00:00Z');
  const makeupAt = new Date('2026-09-20T02:00:00Z');
  const uniqueClasses = [...new Map(prevPlan.map((p) => [p.classId, p])).values()];
  for (const p of uniqueClasses) {
    const common = {
      termId: anchors.previousTermId,
      teachingClassId: p.classId,
      courseId: p.courseId,
      scheme: schemeOf(p.courseId),
      status: 'published',
    };
    sheetRows.push({
      ...common,
      kind: 'normal',
      entryStartedAt: new Date('2026-06-28T02:00:00Z'),
      submittedAt: new Date('2026-07-06T02:00:00Z'),
      approvedAt: new Date('2026-07-10T02:00:00Z'),
      publishedAt,
      publishedBy: users.office,
    });
    if (makeupClasses.has(p.classId))
      sheetRows.push({
        ...common,
        kind: 'makeup',
        scheme: { ...schemeOf(p.courseId), components: [] },
        entryStartedAt: new Date('2026-09-10T02:00:00Z'),
        submittedAt: new Date('2026-09-14T02:00:00Z'),
        approvedAt: new Date('2026-09-18T02:00:00Z'),
        publishedAt: makeupAt,
        publishedBy: users.office,
      });
  }
  // Current term: the demo teacher's class, entry under way.
  const current = (await findTermTeachingClasses(tx, anchors.termId)).filter((c) => c.teacherIds.includes(anchors.teacherId));
  const enrolled = await findTermEnrolledPairs(tx, anchors.termId);
  const rosterOf = (id: number) => enrolled.filter((e) => e.teachingClassId === id).map((e) => e.studentId);
  const draftClass = [...current].sort((a, b) => rosterOf(b.id).length - rosterOf(a.id).length || a.id - b.id)[0];
  const draftScheme: GradingScheme | null = draftClass
    ? {
        scale: 'percent',
        components: [
          { component: 'regular', weight: 30 },
          { component: 'final', weight: 70 },
        ],
        rounding: 'integer',
        missingComponentAsZero: false,
      }
    : null;
  if (draftClass && draftScheme)
    sheetRows.push({
      termId: anchors.termId,
      teachingClassId: draftClass.id,
      courseId: draftClass.courseId,
      kind: 'normal',
      scheme: draftScheme,
      status: 'draft',
      version: 3,
      entryStartedAt: at(2),
    });
  const sheetIds = await insertSheets(tx, sheetRows);
  sheetRows.forEach((s, i) => {
    const entry = sheetOfClass.get(s.teachingClassId) ?? sheetOfClass.set(s.teachingClassId, { normal: 0 }).get(s.teachingClassId)!;
    if (s.kind === 'makeup') entry.makeup = sheetIds[i];
    else entry.normal = sheetIds[i];
  });
  for (const r of prevRecords) {
    const { classId, kind, ...rec } = r;
    const sheet = sheetOfClass.get(classId)!;
    published.push({ ...rec, sheetId: kind === 'makeup' ? sheet.makeup! : sheet.normal });
  }

  await insertPublishedRecords(tx, migrated, { reason: 'migrated', createdBy: null, now: new Date('2026-03-01T02:00:00Z') });
  const normalIds = published.filter((r) => r.attempt !== 'makeup' || !r.sheetId);
  const makeupRows = published.filter((r) => r.attempt === 'makeup' && r.sheetId);
  const ids = await insertPublishedRecords(tx, normalIds, { reason: 'published', createdBy: users.office, now: publishedAt });
  await insertPublishedRecords(tx, makeupRows, { reason: 'published', createdBy: users.office, now: makeupAt });

  // ------------------------------------------------------------ one correction: the demo student's
  const target = normalIds.findIndex(
    (r) =>
      r.studentId === anchors.studentId &&
      r.attempt === 'normal' &&
      r.teachingClassId &&
      !failers.has(`${r.studentId}:${r.courseId}`) &&
      schemeOf(r.courseId).scale === 'percent' &&
      (r.entry as GradeEntry).kind === 'score',
  );
  if (target >= 0) {
    const r = normalIds[target];
    const old = r.components as Record<string, number>;
    const scheme = schemeOf(r.courseId);
    const components = { ...old, final: Math.min(1000, (old.final ?? 0) + 50) };
    const t = computeTotal(scheme.components, components, scheme);
    const entry: GradeEntry = { kind: 'score', tenths: t.ok ? t.tenths : 600 };
    const reason = '期末试卷第 5 题漏评 5 分，经复核更正';
    const decidedAt = new Date('2026-09-25T06:00:00Z');
    const correctionId = await insertCorrection(tx, {
      recordId: ids[target],
      baseVersion: 1,
      entry,
      components,
      reason,
      status: 'approved',
      requestedBy: users.teacher,
      createdAt: new Date('2026-09-21T02:00:00Z'),
      decidedAt,
    });
    await writeCorrectedVersion(tx, ids[target], {
      baseVersion: 1,
      entry,
      components,
      correctionId,
      note: reason,
      by: users.office,
      now: decidedAt,
    });
  }

  // ------------------------------------------------------------ the demo teacher's draft
  let draftRecords = 0;
  if (draftClass && draftScheme) {
    const sheetId = sheetOfClass.get(draftClass.id)!.normal;
    const draftRng = stream('grades-draft');
    const rows = rosterOf(draftClass.id).map((studentId, i) => {
      // The first two thirds have both components; a few only 平时; the rest nothing yet.
      const regular = clamp(780 + 80 * normal(draftRng));
      const final = clamp(740 + 110 * normal(draftRng));
      const share = i / Math.max(1, rosterOf(draftClass.id).length);
      const components = share < 0.66 ? { regular, final } : share < 0.8 ? { regular } : {};
      const t = share < 0.66 ? computeTotal(draftScheme.components, components, draftScheme) : null;
      return {
        studentId,
        courseId: draftClass.courseId,
        termId: anchors.termId,
        attempt: 'normal',
        sheetId,
        teachingClassId: draftClass.id,
        entry: t?.ok ? ({ kind: 'score', tenths: t.tenths } as GradeEntry) : null,
        components,
        creditsTenths: tenthsOf(draftClass.courseId),
        source: 'demo',
        version: 0,
        updatedBy: users.teacher,
      };
    });
    await insertDraftRecords(tx, rows);
    draftRecords = rows.length;
  }

  // Passed and failed courses are now the grades' own.
  const rules = await loadGradeRules(tx);
  await syncCourseOutcomes(tx, [...migrated, ...published], rules);
  return { migrated: migrated.length, published: published.length, makeups, retakes, sheets: sheetRows.length, draftRecords };
}
