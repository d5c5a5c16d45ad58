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
  const now = new Date();
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

  const plans: { weeks: (w: number[]) => number[]; reason: string; then: 'approve' | 'pending' | 'office' | 'reject' }[] = [
    { weeks: (w) => w.slice(2, 3), reason: '参加学术会议', then: 'approve' },
    { weeks: (w) => w.slice(9, 10), reason: '外出监考', then: 'pending' },
    { weeks: (w) => w.slice(10, 13), reason: '赴外地讲学三周', then: 'office' },
    { weeks: (w) => w.slice(14, 15), reason: '个人事务', then: 'reject' },
  ];
  let filed = 0;
  for (const [i, plan] of plans.entries()) {
    const lecture = mine[i % mine.length];
    const weeks = plan.weeks(weeksOfMask(lecture.weekMask));
    if (!weeks.length) continue;
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
          reasonKind: plan.then === 'reject' ? 'other' : 'official',
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
    if (plan.then === 'pending') continue;
    const decide = async (userId: number, action: 'approve' | 'reject') => {
      const inbox = await workflow.inbox(asUser(userId), { box: 'waiting', page: 1, pageSize: 100 }, 'zh-CN');
      const task = inbox.items.find((t) => t.instanceId === change.workflowInstanceId);
      if (!task?.taskId) return;
      await workflow.act(
        asUser(userId),
        task.taskId,
        action === 'approve' ? { type: 'approve', comment: '同意' } : { type: 'reject', comment: '本学期个人原因调课过多，请按原课表上课' },
      );
    };
    await decide(secretaryUser.id, plan.then === 'reject' ? 'reject' : 'approve');
    if (plan.then === 'approve' && change.periods > 4) await decide(officeId, 'approve');
  }
  return filed;
}
