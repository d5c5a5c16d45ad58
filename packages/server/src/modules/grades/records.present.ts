import {
  gradeEntryText,
  type GradeEntry,
  type GradeRules,
  type Locale,
  type StudentGradeItem,
  type StudentGrades,
} from '@jiaowu/contracts';
import {
  evaluateEntry,
  formatTenths,
  gradePoints,
  presentExact,
  summarizeRecord,
  toFixedHalfUp,
  type CourseRecord,
  type GpaResult,
} from '@jiaowu/contracts/grades-core';
import type { PublishedRecord, RecordStudent } from './records.read-model.ts';

/** A grade as a table shows it: 85.5, 优 / Excellent, 缺考 / Absent. */
export const gradeText = gradeEntryText;

const ATTEMPT_ORDER = { normal: 0, makeup: 1, retake: 2 } as const;

export const presentGpa = (g: GpaResult | null) => (g ? { ...presentExact(g.value), creditsTenths: g.creditsTenths } : null);

export interface RecordView {
  grades: StudentGrades;
  /** The records in the order of `grades.items`, for the transcript's term tables. */
  records: PublishedRecord[];
}

/**
 * A student's record as the grade core reads it: attempts ordered by the term's start date, then
 * normal < make-up < retake; each course's counting attempt, the make-up cap, the GPA per term and
 * overall, credits per category. `ranks` (record id → "3/45") only when the school shows them.
 */
export function buildStudentGrades(
  student: RecordStudent,
  records: PublishedRecord[],
  rules: GradeRules,
  locale: Locale,
  ranks: Map<number, string> | null,
): StudentGrades {
  const termOrder = [...new Map(records.map((r) => [r.termId, r.termStartDate])).entries()]
    .sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] - b[0]))
    .map(([termId]) => termId);
  const seqOf = (r: PublishedRecord) => termOrder.indexOf(r.termId) * 10 + ATTEMPT_ORDER[r.attempt];
  const byCourse = new Map<number, PublishedRecord[]>();
  for (const r of records) byCourse.set(r.courseId, [...(byCourse.get(r.courseId) ?? []), r]);
  const courseRecords: CourseRecord[] = [...byCourse.entries()].map(([courseId, rs]) => {
    const latest = rs.reduce((a, b) => (seqOf(b) > seqOf(a) ? b : a));
    return {
      courseId,
      creditsTenths: latest.creditsTenths,
      category: latest.category,
      kinds: [],
      attempts: rs.map((r) => ({ kind: r.attempt, entry: r.entry, seq: seqOf(r), termId: r.termId, recordId: r.id })),
    };
  });
  const summary = summarizeRecord(courseRecords, { gpa: rules.gpa, attempts: rules.attempts, levelTotals: rules.levelTotals });
  const marks = new Map<number, { shown: GradeEntry; isCapped: boolean; isCounting: boolean }>();
  for (const c of summary.courses) {
    for (const a of c.attempts) marks.set((a as unknown as { recordId: number }).recordId, a);
  }
  const excluded = new Set(rules.gpa.excludedCategories);
  const ordered = [...records].sort((a, b) => seqOf(a) - seqOf(b) || a.courseCode.localeCompare(b.courseCode) || a.id - b.id);
  const items: StudentGradeItem[] = ordered.map((r) => {
    const m = marks.get(r.id) ?? { shown: r.entry, isCapped: false, isCounting: false };
    const outcome = evaluateEntry(m.shown, rules.levelTotals).outcome;
    const points = excluded.has(r.category) ? null : gradePoints(m.shown, rules.gpa);
    return {
      recordId: r.id,
      termId: r.termId,
      termName: r.termName,
      courseId: r.courseId,
      courseCode: r.courseCode,
      courseName: r.courseName,
      courseNameEn: r.courseNameEn,
      category: r.category,
      credits: formatTenths(r.creditsTenths),
      grade: m.shown,
      display: gradeText(m.shown, locale),
      entered: m.isCapped ? r.entry : null,
      attempt: r.attempt,
      isCounting: m.isCounting,
      passed: outcome === 'passed' || outcome === 'exempt',
      points: points ? toFixedHalfUp(points, 2) : null,
      components: rules.showComponents ? r.components : null,
      version: r.version,
      isMigrated: r.source === 'migrated',
      rank: ranks?.get(r.id) ?? null,
    };
  });
  const termNames = new Map(records.map((r) => [r.termId, r.termName]));
  const earnedByTerm = new Map<number, number>();
  for (const c of summary.courses) {
    if (!c.isEarned || c.termId === null) continue;
    const credits = courseRecords.find((x) => x.courseId === c.courseId)!.creditsTenths;
    earnedByTerm.set(c.termId, (earnedByTerm.get(c.termId) ?? 0) + credits);
  }
  return {
    student: { id: student.id, code: student.code, name: student.name, majorName: student.majorName, cohort: student.cohort },
    items,
    gpa: presentGpa(summary.overallGpa),
    terms: termOrder.map((termId) => ({
      termId,
      termName: termNames.get(termId) ?? '',
      gpa: presentGpa(summary.termGpa.get(termId) ?? null),
      creditsEarnedTenths: earnedByTerm.get(termId) ?? 0,
    })),
    creditsEarnedTenths: summary.creditsEarnedTenths,
    creditsByCategory: summary.creditsByCategory,
  };
}

/**
 * "3/45": the place of each of these records in its teaching class (same attempt kind) by score
 * equivalent, ties sharing a place; none for grades without a score (两级制, marks).
 */
export function classRanks(
  records: PublishedRecord[],
  classEntries: { teachingClassId: number; attempt: string; entry: GradeEntry }[],
  rules: GradeRules,
): Map<number, string> {
  const ranks = new Map<number, string>();
  for (const r of records) {
    if (r.teachingClassId === null) continue;
    const own = evaluateEntry(r.entry, rules.levelTotals).scoreTenths;
    if (own === null) continue;
    const peers = classEntries.filter((e) => e.teachingClassId === r.teachingClassId && e.attempt === r.attempt);
    const above = peers.filter((e) => (evaluateEntry(e.entry, rules.levelTotals).scoreTenths ?? -1) > own).length;
    ranks.set(r.id, `${above + 1}/${peers.length}`);
  }
  return ranks;
}
