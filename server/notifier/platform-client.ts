import { platformDateToMs } from '../../contract/platform-date';
import type { FeedEvent, LockInfo } from './engine-types';

/** The platform answers 404 on its event feed: it has none. */
export class FeedUnavailable extends Error {}
/** The service account was refused at sign-in (its message, never its password). */
export class SignInRefused extends Error {}

const REQUEST_TIMEOUT_MS = 10_000;
const LOCK_PAGE = 100;
const MAX_LOCK_PAGES = 1000;
export const FEED_PAGE = 500;
/** Where history stops is looked for this many feed pages at most (then the next pass goes on). */
const MAX_CATCH_UP_PAGES = 200;

type Json = Record<string, unknown>;

const num = (v: unknown): number | null => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};
const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
const flag = (v: unknown): boolean | null => (num(v) === 1 ? true : num(v) === 0 ? false : null);

function feedEvent(row: Json, timeZone: string, now: number): FeedEvent | null {
  const eventid = num(row.eventid);
  const type = str(row.event_type);
  if (eventid === null || type === null) return null;
  return {
    eventid,
    type,
    lockid: str(row.lockid),
    lockname: str(row.lockname),
    userid: num(row.userid),
    username: str(row.username),
    method: str(row.method),
    actor: str(row.actor),
    groupid: num(row.groupid),
    groupname: str(row.groupname),
    at: platformDateToMs(str(row.event_date), timeZone) ?? now,
    battery: num(row.battery_level),
    reason: str(row.reason),
  };
}

function lockSchedule(value: unknown): LockInfo['schedule'] {
  if (typeof value !== 'object' || value === null) return null;
  const schedule = value as Json;
  const state = str(schedule.state);
  if (state === null) return null;
  // `until` is UTC on the wire (contract/schedules.ts), whatever PLUS_TIMEZONE says.
  return { name: str(schedule.name) ?? 'its schedule', state, until: platformDateToMs(str(schedule.until), 'UTC') };
}

function lockInfo(row: Json): LockInfo | null {
  const lockid = str(row.lockid);
  if (!lockid) return null;
  const groups = Array.isArray(row.lockgroups) ? (row.lockgroups as Json[]) : [];
  return {
    lockid,
    lockname: str(row.lockname) ?? lockid,
    open: flag(row.lock_open_status),
    online: flag(row.lock_online_status),
    battery: num(row.battery_level),
    timed: typeof row.relock_at === 'string' && row.relock_at !== '',
    groupids: groups.map((g) => num(g?.groupid)).filter((g): g is number => g !== null),
    schedule: lockSchedule(row.schedule),
    lockdown: row.lockdown === 1,
  };
}

/** The platform as the notifier reads it: its own account, a Bearer token, signed in again on a 401. */
export class PlatformClient {
  private token: string | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly account: { email: string; password: string },
    private readonly timeZone: string,
    private readonly now: () => number,
  ) {}

  private async signIn(): Promise<string> {
    const response = await fetch(`${this.baseUrl}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: this.account.email, password: this.account.password }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = (await response.json().catch(() => ({}))) as Json;
    if (response.ok && body.status !== 0 && typeof body.token === 'string') return body.token;
    const msg = typeof body.msg === 'string' && body.msg ? body.msg : `HTTP ${response.status}`;
    throw new SignInRefused(`The service account ${this.account.email} could not sign in: ${msg}`);
  }

  private async get(path: string, retried = false): Promise<Json> {
    this.token ??= await this.signIn();
    const response = await fetch(this.baseUrl + path, {
      headers: { authorization: `Bearer ${this.token}` },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = (await response.json().catch(() => null)) as Json | null;
    // A 401, or a vendor's 200 with status 0, may be an expired token: sign in again, once.
    if ((response.status === 401 || (response.ok && body?.status === 0)) && !retried) {
      this.token = null;
      return this.get(path, true);
    }
    if (response.status === 404 && path.startsWith('/api/events')) throw new FeedUnavailable('The platform has no event feed');
    if (!response.ok || !body || body.status === 0) {
      const msg = typeof body?.msg === 'string' && body.msg ? body.msg : `HTTP ${response.status}`;
      throw new Error(`The platform answered ${path.split('?')[0]} with ${msg}`);
    }
    return body;
  }

  /** The newest event's id (0 on an empty feed): where a first start begins, so history is not alerted. */
  async newestEventId(): Promise<number> {
    const body = await this.get('/api/events?pagenumber=1&limit=1');
    const rows = Array.isArray(body.eventslist) ? (body.eventslist as Json[]) : [];
    // The list is newest by date: an event dated ahead (a lock's clock) may hide higher ids behind it,
    // so the feed is read on from there to its end (ids only) for where history stops.
    let newest = num(rows[0]?.eventid) ?? 0;
    for (let page = 0; page < MAX_CATCH_UP_PAGES; page++) {
      const after = await this.get(`/api/events?afterid=${newest}&limit=${FEED_PAGE}`);
      const ids = (Array.isArray(after.eventslist) ? (after.eventslist as Json[]) : []).map((row) => num(row.eventid) ?? 0);
      const highest = Math.max(newest, ...ids);
      if (highest === newest) break;
      newest = highest;
    }
    return newest;
  }

  /** Up to FEED_PAGE events after `afterid`, oldest first. */
  async eventsAfter(afterid: number): Promise<FeedEvent[]> {
    const body = await this.get(`/api/events?afterid=${afterid}&limit=${FEED_PAGE}`);
    const rows = Array.isArray(body.eventslist) ? (body.eventslist as Json[]) : [];
    const now = this.now();
    return rows
      .map((row) => feedEvent(row, this.timeZone, now))
      .filter((e): e is FeedEvent => e !== null && e.eventid > afterid)
      .sort((a, b) => a.eventid - b.eventid);
  }

  /** Every lock, all pages. */
  async locks(): Promise<Record<string, LockInfo>> {
    const locks: Record<string, LockInfo> = {};
    for (let page = 1; page <= MAX_LOCK_PAGES; page++) {
      const body = await this.get(`/api/locks?pagenumber=${page}&limit=${LOCK_PAGE}`);
      const rows = Array.isArray(body.lockslist) ? (body.lockslist as Json[]) : [];
      for (const row of rows) {
        const lock = lockInfo(row);
        if (lock) locks[lock.lockid] = lock;
      }
      const total = num(body.totalCount);
      const pages = total !== null ? Math.ceil(total / LOCK_PAGE) : (num(body.totalPage) ?? page);
      if (rows.length === 0 || page >= pages) break;
    }
    return locks;
  }
}
