import type { Tx } from '../../db/client.ts';
import { systemActor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { DemoAnchors } from '../../seed/demo-school.ts';
import { findAdminClasses, findCollegeTeachers } from '../org/org.read-model.ts';
import { insertRequest } from './offerings.repository.ts';
import { toValues } from './offerings.values.ts';

/** Who acts in a demo request's history: the college secretary files, the academic office decides. */
export type DemoActor = 'secretary' | 'office';

/**
 * One step of a demo request's approval history: `day` counts from the
 * current term's first day (negative: before the term), `time` is the
 * school's clock time (Asia/Shanghai).
 */
export interface DemoEvent {
  day: number;
  time: string;
  by: DemoActor;
  action: 'submit' | 'resubmit' | 'approve' | 'return' | 'reject';
  comment?: string;
  fieldComments?: Record<string, string>;
}

export interface DemoRequest {
  course: string;
  classes: string[];
  sessions: number[];
  teachers: [number, number][]; // [index among the college's teachers (−1: the demo teacher), share]
  /** What the history leaves it at (a draft has none). */
  status: 'draft' | 'submitted' | 'returned' | 'approved' | 'rejected';
  history: DemoEvent[];
  timeWishes?: { kind: 'prefer' | 'avoid'; day: number; fromPeriod: number; toPeriod: number }[];
}

/**
 * Requests of the 计算机学院 for the current term, one of each state a
 * secretary meets, each with the approval history that led there (played
 * through the approval engine by demo-request-history.ts): most were decided
 * in the fortnight before the term, a few late ones during it, two still wait.
 */
export const DEMO_REQUESTS: DemoRequest[] = [
  {
    course: 'CS201',
    classes: ['CS2501', 'CS2502'],
    sessions: [3, 2],
    teachers: [[-1, 100]],
    status: 'approved',
    timeWishes: [{ kind: 'avoid', day: 5, fromPeriod: 5, toPeriod: 8 }],
    history: [
      { day: -21, time: '09:30', by: 'secretary', action: 'submit' },
      { day: -20, time: '14:10', by: 'office', action: 'approve', comment: '同意开设' },
    ],
  },
  {
    course: 'CS202',
    classes: ['SE2501', 'SE2502'],
    sessions: [2, 2],
    teachers: [
      [3, 60],
      [4, 40],
    ],
    status: 'approved',
    history: [
      { day: -21, time: '10:05', by: 'secretary', action: 'submit' },
      {
        day: -19,
        time: '10:40',
        by: 'office',
        action: 'return',
        comment: '请与教研室确认两位教师的分工后重新提交',
        fieldComments: { teachers: '主讲与辅讲的分工比例请注明（建议 60/40）' },
      },
      { day: -18, time: '09:15', by: 'secretary', action: 'resubmit', comment: '已与教研室确认，主讲 60%、辅讲 40%' },
      { day: -17, time: '16:00', by: 'office', action: 'approve' },
    ],
  },
  {
    // A lecture for the whole 2024 cohort: over 200 seats, so the office head approves it too.
    course: 'CS205',
    classes: ['CS2401', 'CS2402', 'SE2401', 'SE2402', 'NE2401', 'IS2401', 'AI2401', 'DS2401'],
    sessions: [2],
    teachers: [[9, 100]],
    status: 'approved',
    history: [
      { day: -20, time: '11:00', by: 'secretary', action: 'submit' },
      { day: -19, time: '15:30', by: 'office', action: 'approve', comment: '同意，报处长审批' },
      { day: -17, time: '10:20', by: 'office', action: 'approve', comment: '同意大班授课，请安排阶梯教室' },
    ],
  },
  {
    course: 'CS204',
    classes: ['CS2401', 'CS2402'],
    sessions: [3],
    teachers: [[5, 100]],
    status: 'returned',
    history: [
      { day: -14, time: '09:20', by: 'secretary', action: 'submit' },
      {
        day: -12,
        time: '16:30',
        by: 'office',
        action: 'return',
        comment: '请补充实验室需求后重新提交',
        fieldComments: { sessions: '课程 48 学时，请按每周 3 学时、16 周安排并注明实验安排' },
      },
    ],
  },
  { course: 'CS206', classes: ['CS2401'], sessions: [3], teachers: [[-1, 100]], status: 'draft', history: [] },
  {
    course: 'CS304',
    classes: ['CS2301', 'CS2302'],
    sessions: [2],
    teachers: [[6, 100]],
    status: 'rejected',
    history: [
      { day: -19, time: '09:00', by: 'secretary', action: 'submit' },
      { day: -17, time: '11:45', by: 'office', action: 'reject', comment: '本学期专业选修课已饱和，请下学期再申请' },
    ],
  },
  {
    course: 'CS101',
    classes: ['CS2601', 'CS2602'],
    sessions: [3, 2],
    teachers: [
      [7, 50],
      [8, 50],
    ],
    status: 'draft',
    timeWishes: [{ kind: 'prefer', day: 1, fromPeriod: 1, toPeriod: 4 }],
    history: [],
  },
  {
    // Added in week 3 for students who transferred in.
    course: 'CS308',
    classes: ['AI2301', 'DS2301'],
    sessions: [2],
    teachers: [[10, 100]],
    status: 'approved',
    history: [
      { day: 14, time: '10:00', by: 'secretary', action: 'submit' },
      { day: 16, time: '09:40', by: 'office', action: 'approve', comment: '同意补开' },
    ],
  },
  {
    course: 'CS306',
    classes: ['NE2401', 'IS2401'],
    sessions: [2],
    teachers: [[11, 100]],
    status: 'rejected',
    history: [
      { day: 35, time: '14:00', by: 'secretary', action: 'submit' },
      { day: 37, time: '10:30', by: 'office', action: 'reject', comment: '学期已过半，不再受理本学期新开课程' },
    ],
  },
  {
    // Waiting for the office, past its three working days.
    course: 'CS207',
    classes: ['CS2301', 'CS2302'],
    sessions: [3],
    teachers: [[12, 100]],
    status: 'submitted',
    history: [{ day: 74, time: '15:00', by: 'secretary', action: 'submit' }],
  },
  {
    course: 'CS301',
    classes: ['SE2401', 'SE2402'],
    sessions: [2, 1],
    teachers: [[13, 100]],
    status: 'submitted',
    history: [{ day: 81, time: '10:00', by: 'secretary', action: 'submit' }],
  },
];

/**
 * The demo requests as drafts. Their approval histories (and with them the
 * teaching classes of the approved ones) are played afterwards, once the demo
 * accounts exist: see seedDemoRequestHistory.
 */
export async function seedDemoOfferings(tx: Tx, anchors: DemoAnchors, courseIds: Map<string, number>) {
  const collegeId = anchors.secretaryCollegeId;
  const classes = new Map((await findAdminClasses(tx, { collegeIds: [collegeId] })).map((c) => [c.code, c]));
  const teachers = (await findCollegeTeachers(tx, collegeId)).filter((t) => t.id !== anchors.teacherId);
  for (const r of DEMO_REQUESTS) {
    const targets = r.classes.map((c) => classes.get(c)!);
    const values = toValues({
      teachers: r.teachers.map(([i, share]) => ({ teacherId: i < 0 ? anchors.teacherId : teachers[i].id, share })),
      adminClassIds: targets.map((c) => c.id),
      targetMajors: [],
      sessions: r.sessions,
      weeks: { pattern: 'all', from: 1, to: 16 },
      capacity: targets.reduce((s, c) => s + c.students, 0),
      roomType: 'multimedia',
      roomFeatures: ['projector'],
      timeWishes: r.timeWishes ?? [],
    });
    await insertRequest(tx, {
      ...(values as Required<typeof values>),
      termId: anchors.termId,
      courseId: courseIds.get(r.course)!,
      collegeId,
      status: 'draft',
      reviewComments: null,
      note: null,
      crossCollegeNote: null,
    });
  }
  await writeAudit(tx, systemActor, {
    action: 'system.seed_demo_offerings',
    entityType: 'system',
    after: { requests: DEMO_REQUESTS.length },
  });
}
