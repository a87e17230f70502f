import type { FastifyBaseLogger } from 'fastify';
import type { Features } from '../../contract/app-config';
import type { SharedState } from './shared-state';
import { discoverReportFeatures } from './reports/report-features';
import { PROBE_PATH, signOutSignal } from './signed-out';
import { type Upstream, isSuccess } from './upstream';

export const NO_FEATURES: Features = {
  lockFilters: false,
  lockSorting: false,
  lockSummary: false,
  lockDetail: false,
  lockCommands: false,
  timedUnlock: false,
  eventHistory: false,
  eventFeed: false,
  lockGroups: false,
  access: false,
  schedules: false,
  lockdowns: false,
  roles: false,
  passes: false,
  accessCheck: false,
  readings: false,
  reports: false,
};

const REFRESH_MS = 5 * 60_000;
const RETRY_MS = 30_000;

type Get = (path: string) => Promise<Record<string, unknown> | null>;
/** The status and body of a probe, whatever it said (null: no JSON answer). */
type Probe = (path: string) => Promise<{ status: number; body: unknown } | null>;

function totalOf(body: Record<string, unknown> | null): number | null {
  return body && typeof body.totalCount === 'number' ? body.totalCount : null;
}

function firstLockId(body: Record<string, unknown> | null): string | null {
  const list = body?.lockslist;
  if (!Array.isArray(list) || list.length === 0) return null;
  const id = (list[0] as { lockid?: unknown }).lockid;
  return typeof id === 'string' ? id : null;
}

function hasField(body: Record<string, unknown> | null, field: string, listName = 'lockslist'): boolean {
  const list = body?.[listName];
  return Array.isArray(list) && list.length > 0 && typeof list[0] === 'object' && list[0] !== null && field in list[0];
}

function firstUserId(people: Record<string, unknown> | null): number | null {
  const list = people?.peoplelist;
  const id = Array.isArray(list) && list.length > 0 ? (list[0] as { userid?: unknown }).userid : undefined;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Whether the host answers `GET /api/access-check` (contract/people.ts), by asking it harmlessly
 * (a read). With a person and a lock to ask about: a 200 with a `check` that says `allowed` and
 * why, which no host without the route can send. Without either (an empty fleet or no people):
 * a question the route refuses (`userid=0`), answered 400 `{status: 0}` by the route; a host
 * without the route answers an unknown path 404, never 400, so the two cannot be confused (a
 * vendor host answering every failure 200 `status: 0` is then not counted: its access check is
 * found once it has a person and a lock).
 */
async function probeAccessCheck(probe: Probe, userid: number | null, lockid: string | null): Promise<boolean> {
  if (userid !== null && lockid !== null) {
    const answer = await probe(`/api/access-check?userid=${userid}&lockid=${encodeURIComponent(lockid)}`);
    const check = isObject(answer?.body) ? answer.body.check : undefined;
    return answer?.status === 200 && isSuccess(answer.body) && isObject(check) && (check.allowed === 0 || check.allowed === 1) && typeof check.explanation === 'string';
  }
  const answer = await probe('/api/access-check?userid=0&lockid=probe');
  return answer?.status === 400 && isObject(answer.body) && answer.body.status === 0;
}

/** Issue 25's features: roles (with people rows that carry `status`), visitor passes, the access check. */
async function discoverPeopleFeatures(get: Get, probe: Probe, people: Record<string, unknown> | null, lockid: string | null) {
  const [roles, passes, accessCheck] = await Promise.all([
    get('/api/roles?pagenumber=1&limit=1'),
    get('/api/passes?pagenumber=1&limit=1'),
    probeAccessCheck(probe, firstUserId(people), lockid),
  ]);
  const peopleRows = people !== null && Array.isArray(people.peoplelist) ? people.peoplelist : null;
  return {
    // Roles come with a person's lifecycle: the people rows must carry `status` (and roles, their list).
    roles: roles !== null && Array.isArray(roles.roleslist) && peopleRows !== null && (peopleRows.length === 0 || hasField(people, 'status', 'peoplelist')),
    passes: passes !== null && Array.isArray(passes.passeslist),
    accessCheck,
  };
}

/**
 * Asks the upstream which of our optional endpoints (DESIGN.md) it has, by using them harmlessly:
 * reads only, never a command. A real host that ignores unknown parameters is caught by
 * checking that filters and sorting actually change the answer. Null when the platform no longer
 * takes the token (its refusals say nothing about the endpoints).
 */
export async function discoverFeatures(upstream: Upstream, token: string | null = null): Promise<Features | null> {
  let signedOut = false;
  const get: Get = async (path) => {
    try {
      const answer = await upstream.request(path, { token });
      if (answer.signedOut) signedOut = true;
      return answer.status === 200 && isSuccess(answer.body) ? answer.body : null;
    } catch {
      return null;
    }
  };
  const probe: Probe = async (path) => {
    try {
      const answer = await upstream.request(path, { token });
      if (answer.signedOut) signedOut = true;
      return { status: answer.status, body: answer.body };
    } catch {
      return null;
    }
  };
  const list = (query: string) => get(`/api/locks?pagenumber=1&limit=1${query}`);

  const [all, online, offline, asc, desc, summary, history, feed, groups, people, grants, schedules, lockdowns] = await Promise.all([
    list(''),
    list('&online=1'),
    list('&online=0'),
    list('&sortby=lockname&sortorder=asc'),
    list('&sortby=lockname&sortorder=desc'),
    get('/api/locks/summary'),
    get('/api/events?pagenumber=1&limit=1'),
    get('/api/events?afterid=0&limit=1'),
    get('/api/lockgroups?pagenumber=1&limit=1'),
    get('/api/people?pagenumber=1&limit=1'),
    get('/api/grants?pagenumber=1&limit=1'),
    get('/api/schedules?pagenumber=1&limit=1'),
    get('/api/lockdowns?state=active'),
  ]);

  const total = totalOf(all);
  const onlineCount = totalOf(online);
  const offlineCount = totalOf(offline);
  const lockFilters =
    total !== null &&
    onlineCount !== null &&
    offlineCount !== null &&
    onlineCount + offlineCount === total &&
    (total === 0 || onlineCount !== offlineCount || onlineCount !== total);
  const sortedTotal = totalOf(asc);
  const lockSorting =
    asc !== null && desc !== null && sortedTotal !== null && (sortedTotal < 2 || firstLockId(asc) !== firstLockId(desc));

  const sampleId = firstLockId(all);
  const detail = sampleId ? await get(`/api/locks/${encodeURIComponent(sampleId)}`) : null;
  const lockDetail = detail !== null && typeof detail.lock === 'object' && detail.lock !== null;
  const [peopleFeatures, reportFeatures] = await Promise.all([discoverPeopleFeatures(get, probe, people, sampleId), discoverReportFeatures(get, sampleId)]);
  if (signedOut) return null;

  return {
    lockFilters,
    lockSorting,
    lockSummary: summary !== null && typeof summary.summary === 'object' && summary.summary !== null,
    lockDetail,
    // Commands cannot be probed without moving a door; they ship with the detail endpoint.
    lockCommands: lockDetail,
    // A platform that relocks by itself says so on every lock (`relock_at`, null when none).
    timedUnlock: lockDetail && hasField(all, 'relock_at'),
    eventHistory: history !== null && Array.isArray(history.eventslist),
    eventFeed: feed !== null && Array.isArray(feed.eventslist),
    // Groups are only usable when the lock rows name them too (the group filter and the rows' groups).
    lockGroups: groups !== null && Array.isArray(groups.lockgroupslist) && (totalOf(all) === 0 || hasField(all, 'lockgroups')),
    access: people !== null && Array.isArray(people.peoplelist) && grants !== null && Array.isArray(grants.grantslist),
    // Both are states the lock rows carry too (`schedule`, `lockdown`): a list without them cannot show them.
    schedules: schedules !== null && Array.isArray(schedules.scheduleslist) && (totalOf(all) === 0 || hasField(all, 'schedule')),
    lockdowns: lockdowns !== null && Array.isArray(lockdowns.lockdownslist) && (totalOf(all) === 0 || hasField(all, 'lockdown')),
    ...peopleFeatures,
    ...reportFeatures,
  };
}

/**
 * Keeps the discovered features fresh: every 5 minutes, or every 30 s while the upstream is
 * unreachable. An upstream that wants sign-in answers probes without a token with 401 (or 200 and
 * `status: 0`, as a vendor host answers every failure); its
 * features are then discovered with the token of a session (at sign-in, and on a later request
 * once they are stale), and kept meanwhile.
 */
export class Capabilities {
  private current: Features = NO_FEATURES;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private reached = false;
  private discoveredAt = 0;
  private inFlight: Promise<Features> | null = null;
  /** The upstream answered the probes without a token with 401. */
  private needsToken = false;
  discoveredWithToken = false;

  constructor(
    private readonly upstream: Upstream,
    private readonly log: FastifyBaseLogger,
    /** Redis of several copies: what one copy discovered, the others use. */
    private readonly shared: SharedState | null = null,
  ) {}

  get features(): Features {
    return this.current;
  }

  /**
   * Probes now; with a token, probes as that session. Probes run one after another, so that a
   * session's probe is never answered by a token-less one that was already under way.
   */
  refresh(token: string | null = null): Promise<Features> {
    const run = () => this.probe(token);
    const next: Promise<Features> = (this.inFlight ?? Promise.resolve()).then(run, run).finally(() => {
      if (this.inFlight === next) this.inFlight = null;
    });
    this.inFlight = next;
    return next;
  }

  /**
   * For a request with a session, when the features are not known yet (an upstream that wants
   * sign-in, and no session has been through this copy of the gateway): probe with its token now,
   * waiting a few seconds at most.
   */
  async discoverWith(token: string, waitMs = 3_000): Promise<void> {
    if (!this.needsToken || this.discoveredWithToken) return;
    if (await this.adoptShared()) return;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise((resolve) => (timer = setTimeout(resolve, waitMs)));
    // The wait ends with the probe: no timer outlives it (a stopping gateway waits for none).
    await Promise.race([this.refresh(token), waited]).finally(() => clearTimeout(timer));
  }

  /** For requests that carry a session: re-probe with its token when the features are stale. */
  refreshIfStale(token: string) {
    if (this.needsToken && !this.inFlight && Date.now() - this.discoveredAt > REFRESH_MS) void this.refresh(token);
  }

  start(): void {
    this.stopped = false;
    const schedule = () => {
      // A probe under way when the gateway stopped schedules nothing after it.
      if (this.stopped) return;
      this.timer = setTimeout(
        () => void this.refresh().finally(schedule),
        this.reached ? REFRESH_MS : RETRY_MS,
      );
      this.timer.unref();
    };
    schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async probe(token: string | null): Promise<Features> {
    this.reached = await this.upstream.ping(5_000);
    if (!this.reached) {
      this.log.warn('upstream unreachable; optional features unknown, retrying');
      return this.current;
    }
    if (!token) {
      const answer = await this.upstream.request(PROBE_PATH, { timeoutMs: 5_000 }).catch(() => null);
      // Wanting sign-in, said as a host says "signed out": a 401, or its 200 with `status: 0`.
      if (answer && signOutSignal(answer.status, { kind: 'json', body: answer.body }) !== 'none') {
        this.needsToken = true;
        return this.current;
      }
    }
    const found = await discoverFeatures(this.upstream, token);
    if (!found) return this.current;
    if (JSON.stringify(found) !== JSON.stringify(this.current)) this.log.info({ features: found }, 'upstream features discovered');
    this.current = found;
    this.discoveredAt = Date.now();
    this.discoveredWithToken = token !== null;
    void this.shared?.available?.set(SHARED_KEY, JSON.stringify(found), 'PX', REFRESH_MS * 3).catch(() => undefined);
    return found;
  }

  /** Takes the features another copy discovered (through Redis), when there are any: true if taken. */
  private async adoptShared(): Promise<boolean> {
    const redis = this.shared?.available;
    if (!redis) return false;
    const stored = await redis.get(SHARED_KEY).catch(() => null);
    const features = parseFeatures(stored);
    if (!features) return false;
    this.current = features;
    this.discoveredAt = Date.now();
    this.discoveredWithToken = true;
    return true;
  }
}

const SHARED_KEY = 'features';

/** Features as another copy stored them: every known name a boolean, else nothing. */
function parseFeatures(stored: string | null): Features | null {
  if (!stored) return null;
  try {
    const value = JSON.parse(stored) as Record<string, unknown>;
    const names = Object.keys(NO_FEATURES) as (keyof Features)[];
    if (!names.every((name) => typeof value[name] === 'boolean')) return null;
    return Object.fromEntries(names.map((name) => [name, value[name]])) as unknown as Features;
  } catch {
    return null;
  }
}
