import { type ComponentType, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { PAGE_PATHS } from '@contract/page-paths';
import { IconSprite } from '@/components/icons';
import { RequireSession } from '@/features/auth/require-session';
import { LocksPage } from '@/features/locks/locks-page';
import { lazyChunk } from '@/lib/lazy-chunk';
import { usePageTitle } from '@/lib/page-title';
import { Layout } from './layout';

// The locks page is in the main bundle (it is what people open); every other route is lazy, and
// loaded through lazyChunk: a chunk that cannot load says so in the page, and loads when it can.
// A preloaded route renders at once (hydration in one pass, without waiting at its Suspense boundary).
const SignInRoute = lazyChunk(() => import('./routes/sign-in'));
const LockDetailRoute = lazyChunk(() => import('./routes/lock-detail'));
const ActivityRoute = lazyChunk(() => import('./routes/activity'));

/** The server-rendered routes (entry-server.tsx ssrRouteOf) whose page is lazy (inside a Suspense boundary). */
const LAZY_SERVER_RENDERED: readonly [matches: (pathname: string) => boolean, route: { preload: () => Promise<unknown> }][] = [
  [(pathname) => pathname === '/login', SignInRoute],
  [(pathname) => pathname === '/activity', ActivityRoute],
  [(pathname) => /^\/locks\/[^/]+$/.test(pathname), LockDetailRoute],
];
const lazyServerRendered = (pathname: string) => LAZY_SERVER_RENDERED.find(([matches]) => matches(pathname))?.[1];

/**
 * Loads the lazy chunk of a server-rendered route before the page is hydrated (start.tsx); the
 * locks page is in the main bundle.
 */
export function preloadRoute(pathname: string): Promise<unknown> {
  return lazyServerRendered(pathname)?.preload() ?? Promise.resolve();
}

/** A server-rendered route whose page is lazy (inside a Suspense boundary). */
export function isLazyRoute(pathname: string): boolean {
  return lazyServerRendered(pathname) !== undefined;
}

const AlertsPage = lazyChunk(() => import('@/features/alerts/alerts-page'));
const AlertRulesPage = lazyChunk(() => import('@/features/alert-settings/rules-page'));
const AlertContactsPage = lazyChunk(() => import('@/features/alert-settings/contacts-page'));
const AlertOutboxPage = lazyChunk(() => import('@/features/alert-settings/outbox-page'));
const GroupsPage = lazyChunk(() => import('@/features/groups/groups-page'));
const GroupPage = lazyChunk(() => import('./routes/group'));
const SchedulesPage = lazyChunk(() => import('@/features/schedules/schedules-page'));
const LockdownPage = lazyChunk(() => import('@/features/lockdown/lockdown-page'));
const AuditPage = lazyChunk(() => import('@/features/audit/audit-page'));
const PeoplePage = lazyChunk(() => import('@/features/people/people-page'));
const PersonPage = lazyChunk(() => import('@/features/people/person-page'));
const RolesPage = lazyChunk(() => import('@/features/roles/roles-page'));
const PassesPage = lazyChunk(() => import('@/features/passes/passes-page'));
const ReportsPage = lazyChunk(() => import('@/features/reports/reports-page'));
const BatteryReportPage = lazyChunk(() => import('@/features/reports/battery-page'));
const ReliabilityReportPage = lazyChunk(() => import('@/features/reports/reliability-page'));
const UsageReportPage = lazyChunk(() => import('@/features/reports/usage-page'));
const NotFound = lazyChunk(() => import('./routes/not-found'));

/** Names the tab after the route ("Activity · Lockboard"); the lock page names it after the lock. */
function Titled({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  return children;
}

function Lazy({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <p className="sr-only" role="status">
          Loading…
        </p>
      }
    >
      {children}
    </Suspense>
  );
}

/** A page of the signed-in app: its path, its tab title (a detail page names the tab itself), and whether it is in the main bundle. */
interface PageRoute {
  path: string;
  Page: ComponentType;
  title?: string;
  eager?: boolean;
}

const SIGNED_IN_PAGES: readonly PageRoute[] = [
  { path: PAGE_PATHS.locks, title: 'Locks', Page: LocksPage, eager: true },
  { path: PAGE_PATHS.lock, Page: LockDetailRoute },
  { path: PAGE_PATHS.groups, title: 'Groups', Page: GroupsPage },
  { path: PAGE_PATHS.group, Page: GroupPage },
  { path: PAGE_PATHS.people, title: 'People', Page: PeoplePage },
  { path: PAGE_PATHS.person, Page: PersonPage },
  { path: PAGE_PATHS.roles, title: 'Roles', Page: RolesPage },
  { path: PAGE_PATHS.passes, title: 'Visitor passes', Page: PassesPage },
  { path: PAGE_PATHS.lockdown, title: 'Lockdown', Page: LockdownPage },
  { path: PAGE_PATHS.schedules, title: 'Schedules', Page: SchedulesPage },
  { path: PAGE_PATHS.activity, title: 'Activity', Page: ActivityRoute },
  { path: PAGE_PATHS.audit, title: 'Audit trail', Page: AuditPage },
  { path: PAGE_PATHS.alerts, title: 'Alerts', Page: AlertsPage },
  { path: PAGE_PATHS.alertRules, title: 'Alert rules', Page: AlertRulesPage },
  { path: PAGE_PATHS.alertContacts, title: 'Alert contacts', Page: AlertContactsPage },
  { path: PAGE_PATHS.alertOutbox, title: 'Outbox', Page: AlertOutboxPage },
  { path: PAGE_PATHS.reports, title: 'Reports', Page: ReportsPage },
  { path: PAGE_PATHS.reportsBattery, title: 'Replace soon', Page: BatteryReportPage },
  { path: PAGE_PATHS.reportsReliability, title: 'Reliability', Page: ReliabilityReportPage },
  { path: PAGE_PATHS.reportsUsage, title: 'Usage', Page: UsageReportPage },
  { path: '*', title: 'Page not found', Page: NotFound },
];

/** The route's element: the page, inside its Suspense boundary when lazy, inside its title when it has one. */
function pageElement({ Page, title, eager = false }: Omit<PageRoute, 'path'>) {
  const page = eager ? <Page /> : <Lazy><Page /></Lazy>;
  return title === undefined ? page : <Titled title={title}>{page}</Titled>;
}

export function AppRoutes() {
  return (
    <>
      {/* Every route's icons are references to this one sprite (icons.tsx). */}
      <IconSprite />
      <Routes>
        <Route path={PAGE_PATHS.login} element={pageElement({ title: 'Sign in', Page: SignInRoute })} />
        <Route
          element={
            <RequireSession>
              <Layout />
            </RequireSession>
          }
        >
          <Route index element={<Navigate to="/locks" replace />} />
          {SIGNED_IN_PAGES.map(({ path, ...page }) => (
            <Route key={path} path={path} element={pageElement(page)} />
          ))}
        </Route>
      </Routes>
    </>
  );
}
