import { randomBytes } from 'node:crypto';
import type { Db, Tx } from '../../db/client.ts';
import { anonymousActor, type Actor } from '../../platform/access.ts';
import type { DemoAnchors } from '../../seed/demo-school.ts';
import { DEMO_CURRENT_TERM } from '../../seed/demo-school.ts';
import { findUsersWithRole } from '../iam/iam.read-model.ts';
import { createNotificationService } from '../notifications/notifications.service.ts';
import { createWorkflowService } from '../workflow/workflow.service.ts';
import { DEMO_REQUESTS, type DemoEvent } from './demo-offerings.ts';
import { findRequest, findTermRequests, updateRequest } from './offerings.repository.ts';
import { SUBJECT_TYPE } from './offerings.service.ts';
import { createRequestSubject } from './offerings.subject.ts';

/** The instant of a history event: days from the term's first day, at the school's clock time (UTC+8, no daylight saving). */
function instantOf(e: DemoEvent): Date {
  const day = new Date(Date.parse(`${DEMO_CURRENT_TERM.startDate}T00:00:00Z`) + e.day * 86_400_000).toISOString().slice(0, 10);
  return new Date(`${day}T${e.time}:00+08:00`);
}

const userActor = (userId: number, name: string): Actor => ({ ...anonymousActor(), kind: 'user', userId, name });

/**
 * Plays each demo request's history through the approval engine itself, on a
 * clock set to each event's time: the instances, step runs, tasks, history
 * entries, notifications and the teaching classes of approved requests are
 * the ones real use would have left, so the request pages, the inbox and the
 * flow metrics agree with each other. Runs in the seed's transaction, after
 * the demo accounts exist (the secretary files, the office decides).
 */
export async function seedDemoRequestHistory(tx: Tx, anchors: DemoAnchors) {
  const [secretaryId] = await findUsersWithRole(tx, 'secretary', { collegeId: anchors.secretaryCollegeId });
  const [officeId] = await findUsersWithRole(tx, 'office', null);
  const actors = { secretary: userActor(secretaryId, 'secretary'), office: userActor(officeId, 'office') };
  let now = new Date();
  const clock = () => now;
  // The engine's own transactions become savepoints of the seed's; no mail server: notifications stay in-app.
  const db = tx as unknown as Db;
  const notifications = createNotificationService({ db, clock, env: {}, secretKey: randomBytes(32) });
  const workflow = createWorkflowService({ db, clock, notify: notifications.notify });
  workflow.registerSubject(SUBJECT_TYPE, createRequestSubject({ db }));

  const requests = (await findTermRequests(tx, anchors.termId, [anchors.secretaryCollegeId])).sort((a, b) => a.id - b.id);
  for (const [i, spec] of DEMO_REQUESTS.entries()) {
    const request = requests[i];
    await updateRequest(tx, request.id, { createdBy: secretaryId }, instantOf(spec.history[0] ?? { day: -28, time: '09:00' }));
    let instanceId: number | null = null;
    for (const e of spec.history) {
      now = instantOf(e);
      const actor = actors[e.by];
      if (e.action === 'submit' || e.action === 'resubmit') {
        const full = await findFull(tx, anchors, request.id);
        instanceId = await workflow.submit(actor, {
          flowKey: 'course_request',
          subjectType: SUBJECT_TYPE,
          subjectId: request.id,
          scope: { collegeId: anchors.secretaryCollegeId },
          context: full,
          tx,
          comment: e.comment ?? null,
        });
        await updateRequest(tx, request.id, { status: 'submitted', workflowInstanceId: instanceId, reviewComments: null }, now);
        continue;
      }
      const inbox = await workflow.inbox(actor, { box: 'waiting', page: 1, pageSize: 50 }, 'zh-CN');
      const task = inbox.items.find((t) => t.instanceId === instanceId)!;
      const comment = e.comment ?? null;
      if (e.action === 'approve') await workflow.act(actor, task.taskId!, { type: 'approve', comment });
      else if (e.action === 'return')
        await workflow.act(actor, task.taskId!, { type: 'return', comment: comment!, fieldComments: e.fieldComments });
      else await workflow.act(actor, task.taskId!, { type: 'reject', comment: comment! });
    }
  }
}

/** What the flow's step conditions read of a request (as offerings' submit passes it). */
async function findFull(tx: Tx, anchors: DemoAnchors, requestId: number) {
  const r = (await findRequest(tx, requestId, { kind: 'all' }))!;
  return {
    capacity: r.capacity,
    credits: Number(r.credits),
    courseCode: r.courseCode,
    weeklyHours: r.sessions.reduce((s, h) => s + h, 0),
    collegeId: anchors.secretaryCollegeId,
  };
}
