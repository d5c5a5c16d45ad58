import { randomBytes } from 'node:crypto';
import { weeksOfMask } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { anonymousActor, type Actor } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { findUsersWithRole } from '../iam/iam.read-model.ts';
import { findUserByUsername } from '../iam/iam.repository.ts';
import { createNotificationService } from '../notifications/notifications.service.ts';
import { createWorkflowService } from '../workflow/workflow.service.ts';
import { findChangeOptions } from './changes.options.ts';
import { createChangesService, loadLecture } from './changes.service.ts';
import { findCurrentVersion, findVersionLectures, type VersionLecture } from './versions.repository.ts';

/**
 * A few change requests of the demo teacher, filed and decided through the service and the
 * approval engine (so the pages, the inbox and the timetable versions agree): one approved and
 * applied, one waiting for the college, one waiting for the office, one rejected. Runs in the
 * seed's transaction after the term's timetable is published; does nothing before.
 */
export async function seedDemoChanges(tx: Tx, termId: number) {
  const [teacherUser, secretaryUser] = await Promise.all([findUserByUsername(tx, 'teacher'), findUserByUsername(tx, 'secretary')]);
  const [officeId] = await findUsersWithRole(tx, 'office', null);
  if (!teacherUser?.teacherId || !secretaryUser || !officeId) return 0;
  const teacher: Actor = {
    ...anonymousActor(),
    kind: 'user',
    userId: teacherUser.id,
    name: teacherUser.displayName,
    teacherId: teacherUser.teacherId,
    permissions: { 'timetable.change': 'teaching' },
  };
  const asUser = (userId: number): Actor => ({ ...anonymousActor(), kind: 'user', userId, name: null });
  // The demo term's own dates (it starts on 2026-09-07): each request is filed and decided on a
  // fixed day before the lessons it moves, so the seed means the same whatever day it runs.
  let now = new Date('2026-09-14T02:00:00Z');
  const clock = () => now;
  const db = tx as unknown as Db;
  const notifications = createNotificationService({ db, clock, env: {}, secretKey: randomBytes(32) });
  const workflow = createWorkflowService({ db, clock, notify: notifications.notify });
  const changes = createChangesService({ db, clock, workflow, notify: notifications.notify });

  const current = await findCurrentVersion(tx, termId);
  if (!current) return 0;
  const mine = ((await findVersionLectures(tx, current.id)) as VersionLecture[]).filter((l) =>
    l.teacherIds.includes(teacherUser.teacherId!),
  );
  if (!mine.length) return 0;

  // In the order they were filed: in week 2 for week 3 (applied), in week 7 for week 8 (rejected),
  // in week 13 for week 15 (waiting for the college) and weeks 14–16 (over 4 periods: the office too).
  const plans: { weeks: number[]; filedAt: string; reason: string; then: 'approve' | 'pending' | 'office' | 'reject' }[] = [
    { weeks: [3], filedAt: '2026-09-14T02:00:00Z', reason: '参加学术会议', then: 'approve' },
    { weeks: [8], filedAt: '2026-10-19T02:00:00Z', reason: '个人事务', then: 'reject' },
    { weeks: [15], filedAt: '2026-11-30T02:00:00Z', reason: '外出监考', then: 'pending' },
    { weeks: [14, 15, 16], filedAt: '2026-11-30T03:00:00Z', reason: '赴外地讲学三周', then: 'office' },
  ];
  let filed = 0;
  const taken = new Set<string>();
  for (const plan of plans) {
    // One lecture per request, meeting in all of the plan's weeks; the office's request moves more
    // than the college's default limit of 4 periods.
    const lecture = mine.find(
      (l) =>
        !taken.has(l.lectureKey) &&
        plan.weeks.every((w) => weeksOfMask(l.weekMask).includes(w)) &&
        (plan.then !== 'office' || l.length * plan.weeks.length > 4),
    );
    if (!lecture) continue;
    const weeks = plan.weeks;
    now = new Date(plan.filedAt);
    const { facts, lectures } = await loadLecture(tx, { kind: 'all' }, termId, lecture.lectureKey);
    const option = findChangeOptions(facts, lectures, lecture, weeks, 'zh-CN').find((o) => o.free && o.rooms.length);
    if (!option) continue;
    // Checks refuse before anything is written, so a refused plan leaves the seed's transaction clean.
    const change = await changes
      .file(
        teacher,
        {
          termId,
          lectureKey: lecture.lectureKey,
          kind: 'move',
          weeks,
          targets: [{ day: option.day, startPeriod: option.startPeriod, roomId: option.rooms[0].roomId }],
          reasonKind: plan.then === 'reject' ? 'personal' : 'official',
          reason: plan.reason,
        },
        tx,
      )
      .catch((e: unknown) => {
        if (e instanceof AppError) return null;
        throw e;
      });
    if (!change) continue;
    filed++;
    taken.add(lecture.lectureKey);
    if (plan.then === 'pending') continue;
    // Decided the next working morning.
    now = new Date(now.getTime() + 24 * 3600_000);
    const decide = async (userId: number, action: 'approve' | 'reject') => {
      const inbox = await workflow.inbox(asUser(userId), { box: 'waiting', page: 1, pageSize: 100 }, 'zh-CN');
      const task = inbox.items.find((t) => t.instanceId === change.workflowInstanceId);
      if (!task?.taskId) return;
      await workflow.act(
        asUser(userId),
        task.taskId,
        action === 'approve' ? { type: 'approve', comment: '同意' } : { type: 'reject', comment: '第8周学院教学检查，请按原课表上课' },
      );
    };
    await decide(secretaryUser.id, plan.then === 'reject' ? 'reject' : 'approve');
    // A change beyond the college's limit waits for the office too; otherwise there is no task.
    if (plan.then === 'approve') await decide(officeId, 'approve');
  }
  return filed;
}
