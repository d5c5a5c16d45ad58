import type { Tx } from '../../db/client.ts';
import { systemActor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { DemoAnchors } from '../../seed/demo-school.ts';
import { findAdminClasses, findCollegeTeachers } from '../org/org.read-model.ts';
import { insertClass, insertRequest } from './offerings.repository.ts';
import { toValues } from './offerings.values.ts';

interface DemoRequest {
  course: string;
  classes: string[];
  sessions: number[];
  teachers: [number, number][]; // [index among the college's teachers (−1: the demo teacher), share]
  status: 'draft' | 'returned' | 'approved' | 'rejected';
  reviewComments?: Record<string, string>;
  timeWishes?: { kind: 'prefer' | 'avoid'; day: number; fromPeriod: number; toPeriod: number }[];
}

/** Requests of the 计算机学院 for the current term, one of each state a secretary meets. */
const REQUESTS: DemoRequest[] = [
  {
    course: 'CS201',
    classes: ['CS2501', 'CS2502'],
    sessions: [3, 2],
    teachers: [[-1, 100]],
    status: 'approved',
    timeWishes: [{ kind: 'avoid', day: 5, fromPeriod: 5, toPeriod: 8 }],
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
  },
  {
    course: 'CS204',
    classes: ['CS2401', 'CS2402'],
    sessions: [3],
    teachers: [[5, 100]],
    status: 'returned',
    reviewComments: { sessions: '课程 48 学时，请按每周 3 学时、16 周安排并注明实验安排', _: '请补充实验室需求后重新提交' },
  },
  { course: 'CS206', classes: ['CS2401'], sessions: [3], teachers: [[-1, 100]], status: 'draft' },
  {
    course: 'CS304',
    classes: ['CS2401', 'CS2402'],
    sessions: [2],
    teachers: [[6, 100]],
    status: 'rejected',
    reviewComments: { _: '本学期专业选修课已饱和，请下学期再申请' },
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
  },
];

/** Course requests and the teaching classes of the approved ones (no workflow instances: they predate the flow). */
export async function seedDemoOfferings(tx: Tx, anchors: DemoAnchors, courseIds: Map<string, number>) {
  const collegeId = anchors.secretaryCollegeId;
  const classes = new Map((await findAdminClasses(tx, { collegeIds: [collegeId] })).map((c) => [c.code, c]));
  const teachers = (await findCollegeTeachers(tx, collegeId)).filter((t) => t.id !== anchors.teacherId);
  let n = 0;
  for (const r of REQUESTS) {
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
    const base = { ...(values as Required<typeof values>), termId: anchors.termId, courseId: courseIds.get(r.course)!, collegeId };
    const id = await insertRequest(tx, {
      ...base,
      status: r.status,
      // Filed ones were submitted some days before the demo starts (the office's list shows when).
      submittedAt: r.status === 'draft' ? null : new Date(Date.now() - (REQUESTS.length - n) * 86_400_000),
      reviewComments: r.reviewComments ?? null,
      note: null,
      crossCollegeNote: null,
    });
    if (r.status === 'approved') await insertClass(tx, { ...base, code: `${r.course}-01`, sourceRequestId: id });
    n++;
  }
  await writeAudit(tx, systemActor, { action: 'system.seed_demo_offerings', entityType: 'system', after: { requests: n } });
}
