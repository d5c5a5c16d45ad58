import {
  CLASS_FLAG_MEAN_SD,
  CLASS_FLAG_PASS_RATE_POINTS,
  GRADE_COMPONENTS,
  type ClassAnalysis,
  type FiveLevelTotals,
  type GpaConfig,
  type GradeAnalysis,
  type GradeEntry,
} from '@jiaowu/contracts';
import { computeGpa, describeScores, evaluateEntry, pearson } from '@jiaowu/contracts/grades-core';

/**
 * The figures of the analysis pages from plain records: pure, so a class's mean, median and pass
 * rate are checked by hand in tests without a database.
 */

export interface AnalysedRecord {
  studentId: number;
  courseId: number;
  courseCode: string;
  courseName: string;
  termId: number;
  teachingClassId: number | null;
  classCode: string | null;
  entry: GradeEntry;
  components: Record<string, number | null>;
  creditsTenths: number;
  category: string;
  isPublished: boolean;
}

/** Pass rate over the records that passed or failed (免修 and 缓考 stay out), 0–1. */
function passRateOf(records: readonly AnalysedRecord[], levelTotals: FiveLevelTotals): number | null {
  let passed = 0;
  let decided = 0;
  for (const r of records) {
    const e = evaluateEntry(r.entry, levelTotals);
    if (e.outcome === 'passed') passed++;
    if (e.outcome === 'passed' || e.outcome === 'failed') decided++;
  }
  return decided ? passed / decided : null;
}

const scoresOf = (records: readonly AnalysedRecord[], levelTotals: FiveLevelTotals) =>
  records.flatMap((r) => {
    const s = evaluateEntry(r.entry, levelTotals).scoreTenths;
    return s === null ? [] : [s];
  });

/** The grade bucket a record counts in: 90+ excellent … below 60 fail, a level as itself, a mark by its name. */
function bucketOf(entry: GradeEntry): string {
  switch (entry.kind) {
    case 'score':
      return entry.tenths >= 900
        ? 'excellent'
        : entry.tenths >= 800
          ? 'good'
          : entry.tenths >= 700
            ? 'fair'
            : entry.tenths >= 600
              ? 'pass'
              : 'fail';
    case 'five_level':
      return entry.level;
    case 'two_level':
      return entry.level === 'pass' ? 'pass' : 'fail';
    case 'mark':
      return entry.mark;
  }
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function classOf(records: readonly AnalysedRecord[], levelTotals: FiveLevelTotals) {
  const first = records[0];
  const distribution = { ...describeScores(scoresOf(records, levelTotals)), passRate: passRateOf(records, levelTotals) };
  const correlations = GRADE_COMPONENTS.flatMap((component) => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (const r of records) {
      const c = r.components[component];
      if (c == null || r.entry.kind !== 'score') continue;
      xs.push(c);
      ys.push(r.entry.tenths);
    }
    return xs.length ? [{ component, r: pearson(xs, ys), count: xs.length }] : [];
  });
  return {
    teachingClassId: first.teachingClassId!,
    classCode: first.classCode ?? '',
    courseId: first.courseId,
    courseCode: first.courseCode,
    courseName: first.courseName,
    termId: first.termId,
    isDraft: records.some((r) => !r.isPublished),
    distribution,
    correlations,
  };
}

type ClassCore = ReturnType<typeof classOf>;

/**
 * A class against the other classes of its course in the term (统考), each test against the
 * OTHER classes only (so an outlier does not hide itself by moving the average): flagged `mean`
 * when its mean is more than 1.5 SD of the other classes' means away from their mean (needs two
 * other classes that differ), `pass_rate` when its pass rate is 20 points or more from the other
 * classes' median pass rate (needs one other class).
 */
export function compareClasses(cls: ClassCore, peers: readonly ClassCore[]): ClassAnalysis['comparison'] {
  const others = peers.filter((p) => p.teachingClassId !== cls.teachingClassId && p.distribution.count > 0);
  const means = others.flatMap((c) => (c.distribution.mean === null ? [] : [c.distribution.mean]));
  const meanOfMeans = mean(means);
  const sdOfMeans =
    meanOfMeans === null || means.length < 2 ? null : Math.sqrt(means.reduce((a, m) => a + (m - meanOfMeans) ** 2, 0) / means.length);
  const flags: ClassAnalysis['comparison']['flags'] = [];
  if (sdOfMeans && cls.distribution.mean !== null && meanOfMeans !== null) {
    if (Math.abs(cls.distribution.mean - meanOfMeans) > CLASS_FLAG_MEAN_SD * sdOfMeans) flags.push('mean');
  }
  const rates = others.flatMap((c) => (c.distribution.passRate === null ? [] : [c.distribution.passRate]));
  const medianRate = median(rates);
  let passRateGap: number | null = null;
  if (medianRate !== null && cls.distribution.passRate !== null) {
    passRateGap = (cls.distribution.passRate - medianRate) * 100;
    if (Math.abs(passRateGap) >= CLASS_FLAG_PASS_RATE_POINTS) flags.push('pass_rate');
  }
  return { classCount: others.length + 1, meanOfMeans, sdOfMeans, passRateGap, flags };
}

/** Groups records by a key, in first-seen order. */
function groupBy<T>(xs: readonly T[], key: (x: T) => string | null): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    if (k === null) continue;
    m.set(k, [...(m.get(k) ?? []), x]);
  }
  return m;
}

/**
 * The whole analysis: the figures over every record, each class with its peers (`peerRecords`:
 * the published grades of the same courses and terms, for the 统考 comparison), per course.
 */
export function analyse(
  records: readonly AnalysedRecord[],
  peerRecords: readonly AnalysedRecord[],
  rules: { gpa: GpaConfig; levelTotals: FiveLevelTotals },
): GradeAnalysis {
  const { levelTotals } = rules;
  const grades: Record<string, number> = {};
  for (const r of records) grades[bucketOf(r.entry)] = (grades[bucketOf(r.entry)] ?? 0) + 1;

  const gpas: number[] = [];
  for (const rows of groupBy(records, (r) => String(r.studentId)).values()) {
    const gpa = computeGpa(
      rows.map((r) => ({ entry: r.entry, creditsTenths: r.creditsTenths, categories: [r.category] })),
      rules.gpa,
    );
    if (gpa) gpas.push(Number(gpa.value.num) / Number(gpa.value.den));
  }
  const gpaHistogram = Array.from({ length: 9 }, () => 0);
  for (const g of gpas) gpaHistogram[Math.min(8, Math.floor(g * 2))]++;

  const classCores = [...groupBy(records, (r) => (r.teachingClassId === null ? null : String(r.teachingClassId))).values()].map((rs) =>
    classOf(rs, levelTotals),
  );
  const peerCores = [...groupBy(peerRecords, (r) => (r.teachingClassId === null ? null : String(r.teachingClassId))).values()].map((rs) =>
    classOf(rs, levelTotals),
  );
  const classes = classCores.map((c) => {
    const peers = peerCores.filter((p) => p.courseId === c.courseId && p.termId === c.termId && p.teachingClassId !== c.teachingClassId);
    return { ...c, comparison: compareClasses(c, peers) };
  });

  const courses = [...groupBy(records, (r) => String(r.courseId)).entries()].map(([key, rs]) => {
    const d = describeScores(scoresOf(rs, levelTotals));
    return {
      key,
      name: `${rs[0].courseCode} ${rs[0].courseName}`,
      students: new Set(rs.map((r) => r.studentId)).size,
      records: rs.length,
      passRate: passRateOf(rs, levelTotals),
      mean: d.mean,
    };
  });

  return {
    records: records.length,
    students: new Set(records.map((r) => r.studentId)).size,
    distribution: { ...describeScores(scoresOf(records, levelTotals)), passRate: passRateOf(records, levelTotals) },
    passRate: passRateOf(records, levelTotals),
    grades,
    gpa: { count: gpas.length, mean: mean(gpas), median: median(gpas), histogram: gpaHistogram },
    classes,
    courses,
  };
}
