/**
 * Run first, from the small entry chunk: starts the requests the first screen needs (settings,
 * session, the first page of locks) while the browser is still fetching and compiling the app.
 * The app's HTTP client picks these responses up (api/client.ts, fetchEarly).
 * DESIGN.md, Budgets: no request waterfall.
 */
import { withQuery } from '@/api/client';
import { readLockListView, toLockListParams } from '@/features/locks/lock-list-view';

export function bootPaths(location: Pick<Location, 'pathname' | 'search'>): string[] {
  const paths = ['/app-config.json', '/api/me'];
  if (location.pathname === '/' || location.pathname === '/locks') {
    const view = readLockListView(new URLSearchParams(location.search));
    paths.push(withQuery('/api/locks', { ...toLockListParams(view) }));
  }
  return paths;
}

export function startEarlyRequests(location: Pick<Location, 'pathname' | 'search'>) {
  window.__lockboardBoot = new Map(
    bootPaths(location).map((path) => [path, fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } })]),
  );
}
