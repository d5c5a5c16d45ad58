import {
  gradeEntry,
  gradeEntryText,
  GRADES_REVIEW_WORDS,
  WEB_PATHS,
  type AcademicRiskItem,
  type GradeAnalysis,
  type GradeAnalysisQuery,
  type Locale,
  type MakeupListItem,
  type Paged,
} from '@jiaowu/contracts';
import { evaluateEntry, isMakeupEligible, resolveAttempts } from '@jiaowu/contracts/grades-core';
import type { Db } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { writeXlsxBook, type Sheet } from '../../platform/files/spreadsheet-writer.ts';
import { addMakeupCandidates } from '../exams/makeup.candidates.ts';
import { findStudentUserIds } from '../iam/iam.read-model.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import { analyse, type AnalysedRecord } from './analysis.compute.ts';
import * as repo from './corrections.repository.ts';
import {
  findClassInScope,
  findCollegeSecretaryUserIds,
  findRecordFacts,
  findStudentsInScope,
  type RecordFact,
} from './grades-review.read-model.ts';
import { loadGradeRules } from './rules.ts';

/**
 * 成绩分析, 补考名单, 学业预警 — figures over published grades (and a teacher's own draft for their
 * class), the make-up list drawn from a term's grades, and the students whose failed credits reach
 * the school's warning line.
 */

const ATTEMPT_ORDER: Record<string, number> = { normal: 0, makeup: 1, retake: 2 };

function analysed(f: RecordFact): AnalysedRecord[] {
  const parsed = gradeEntry.safeParse(f.entry);
  if (!parsed.success) return [];
  return [
    {
      studentId: f.studentId,
      courseId: f.courseId,
      courseCode: f.courseCode,
      courseName: f.courseName,
      termId: f.termId,
      teachingClassId: f.teachingClassId,
      classCode: f.classCode,
      entry: parsed.data,
      components: f.components,
      creditsTenths: f.creditsTenths,
      category: f.category,
      isPublished: f.isPublished,
    },
  ];
}

const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
const num = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

export function createAnalysisService({ db, clock, notify }: { db: Db; clock: () => Date; notify?: Notify }) {
  /** Failed courses per student: the counting attempt of each course (all published terms up to `termId`) is a failure. */
  async function failedOf(studentIds: number[], termId?: number) {
    const facts = await findRecordFacts(db, { kind: 'all' }, { studentIds, upToTermId: termId });
    const rules = await loadGradeRules(db);
    const byPair = new Map<string, RecordFact[]>();
    for (const f of facts) byPair.set(`${f.studentId}:${f.courseId}`, [...(byPair.get(`${f.studentId}:${f.courseId}`) ?? []), f]);
    const failed = new Map<number, RecordFact[]>();
    for (const rows of byPair.values()) {
      const ordered = rows
        .filter((r) => gradeEntry.safeParse(r.entry).success)
        .sort((a, b) => a.termStart.localeCompare(b.termStart) || ATTEMPT_ORDER[a.attempt] - ATTEMPT_ORDER[b.attempt]);
      const { counting } = resolveAttempts(
        ordered.map((r, seq) => ({ kind: r.attempt, entry: r.entry!, seq, fact: r })),
        rules.attempts,
        rules.levelTotals,
      );
      if (!counting || evaluateEntry(counting.shown, rules.levelTotals).outcome !== 'failed') continue;
      failed.set(counting.fact.studentId, [...(failed.get(counting.fact.studentId) ?? []), counting.fact]);
    }
    return { failed, rules };
  }

  async function riskList(actor: Actor, q: { termId?: number; collegeId?: number }) {
    const scope = requireAccess(actor, 'grades.analysis');
    const studentIds = await findStudentsInScope(db, scope, { collegeId: q.collegeId });
    const { failed, rules } = await failedOf(studentIds, q.termId);
    const threshold = rules.riskFailedCreditsTenths;
    const atRisk = [...failed.entries()]
      .map(([studentId, rows]) => ({ studentId, rows, credits: rows.reduce((a, r) => a + r.creditsTenths, 0) }))
      .filter((s) => s.credits >= threshold)
      .sort((a, b) => b.credits - a.credits || a.rows[0].studentCode.localeCompare(b.rows[0].studentCode));
    return { atRisk, threshold };
  }

  function riskItem(
    s: { studentId: number; rows: RecordFact[]; credits: number },
    threshold: number,
    sentAt: Date | null,
  ): AcademicRiskItem {
    const f = s.rows[0];
    return {
      studentId: s.studentId,
      studentCode: f.studentCode,
      studentName: f.studentName,
      collegeName: f.collegeName,
      majorName: f.majorName,
      cohort: f.cohort,
      failedCreditsTenths: s.credits,
      thresholdTenths: threshold,
      failedCourses: s.rows.map((r) => ({
        courseId: r.courseId,
        courseCode: r.courseCode,
        courseName: r.courseName,
        termName: r.termName,
        creditsTenths: r.creditsTenths,
        grade: r.entry!,
      })),
      notifiedAt: sentAt?.toISOString() ?? null,
    };
  }

  async function makeupRows(actor: Actor, termId: number) {
    requireAccess(actor, 'grades.manage');
    const rules = await loadGradeRules(db);
    const facts = await findRecordFacts(db, { kind: 'all' }, { termId });
    // A student already with a make-up attempt this term for the course has sat it.
    const sat = new Set(facts.filter((f) => f.attempt === 'makeup').map((f) => `${f.studentId}:${f.courseId}`));
    const rows: MakeupListItem[] = [];
    for (const f of facts) {
      if (f.attempt === 'makeup' || sat.has(`${f.studentId}:${f.courseId}`)) continue;
      const parsed = gradeEntry.safeParse(f.entry);
      if (!parsed.success) continue;
      const e = evaluateEntry(parsed.data, rules.levelTotals);
      if (!isMakeupEligible(e, rules.marks)) continue;
      rows.push({
        recordId: f.id,
        studentId: f.studentId,
        studentCode: f.studentCode,
        studentName: f.studentName,
        courseId: f.courseId,
        courseCode: f.courseCode,
        courseName: f.courseName,
        teachingClassId: f.teachingClassId,
        grade: parsed.data,
        reason: e.mark === null || e.mark === 'exempt' ? (e.outcome === 'pending' ? 'deferred' : 'failed') : e.mark,
      });
    }
    return rows;
  }

  /** The records analysed for a query inside the actor's scope, and the published peers of their classes. */
  async function figures(actor: Actor, q: GradeAnalysisQuery): Promise<GradeAnalysis> {
    const scope = requireAccess(actor, 'grades.analysis');
    const { teachingClassId, courseId, collegeId, majorId, cohort, termId } = q;
    if ([teachingClassId, courseId, collegeId, majorId, cohort, termId].every((x) => x === undefined))
      throw new AppError('grade_analysis_filter');
    if (teachingClassId !== undefined) {
      const cls = await findClassInScope(db, scope, teachingClassId);
      if (!cls || !cls.visible) throw new AppError('not_found', { params: { what: 'teaching class' } });
    }
    const teacherId = scope.kind === 'some' ? (scope.teachingTeacherId ?? null) : null;
    const facts = await findRecordFacts(db, scope, {
      teachingClassId,
      courseId,
      collegeId,
      majorId,
      cohort,
      termId,
      draftsOfTeacher: teacherId,
    });
    const records = facts.flatMap(analysed);
    // 统考 peers: the published grades of the same courses and terms (only their figures are shown).
    const pairs = [...new Set(records.map((r) => `${r.courseId}:${r.termId}`))];
    const peers: AnalysedRecord[] = [];
    for (const pair of pairs) {
      const [c, t] = pair.split(':').map(Number);
      const own = new Set(records.filter((r) => r.courseId === c && r.termId === t).map((r) => r.teachingClassId));
      peers.push(
        ...(await findRecordFacts(db, { kind: 'all' }, { courseId: c, termId: t }))
          .flatMap(analysed)
          .filter((r) => !own.has(r.teachingClassId)),
      );
      peers.push(...records.filter((r) => r.courseId === c && r.termId === t));
    }
    return analyse(records, peers, await loadGradeRules(db));
  }

  return {
    /** GET /api/grades/analysis */
    analysis: figures,

    /** GET /api/grades/analysis/export: the same figures as a workbook (summary, classes, courses). */
    async exportXlsx(actor: Actor, q: GradeAnalysisQuery): Promise<Buffer> {
      const a = await figures(actor, q);
      const zh = actor.locale !== 'en';
      const t = (z: string, e: string) => (zh ? z : e);
      const summary: Sheet = {
        name: t('概况', 'Summary'),
        headers: [t('项目', 'Item'), t('数值', 'Value')],
        rows: [
          [t('成绩记录数', 'Grades'), a.records],
          [t('学生数', 'Students'), a.students],
          [t('平均分', 'Mean'), num(a.distribution.mean)],
          [t('中位数', 'Median'), num(a.distribution.median)],
          [t('标准差', 'Standard deviation'), num(a.distribution.stdDev)],
          [t('及格率（%）', 'Pass rate (%)'), pct(a.passRate)],
          [t('平均绩点', 'Mean GPA'), num(a.gpa.mean)],
          ...Object.entries(a.grades).map(([k, n]) => [k, n] as [string, number]),
        ],
      };
      const classes: Sheet = {
        name: t('教学班', 'Classes'),
        headers: [
          t('教学班', 'Class'),
          t('课程', 'Course'),
          t('人数', 'Students'),
          t('平均分', 'Mean'),
          t('中位数', 'Median'),
          t('标准差', 'SD'),
          t('及格率（%）', 'Pass rate (%)'),
          t('同课程班级数', 'Classes of the course'),
          t('提示', 'Flags'),
        ],
        rows: a.classes.map((c) => [
          c.classCode,
          `${c.courseCode} ${c.courseName}`,
          c.distribution.count,
          num(c.distribution.mean),
          num(c.distribution.median),
          num(c.distribution.stdDev),
          pct(c.distribution.passRate),
          c.comparison.classCount,
          c.comparison.flags.map((f) => GRADES_REVIEW_WORDS.flag[f][zh ? 'zh-CN' : 'en']).join('; '),
        ]),
        textColumns: [0],
      };
      const courses: Sheet = {
        name: t('课程', 'Courses'),
        headers: [t('课程', 'Course'), t('学生数', 'Students'), t('平均分', 'Mean'), t('及格率（%）', 'Pass rate (%)')],
        rows: a.courses.map((c) => [c.name, c.students, num(c.mean), pct(c.passRate)]),
      };
      return writeXlsxBook([summary, classes, courses]);
    },

    /** GET /api/grades/makeup-list: who may sit the make-up after the term's published grades (the school's mark rules decide). */
    async makeupList(actor: Actor, q: { termId: number; page: number; pageSize: number }): Promise<Paged<MakeupListItem>> {
      const rows = await makeupRows(actor, q.termId);
      return { items: rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: rows.length };
    },

    /** POST /api/grades/makeup-list/to-plan: the whole list into a make-up exam plan (students already listed are skipped). */
    async makeupToPlan(actor: Actor, input: { termId: number; planId: number }) {
      const rows = await makeupRows(actor, input.termId);
      return db.transaction(async (tx) => {
        const { added } = await addMakeupCandidates(
          tx,
          input.planId,
          rows.map((r) => ({ studentId: r.studentId, courseId: r.courseId, note: GRADES_REVIEW_WORDS.makeupReason[r.reason]['zh-CN'] })),
          'grades',
          { createdBy: actor.userId, now: clock() },
        );
        await writeAudit(tx, actor, {
          action: 'grades.makeup_to_plan',
          entityType: 'exam_plans',
          entityId: input.planId,
          after: { sourceTermId: input.termId, rows: rows.length, added },
        });
        return { listed: rows.length, added };
      });
    },

    /** GET /api/grades/academic-risk: 学业预警 — students whose failed credits reach the school's line, in the reader's scope. */
    async academicRisk(
      actor: Actor,
      q: { termId?: number; collegeId?: number; page: number; pageSize: number },
    ): Promise<Paged<AcademicRiskItem>> {
      const { atRisk, threshold } = await riskList(actor, q);
      const pageRows = atRisk.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
      const sent =
        q.termId === undefined
          ? new Map<number, Date>()
          : await repo.findRiskNotices(
              db,
              q.termId,
              pageRows.map((s) => s.studentId),
            );
      return { items: pageRows.map((s) => riskItem(s, threshold, sent.get(s.studentId) ?? null)), total: atRisk.length };
    },

    /** POST /api/grades/academic-risk/notify: each student at risk (or of `studentIds`) and their college's secretaries, once per term. */
    async notifyRisk(actor: Actor, input: { termId: number; studentIds?: number[] }) {
      requireAccess(actor, 'grades.manage');
      const { atRisk, threshold } = await riskList(actor, { termId: input.termId });
      const wanted = input.studentIds ? new Set(input.studentIds) : null;
      const chosen = atRisk.filter((s) => !wanted || wanted.has(s.studentId));
      return db.transaction(async (tx) => {
        let notified = 0;
        const studentUsers = await findStudentUserIds(
          tx,
          chosen.map((s) => s.studentId),
        );
        for (const s of chosen) {
          const first = await repo.insertRiskNotice(tx, {
            studentId: s.studentId,
            termId: input.termId,
            failedCreditsTenths: s.credits,
            sentBy: actor.userId,
            sentAt: clock(),
          });
          if (!first) continue;
          notified++;
          if (!notify) continue;
          const f = s.rows[0];
          const secretaries = await findCollegeSecretaryUserIds(tx, f.collegeId);
          const courses = (l: Locale) => s.rows.map((r) => `${r.courseName} ${gradeEntryText(r.entry!, l)}`).join(l === 'en' ? ', ' : '、');
          await notify(tx, {
            userIds: [...new Set([...(studentUsers.get(s.studentId) ?? []), ...secretaries])],
            kind: 'academic_risk',
            params: {
              student: f.studentName,
              code: f.studentCode,
              failed: s.credits / 10,
              threshold: threshold / 10,
              courses: { 'zh-CN': courses('zh-CN'), en: courses('en') },
            },
            link: WEB_PATHS.academicRisk,
          });
        }
        await writeAudit(tx, actor, {
          action: 'grades.academic_risk_notify',
          entityType: 'grade_risk_notices',
          entityId: input.termId,
          after: { termId: input.termId, students: chosen.length, notified, skipped: chosen.length - notified },
        });
        return { notified, skipped: chosen.length - notified };
      });
    },
  };
}
export type AnalysisService = ReturnType<typeof createAnalysisService>;
