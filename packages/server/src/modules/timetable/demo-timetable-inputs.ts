import { changeRules, timetableWeights, type BlockedSlotInput } from '@jiaowu/contracts';
import { weekMaskOf } from '@jiaowu/contracts';
import type { Tx } from '../../db/client.ts';
import { systemActor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { stream, DEMO_COHORTS, type DemoAnchors } from '../../seed/demo-school.ts';
import { coursesByCode } from '../catalog/catalog.repository.ts';
import { demoPlanGroups } from '../catalog/demo-catalog.data.ts';
import { GENERAL_ELECTIVES } from '../catalog/demo-catalog.colleges.ts';
import { findTermTeachingClasses } from '../offerings/offerings.read-model.ts';
import { findTermRequests, insertClasses } from '../offerings/offerings.repository.ts';
import { findActiveTeacherDepartments, findAdminClasses, findOrgNames, findRoomsWithCampus, majorsByCode } from '../org/org.read-model.ts';
import { insertLinkRows, insertSettingsRows, insertTeacherBlockRows } from './demo-timetable.repository.ts';
import { planTermClasses, type PlanCourse, type PlannedClass } from './demo-term-plan.ts';

/** Periods a week the demo teacher 张伟 teaches at most (3–4 classes). */
const ANCHOR_TEACHER_MAX_PERIODS = 12;

/** The office's blocked slots of the demo terms: Wednesday afternoon for all, Thursday afternoon for general courses only. */
export const DEMO_BLOCKED_SLOTS: BlockedSlotInput[] = [
  {
    day: 3,
    fromPeriod: 5,
    toPeriod: 8,
    appliesTo: { kind: 'all' },
    reasonZh: '政治学习 / 教工例会',
    reasonEn: 'Political study / staff meetings',
  },
  {
    day: 4,
    fromPeriod: 5,
    toPeriod: 8,
    appliesTo: { kind: 'all' },
    exceptCategories: ['general'],
    reasonZh: '公共选修课时间',
    reasonEn: 'Reserved for general education courses',
  },
];
export const DEMO_TRAVEL_MINUTES = 40;

/** What the demo term inputs put in, per term (for the seed's audit record and the tests). */
export interface DemoTermSummary {
  termId: number;
  classes: number;
  merged: number;
  labs: number;
  alternateWeeks: number;
  peSections: number;
  links: number;
  /** Highest weekly periods of a teacher in this term. */
  maxTeacherPeriods: number;
}

/**
 * The timetabling inputs of the two demo terms: teaching classes of every college and cohort
 * from their curriculum plans (besides those the 计算机学院's approved requests made), the
 * 体育分项 links, the office's settings and a few teachers' time blocks. Runs in the seed's
 * transaction after the request history (so it never duplicates a course and admin class a
 * request holds). Deterministic: a fixed-seed stream per term.
 */
export async function seedDemoTimetableInputs(tx: Tx, anchors: DemoAnchors): Promise<DemoTermSummary[]> {
  const [courseRows, adminRows, majors, teacherRows, roomRows] = await Promise.all([
    coursesByCode(tx),
    findAdminClasses(tx, {}),
    majorsByCode(tx),
    findActiveTeacherDepartments(tx),
    findRoomsWithCampus(tx),
  ]);
  const majorCodeById = new Map([...majors].map(([code, m]) => [m.id, code]));
  const courses = new Map<string, PlanCourse>(
    [...courseRows].map(([code, c]) => [
      code,
      {
        id: c.id,
        code,
        departmentId: c.departmentId,
        category: c.category,
        lectureHours: c.lectureHours,
        labHours: c.labHours,
        practiceHours: c.practiceHours,
      },
    ]),
  );
  const adminClasses = adminRows.map((a) => ({ ...a, majorCode: majorCodeById.get(a.majorId)! }));
  const collegeNames = new Map(
    (await findOrgNames(tx, 'colleges', [...new Set(adminRows.map((a) => a.collegeId))])).map((c) => [c.id, c.name]),
  );
  const gyms = roomRows.filter((r) => r.type === 'gym' && r.isActive);
  const campusIds = [...new Set(roomRows.map((r) => r.campusId))].sort((a, b) => a - b);
  const [newest] = [...DEMO_COHORTS].sort((a, b) => b - a);

  const summaries: DemoTermSummary[] = [];
  for (const { termId, previous } of [
    { termId: anchors.previousTermId, previous: true },
    { termId: anchors.termId, previous: false },
  ]) {
    // Autumn: the newest cohort in term 1, …; spring: the cohorts before it in terms 2, 4, 6.
    const termOfCohort = new Map<number, number>();
    for (const cohort of DEMO_COHORTS) {
      const term = 2 * (newest - cohort) + (previous ? 0 : 1);
      if (term >= 1 && term <= 8) termOfCohort.set(cohort, term);
    }
    const existing = await findTermTeachingClasses(tx, termId);
    const requested = new Set(
      (await findTermRequests(tx, termId, null))
        .filter((r) => r.status !== 'rejected')
        .flatMap((r) => r.adminClassIds.map((a) => `${r.courseId}:${a}`)),
    );
    const { classes, links, loads } = planTermClasses({
      termOfCohort,
      planOf: demoPlanGroups,
      courses,
      adminClasses,
      teachers: teacherRows,
      gyms,
      existing,
      requested,
      collegeNames,
      generalElectives: GENERAL_ELECTIVES,
      limited: { teacherId: anchors.teacherId, maxPeriods: ANCHOR_TEACHER_MAX_PERIODS },
      rng: stream(`timetable-inputs-${termId === anchors.termId ? 'current' : 'previous'}`),
    });
    const inserted = await insertClasses(
      tx,
      classes.map((c) => toRow(termId, c)),
    );
    const idByCode = new Map(inserted.map((r) => [r.code, r.id]));
    await insertLinkRows(
      tx,
      links.map((l, i) => ({
        termId,
        kind: 'same_time',
        name: l.name,
        teachingClassIds: classes.filter((c) => c.link === i).map((c) => idByCode.get(c.code)!),
      })),
    );
    await insertSettingsRows(tx, [
      {
        termId,
        weights: timetableWeights.parse({}),
        blockedSlots: DEMO_BLOCKED_SLOTS,
        campusTravel: campusIds.length > 1 ? [{ campusA: campusIds[0], campusB: campusIds[1], minutes: DEMO_TRAVEL_MINUTES }] : [],
        teacherMaxPeriodsPerDay: 6,
        eveningFromPeriod: 9,
        changeRules: changeRules.parse({ noChangeWeeks: [1], maxPersonalPerTeacher: 3, collegeOnlyUpToPeriods: 4 }),
      },
    ]);
    await insertTeacherBlockRows(tx, teacherBlocks(termId, teacherRows, anchors.teacherId));
    summaries.push({
      termId,
      classes: classes.length + existing.length,
      merged: classes.filter((c) => c.kind === 'lecture' && c.adminClassIds.length > 1).length,
      labs: classes.filter((c) => c.kind === 'lab').length,
      alternateWeeks: classes.filter((c) => c.weekPattern !== 'all').length,
      peSections: classes.filter((c) => c.kind === 'pe').length,
      links: links.length,
      maxTeacherPeriods: Math.max(...loads.values()),
    });
  }
  await writeAudit(tx, systemActor, { action: 'system.seed_demo_timetable_inputs', entityType: 'system', after: { terms: summaries } });
  return summaries;
}

function toRow(termId: number, c: PlannedClass) {
  return {
    termId,
    code: c.code,
    courseId: c.courseId,
    collegeId: c.collegeId,
    teachers: c.teacherIds.map((teacherId) => ({ teacherId, share: 100 })),
    teacherIds: c.teacherIds,
    capacity: c.capacity,
    adminClassIds: c.adminClassIds,
    targetMajors: [],
    sessions: c.sessions,
    weekPattern: c.weekPattern,
    weekFrom: c.weekFrom,
    weekTo: c.weekTo,
    weekMask: weekMaskOf({ pattern: c.weekPattern, from: c.weekFrom, to: c.weekTo }),
    roomType: c.roomType,
    roomFeatures: c.roomFeatures,
    timeWishes: c.timeWishes,
    sourceRequestId: null,
  };
}

/** A few teachers' own time blocks: a "never" half-day (教研室主任, 校外兼职), wishes. */
function teacherBlocks(termId: number, teachers: { id: number }[], anchorTeacherId: number) {
  const rows: { termId: number; teacherId: number; kind: string; day: number; fromPeriod: number; toPeriod: number; note: string }[] = [];
  teachers.forEach((t, i) => {
    if (t.id === anchorTeacherId) return;
    if (i % 20 === 7) rows.push({ termId, teacherId: t.id, kind: 'never', day: 1 + (i % 5), fromPeriod: 1, toPeriod: 4, note: '校外兼职' });
    else if (i % 20 === 13)
      rows.push({ termId, teacherId: t.id, kind: 'prefer', day: 2, fromPeriod: 1, toPeriod: 4, note: '希望上午授课' });
    else if (i % 20 === 17)
      rows.push({ termId, teacherId: t.id, kind: 'avoid', day: 5, fromPeriod: 5, toPeriod: 8, note: '周五下午尽量不排课' });
  });
  return rows;
}
