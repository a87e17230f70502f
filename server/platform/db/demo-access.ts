import type Database from 'better-sqlite3';
import type { DenialReason, EventMethod, GrantMethod } from '../../../contract/constants';
import { PASSCODE_LENGTH } from '../../../contract/constants';
import { toPlatformDate } from '../../../contract/envelope';
import { formatInZone, platformDateToMs } from '../../../contract/platform-date';
import { type GrantRule, decide } from '../access/enforce';
import { isGuessable } from '../access/grants-repository';
import type { NewEvent } from '../events/events-repository';
import type { Person } from '../users/users-repository';
import { SITES, modelByCode } from './demo-fleet';
import { DEMO_ACCOUNTS, DEMO_PEOPLE, FIRST_PERSON_ID, demoEmail, demoPhone } from './demo-people';
import type { Rng } from './prng';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const ACTOR: string = DEMO_ACCOUNTS[0].name;

/** A demo grant as planned: whom, to what, how, when; `created`/`revoked` in days before now. */
interface Plan {
  person: string;
  target: { group: string } | { lock: string };
  method: GrantMethod;
  /** Wall-clock dates, as days from now and a time of day. */
  start?: readonly [days: number, time: string];
  end?: readonly [days: number, time: string];
  weekdays?: string;
  hours?: readonly [string, string];
  created: number;
  revoked?: number;
}

/** A seeded grant, with the instants the history needs. */
interface SeededGrant extends GrantRule {
  userid: number;
  lockid: string | null;
  groupid: number | null;
  groupname: string | null;
  lockname: string | null;
  createdAt: number;
  revokedAt: number | null;
}

/** People who are not staff of a site: a contractor whose contract ended, a guest, a cleaner, a courier, residents. */
const NOT_STAFF = new Set(['Pedro Alves', 'Zoe Whitfield', 'Rosa Delgado', 'Samuel Mensah', 'Bianca Ferreira', 'Connor Walsh']);
/** Left the company two days ago: everything revoked. */
const LEFT = 'Jamal Carter';
const NEW_HIRE = 'Freya Nilsson';

/**
 * The demo's access: every person but a few is staff of one site (app and card there, and a keypad
 * code or a fingerprint), plus the daily work of a facility manager: a cleaner at Cedar Court
 * weekdays 18:00–22:00 until next quarter, a contractor at HQ whose access expired last week, a
 * guest's keypad code for tomorrow, a night guard at the warehouse (22:00–06:00), a courier on the
 * exterior doors in working hours, IT on the server rooms, residents' codes at Harbor Lofts, a new
 * hire, a lock grant revoked last week, and Jamal, who left two days ago.
 */
function plans(): Plan[] {
  const out: Plan[] = [];
  DEMO_PEOPLE.forEach((person, i) => {
    if (NOT_STAFF.has(person)) return;
    const site = (SITES[i % SITES.length] as (typeof SITES)[number]).name;
    const created = person === NEW_HIRE ? 4.3 : 150 + ((i * 7) % 60);
    const revoked = person === LEFT ? 2.2 : undefined;
    for (const method of ['app', 'card', i % 2 === 0 ? 'keypad' : 'fingerprint'] as const) {
      out.push({ person, target: { group: site }, method, created, revoked });
    }
  });
  const workdays = '12345';
  out.push(
    { person: 'Rosa Delgado', target: { group: 'Cedar Court Offices' }, method: 'card', weekdays: workdays, hours: ['18:00', '22:00'], start: [-21, '00:00:00'], end: [75, '23:59:59'], created: 21.2 },
    { person: 'Rosa Delgado', target: { group: 'Elm Street School' }, method: 'keypad', weekdays: workdays, hours: ['16:00', '20:00'], start: [-21, '00:00:00'], end: [75, '23:59:59'], created: 21.2 },
    { person: 'Pedro Alves', target: { group: 'HQ' }, method: 'card', start: [-45, '00:00:00'], end: [-6, '23:59:59'], created: 45.3 },
    { person: 'Pedro Alves', target: { group: 'HQ' }, method: 'app', start: [-45, '00:00:00'], end: [-6, '23:59:59'], created: 45.3 },
    { person: 'Zoe Whitfield', target: { lock: 'HQ · Boardroom' }, method: 'keypad', start: [1, '09:00:00'], end: [1, '18:00:00'], created: 0.15 },
    { person: 'Samuel Mensah', target: { group: 'Exterior doors' }, method: 'app', weekdays: workdays, hours: ['07:00', '19:00'], created: 60 },
    { person: 'Samuel Mensah', target: { group: 'Exterior doors' }, method: 'card', weekdays: workdays, hours: ['07:00', '19:00'], created: 60 },
    { person: 'Keiko Tanaka', target: { group: 'Riverside Warehouse' }, method: 'card', hours: ['22:00', '06:00'], created: 30 },
    { person: 'Wei Zhang', target: { group: 'Server rooms' }, method: 'fingerprint', created: 90 },
    { person: 'Nikolai Ivanov', target: { group: 'Server rooms' }, method: 'fingerprint', created: 90 },
    { person: 'Bianca Ferreira', target: { lock: 'Harbor Lofts · Unit 101' }, method: 'keypad', created: 100 },
    { person: 'Bianca Ferreira', target: { group: 'Harbor Lofts' }, method: 'app', created: 100 },
    { person: 'Connor Walsh', target: { lock: 'Harbor Lofts · Unit 102' }, method: 'keypad', created: 12 },
    { person: 'Connor Walsh', target: { group: 'Harbor Lofts' }, method: 'app', created: 12 },
    { person: 'Dana Abrams', target: { lock: 'Elm Street School · Library' }, method: 'card', created: 40, revoked: 8.1 },
    { person: 'Ximena Torres', target: { lock: 'Cedar Court Offices · Conference Room 3' }, method: 'keypad', start: [-3, '09:00:00'], end: [-3, '17:00:00'], created: 4 },
  );
  return out;
}

/** How the history treats a door use: as planned, by someone else who may, or refused. */
export type Admission = { person: Person; method: EventMethod } | { denied: DenialReason };

export interface DemoAccess {
  /**
   * A use of the seeded history (person, method, instant at a lock) made consistent with the
   * grants as they were then: kept when allowed; else the same door used by someone who could
   * (the same stand-in for the same person and door, so a door keeps its regulars).
   */
  admit(lock: { lockid: string; lock_model: string }, person: Person, method: EventMethod, t: number): Admission;
  /** Access events in [start, end): grants made and revoked, and refused attempts (with a burst at one door). */
  events(start: number, end: number): { t: number; e: Omit<NewEvent, 'event_date'> }[];
}

/**
 * Seeds the demo's people details and grants once (platform_meta `access_seeded`). Returns what
 * the history needs to agree with them, or null when they were seeded before.
 */
export function seedDemoAccess(db: Database.Database, opts: { now: Date; timeZone: string; rng: Rng }): DemoAccess | null {
  const seeded = db.prepare(`SELECT value FROM platform_meta WHERE key = 'access_seeded'`).pluck().get();
  if (seeded === 1) return null;
  const { timeZone, rng } = opts;
  const now = Math.floor(opts.now.getTime() / 1000) * 1000;
  const wallDate = ([days, time]: readonly [number, string]) => `${formatInZone(now + days * DAY, timeZone).slice(0, 10)} ${time}`;

  const peopleRows = db.prepare<[], Person>(`SELECT userid, name FROM users WHERE role = 'person' ORDER BY userid`).all();
  const byName = new Map(peopleRows.map((p) => [p.name, p]));
  const groupByName = db.prepare<[string], { groupid: number; groupname: string }>('SELECT groupid, groupname FROM lockgroups WHERE groupname = ?');
  const lockByName = db.prepare<[string], { lockid: string; lockname: string }>('SELECT lockid, lockname FROM locks WHERE lockname = ? ORDER BY id LIMIT 1');
  const insert = db.prepare(`
    INSERT INTO grants (userid, lockid, groupid, groupname, method, start_date, end_date, weekdays, start_time, end_time,
      passcode, created_by, created_date, revoked_by, revoked_date)
    VALUES (@userid, @lockid, @groupid, @groupname, @method, @start_date, @end_date, @weekdays, @start_time, @end_time,
      @passcode, @created_by, @created_date, @revoked_by, @revoked_date)`);
  const details = db.prepare<[string, string, string, number]>(
    `UPDATE users SET email = coalesce(email, ?), phone = coalesce(phone, ?), created_date = ? WHERE userid = ? AND role = 'person'`,
  );

  const codes = new Set<string>();
  const newCode = () => {
    for (;;) {
      const code = String(rng.int(0, 10 ** PASSCODE_LENGTH - 1)).padStart(PASSCODE_LENGTH, '0');
      if (!codes.has(code) && !isGuessable(code)) {
        codes.add(code);
        return code;
      }
    }
  };
  const at = (days: number) => now - Math.round(days * DAY) + rng.int(0, 59) * 60_000;

  const grants: SeededGrant[] = [];
  db.transaction(() => {
    for (const person of peopleRows) {
      const index = person.userid - FIRST_PERSON_ID;
      details.run(demoEmail(person.name), demoPhone(index), toPlatformDate(new Date(now - (220 - index) * DAY)), person.userid);
    }
    for (const plan of plans()) {
      const person = byName.get(plan.person);
      if (!person) continue;
      const group = 'group' in plan.target ? groupByName.get(plan.target.group) : undefined;
      const lock = 'lock' in plan.target ? lockByName.get(plan.target.lock) : undefined;
      if (!group && !lock) continue; // a small fleet without that site or door
      const createdAt = at(plan.created);
      // Everything a person loses at once goes at the same instant (offboarding).
      const revokedAt = plan.revoked === undefined ? null : Math.floor((now - plan.revoked * DAY) / 60_000) * 60_000;
      const row = {
        userid: person.userid,
        lockid: lock?.lockid ?? null,
        groupid: group?.groupid ?? null,
        groupname: group?.groupname ?? null,
        method: plan.method,
        start_date: plan.start ? wallDate(plan.start) : null,
        end_date: plan.end ? wallDate(plan.end) : null,
        weekdays: plan.weekdays ?? null,
        start_time: plan.hours?.[0] ?? null,
        end_time: plan.hours?.[1] ?? null,
        passcode: plan.method === 'keypad' ? newCode() : null,
        created_by: ACTOR,
        created_date: toPlatformDate(new Date(createdAt)),
        revoked_by: revokedAt === null ? null : ACTOR,
        revoked_date: revokedAt === null ? null : toPlatformDate(new Date(revokedAt)),
      };
      const grantid = Number(insert.run(row).lastInsertRowid);
      grants.push({ ...row, grantid, lockname: lock?.lockname ?? null, createdAt, revokedAt });
    }
    db.prepare(`UPDATE platform_meta SET value = 1 WHERE key = 'access_seeded'`).run();
  })();

  return demoAccess(db, grants, peopleRows, { now, timeZone, rng });
}

function demoAccess(
  db: Database.Database,
  grants: readonly SeededGrant[],
  people: readonly Person[],
  ctx: { now: number; timeZone: string; rng: Rng },
): DemoAccess {
  const { timeZone, rng } = ctx;
  const groupsOf = new Map<string, number[]>();
  for (const row of db.prepare<[], { lockid: string; groupid: number }>(
    'SELECT l.lockid, m.groupid FROM lockgroup_members m CROSS JOIN locks l ON l.id = m.lock_id',
  ).iterate()) {
    const list = groupsOf.get(row.lockid);
    if (list) list.push(row.groupid);
    else groupsOf.set(row.lockid, [row.groupid]);
  }
  const byGroup = new Map<number, SeededGrant[]>();
  const byLock = new Map<string, SeededGrant[]>();
  for (const g of grants) {
    const map = g.groupid !== null ? byGroup : byLock;
    const key = (g.groupid ?? g.lockid) as never;
    (map as Map<unknown, SeededGrant[]>).set(key, [...((map as Map<unknown, SeededGrant[]>).get(key) ?? []), g]);
  }
  const personById = new Map(people.map((p) => [p.userid, p]));

  // The grants that reach each lock, shared by locks with the same groups and no grants of their own.
  const reachCache = new Map<string, SeededGrant[]>();
  const reaching = (lockid: string): SeededGrant[] => {
    const groups = groupsOf.get(lockid) ?? [];
    const own = byLock.get(lockid);
    const key = own ? `lock:${lockid}` : groups.join(',');
    let list = reachCache.get(key);
    if (!list) {
      list = [...(own ?? []), ...groups.flatMap((g) => byGroup.get(g) ?? [])];
      reachCache.set(key, list);
    }
    return list;
  };
  /** The grants as they stood at t: made by then, revoked only once revoked. */
  const asOf = (list: readonly SeededGrant[], t: number): GrantRule[] =>
    list.filter((g) => g.createdAt <= t).map((g) => (g.revokedAt !== null && g.revokedAt > t ? { ...g, revoked_date: null } : g));
  const decideAt = (lockid: string, userid: number, method: GrantMethod, t: number) =>
    decide(asOf(reaching(lockid).filter((g) => g.userid === userid), t), method, t, timeZone);
  const mix = (a: number, b: number) => {
    let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b, 0xc2b2ae35);
    h ^= h >>> 13;
    return Math.imul(h, 0x27d4eb2f) >>> 0;
  };
  const lockKey = (lockid: string) => [...lockid].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), 7);

  function admit(lock: { lockid: string; lock_model: string }, person: Person, method: EventMethod, t: number): Admission {
    const grantMethod = method as GrantMethod;
    const own = decideAt(lock.lockid, person.userid, grantMethod, t);
    if (own.allowed) return { person, method };
    const methods = modelByCode(lock.lock_model).methods as readonly string[];
    const live = asOf(reaching(lock.lockid), t) as SeededGrant[];
    const allowed = (g: SeededGrant) => decide([g], g.method, t, timeZone).allowed;
    for (const pool of [live.filter((g) => g.method === method), live.filter((g) => methods.includes(g.method))]) {
      const ok = pool.filter(allowed);
      if (ok.length === 0) continue;
      const pick = ok[mix(lockKey(lock.lockid), person.userid) % ok.length] as SeededGrant;
      const stand = personById.get(pick.userid);
      if (stand) return { person: stand, method: pick.method };
    }
    return { denied: own.reason };
  }

  type DoorRow = { lockid: string; lockname: string; lock_model: string };
  /** The locks of a seeded group (by name), read once. */
  const members = db.prepare<[string], DoorRow>(`
    SELECT l.lockid, l.lockname, l.lock_model FROM lockgroups g CROSS JOIN lockgroup_members m ON m.groupid = g.groupid
    CROSS JOIN locks l ON l.id = m.lock_id WHERE g.groupname = ? ORDER BY l.id`);
  const memberCache = new Map<string, DoorRow[]>();
  const membersOf = (groupname: string | null): DoorRow[] => {
    if (groupname === null) return [];
    let list = memberCache.get(groupname);
    if (!list) {
      list = members.all(groupname);
      memberCache.set(groupname, list);
    }
    return list;
  };
  const someMember = (groupname: string | null): DoorRow | null => {
    const list = membersOf(groupname);
    return list.length > 0 ? rng.pick(list) : null;
  };
  const someLocks = db.prepare<[number], DoorRow>(
    'SELECT lockid, lockname, lock_model FROM locks ORDER BY id LIMIT ?',
  ).all(2000);
  const hasMethod = (lock: { lock_model: string }, method: GrantMethod) => (modelByCode(lock.lock_model).methods as readonly string[]).includes(method);
  const wallInstant = (day: number, time: string) =>
    platformDateToMs(`${formatInZone(day, timeZone).slice(0, 10)} ${time}`, timeZone) ?? day;
  const clock = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`;
  const grantOf = (person: string, pred: (g: SeededGrant) => boolean = () => true) =>
    grants.find((g) => personById.get(g.userid)?.name === person && pred(g));

  type Attempt = { userid: number; lock: DoorRow; method: GrantMethod; t: number };
  const keypadStaff = grants.filter((x) => x.method === 'keypad' && x.groupname !== null && x.start_time === null);
  /** One refused attempt of a kind on the day starting at `day` (UTC midnight), or null when that story does not fit. */
  function attempt(kind: number, day: number): Attempt | null {
    switch (kind) {
      case 0: {
        // The cleaner, before or after her hours.
        const g = grantOf('Rosa Delgado', (x) => x.method === 'card');
        const lock = someMember(g?.groupname ?? null);
        if (!g || !lock || !hasMethod(lock, 'card')) return null;
        const t = wallInstant(day, rng.chance(0.5) ? clock(22, rng.int(5, 50)) : clock(rng.int(6, 7), rng.int(0, 59)));
        return { userid: g.userid, lock, method: 'card', t };
      }
      case 1: {
        // The contractor whose access ended.
        const g = grantOf('Pedro Alves', (x) => x.method === 'card');
        const lock = someMember(g?.groupname ?? null);
        if (!g || !lock || !hasMethod(lock, 'card')) return null;
        return { userid: g.userid, lock, method: 'card', t: wallInstant(day, clock(rng.int(8, 17), rng.int(0, 59))) };
      }
      case 2: {
        // The one who left.
        const g = grantOf(LEFT, (x) => x.method === 'card');
        const lock = someMember(g?.groupname ?? null);
        if (!g || !lock || !hasMethod(lock, 'card')) return null;
        return { userid: g.userid, lock, method: 'card', t: wallInstant(day, clock(rng.int(7, 10), rng.int(0, 59))) };
      }
      case 3: {
        // A method the person does not hold (a keypad user at a fingerprint reader).
        if (keypadStaff.length === 0) return null;
        const g = rng.pick(keypadStaff);
        const lock = membersOf(g.groupname).find((l) => hasMethod(l, 'fingerprint') && rng.chance(0.3));
        if (!lock) return null;
        return { userid: g.userid, lock, method: 'fingerprint', t: day + rng.int(7 * 3600, 19 * 3600) * 1000 };
      }
      default: {
        // Someone at a door they have nothing to do with.
        const lock = rng.pick(someLocks);
        const method = rng.pick(modelByCode(lock.lock_model).methods) as GrantMethod;
        return { userid: rng.pick(people).userid, lock, method, t: day + rng.int(0, DAY / 1000 - 1) * 1000 };
      }
    }
  }

  function refusedEvent(a: Attempt): { t: number; e: Omit<NewEvent, 'event_date'> } | null {
    const decision = decideAt(a.lock.lockid, a.userid, a.method, a.t);
    if (decision.allowed) return null;
    return {
      t: a.t,
      e: {
        lockid: a.lock.lockid,
        lockname: a.lock.lockname,
        event_type: 'access_denied',
        userid: a.userid,
        username: personById.get(a.userid)?.name ?? null,
        method: a.method,
        battery_level: null,
        reason: decision.reason,
      },
    };
  }

  function events(start: number, end: number) {
    const out: { t: number; e: Omit<NewEvent, 'event_date'> }[] = [];
    const inRange = (t: number | null): t is number => t !== null && t >= start && t < end;
    for (const g of grants) {
      const base = {
        lockid: g.lockid,
        lockname: g.lockname,
        userid: g.userid,
        username: personById.get(g.userid)?.name ?? null,
        method: g.method,
        battery_level: null,
        actor: ACTOR,
        groupid: g.groupid,
        groupname: g.groupname,
      };
      if (inRange(g.createdAt)) out.push({ t: g.createdAt, e: { ...base, event_type: 'access_granted' } });
      if (inRange(g.revokedAt)) out.push({ t: g.revokedAt, e: { ...base, event_type: 'access_revoked' } });
    }
    // A few refused attempts a day, more on a bigger fleet.
    const perDay = Math.min(40, Math.max(2, Math.round(someLocks.length / 80)));
    for (let day = Math.floor(start / DAY) * DAY; day < end; day += DAY) {
      for (let i = 0; i < perDay; i += 1) {
        const a = attempt(rng.weighted([[0, 2], [1, 1], [2, 1], [3, 1], [4, 2]]), day);
        const event = a && inRange(a.t) ? refusedEvent(a) : null;
        if (event) out.push(event);
      }
    }
    // The guest trying her code a day early, this morning.
    const guest = grantOf('Zoe Whitfield');
    if (guest?.lockid && guest.lockname) {
      const lock = someLocks.find((l) => l.lockid === guest.lockid) ?? { lockid: guest.lockid, lockname: guest.lockname, lock_model: 'ARH3EM' };
      const event = refusedEvent({ userid: guest.userid, lock, method: 'keypad', t: Math.max(guest.createdAt + 20 * 60_000, ctx.now - 2 * HOUR) });
      if (event && inRange(event.t)) out.push(event);
    }
    // A possible break-in attempt: three refusals within two minutes at one door, last night.
    const door = someLocks[Math.floor(someLocks.length / 3)];
    const stranger = door && people.find((p) => decideAt(door.lockid, p.userid, 'card', ctx.now).allowed === false && reaching(door.lockid).every((g) => g.userid !== p.userid));
    if (door && stranger) {
      const first = ctx.now - DAY + rng.int(0, 3600) * 1000;
      const method = modelByCode(door.lock_model).methods[0] as GrantMethod;
      for (const offset of [0, 35_000, 95_000]) {
        const event = refusedEvent({ userid: stranger.userid, lock: door, method, t: first + offset });
        if (event && inRange(event.t)) out.push(event);
      }
    }
    return out;
  }

  return { admit, events };
}
