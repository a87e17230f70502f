import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditAction } from '../../contract/audit';
import { PAGE_PATHS } from '../../contract/page-paths';

/**
 * Deny by default (DESIGN.md, Security): the only /api routes that exist are the rows of this
 * table, built from DESIGN's contract table. The access check, the Origin check and the proxy all
 * read the matched row, never the raw URL; anything else under /api is 404.
 */
export type RouteAccess = 'public' | 'signed-in' | 'manager';
/** `gateway`: answered by the gateway's own handler; `proxy`: JSON relayed upstream; `picture`: an image relayed upstream. */
export type RouteHandling = 'gateway' | 'proxy' | 'picture';
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface GatewayRoute {
  method: RouteMethod;
  /** A Fastify path pattern. */
  path: string;
  access: RouteAccess;
  handling: RouteHandling;
  /** The query parameters passed upstream (proxied routes); any other is refused with 400. */
  query?: readonly string[];
  /**
   * The upstream reads a gateway-owned handler (or a proxied change's audit) makes: paths of `GET`
   * proxied rows, each sent through that row's `query` allow-list (`upstreamRead`), never built by hand.
   */
  reads?: readonly string[];
  /** The largest body this route takes, in bytes, when it needs more than the gateway's 16 KB. */
  bodyLimit?: number;
  /** A proxied change the audit log records, with its result (proxy/, grant-routes.ts). */
  audit?: ProxiedAudit;
  /**
   * A state change a support account may make (access.ts): only the caller's own read marks,
   * which change nothing shared. Every other state change needs a manager.
   */
  supportMayChange?: true;
  /**
   * What a support account's answer loses (support-strip.ts): a pass's `email`, or the `email` of a
   * person with `visitor: 1`. Set on every read that carries either.
   */
  supportStrips?: 'passes' | 'people';
  /** The body is `text/csv` (the people import), the one non-JSON body the gateway takes. */
  csvBody?: true;
}

/** The audit actions of proxied changes. */
export type ProxiedAudit = Extract<
  AuditAction,
  | 'grant-revoke'
  | 'offboard'
  | 'group-created'
  | 'group-changed'
  | 'group-deleted'
  | 'group-locks-changed'
  | 'person-created'
  | 'person-changed'
  | 'schedule-created'
  | 'schedule-changed'
  | 'schedule-deleted'
  | 'holiday-created'
  | 'holiday-changed'
  | 'holiday-deleted'
  | 'lockdown'
  | 'access-role-created'
  | 'access-role-changed'
  | 'access-role-deleted'
  | 'access-role-members'
  | 'person-suspended'
  | 'person-reactivated'
  | 'person-archived'
  | 'pass-ended'
>;

const LIST = ['pagenumber', 'limit', 'searchkey'] as const;
const LOCK_FILTERS = ['online', 'open', 'batterybelow', 'groupid', 'lockdown'] as const;
const EVENT_FILTERS = ['type', 'from', 'to', 'beforeid'] as const;
/** 1,000 lockids of 64 characters (bulk-commands.ts MAX_BULK_LOCKS), quoted and separated, and the rest of the body. */
const BULK_BODY_LIMIT_BYTES = 80 * 1024;
/** The people import's CSV (contract/people.ts MAX_IMPORT_LINES lines at most). */
export const IMPORT_BODY_LIMIT_BYTES = 1024 * 1024;
/** 1,000 userids to add and 1,000 to remove (contract/people.ts roleMembersBodySchema). */
const MEMBERS_BODY_LIMIT_BYTES = 32 * 1024;
/** `GET /api/people`'s filters (contract/people.ts personFilterShape). */
const PERSON_FILTERS = ['status', 'roleid', 'department', 'visitor'] as const;
/** The reports over the event history (contract/reports.ts uptimeQuerySchema). */
const REPORT_FILTERS = ['from', 'to', 'groupid', 'lockid', 'limit'] as const;

export const ROUTES: readonly GatewayRoute[] = [
  // Gateway-owned: sessions, the password reveal, audited commands, the export, granting access
  // (its answer carries a keypad code) and the code's reveal.
  { method: 'POST', path: '/api/login', access: 'public', handling: 'gateway' },
  { method: 'POST', path: '/api/logout', access: 'public', handling: 'gateway' },
  { method: 'GET', path: '/api/me', access: 'signed-in', handling: 'gateway' },
  { method: 'GET', path: '/api/locks/:lockid/password', access: 'manager', handling: 'gateway', reads: ['/api/locks'] },
  { method: 'POST', path: '/api/locks/:lockid/lock', access: 'manager', handling: 'gateway' },
  { method: 'POST', path: '/api/locks/:lockid/unlock', access: 'manager', handling: 'gateway' },
  { method: 'POST', path: '/api/commands', access: 'manager', handling: 'gateway', reads: ['/api/locks'], bodyLimit: BULK_BODY_LIMIT_BYTES },
  { method: 'GET', path: '/api/events/export.csv', access: 'signed-in', handling: 'gateway', reads: ['/api/events'] },
  { method: 'POST', path: '/api/grants', access: 'manager', handling: 'gateway' },
  { method: 'GET', path: '/api/grants/:grantid/passcode', access: 'manager', handling: 'gateway' },
  // Codes sent by mail (people/send-code.ts): the platform's answer carries the code, the browser's never.
  { method: 'POST', path: '/api/passes', access: 'manager', handling: 'gateway' },
  { method: 'POST', path: '/api/passes/:passid/resend', access: 'manager', handling: 'gateway' },
  { method: 'POST', path: '/api/grants/:grantid/send', access: 'manager', handling: 'gateway', reads: ['/api/people/:userid'] },
  // The people import (its CSV relayed as it came) and export (read page by page, streamed).
  { method: 'POST', path: '/api/people/import', access: 'manager', handling: 'gateway', query: ['dry_run'], csvBody: true, bodyLimit: IMPORT_BODY_LIMIT_BYTES },
  { method: 'GET', path: '/api/people/export', access: 'signed-in', handling: 'gateway', reads: ['/api/people', '/api/roles'] },
  // The "Replace soon" export (reports/forecast-export.ts): every forecast due, read page by page, streamed.
  { method: 'GET', path: '/api/reports/battery-forecast/export.csv', access: 'signed-in', handling: 'gateway', reads: ['/api/reports/battery-forecast'] },

  // Locks and their history (the vendor's documented list, and ours in its style).
  { method: 'GET', path: '/api/locks', access: 'signed-in', handling: 'proxy', query: [...LIST, ...LOCK_FILTERS, 'sortby', 'sortorder'] },
  { method: 'GET', path: '/api/locks/summary', access: 'signed-in', handling: 'proxy', query: ['searchkey', ...LOCK_FILTERS] },
  { method: 'GET', path: '/api/locks/:lockid', access: 'signed-in', handling: 'proxy' },
  { method: 'GET', path: '/api/locks/:lockid/events', access: 'signed-in', handling: 'proxy', query: ['pagenumber', 'limit', ...EVENT_FILTERS] },
  { method: 'GET', path: '/api/events', access: 'signed-in', handling: 'proxy', query: [...LIST, ...EVENT_FILTERS, 'userid', 'afterid'] },
  { method: 'GET', path: '/api/uploads/*', access: 'signed-in', handling: 'picture' },

  // Lock groups.
  { method: 'GET', path: '/api/lockgroups', access: 'signed-in', handling: 'proxy', query: LIST },
  { method: 'GET', path: '/api/lockgroups/:groupid', access: 'signed-in', handling: 'proxy' },
  { method: 'POST', path: '/api/lockgroups', access: 'manager', handling: 'proxy', audit: 'group-created' },
  { method: 'PUT', path: '/api/lockgroups/:groupid', access: 'manager', handling: 'proxy', audit: 'group-changed' },
  // A group's deletion or new membership is audited with the grants it reaches, read before (group-audit.ts).
  { method: 'DELETE', path: '/api/lockgroups/:groupid', access: 'manager', handling: 'proxy', audit: 'group-deleted', reads: ['/api/grants'] },
  { method: 'PUT', path: '/api/lockgroups/:groupid/locks', access: 'manager', handling: 'proxy', audit: 'group-locks-changed', reads: ['/api/grants'] },

  // People and their access.
  { method: 'GET', path: '/api/people', access: 'signed-in', handling: 'proxy', query: [...LIST, ...PERSON_FILTERS], supportStrips: 'people' },
  { method: 'POST', path: '/api/people', access: 'manager', handling: 'proxy', audit: 'person-created' },
  { method: 'GET', path: '/api/people/:userid', access: 'signed-in', handling: 'proxy', supportStrips: 'people' },
  { method: 'PUT', path: '/api/people/:userid', access: 'manager', handling: 'proxy', audit: 'person-changed' },
  { method: 'POST', path: '/api/people/:userid/revoke', access: 'manager', handling: 'proxy', audit: 'offboard' },
  { method: 'GET', path: '/api/grants', access: 'signed-in', handling: 'proxy', query: ['pagenumber', 'limit', 'lockid', 'groupid', 'userid', 'status'] },
  { method: 'DELETE', path: '/api/grants/:grantid', access: 'manager', handling: 'proxy', audit: 'grant-revoke' },

  // People from hire to exit (DESIGN.md, "People and roles"): optional features of the platform,
  // relayed like schedules; every change audited (people/people-audit.ts). A visitor's e-mail never
  // reaches a support account.
  { method: 'GET', path: '/api/roles', access: 'signed-in', handling: 'proxy', query: LIST },
  { method: 'GET', path: '/api/roles/:roleid', access: 'signed-in', handling: 'proxy' },
  { method: 'POST', path: '/api/roles', access: 'manager', handling: 'proxy', audit: 'access-role-created' },
  { method: 'PUT', path: '/api/roles/:roleid', access: 'manager', handling: 'proxy', query: ['preview'], audit: 'access-role-changed' },
  { method: 'DELETE', path: '/api/roles/:roleid', access: 'manager', handling: 'proxy', audit: 'access-role-deleted' },
  { method: 'PUT', path: '/api/roles/:roleid/members', access: 'manager', handling: 'proxy', query: ['preview'], audit: 'access-role-members', bodyLimit: MEMBERS_BODY_LIMIT_BYTES },
  { method: 'POST', path: '/api/people/:userid/suspend', access: 'manager', handling: 'proxy', audit: 'person-suspended' },
  { method: 'POST', path: '/api/people/:userid/reactivate', access: 'manager', handling: 'proxy', audit: 'person-reactivated' },
  { method: 'POST', path: '/api/people/:userid/archive', access: 'manager', handling: 'proxy', audit: 'person-archived' },
  { method: 'GET', path: '/api/passes', access: 'signed-in', handling: 'proxy', query: ['pagenumber', 'limit', 'status'], supportStrips: 'passes' },
  { method: 'DELETE', path: '/api/passes/:passid', access: 'manager', handling: 'proxy', audit: 'pass-ended' },
  { method: 'GET', path: '/api/access-check', access: 'signed-in', handling: 'proxy', query: ['userid', 'lockid', 'method', 'at'] },

  // Door schedules, holidays and lockdowns (DESIGN.md, "Schedules and lockdown"): optional features
  // of the platform; a host without them answers 404, relayed as it is. Changes are audited.
  { method: 'GET', path: '/api/schedules', access: 'signed-in', handling: 'proxy', query: ['pagenumber', 'limit'] },
  { method: 'GET', path: '/api/schedules/:scheduleid', access: 'signed-in', handling: 'proxy' },
  { method: 'POST', path: '/api/schedules', access: 'manager', handling: 'proxy', audit: 'schedule-created' },
  { method: 'PUT', path: '/api/schedules/:scheduleid', access: 'manager', handling: 'proxy', audit: 'schedule-changed' },
  { method: 'DELETE', path: '/api/schedules/:scheduleid', access: 'manager', handling: 'proxy', audit: 'schedule-deleted' },
  { method: 'GET', path: '/api/holidays', access: 'signed-in', handling: 'proxy', query: ['pagenumber', 'limit'] },
  { method: 'POST', path: '/api/holidays', access: 'manager', handling: 'proxy', audit: 'holiday-created' },
  { method: 'PUT', path: '/api/holidays/:holidayid', access: 'manager', handling: 'proxy', audit: 'holiday-changed' },
  { method: 'DELETE', path: '/api/holidays/:holidayid', access: 'manager', handling: 'proxy', audit: 'holiday-deleted' },
  { method: 'GET', path: '/api/lockdowns', access: 'signed-in', handling: 'proxy', query: ['state'] },
  { method: 'POST', path: '/api/lockdowns', access: 'manager', handling: 'proxy', audit: 'lockdown' },
  { method: 'POST', path: '/api/lockdowns/:lockdownid/lift', access: 'manager', handling: 'proxy', audit: 'lockdown' },

  // Readings and reports (DESIGN.md, "Readings and reports", contract/reports.ts): optional features
  // of the platform, discovered (capabilities.ts); a host without them answers 404, relayed as it is.
  { method: 'GET', path: '/api/locks/:lockid/readings', access: 'signed-in', handling: 'proxy', query: ['from', 'to', 'step'] },
  { method: 'GET', path: '/api/reports/battery-forecast', access: 'signed-in', handling: 'proxy', query: ['pagenumber', 'limit', 'groupid', 'due_within_days'] },
  { method: 'GET', path: '/api/reports/uptime', access: 'signed-in', handling: 'proxy', query: REPORT_FILTERS },
  { method: 'GET', path: '/api/reports/usage', access: 'signed-in', handling: 'proxy', query: REPORT_FILTERS },
  { method: 'GET', path: '/api/reports/denials', access: 'signed-in', handling: 'proxy', query: REPORT_FILTERS },

  // Team alerts: the gateway's own store (DESIGN.md, Team alerts). Contacts are personal data:
  // managers only, reading too; so are the delivery log and the outbox.
  { method: 'GET', path: '/api/team-alerts', access: 'signed-in', handling: 'gateway' },
  { method: 'POST', path: '/api/team-alerts/read', access: 'signed-in', handling: 'gateway', supportMayChange: true },
  { method: 'POST', path: '/api/team-alerts/:alertid/ack', access: 'manager', handling: 'gateway' },
  { method: 'GET', path: '/api/alert-rules', access: 'signed-in', handling: 'gateway' },
  { method: 'POST', path: '/api/alert-rules', access: 'manager', handling: 'gateway' },
  { method: 'PUT', path: '/api/alert-rules/:ruleid', access: 'manager', handling: 'gateway' },
  { method: 'DELETE', path: '/api/alert-rules/:ruleid', access: 'manager', handling: 'gateway' },
  { method: 'GET', path: '/api/contacts', access: 'manager', handling: 'gateway' },
  { method: 'POST', path: '/api/contacts', access: 'manager', handling: 'gateway' },
  { method: 'PUT', path: '/api/contacts/:contactid', access: 'manager', handling: 'gateway' },
  { method: 'DELETE', path: '/api/contacts/:contactid', access: 'manager', handling: 'gateway' },
  { method: 'POST', path: '/api/contacts/:contactid/test', access: 'manager', handling: 'gateway' },
  { method: 'GET', path: '/api/deliveries', access: 'manager', handling: 'gateway' },
  { method: 'GET', path: '/api/outbox', access: 'manager', handling: 'gateway' },

  // The audit trail: the gateway's own store, managers only (DESIGN.md, Audit trail).
  { method: 'GET', path: '/api/audit', access: 'manager', handling: 'gateway' },
  { method: 'GET', path: '/api/audit/export.csv', access: 'manager', handling: 'gateway' },
  { method: 'GET', path: '/api/audit/verify', access: 'manager', handling: 'gateway' },
];

/** The SPA's pages the gateway renders on the server (src/entry-server.tsx `ssrRouteOf` names them). */
export type RenderedPage = 'login' | 'locks' | 'lock' | 'activity';

/**
 * The rendered pages, and the /api reads each render may make: `GET` proxied rows, rebuilt as the
 * proxy rebuilds them (ssr/render.ts). Never a gateway-owned read (passwords, passcodes, exports);
 * the sign-in page reads nothing (it has no token to read with).
 */
export const RENDERED_PAGES: Readonly<Record<RenderedPage, { path: string; reads: readonly string[] }>> = {
  login: { path: PAGE_PATHS.login, reads: [] },
  locks: { path: PAGE_PATHS.locks, reads: ['/api/locks', '/api/locks/summary'] },
  // The lock (by its detail, or a search of the list without one), its history, its last refusal, its grants.
  lock: { path: PAGE_PATHS.lock, reads: ['/api/locks/:lockid', '/api/locks', '/api/locks/:lockid/events', '/api/grants'] },
  activity: { path: PAGE_PATHS.activity, reads: ['/api/events'] },
};

export function changesState(route: GatewayRoute): boolean {
  return route.method !== 'GET';
}

/** The table row a request matched, or null (static files, the SPA, not found, refused targets). */
export function matchedRoute(request: FastifyRequest): GatewayRoute | null {
  return request.routeOptions.config?.gatewayRoute ?? null;
}

/** The table's row for a method and path pattern; a missing row is a mistake in the code: it throws. */
export function findRoute(method: RouteMethod, path: string): GatewayRoute {
  const route = ROUTES.find((r) => r.method === method && r.path === path);
  if (!route) throw new Error(`${method} ${path} is not in the gateway's route table`);
  return route;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route-table row a route serves (set by registerRoute). */
    gatewayRoute?: GatewayRoute;
  }
}

type RouteHandler = (request: FastifyRequest, reply: FastifyReply, route: GatewayRoute) => unknown;

/** Registers a table row's handler; the row travels with the route so that every hook reads it. */
export function registerRoute(
  app: FastifyInstance,
  route: GatewayRoute,
  handler: RouteHandler,
): void {
  app.route({
    method: route.method,
    url: route.path,
    exposeHeadRoute: false,
    ...(route.bodyLimit === undefined ? {} : { bodyLimit: route.bodyLimit }),
    config: { gatewayRoute: route },
    handler: (request, reply) => handler(request, reply, route),
  });
}

/** Registers the gateway's own handler for a `gateway` row of the table. */
export function gatewayRoute(
  app: FastifyInstance,
  method: RouteMethod,
  path: string,
  handler: RouteHandler,
): void {
  const route = findRoute(method, path);
  if (route.handling !== 'gateway') throw new Error(`${method} ${path} is not gateway-owned in the route table`);
  registerRoute(app, route, handler);
}

/** What each path parameter may hold. Dot segments are refused before routing; refused here too. */
const PARAM_RULES: Record<string, { pattern: RegExp; says: string }> = {
  lockid: { pattern: /^(?!\.{1,2}$)[^/\\]{1,64}$/, says: 'lockid must be 1 to 64 characters' },
  groupid: { pattern: /^[1-9]\d{0,11}$/, says: 'groupid must be a positive whole number' },
  userid: { pattern: /^[1-9]\d{0,11}$/, says: 'userid must be a positive whole number' },
  grantid: { pattern: /^[1-9]\d{0,11}$/, says: 'grantid must be a positive whole number' },
  alertid: { pattern: /^[1-9]\d{0,11}$/, says: 'alertid must be a positive whole number' },
  ruleid: { pattern: /^[1-9]\d{0,11}$/, says: 'ruleid must be a positive whole number' },
  contactid: { pattern: /^[1-9]\d{0,11}$/, says: 'contactid must be a positive whole number' },
  scheduleid: { pattern: /^[1-9]\d{0,11}$/, says: 'scheduleid must be a positive whole number' },
  holidayid: { pattern: /^[1-9]\d{0,11}$/, says: 'holidayid must be a positive whole number' },
  lockdownid: { pattern: /^[1-9]\d{0,11}$/, says: 'lockdownid must be a positive whole number' },
  roleid: { pattern: /^[1-9]\d{0,11}$/, says: 'roleid must be a positive whole number' },
  passid: { pattern: /^[1-9]\d{0,11}$/, says: 'passid must be a positive whole number' },
};
// Any printable text but a slash or backslash; control characters are refused before routing.
const FILE_SEGMENT = /^(?!\.{1,2}$)[^/\\]{1,128}$/;
const MAX_FILE_SEGMENTS = 8;

export type Rebuilt = { ok: true; path: string } | { ok: false; msg: string };

/**
 * The upstream path for a matched row, from its parsed parameters, each checked and re-encoded:
 * never the raw URL the client sent.
 */
export function upstreamPath(route: GatewayRoute, params: Record<string, string | undefined>): Rebuilt {
  let failure: string | null = null;
  const path = route.path.replace(/:(\w+)|\*/g, (token, name: string | undefined) => {
    if (name === undefined) {
      const segments = (params['*'] ?? '').split('/');
      if (segments.length > MAX_FILE_SEGMENTS || !segments.every((s) => FILE_SEGMENT.test(s))) failure ??= 'No such file';
      return segments.map(encodeURIComponent).join('/');
    }
    const value = params[name] ?? '';
    const rule = PARAM_RULES[name];
    if (!rule) throw new Error(`no rule for the path parameter ${name} of ${route.path} (${token})`);
    if (!rule.pattern.test(value)) failure ??= rule.says;
    return encodeURIComponent(value);
  });
  return failure ? { ok: false, msg: failure } : { ok: true, path };
}

export type RebuiltQuery = { ok: true; query: string } | { ok: false; msg: string };

/** The query string passed upstream: the row's parameters only, each at most once, re-encoded. */
export function upstreamQuery(route: GatewayRoute, query: unknown): RebuiltQuery {
  const out = new URLSearchParams();
  const allowed = route.query ?? [];
  for (const [name, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (!allowed.includes(name)) return { ok: false, msg: `Unknown parameter: ${name.slice(0, 40)}` };
    if (typeof value !== 'string') return { ok: false, msg: `${name} may be given only once` };
    out.append(name, value);
  }
  const text = out.toString();
  return { ok: true, query: text ? `?${text}` : '' };
}

/** The `GET` proxied row at `path`, which `from` names among its reads. */
function readRow(from: { reads?: readonly string[] }, path: string): GatewayRoute {
  const row = ROUTES.find((r) => r.method === 'GET' && r.handling === 'proxy' && r.path === path);
  if (!row || !from.reads?.includes(path)) throw new Error(`GET ${path} is not among the upstream reads of this route in the route table`);
  return row;
}

/**
 * The upstream URL of a read a handler makes for its row (`from.reads`): the read's row rebuilds
 * the path from `params` and the query through its allow-list, as the proxy does. A parameter the
 * row does not allow is a mistake in the handler: it throws.
 */
export function upstreamRead(from: GatewayRoute, path: string, query: Record<string, string>, params: Record<string, string> = {}): string {
  const row = readRow(from, path);
  const rebuilt = upstreamPath(row, params);
  if (!rebuilt.ok) throw new Error(`${path}: ${rebuilt.msg}`);
  const search = upstreamQuery(row, query);
  if (!search.ok) throw new Error(`${path}: ${search.msg}`);
  return `${rebuilt.path}${search.query}`;
}

/** A table row with the parameters of `pathname` (decoded), when the row's path matches it. */
function matchPath(route: GatewayRoute, pathname: string): Record<string, string> | null {
  const want = route.path.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = got[i] ?? '';
    if (!part.startsWith(':')) {
      if (part !== value) return null;
      continue;
    }
    if (value === '') return null;
    try {
      params[part.slice(1)] = decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  return params;
}

/** The `GET` proxied rows, those without path parameters first, as Fastify's router prefers static segments. */
const PROXIED_READS = [...ROUTES.filter((r) => r.method === 'GET' && r.handling === 'proxy')].sort(
  (a, b) => Number(a.path.includes(':')) - Number(b.path.includes(':')),
);

/** The `GET` proxied row a path matches (as the router would route it), with its decoded parameters. */
export function proxiedRead(pathname: string): { route: GatewayRoute; params: Record<string, string> } | null {
  for (const route of PROXIED_READS) {
    const params = matchPath(route, pathname);
    if (params) return { route, params };
  }
  return null;
}

/** The row of a read that a rendered page makes, when the page may make it (its `reads`), with its decoded parameters. */
export function renderedPageRead(page: RenderedPage, pathname: string): { route: GatewayRoute; params: Record<string, string> } | null {
  const read = proxiedRead(pathname);
  return read && RENDERED_PAGES[page].reads.includes(read.route.path) ? read : null;
}
