import { expect } from 'vitest';
import { grantListResponseSchema, personResponseSchema } from '../../../contract/access';
import type { Grant, Person } from '../../../contract/access';
import { startPlatform } from '../platform';
import { call, loginAs } from '../testing';

/**
 * An embedded platform for the issue-25 tests: frozen fleet, no history, Europe/Berlin, a clock the
 * test moves, and calls as the demo manager.
 */
export async function peoplePlatform(start: string) {
  let clock = new Date(start);
  const platform = await startPlatform({ dbPath: ':memory:', simulator: false, seed: { locks: 12, historyDays: 0 }, now: () => clock, timeZone: 'Europe/Berlin' });
  // Tokens live 12 hours of the platform's clock: signed in again when the test moves it far.
  let held = { token: await loginAs(platform.url, 'manager'), at: clock.getTime() };
  const token = async () => {
    if (Math.abs(clock.getTime() - held.at) > 6 * 3600_000) held = { token: await loginAs(platform.url, 'manager'), at: clock.getTime() };
    return held.token;
  };
  const locks = platform.db.prepare('SELECT lockid FROM locks ORDER BY id LIMIT 6').pluck().all() as string[];
  const send = async (method: string, path: string, body?: unknown, headers?: Record<string, string>) => call(platform.url, method, path, { token: await token(), body, headers });
  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await send(method, path, body);
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body as Record<string, unknown>;
  };
  return {
    platform,
    locks,
    send,
    ok,
    at(iso: string) {
      clock = new Date(iso);
    },
    async person(username: string, extra: Record<string, unknown> = {}): Promise<Person> {
      return personResponseSchema.parse(await ok('POST', '/api/people', { username, ...extra })).person;
    },
    async grantsOf(userid: number): Promise<Grant[]> {
      return grantListResponseSchema.parse(await ok('GET', `/api/grants?pagenumber=1&limit=100&userid=${userid}`)).grantslist;
    },
    count: (sql: string, ...params: unknown[]) => platform.db.prepare(sql).pluck().get(...params) as number,
  };
}
export type PeoplePlatform = Awaited<ReturnType<typeof peoplePlatform>>;
