/**
 * `/app-config.json`: what the gateway tells the SPA at boot. `features` lists the optional
 * upstream endpoints (beyond the vendor's documented `GET /api/locks`) that were found to exist.
 */
export interface Features {
  /** `online`, `open`, `batterybelow` on `GET /api/locks` */
  lockFilters: boolean;
  /** `sortby`, `sortorder` on `GET /api/locks` */
  lockSorting: boolean;
  /** `GET /api/locks/summary` */
  lockSummary: boolean;
  /** `GET /api/locks/:lockid` */
  lockDetail: boolean;
  /** `POST /api/locks/:lockid/lock|unlock` */
  lockCommands: boolean;
  /** `{duration_s}` on unlock: the platform relocks by itself (locks carry `relock_at`) */
  timedUnlock: boolean;
  /** `GET /api/events` and `GET /api/locks/:lockid/events` */
  eventHistory: boolean;
  /** `GET /api/events?afterid=N` */
  eventFeed: boolean;
  /** `/api/lockgroups` (list, one, create, rename, delete, membership), `groupid` on the lock list, `lockgroups` on each lock */
  lockGroups: boolean;
  /** `/api/people` and `/api/grants` (people, grants, revoke, offboarding; `access_*` events) */
  access: boolean;
  /** `/api/schedules` and `/api/holidays`: door schedules the platform enforces; lock rows carry `schedule` */
  schedules: boolean;
  /** `/api/lockdowns`: a lockdown is a state on the platform (lock rows carry `lockdown`); without it a lockdown is batched lock commands */
  lockdowns: boolean;
  /** `/api/roles` and the lifecycle of people (person rows carry `status`): access roles, suspend, archive, import */
  roles: boolean;
  /** `/api/passes`: visitor passes whose codes the gateway sends by e-mail */
  passes: boolean;
  /** `/api/access-check`: "can this person open this door now?" */
  accessCheck: boolean;
  /** `GET /api/locks/:lockid/readings`: battery, temperature and online series (lock page charts) */
  readings: boolean;
  /** `/api/reports/*`: battery forecast, uptime, usage, denials (the Reports page) */
  reports: boolean;
}

export type FeatureName = keyof Features;

export interface AppConfig {
  /** `embedded`: the gateway runs its own demo platform; `proxy`: PLUS_API_URL. */
  mode: 'embedded' | 'proxy';
  pollIntervalMs: number;
  offlineAlertAfterS: number;
  /** IANA zone of the platform's date strings. */
  timezone: string;
  /** Origin whose absolute picture URLs may be shown (proxy mode), else null. */
  upstreamOrigin: string | null;
  features: Features;
}
