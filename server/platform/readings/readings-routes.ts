import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { forecastQuerySchema, readingsQuerySchema } from '../../../contract/reports';
import { HttpError, pageEnvelope, parseOr400 } from '../http/errors';
import { BadRangeError, type ReadingsRepository } from './readings-repository';

const lockParams = z.object({ lockid: z.string().min(1, 'lockid must not be empty').max(64, 'lockid is too long') });

/** `GET /api/locks/:lockid/readings?from&to&step` and `GET /api/reports/battery-forecast?pagenumber&limit[&groupid&due_within_days]`. */
export function registerReadingsRoutes(app: FastifyInstance, readings: ReadingsRepository): void {
  app.get('/api/locks/:lockid/readings', async (request) => {
    const { lockid } = parseOr400(lockParams, request.params);
    const query = parseOr400(readingsQuerySchema, request.query);
    try {
      const answer = readings.series(lockid, query);
      if (answer === undefined) throw new HttpError(404, `No lock ${lockid} on this platform`);
      return { status: 1 as const, msg: '', ...answer };
    } catch (error) {
      if (error instanceof BadRangeError) throw new HttpError(400, error.message);
      throw error;
    }
  });

  app.get('/api/reports/battery-forecast', async (request) => {
    const query = parseOr400(forecastQuerySchema, request.query);
    const { total, forecasts } = readings.forecasts({
      page: query.pagenumber,
      limit: query.limit,
      groupid: query.groupid,
      dueWithinDays: query.due_within_days,
    });
    return { ...pageEnvelope(total, query.limit, query.pagenumber), forecastslist: forecasts };
  });
}
