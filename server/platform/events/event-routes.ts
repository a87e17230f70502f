import type { FastifyInstance } from 'fastify';
import { eventListQuerySchema } from '../../../contract/events';
import type { EventListQuery, EventListResponse } from '../../../contract/events';
import { lockIdParamsSchema } from '../../../contract/locks';
import { parseOr400 } from '../http/errors';
import { noSuchLock } from '../locks/lock-routes';
import type { LocksRepository } from '../locks/locks-repository';
import type { EventFilters, EventsRepository } from './events-repository';

function respond(events: EventsRepository, filters: EventFilters, query: EventListQuery): EventListResponse {
  if (query.afterid !== undefined) {
    const feed = events.after(filters, query.afterid, query.limit);
    return {
      status: 1,
      msg: '',
      totalCount: feed.totalCount,
      totalPage: Math.ceil(feed.totalCount / query.limit),
      currentPage: 1,
      eventslist: feed.events,
    };
  }
  const pagenumber = query.pagenumber ?? 1;
  const page = events.page(filters, pagenumber, query.limit);
  return {
    status: 1,
    msg: '',
    totalCount: page.totalCount,
    totalPage: Math.ceil(page.totalCount / query.limit),
    currentPage: pagenumber,
    eventslist: page.events,
  };
}

/** `GET /api/events` (fleet history, or the feed with `afterid`) and `GET /api/locks/:lockid/events`. */
export function registerEventRoutes(app: FastifyInstance, events: EventsRepository, locks: LocksRepository): void {
  app.get('/api/events', async (request) => {
    const query = parseOr400(eventListQuerySchema, request.query);
    return respond(events, { type: query.type, from: query.from, to: query.to, searchkey: query.searchkey }, query);
  });

  app.get('/api/locks/:lockid/events', async (request) => {
    const { lockid } = parseOr400(lockIdParamsSchema, request.params);
    const query = parseOr400(eventListQuerySchema, request.query);
    if (!locks.exists(lockid)) throw noSuchLock(lockid);
    return respond(events, { lockid, type: query.type, from: query.from, to: query.to }, query);
  });
}
