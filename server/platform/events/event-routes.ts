import type Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { createAnswerCache } from '../db/answer-cache';
import { eventListQuerySchema } from '../../../contract/events';
import type { EventListQuery, EventListResponse } from '../../../contract/events';
import { lockIdParamsSchema } from '../../../contract/locks';
import { pageEnvelope, parseOr400 } from '../http/errors';
import { noSuchLock } from '../locks/lock-routes';
import type { LocksRepository } from '../locks/locks-repository';
import type { EventFilters, EventsRepository } from './events-repository';

function respond(events: EventsRepository, filters: EventFilters, query: EventListQuery): EventListResponse {
  // The feed and the cursor pages are each one page: `pagenumber` is not theirs.
  const cursor =
    query.afterid !== undefined
      ? events.after(filters, query.afterid, query.limit)
      : query.beforeid !== undefined
        ? events.before(filters, query.beforeid, query.limit)
        : null;
  const pagenumber = cursor ? 1 : (query.pagenumber ?? 1);
  const page = cursor ?? events.page(filters, pagenumber, query.limit);
  return { ...pageEnvelope(page.totalCount, query.limit, pagenumber), eventslist: page.events };
}

/** `GET /api/events` (fleet history, or the feed with `afterid`) and `GET /api/locks/:lockid/events`. */
export function registerEventRoutes(app: FastifyInstance, db: Database.Database, events: EventsRepository, locks: LocksRepository): void {
  // Every open dashboard polls the feed from the newest event it has seen: between two changes of
  // the data, they ask for the same few cursors, each answered once (db/answer-cache.ts).
  const feeds = createAnswerCache(db);
  app.get('/api/events', async (request, reply) => {
    const query = parseOr400(eventListQuerySchema, request.query);
    const { type, from, to, searchkey, userid } = query;
    const filters = { type, from, to, searchkey, userid };
    if (query.afterid === undefined) return respond(events, filters, query);
    const answer = feeds.get(JSON.stringify(query), () => JSON.stringify(respond(events, filters, query)));
    return reply.type('application/json; charset=utf-8').send(answer);
  });

  app.get('/api/locks/:lockid/events', async (request) => {
    const params = parseOr400(lockIdParamsSchema, request.params);
    const query = parseOr400(eventListQuerySchema, request.query);
    const lockid = locks.resolve(params.lockid);
    if (lockid === undefined) throw noSuchLock(params.lockid);
    return respond(events, { lockid, type: query.type, from: query.from, to: query.to, userid: query.userid }, query);
  });
}
