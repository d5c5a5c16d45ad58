import {
  bookingInput,
  bookingListQuery,
  changeInput,
  changeListQuery,
  changeOptionsQuery,
  changeRulesQuery,
  changeStatsQuery,
  freeRoomsQuery,
  idParams,
} from '@jiaowu/contracts';
import type { App } from '../../platform/http/types.ts';
import type { BookingsService } from './bookings.service.ts';
import type { ChangesService } from './changes.service.ts';

const tags = ['timetable'];
const read = { permission: 'timetable.read' as const };
const book = { permission: 'rooms.book' as const };
const change = { permission: 'timetable.change' as const };

/** 空教室查询, 教室借用 and 调课申请 routes. */
export function registerTimetableChangeRoutes(app: App, { bookings, changes }: { bookings: BookingsService; changes: ChangesService }) {
  app.get('/api/timetable/rooms/free', { schema: { tags, querystring: freeRoomsQuery }, config: read }, async (req) => {
    const { termId, page, pageSize, features, ...filter } = req.query;
    const list = features
      ? features
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean)
      : undefined;
    return bookings.freeRooms(req.actor, termId, { ...filter, features: list }, { page, pageSize });
  });
  app.get('/api/timetable/bookings', { schema: { tags, querystring: bookingListQuery }, config: book }, async (req) => {
    const { termId, roomId, includeCancelled, page, pageSize } = req.query;
    return bookings.list(req.actor, { termId, roomId, includeCancelled: includeCancelled === 'true' }, { page, pageSize });
  });
  app.post('/api/timetable/bookings', { schema: { tags, body: bookingInput }, config: book }, async (req, reply) => {
    reply.status(201);
    return bookings.book(req.actor, req.body);
  });
  app.post('/api/timetable/bookings/:id/cancel', { schema: { tags, params: idParams }, config: book }, async (req) =>
    bookings.cancel(req.actor, req.params.id),
  );

  app.get('/api/timetable/changes', { schema: { tags, querystring: changeListQuery }, config: change }, async (req) => {
    const { page, pageSize, mine, ...filters } = req.query;
    return changes.list(req.actor, { ...filters, mine: mine === 'true' }, { page, pageSize });
  });
  app.get('/api/timetable/changes/rules', { schema: { tags, querystring: changeRulesQuery }, config: change }, async (req) =>
    changes.rules(req.actor, req.query.termId, req.query.teacherId),
  );
  app.get('/api/timetable/changes/lectures', { schema: { tags, querystring: changeStatsQuery }, config: change }, async (req) =>
    changes.lectures(req.actor, req.query.termId),
  );
  app.get('/api/timetable/changes/options', { schema: { tags, querystring: changeOptionsQuery }, config: change }, async (req) =>
    changes.options(req.actor, req.query),
  );
  app.get('/api/timetable/changes/stats', { schema: { tags, querystring: changeStatsQuery }, config: change }, async (req) =>
    changes.stats(req.actor, req.query.termId),
  );
  app.get('/api/timetable/changes/:id', { schema: { tags, params: idParams }, config: change }, async (req) =>
    changes.get(req.actor, req.params.id),
  );
  app.post('/api/timetable/changes', { schema: { tags, body: changeInput }, config: change }, async (req, reply) => {
    reply.status(201);
    return changes.file(req.actor, req.body);
  });
  app.post('/api/timetable/changes/:id/withdraw', { schema: { tags, params: idParams }, config: change }, async (req) =>
    changes.withdraw(req.actor, req.params.id),
  );
}
