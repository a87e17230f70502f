import type Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import type { LocksRepository } from '../locks/locks-repository';
import { createReadingsRepository } from './readings-repository';
import { registerReadingsRoutes } from './readings-routes';
import { type ReadingsSampler, createReadingsSampler } from './sampler';

/**
 * Issue 26's readings: the routes, and the sampler, which runs (and stops with the platform) when
 * `sample` is on (with the simulator: a frozen fleet has nothing new to sample). Tests tick it.
 */
export function registerReadings(
  app: FastifyInstance,
  deps: { db: Database.Database; locks: LocksRepository; now: () => Date; sample: boolean },
): ReadingsSampler {
  const { db, locks, now } = deps;
  registerReadingsRoutes(app, createReadingsRepository(db, now, (lockid) => locks.resolve(lockid)));
  const sampler = createReadingsSampler({ db, now });
  app.addHook('onClose', async () => sampler.stop());
  if (deps.sample) sampler.start();
  return sampler;
}
