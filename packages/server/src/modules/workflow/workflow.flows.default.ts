import type { FlowInput } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { systemActor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import * as repo from './workflow.repository.ts';

/** The flows the system ships with; admins edit them afterwards (each edit is a new version). */
export const DEFAULT_FLOWS: Record<string, FlowInput> = {
  // 开课申请
  course_request: {
    nameZh: '开课申请',
    nameEn: 'Course request',
    descriptionZh: '院系申请下学期开设课程，由教务处审核；容量大于 200 的大班还需教务处长审批。',
    descriptionEn:
      'A college asks to open a course next term and the academic office reviews it; large classes (over 200 seats) also need the office head’s approval.',
    steps: [
      {
        nameZh: '教务处审核',
        nameEn: 'Academic office review',
        approver: { kind: 'role', role: 'office', scope: 'all' },
        deadlineDays: 3,
        fallback: { kind: 'role', role: 'admin', scope: 'all' },
      },
      {
        nameZh: '教务处长审批（大班）',
        nameEn: 'Office head approval for large classes',
        approver: { kind: 'role', role: 'office', scope: 'all' },
        deadlineDays: 2,
        condition: { field: 'capacity', op: '>', value: 200 },
      },
    ],
  },
  // 调课申请: the college decides small changes; the office too above the term's limit (调课规则, 4
  // periods unless the office sets another) and for permanent changes: `periodsOverLimit` counts both.
  timetable_change: {
    nameZh: '调课申请',
    nameEn: 'Timetable change request',
    descriptionZh:
      '教师或学院教务员申请调课、停课、补课或代课，由学院审核；超过学院审批学时（默认 4 学时）或永久调整的还需教务处审批。批准时再次检查冲突，通过后生成新的课表版本。',
    descriptionEn:
      'A teacher or college secretary requests a move, cancellation, make-up or substitute; the college reviews it, and changes beyond the college’s limit (4 periods unless the office sets another) or permanent ones also need the academic office. Conflicts are checked again on approval, which publishes a new timetable version.',
    steps: [
      {
        nameZh: '学院审核',
        nameEn: 'College review',
        approver: { kind: 'role', role: 'secretary', scope: 'college' },
        deadlineDays: 2,
        fallback: { kind: 'role', role: 'office', scope: 'all' },
      },
      {
        nameZh: '教务处审批（超出学院审批学时或永久调整）',
        nameEn: 'Academic office approval (beyond the college’s limit or permanent)',
        approver: { kind: 'role', role: 'office', scope: 'all' },
        deadlineDays: 2,
        condition: { field: 'periodsOverLimit', op: '>', value: 0 },
      },
    ],
  },
  // 超学分申请: a student asks for a higher credit limit in a selection round; the college's
  // secretary then the academic office approve it (selection/credit-raise.service.ts).
  credit_raise: {
    nameZh: '超学分申请',
    nameEn: 'Credit-limit raise',
    descriptionZh:
      '学生申请提高某一选课轮次的学分上限（无不及格课程、无选课限制者方可申请），由学院审核、教务处审批；批准后该轮次按新的上限检查学分。',
    descriptionEn:
      'A student asks for a higher credit limit in a selection round (only without failed courses or holds); the college reviews it and the academic office approves it, after which the round checks credits against the new limit.',
    steps: [
      {
        nameZh: '学院审核',
        nameEn: 'College review',
        approver: { kind: 'role', role: 'secretary', scope: 'college' },
        deadlineDays: 2,
        fallback: { kind: 'role', role: 'office', scope: 'all' },
      },
      {
        nameZh: '教务处审批',
        nameEn: 'Academic office approval',
        approver: { kind: 'role', role: 'office', scope: 'all' },
        deadlineDays: 2,
      },
    ],
  },
  // 课程确认: the office head confirms a timetable draft before it becomes the published timetable.
  timetable_publish: {
    nameZh: '课程确认（课表发布）',
    nameEn: 'Timetable confirmation',
    descriptionZh: '教务处提交排课方案，由教务处长确认后发布为本学期课表，并通知相关教师和学生。',
    descriptionEn:
      'The academic office submits a timetable draft; once the office head confirms it, it becomes the term’s published timetable and teachers and students are notified.',
    steps: [
      {
        nameZh: '教务处长确认',
        nameEn: 'Office head confirmation',
        approver: { kind: 'role', role: 'office', scope: 'all' },
        deadlineDays: 3,
        fallback: { kind: 'role', role: 'admin', scope: 'all' },
      },
    ],
  },
  // 考试安排确认: each college confirms the exams of its courses in a plan, the office approves them.
  exam_list: {
    nameZh: '考试安排确认',
    nameEn: 'Exam list confirmation',
    descriptionZh:
      '教务处编制考试安排后，各学院确认本学院课程的考试清单（考试课程、统考或分班、时长、考场类型），由教务处审批；审批通过后方可排考，之后修改需重新审批。',
    descriptionEn:
      'Once the academic office drafts an exam plan, each college confirms the exams of its courses (which courses, unified or per class, duration, room type) and the office approves them; scheduling starts after approval, and later edits need approval again.',
    steps: [
      {
        nameZh: '学院确认',
        nameEn: 'College confirmation',
        approver: { kind: 'role', role: 'secretary', scope: 'college' },
        deadlineDays: 3,
        fallback: { kind: 'role', role: 'office', scope: 'all' },
      },
      {
        nameZh: '教务处审批',
        nameEn: 'Academic office approval',
        approver: { kind: 'role', role: 'office', scope: 'all' },
        deadlineDays: 2,
      },
    ],
  },
  // 考试安排发布确认: the office head confirms a scheduled exam timetable before students see it.
  exam_publish: {
    nameZh: '考试安排发布确认',
    nameEn: 'Exam timetable confirmation',
    descriptionZh: '教务处排定考试时间、考场和监考后提交发布，由教务处长确认后发布，并通知考生和监考教师；确认前考试安排不能修改。',
    descriptionEn:
      'Once the academic office has scheduled the exams, rooms and invigilators it submits the timetable; after the office head confirms it is published and students and invigilators are notified. It cannot change while awaiting confirmation.',
    steps: [
      {
        nameZh: '教务处长确认',
        nameEn: 'Office head confirmation',
        approver: { kind: 'role', role: 'office', scope: 'all' },
        deadlineDays: 2,
        fallback: { kind: 'role', role: 'admin', scope: 'all' },
      },
    ],
  },
  // 缓考申请: a student asks to sit an exam later; the college then the office approve it.
  exam_deferral: {
    nameZh: '缓考申请',
    nameEn: 'Deferred exam application',
    descriptionZh: '学生在考试前申请缓考（说明理由并可附证明），由学院审核、教务处审批；批准后该生不再列入本场考试名单，转入补考安排。',
    descriptionEn:
      'A student applies before the exam to sit it later (with a reason and optionally a document); the college reviews and the academic office approves, after which the student leaves the exam’s roster and joins the make-up exams.',
    steps: [
      {
        nameZh: '学院审核',
        nameEn: 'College review',
        approver: { kind: 'role', role: 'secretary', scope: 'college' },
        deadlineDays: 2,
        fallback: { kind: 'role', role: 'office', scope: 'all' },
      },
      {
        nameZh: '教务处审批',
        nameEn: 'Academic office approval',
        approver: { kind: 'role', role: 'office', scope: 'all' },
        deadlineDays: 2,
      },
    ],
  },
  // 成绩审核与公布: a teacher submits a class's grades; the college reviews, the office publishes.
  grade_sheet: {
    nameZh: '成绩审核与公布',
    nameEn: 'Grade review and publication',
    descriptionZh:
      '任课教师提交教学班成绩后，由开课学院教学秘书审核（可退回并说明意见），再由教务处公布（可定时公布）；提交后教师不能修改，公布后学生可见且任何人不能修改，只能走成绩更正。',
    descriptionEn:
      'A teacher submits a class’s grades; the college secretary reviews them (or returns them with a comment), then the academic office publishes them, now or on a date. After submission the teacher cannot edit; once published students see them and nobody can change them except by a grade correction.',
    steps: [
      {
        nameZh: '成绩审核',
        nameEn: 'Grade review',
        approver: { kind: 'role', role: 'secretary', scope: 'college' },
        deadlineDays: 3,
        fallback: { kind: 'role', role: 'office', scope: 'all' },
      },
      {
        nameZh: '成绩公布',
        nameEn: 'Grade publication',
        approver: { kind: 'role', role: 'office', scope: 'all' },
        deadlineDays: 3,
        fallback: { kind: 'role', role: 'admin', scope: 'all' },
      },
    ],
  },
};

/** Creates the default flows that are missing (start-up and test templates); existing flows are left as edited. */
export async function ensureDefaultFlows(db: Db) {
  await db.transaction(async (tx) => {
    for (const [key, def] of Object.entries(DEFAULT_FLOWS)) {
      if (await repo.findFlow(tx, key)) continue;
      await repo.upsertFlow(tx, {
        key,
        nameZh: def.nameZh,
        nameEn: def.nameEn,
        descriptionZh: def.descriptionZh ?? null,
        descriptionEn: def.descriptionEn ?? null,
        currentVersion: 1,
      });
      await repo.insertFlowVersion(tx, { flowKey: key, version: 1, steps: def.steps });
      await writeAudit(tx, systemActor, { action: 'workflow.flow_seed', entityType: 'workflow_flows', entityId: key, after: def });
    }
  });
}
