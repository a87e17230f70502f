/**
 * The SPA's pages, one path each: src/app/app-routes.tsx takes its routes' paths from here (a test
 * there fails on a route that is not listed), and the gateway answers a GET of any of them with the
 * page, or a redirect to sign-in, whatever the client's Accept header (server/gateway/spa.ts);
 * any other address outside `/api` is the not-found page.
 */
export const PAGE_PATHS = {
  index: '/',
  login: '/login',
  locks: '/locks',
  lock: '/locks/:lockid',
  groups: '/groups',
  group: '/groups/:groupid',
  people: '/people',
  person: '/people/:userid',
  roles: '/roles',
  passes: '/passes',
  lockdown: '/lockdown',
  schedules: '/schedules',
  activity: '/activity',
  audit: '/audit',
  alerts: '/alerts',
  alertRules: '/alerts/rules',
  alertContacts: '/alerts/contacts',
  alertOutbox: '/alerts/outbox',
  reports: '/reports',
  reportsBattery: '/reports/battery',
  reportsReliability: '/reports/reliability',
  reportsUsage: '/reports/usage',
} as const;

const PATTERNS = Object.values(PAGE_PATHS).map((path) => new RegExp(`^${path.replace(/:\w+/g, '[^/]+')}/?$`));

/** Whether `pathname` (as sent, without the query) is one of the SPA's pages, as the router matches it (a trailing slash too). */
export function isPagePath(pathname: string): boolean {
  return PATTERNS.some((pattern) => pattern.test(pathname));
}
