import {
  drawInput,
  dropQuery,
  enrolmentInput,
  holdInput,
  holdsQuery,
  idParams,
  lotteryChoiceInput,
  myEnrolmentsQuery,
  officeDropInput,
  officeEnrolInput,
  roundClassesInput,
  roundClassesQuery,
  roundInput,
  roundsQuery,
  roundUpdate,
  rosterQuery,
  swapInput,
  waitlistInput,
  type Locale,
  type LotteryChoiceInput,
} from '@jiaowu/contracts';
import type { Actor } from '../../platform/access.ts';
import { z } from 'zod';
import { attachmentHeader } from '../../platform/files/spreadsheet-writer.ts';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/types.ts';
import { pickLocale } from '../../platform/i18n.ts';
import type { Admission } from './admission.ts';
import type { RoundsService } from './rounds.service.ts';
import type { StudentSelectionService } from './student.service.ts';

const tags = ['selection'];
const read = { permission: 'selection.read' as const };
const take = { permission: 'selection.take' as const };
const manage = { permission: 'selection.manage' as const };
const holds = { permission: 'selection.holds' as const };
const classParams = z.object({ teachingClassId: idParams.shape.id });

/** The lottery, pre-enrolment and locking (draw.service.ts), as these routes call them. */
export interface DrawPort {
  choose(actor: Actor, input: LotteryChoiceInput, locale: Locale): Promise<unknown>;
  removeChoice(actor: Actor, choiceId: number): Promise<unknown>;
  draw(actor: Actor, roundId: number, input: { seed?: number }, locale: Locale): Promise<unknown>;
  lock(actor: Actor, roundId: number): Promise<unknown>;
  prefill(actor: Actor, roundId: number): Promise<unknown>;
}

/** Rosters 点名册 (rosters.service.ts). */
export interface RosterPort {
  roster(actor: Actor, teachingClassId: number, locale: Locale): Promise<unknown>;
  file(
    actor: Actor,
    teachingClassId: number,
    format: 'xlsx' | 'pdf',
    locale: Locale,
  ): Promise<{ file: Buffer; filename: string; contentType: string }>;
}

/** An Idempotency-Key as clients send it (a UUID or any short token); anything else is ignored. */
function idempotencyKey(header: string | string[] | undefined): string | null {
  const v = Array.isArray(header) ? header[0] : header;
  return v && /^[A-Za-z0-9_.:-]{8,100}$/.test(v) ? v : null;
}

/** 选课 — rounds, the student's requests (through admission control), the office's tools. */
export function registerSelectionRoutes(
  app: App,
  deps: { rounds: RoundsService; student: StudentSelectionService; draw: DrawPort; rosters: RosterPort; admission: Admission },
) {
  const { rounds, student, draw, rosters, admission } = deps;
  const locale = (req: { headers: Record<string, string | string[] | undefined> }): Locale =>
    pickLocale(req.headers['accept-language'] as string | undefined);
  /**
   * The student's writes wait their turn: bounded in flight, 429 beyond, one student not faster
   * than a person. When the process is saturated the 429 is answered before the session is even
   * looked up (`shed`), keyed by the caller's credentials as sent.
   */
  const clientOf = (req: FastifyRequest) => String(req.headers.authorization ?? req.headers.cookie ?? req.ip);
  const admitted = <T>(req: FastifyRequest, work: () => Promise<T>) =>
    admission.run({ student: `s${req.actor.studentId ?? `u${req.actor.userId}`}`, client: clientOf(req) }, work);
  const takeAdmitted = { ...take, shed: (req: FastifyRequest) => admission.shed(clientOf(req)) };

  // ---------------------------------------------------------------- rounds
  app.get('/api/selection/rounds', { schema: { tags, querystring: roundsQuery }, config: read }, async (req) =>
    rounds.list(req.actor, req.query.termId),
  );
  app.get('/api/selection/rounds/:id', { schema: { tags, params: idParams }, config: read }, async (req) =>
    rounds.get(req.actor, req.params.id),
  );
  app.post('/api/selection/rounds', { schema: { tags, body: roundInput }, config: manage }, async (req, reply) => {
    reply.status(201);
    return rounds.create(req.actor, req.body);
  });
  app.patch('/api/selection/rounds/:id', { schema: { tags, params: idParams, body: roundUpdate }, config: manage }, async (req) =>
    rounds.update(req.actor, req.params.id, req.body),
  );
  app.delete('/api/selection/rounds/:id', { schema: { tags, params: idParams }, config: manage }, async (req) =>
    rounds.remove(req.actor, req.params.id),
  );
  app.put(
    '/api/selection/rounds/:id/classes',
    { schema: { tags, params: idParams, body: roundClassesInput }, config: manage },
    async (req) => rounds.setClasses(req.actor, req.params.id, req.body.teachingClassIds),
  );
  app.get(
    '/api/selection/rounds/:id/classes',
    { schema: { tags, params: idParams, querystring: roundClassesQuery }, config: read },
    async (req) => student.classes(req.actor, req.params.id, req.query, locale(req)),
  );
  app.post(
    '/api/selection/rounds/:id/draw',
    { schema: { tags, params: idParams, body: drawInput.optional() }, config: manage },
    async (req) => draw.draw(req.actor, req.params.id, req.body ?? {}, locale(req)),
  );
  app.post('/api/selection/rounds/:id/lock', { schema: { tags, params: idParams }, config: manage }, async (req) =>
    draw.lock(req.actor, req.params.id),
  );
  app.post('/api/selection/rounds/:id/prefill', { schema: { tags, params: idParams }, config: manage }, async (req) =>
    draw.prefill(req.actor, req.params.id),
  );
  app.get('/api/selection/rounds/:id/dashboard', { schema: { tags, params: idParams }, config: manage }, async (req) =>
    rounds.dashboard(req.actor, req.params.id, locale(req)),
  );

  // ---------------------------------------------------------------- the student's own selection
  app.get('/api/selection/me', { schema: { tags, querystring: myEnrolmentsQuery }, config: take }, async (req) =>
    student.me(req.actor, req.query.termId, locale(req)),
  );
  app.post('/api/selection/enrolments', { schema: { tags, body: enrolmentInput }, config: takeAdmitted }, async (req, reply) => {
    const out = await admitted(req, () => student.enrol(req.actor, req.body, idempotencyKey(req.headers['idempotency-key']), locale(req)));
    reply.status(out.replayed ? 200 : 201);
    return out;
  });
  app.delete(
    '/api/selection/enrolments/:id',
    { schema: { tags, params: idParams, querystring: dropQuery }, config: takeAdmitted },
    async (req) => admitted(req, () => student.drop(req.actor, req.params.id, req.query.roundId, locale(req))),
  );
  app.post('/api/selection/swap', { schema: { tags, body: swapInput }, config: takeAdmitted }, async (req) =>
    admitted(req, () => student.swap(req.actor, req.body, locale(req))),
  );
  app.post('/api/selection/waitlist', { schema: { tags, body: waitlistInput }, config: takeAdmitted }, async (req, reply) => {
    const out = await admitted(req, () => student.joinWaitlist(req.actor, req.body, locale(req)));
    reply.status(201);
    return out;
  });
  app.delete('/api/selection/waitlist/:id', { schema: { tags, params: idParams }, config: takeAdmitted }, async (req) =>
    admitted(req, () => student.leaveWaitlist(req.actor, req.params.id)),
  );
  app.post('/api/selection/lottery-choices', { schema: { tags, body: lotteryChoiceInput }, config: takeAdmitted }, async (req, reply) => {
    const out = await admitted(req, () => draw.choose(req.actor, req.body, locale(req)));
    reply.status(201);
    return out;
  });
  app.delete('/api/selection/lottery-choices/:id', { schema: { tags, params: idParams }, config: takeAdmitted }, async (req) =>
    admitted(req, () => draw.removeChoice(req.actor, req.params.id)),
  );

  // ---------------------------------------------------------------- office tools
  app.post('/api/selection/office/enrolments', { schema: { tags, body: officeEnrolInput }, config: manage }, async (req, reply) => {
    reply.status(201);
    return rounds.officeEnrol(req.actor, req.body, locale(req));
  });
  app.post(
    '/api/selection/office/enrolments/:id/drop',
    { schema: { tags, params: idParams, body: officeDropInput }, config: manage },
    async (req) => rounds.officeDrop(req.actor, req.params.id, req.body.reason, locale(req)),
  );
  app.get(
    '/api/selection/rosters/:teachingClassId',
    { schema: { tags, params: classParams, querystring: rosterQuery }, config: read },
    async (req, reply) => {
      const format = req.query.format;
      if (!format) return rosters.roster(req.actor, req.params.teachingClassId, locale(req));
      const { file, filename, contentType } = await rosters.file(req.actor, req.params.teachingClassId, format, locale(req));
      return reply.header('content-type', contentType).header('content-disposition', attachmentHeader(filename)).send(file);
    },
  );
  app.get('/api/selection/holds', { schema: { tags, querystring: holdsQuery }, config: holds }, async (req) =>
    rounds.holds(req.actor, req.query.studentId),
  );
  app.post('/api/selection/holds', { schema: { tags, body: holdInput }, config: holds }, async (req, reply) => {
    reply.status(201);
    return rounds.addHold(req.actor, req.body);
  });
  app.post('/api/selection/holds/:id/lift', { schema: { tags, params: idParams }, config: holds }, async (req) =>
    rounds.liftHold(req.actor, req.params.id),
  );
}
