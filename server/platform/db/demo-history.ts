import { toPlatformDate } from '../../../contract/envelope';
import type { EventMethod } from '../../../contract/events';
import type { NewEvent } from '../events/events-repository';
import type { Person } from '../users/users-repository';
import { modelByCode } from './demo-fleet';
import type { SeedLock } from './demo-fleet';
import type { Rng } from './prng';
import type { DemoAccess } from './demo-access';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Relative traffic per hour of day (UTC): morning arrival, lunch, leaving. */
const HOURLY: readonly number[] = [
  0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.8, 2.2, 3.2, 2.0, 1.5, 1.6, 2.4, 2.2, 1.5, 1.4, 1.8, 2.6, 1.6, 0.9, 0.6, 0.4, 0.3, 0.2,
];
const HOURLY_TOTAL = HOURLY.reduce((a, b) => a + b, 0);
/** Sites busy all week. */
const ALWAYS_OPEN = ['Harbor Lofts', 'Lakeview Hotel', 'Westfield Data Center', 'Northgate Clinic'];
/** Uses per day are a door's traffic scaled by this (keeps the default seed under ~1 s). */
const TRAFFIC_SCALE = 0.2;
/** Big fleets get proportionally quieter doors: the history stays around a million events at most. */
const MAX_HISTORY_EVENTS = 1_000_000;
const EVENTS_PER_LOCK_DAY = 5;

/** toPlatformDate for many timestamps: the day part is formatted once per day. */
function dateFormatter(): (ms: number) => string {
  const days = new Map<number, string>();
  const two = (n: number) => (n < 10 ? `0${n}` : String(n));
  return (ms) => {
    const day = Math.floor(ms / DAY);
    let prefix = days.get(day);
    if (prefix === undefined) {
      prefix = toPlatformDate(new Date(day * DAY)).slice(0, 11);
      days.set(day, prefix);
    }
    const s = Math.floor((ms - day * DAY) / 1000);
    return `${prefix}${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
  };
}

function hourOfDay(rng: Rng): number {
  let roll = rng.next() * HOURLY_TOTAL;
  for (let hour = 0; hour < 24; hour += 1) {
    roll -= HOURLY[hour] as number;
    if (roll < 0) return hour;
  }
  return 23;
}

/** A person's method on a door with this model: mostly the door's own reader, sometimes the app. */
export function methodFor(model: string, rng: Rng): EventMethod {
  const methods = modelByCode(model).methods;
  return rng.chance(0.78) ? (methods[0] as EventMethod) : rng.pick(methods);
}

/**
 * `days` of believable history before `now`, oldest first: people unlocking doors in working-hours
 * peaks with their door's method, the door relocking itself or being locked again, a few outages
 * (offline/online pairs) and battery_low events for locks that are low now. With `access`, each use
 * agrees with the grants of its time (someone who may use the door; refused when nobody could), and
 * the grants, revocations and refused attempts of the period are in it too.
 */
export function generateHistory(
  locks: readonly SeedLock[],
  people: readonly Person[],
  rng: Rng,
  now: Date,
  days: number,
  access?: DemoAccess,
): NewEvent[] {
  const admit: DemoAccess['admit'] = access ? access.admit : (_lock, person, method) => ({ person, method });
  if (days <= 0 || people.length === 0) return [];
  const events: { t: number; e: Omit<NewEvent, 'event_date'> }[] = [];
  const end = now.getTime();
  const start = end - days * DAY;
  const firstDay = Math.floor(start / DAY) * DAY;
  const scale = TRAFFIC_SCALE * Math.min(1, MAX_HISTORY_EVENTS / (locks.length * days * EVENTS_PER_LOCK_DAY));
  for (const lock of locks) {
    const site = lock.lockname.split(' · ')[0] ?? '';
    const weekendFactor = ALWAYS_OPEN.includes(site) ? 0.85 : 0.2;
    const offlineSince = lock.lock_online_status === 0 ? Date.parse(`${lock.online_updated_date.replace(' ', 'T')}Z`) : Infinity;
    const push = (t: number, e: Omit<NewEvent, 'lockid' | 'lockname' | 'event_date' | 'battery_level'> & { battery_level?: number | null }) => {
      if (t >= start && t < end && t < offlineSince) {
        events.push({ t, e: { lockid: lock.lockid, lockname: lock.lockname, ...e, battery_level: e.battery_level ?? null } });
      }
    };
    // A door's regulars: a handful of people use it.
    const regulars = Array.from({ length: 4 }, () => rng.pick(people));
    for (let day = firstDay; day < end; day += DAY) {
      const weekday = new Date(day).getUTCDay();
      const factor = weekday === 0 || weekday === 6 ? weekendFactor : 1;
      const expected = lock.traffic * scale * factor;
      const uses = Math.floor(expected) + (rng.chance(expected % 1) ? 1 : 0);
      for (let u = 0; u < uses; u += 1) {
        const t = day + hourOfDay(rng) * HOUR + rng.int(0, HOUR - 1);
        const planned = rng.chance(0.85) ? rng.pick(regulars) : rng.pick(people);
        const plannedMethod = methodFor(lock.lock_model, rng);
        const use = admit(lock, planned, plannedMethod, t);
        // The same draws either way, so the rest of the history does not depend on the grants.
        const relock = t + rng.int(4, 600) * 1000;
        const bySystem = rng.chance(0.7);
        if ('denied' in use) {
          push(t, { event_type: 'access_denied', userid: planned.userid, username: planned.name, method: plannedMethod, reason: use.denied });
          continue;
        }
        const { person, method } = use;
        push(t, { event_type: 'unlocked', userid: person.userid, username: person.name, method });
        if (bySystem) push(relock, { event_type: 'locked', userid: null, username: null, method: 'system' });
        else push(relock, { event_type: 'locked', userid: person.userid, username: person.name, method });
      }
    }
    // Now and then an outage: offline, back online minutes or hours later.
    const outages = rng.int(0, Math.max(1, Math.round(days / 30)));
    for (let o = 0; o < outages; o += 1) {
      const t = start + rng.int(0, days * 24 - 8) * HOUR + rng.int(0, HOUR - 1);
      push(t, { event_type: 'offline', userid: null, username: null, method: 'system' });
      push(t + rng.int(3 * 60, 6 * 3600) * 1000, { event_type: 'online', userid: null, username: null, method: 'system' });
    }
    // Consistent with now: low batteries crossed 20 % (and 10 %) a few days ago; an offline lock
    // went offline at its last update; an unlocked lock was last unlocked by someone.
    const battery = lock.battery_level;
    if (battery !== null && battery <= 20) {
      const crossed20 = end - rng.int(2 * 24, Math.min(days, 20) * 24) * HOUR;
      push(crossed20, { event_type: 'battery_low', userid: null, username: null, method: 'system', battery_level: 20 });
      if (battery <= 10) push(crossed20 + rng.int(12, 36) * HOUR, { event_type: 'battery_low', userid: null, username: null, method: 'system', battery_level: 10 });
    }
    if (lock.lock_online_status === 0) {
      const t = offlineSince;
      if (t >= start) {
        const e = { lockid: lock.lockid, lockname: lock.lockname, event_type: 'offline', userid: null, username: null, method: 'system', battery_level: null } as const;
        events.push({ t, e });
      }
    }
    if (lock.lock_open_status === 1) {
      const regular = rng.pick(regulars);
      const t = end - rng.int(60, 4 * 3600) * 1000;
      const planned = methodFor(lock.lock_model, rng);
      // The door is open now: someone opened it (the planned person when nobody could have).
      const use = admit(lock, regular, planned, t);
      const { person, method } = 'denied' in use ? { person: regular, method: planned } : use;
      push(t, { event_type: 'unlocked', userid: person.userid, username: person.name, method });
    }
  }
  if (access) {
    const offlineSince = new Map(
      locks.filter((l) => l.lock_online_status === 0).map((l) => [l.lockid, Date.parse(`${l.online_updated_date.replace(' ', 'T')}Z`)]),
    );
    for (const extra of access.events(start, end)) {
      const lockid = extra.e.lockid;
      if (lockid === null || extra.t < (offlineSince.get(lockid) ?? Infinity)) events.push(extra);
    }
  }
  events.sort((a, b) => a.t - b.t);
  const format = dateFormatter();
  return events.map(({ t, e }) => ({ ...e, event_date: format(t) }));
}
