import type { FastifyInstance } from 'fastify';
import { pagingQueryShape, toPlatformDate } from '../../../contract/envelope';
import {
  holidayBodySchema,
  holidayIdParamsSchema,
  scheduleBodySchema,
  scheduleChangeSchema,
  scheduleIdParamsSchema,
} from '../../../contract/schedules';
import type { Holiday, HolidayBody, Schedule } from '../../../contract/schedules';
import { z } from 'zod';
import { pageEnvelope, parseOr400 } from '../http/errors';
import { scheduleStatus } from './schedule-time';
import type { Scheduler } from './scheduler';
import type { ScheduleFields, SchedulesRepository, StoredSchedule } from './schedules-repository';

/** Both lists page like the others, and answer their first 100 without paging. */
const pagingQuerySchema = z.object(pagingQueryShape).partial();
function paging(query: unknown): { pagenumber: number; limit: number } {
  const { pagenumber, limit } = parseOr400(pagingQuerySchema, query);
  return { pagenumber: pagenumber ?? 1, limit: limit ?? 100 };
}
const flag = (value: 0 | 1 | boolean | undefined): 0 | 1 => (value === true || value === 1 ? 1 : 0);

function holidayFields(body: HolidayBody): Omit<Holiday, 'holidayid'> {
  return { name: body.name, start_date: body.start_date, end_date: body.end_date ?? body.start_date, yearly: flag(body.yearly) };
}

/**
 * Door schedules and holidays: `GET/POST /api/schedules`, `GET/PUT/DELETE /api/schedules/:scheduleid`,
 * `GET/POST /api/holidays`, `PUT/DELETE /api/holidays/:holidayid`. A change applies at once (the
 * scheduler runs for the locks it touches); `next_change` is computed when answering.
 */
export function registerScheduleRoutes(
  app: FastifyInstance,
  deps: { schedules: SchedulesRepository; scheduler: Scheduler; now: () => Date; timeZone: string },
): void {
  const { schedules, scheduler, now, timeZone } = deps;

  function answer(stored: StoredSchedule): Schedule {
    const next = scheduleStatus(stored, now().getTime()).next;
    return {
      scheduleid: stored.scheduleid,
      name: stored.name,
      timezone: stored.timezone,
      windows: stored.windows,
      first_person_in: stored.first_person_in,
      holidayids: stored.holidayids,
      lockids: stored.lockids,
      groupids: stored.groupids,
      next_change: next ? { date: toPlatformDate(new Date(next.at)), action: next.action } : null,
    };
  }

  /** Runs a change and applies the due state to the locks the schedule drove before and drives after. */
  function applying(scheduleid: number | null, change: () => StoredSchedule): StoredSchedule {
    const before = scheduleid === null ? [] : schedules.locksOf(scheduleid);
    const stored = change();
    scheduler.applyNow([...new Set([...before, ...schedules.locksOf(stored.scheduleid)])]);
    return stored;
  }

  app.get('/api/schedules', async (request) => {
    const query = paging(request.query);
    const page = schedules.page(query.pagenumber, query.limit);
    return { ...pageEnvelope(page.totalCount, query.limit, query.pagenumber), scheduleslist: page.schedules.map(answer) };
  });

  app.get('/api/schedules/:scheduleid', async (request) => {
    const { scheduleid } = parseOr400(scheduleIdParamsSchema, request.params);
    return { status: 1, msg: '', schedule: answer(schedules.find(scheduleid)) };
  });

  app.post('/api/schedules', async (request) => {
    const body = parseOr400(scheduleBodySchema, request.body);
    const fields: ScheduleFields = {
      name: body.name,
      timezone: body.timezone ?? timeZone,
      windows: body.windows,
      first_person_in: flag(body.first_person_in),
      holidayids: body.holidayids ?? [],
      lockids: body.lockids ?? [],
      groupids: body.groupids ?? [],
    };
    const stored = applying(null, () => schedules.create(fields));
    return { status: 1, msg: `${stored.name} created`, schedule: answer(stored) };
  });

  app.put('/api/schedules/:scheduleid', async (request) => {
    const { scheduleid } = parseOr400(scheduleIdParamsSchema, request.params);
    const { first_person_in, ...body } = parseOr400(scheduleChangeSchema, request.body);
    const change: Partial<ScheduleFields> = first_person_in === undefined ? body : { ...body, first_person_in: flag(first_person_in) };
    const stored = applying(scheduleid, () => schedules.update(scheduleid, change));
    return { status: 1, msg: `${stored.name} saved`, schedule: answer(stored) };
  });

  app.delete('/api/schedules/:scheduleid', async (request) => {
    const { scheduleid } = parseOr400(scheduleIdParamsSchema, request.params);
    const before = schedules.locksOf(scheduleid);
    const stored = schedules.remove(scheduleid);
    scheduler.applyNow(before);
    return { status: 1, msg: `${stored.name} deleted; its doors stay as they are`, schedule: answer(stored) };
  });

  app.get('/api/holidays', async (request) => {
    const { pagenumber, limit } = paging(request.query);
    const page = schedules.holidays.page(pagenumber, limit);
    return { ...pageEnvelope(page.totalCount, limit, pagenumber), holidayslist: page.holidays };
  });

  app.post('/api/holidays', async (request) => {
    const holiday = schedules.holidays.create(holidayFields(parseOr400(holidayBodySchema, request.body)));
    return { status: 1, msg: `${holiday.name} created`, holiday };
  });

  app.put('/api/holidays/:holidayid', async (request) => {
    const { holidayid } = parseOr400(holidayIdParamsSchema, request.params);
    const holiday = schedules.holidays.update(holidayid, holidayFields(parseOr400(holidayBodySchema, request.body)));
    scheduler.refresh();
    return { status: 1, msg: `${holiday.name} saved`, holiday };
  });

  app.delete('/api/holidays/:holidayid', async (request) => {
    const { holidayid } = parseOr400(holidayIdParamsSchema, request.params);
    const holiday = schedules.holidays.remove(holidayid);
    scheduler.refresh();
    return { status: 1, msg: `${holiday.name} deleted`, holiday };
  });
}
