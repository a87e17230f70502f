/** A fresh platform (Europe/Berlin, frozen clock, no history) for the report tests, and events written at chosen dates. */
import { expect } from 'vitest';
import { envelopeSchema } from '../../../contract/envelope';
import type { DenialReason, EventMethod, EventType } from '../../../contract/events';
import { FIRST_PERSON_ID } from '../db/demo-people';
import { createEventsRepository } from '../events/events-repository';
import { startPlatform } from '../platform';
import { call, loginAs } from '../testing';

export const NOW = new Date('2026-12-10T12:00:00Z');

export async function reportPlatform(locks = 6) {
  const platform = await startPlatform({ dbPath: ':memory:', simulator: false, seed: { locks, historyDays: 0 }, now: () => NOW, timeZone: 'Europe/Berlin' });
  const token = await loginAs(platform.url, 'support');
  const manager = await loginAs(platform.url, 'manager');
  const events = createEventsRepository(platform.db);
  const lockids = platform.db.prepare('SELECT lockid FROM locks ORDER BY id').pluck().all() as string[];
  const nameOf = (lockid: string) => platform.db.prepare('SELECT lockname FROM locks WHERE lockid = ?').pluck().get(lockid) as string;

  /** Writes one event of a lock at a UTC date "YYYY-MM-DD HH:mm:ss". */
  function event(lockid: string, event_type: EventType, event_date: string, more: { method?: EventMethod; reason?: DenialReason } = {}) {
    const person = event_type === 'unlocked' || event_type === 'access_denied';
    events.insert({
      lockid,
      lockname: nameOf(lockid),
      event_type,
      userid: person ? FIRST_PERSON_ID : null,
      username: person ? 'Jamal Carter' : null,
      method: more.method ?? (person ? 'card' : 'system'),
      event_date,
      battery_level: null,
      reason: more.reason ?? null,
    });
  }

  async function get<T>(schema: { parse(v: unknown): T }, path: string): Promise<T> {
    const { status, body } = await call(platform.url, 'GET', path, { token });
    expect(status, `GET ${path}: ${JSON.stringify(body)}`).toBe(200);
    return schema.parse(body);
  }

  /** The answer's HTTP code and `msg` for a refused request (`as` '' sends no token). */
  async function refused(path: string, as = token): Promise<{ status: number; msg: string }> {
    const { status, body } = await call(platform.url, 'GET', path, { token: as });
    return { status, msg: envelopeSchema.parse(body).msg };
  }

  /** A new group of these locks (through the API, as a manager would), its id. */
  async function group(groupname: string, members: string[]): Promise<number> {
    const made = await call(platform.url, 'POST', '/api/lockgroups', { token: manager, body: { groupname } });
    const groupid = (made.body as { lockgroup: { groupid: number } }).lockgroup.groupid;
    const put = await call(platform.url, 'PUT', `/api/lockgroups/${groupid}/locks`, { token: manager, body: { add: members } });
    expect(put.status).toBe(200);
    return groupid;
  }

  return { platform, lockids, nameOf, event, get, refused, group, close: () => platform.close() };
}
