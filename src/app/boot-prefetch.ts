/**
 * Run first, from the small entry chunk: starts the requests the first screen needs (settings,
 * session, the first page of locks) while the browser is still fetching and compiling the app.
 * The app's HTTP client picks these responses up (api/client.ts, fetchEarly).
 * DESIGN.md, Budgets: no request waterfall.
 */
import type { LockListParams } from '@contract/locks';
import { withQuery } from '@/api/client';
import { readLockListView, toLockListParams } from '@/features/locks/lock-list-view';

/** The first page of locks this address shows, or null when it is not the locks page. */
export function firstLockListParams(location: Pick<Location, 'pathname' | 'search'>): LockListParams | null {
  if (location.pathname !== '/' && location.pathname !== '/locks') return null;
  return toLockListParams(readLockListView(new URLSearchParams(location.search)));
}

function bootPaths(location: Pick<Location, 'pathname' | 'search'>): string[] {
  const params = firstLockListParams(location);
  return ['/app-config.json', '/api/me', ...(params ? [withQuery('/api/locks', { ...params })] : [])];
}

export function startEarlyRequests(location: Pick<Location, 'pathname' | 'search'>) {
  window.__lockboardBoot = new Map(
    bootPaths(location).map((path) => [path, fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } })]),
  );
}
