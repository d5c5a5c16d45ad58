import { randomBytes } from 'node:crypto';
import type { Db, Tx } from '../../db/client.ts';
import { anonymousActor, type Actor } from '../../platform/access.ts';
import { findStudentUserIds } from '../iam/iam.read-model.ts';
import { createNotificationService } from '../notifications/notifications.service.ts';
import { findStudentsSelectionFacts } from '../org/org.read-model.ts';
import { createWorkflowService } from '../workflow/workflow.service.ts';
import { createCreditRaiseService } from './credit-raise.service.ts';
import * as repo from './selection.repository.ts';

/**
 * The demo's pending 超学分申请: a student of the secretary's college (no failed course, no hold)
 * asks the open add/drop round for 36 credits, through the service and the approval engine
 * themselves, so the secretary finds it in the approval inbox. Runs in the seed's transaction
 * (the engine's transactions become savepoints); notifications stay in-app.
 */
export async function seedDemoCreditRaise(tx: Tx, collegeId: number, roundId: number, now: Date): Promise<number | null> {
  const db = tx as unknown as Db;
  const clock = () => now;
  const notifications = createNotificationService({ db, clock, env: {}, secretKey: randomBytes(32) });
  const workflow = createWorkflowService({ db, clock, notify: notifications.notify });
  const raises = createCreditRaiseService({ db, clock, workflow });
  const students = (await findStudentsSelectionFacts(tx)).filter((s) => s.collegeId === collegeId);
  const users = await findStudentUserIds(
    tx,
    students.map((s) => s.id),
  );
  for (const s of students) {
    const userId = users.get(s.id)?.[0];
    if (userId === undefined) continue;
    if ((await repo.findFailedCourseIds(tx, s.id)).length || (await repo.findActiveHolds(tx, s.id)).length) continue;
    const actor: Actor = {
      ...anonymousActor(),
      kind: 'user',
      userId,
      name: s.name,
      studentId: s.id,
      permissions: { 'selection.take': 'self' },
    };
    const raise = await raises.apply(actor, { roundId, maxCredits: 36, reason: '辅修经济学第二学位，本学期需多修两门课程' });
    return raise.id;
  }
  return null;
}
