import { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import type { Features } from '@contract/app-config';
import { appConfigQuery } from '@/api/app-config';
import { lockGroupQueries } from '@/api/lockgroups';
import type { Denials, Forecast, Uptime, Usage } from '@/api/reports';
import { testAppConfig } from '@/testing/app-config';
import { renderAt } from '@/testing/render';

/** Tests' "now": Tuesday 8 December 2026, 12:00 UTC. */
export const NOW = Date.UTC(2026, 11, 8, 12, 0, 0);

export const week = (at: Record<number, number> = {}) => Array.from({ length: 168 }, (_, i) => at[i] ?? 0);

export const forecast = (lockid: string, patch: Partial<Forecast> = {}): Forecast => ({
  lockid,
  lockName: `Door ${lockid}`,
  battery: 15,
  drainPerDay: 1,
  criticalDate: '2026-12-13 12:00:00',
  groups: [],
  ...patch,
});

export const uptime = (patch: Partial<Uptime> = {}): Uptime => ({
  lockCount: 40,
  uptimePct: 98.75,
  offlineS: 21_600,
  outages: 3,
  hours: week({ 9: 2 }),
  locks: [{ lockid: 'EM7', lockName: 'Loading dock', uptimePct: 75, offlineS: 21_600, outages: 3 }],
  groups: [{ groupid: 2, name: 'North site', lockCount: 12, uptimePct: 96.5 }],
  ...patch,
});

export const usage = (patch: Partial<Usage> = {}): Usage => ({
  total: 1234,
  hours: week({ 9: 57 }),
  locks: [{ lockid: 'EM1', lockName: 'Front door', uses: 812 }],
  ...patch,
});

export const denials = (patch: Partial<Denials> = {}): Denials => ({
  total: 17,
  hours: week(),
  reasons: [
    { reason: 'outside_hours', count: 11 },
    { reason: 'expired', count: 6 },
  ],
  locks: [{ lockid: 'EM3', lockName: 'Server room', count: 17, reasons: [{ reason: 'outside_hours', count: 11 }, { reason: 'expired', count: 6 }] }],
  ...patch,
});

/**
 * Renders a reports page with its data already in the cache (under the factories' keys), and
 * records any request it would send (none should be needed).
 */
export function renderReport(ui: ReactNode, { url, seed, features = {}, timezone = 'UTC' }: { url: string; seed?: (client: QueryClient) => void; features?: Partial<Features>; timezone?: string }) {
  const requests: string[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL) => {
    requests.push(String(input));
    return Promise.reject(new Error('no request expected'));
  });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  client.setQueryData(appConfigQuery.queryKey, testAppConfig(features, { timezone }));
  client.setQueryData(lockGroupQueries.everyGroup().queryKey, [
    { groupid: 2, name: 'North site', description: '', lockCount: 12, online: 12, offline: 0, unlocked: 0, lowBattery: 1, created: null },
  ]);
  seed?.(client);
  const path = new URL(url, 'http://x').pathname;
  return { ...renderAt(ui, { url, path, client }), requests, client };
}
