import { queryOptions } from '@tanstack/react-query';
import * as v from 'valibot';
import type { AppConfig, Features } from '@contract/app-config';
import { ApiError, fetchEarly } from './client';

const FEATURE_NAMES = [
  'lockFilters',
  'lockSorting',
  'lockSummary',
  'lockDetail',
  'lockCommands',
  'timedUnlock',
  'eventHistory',
  'eventFeed',
  'lockGroups',
  'access',
  'lockdowns',
  'schedules',
  'roles',
  'passes',
  'accessCheck',
  'readings',
  'reports',
] as const satisfies readonly (keyof Features)[];

const bool = v.fallback(v.boolean(), false);

const appConfigSchema = v.object({
  mode: v.fallback(v.picklist(['embedded', 'proxy']), 'proxy'),
  pollIntervalMs: v.fallback(v.pipe(v.number(), v.minValue(500)), 10_000),
  offlineAlertAfterS: v.fallback(v.pipe(v.number(), v.minValue(0)), 300),
  timezone: v.fallback(v.string(), 'UTC'),
  upstreamOrigin: v.fallback(v.nullable(v.string()), null),
  features: v.fallback(
    v.object(Object.fromEntries(FEATURE_NAMES.map((name) => [name, bool])) as Record<keyof Features, typeof bool>),
    Object.fromEntries(FEATURE_NAMES.map((name) => [name, false])) as unknown as Features,
  ),
});

async function fetchAppConfig({ signal }: { signal: AbortSignal }): Promise<AppConfig> {
  let response: Response;
  try {
    response = await fetchEarly('/app-config.json', { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiError(0, 'Lockboard cannot reach its server. Check your network connection.');
  }
  if (!response.ok) throw new ApiError(response.status, `Lockboard's settings could not be loaded (HTTP ${response.status}).`);
  const parsed = v.safeParse(appConfigSchema, await response.json().catch(() => null));
  if (!parsed.success) throw new ApiError(response.status, "Lockboard's settings could not be read.");
  return parsed.output;
}

export const appConfigQuery = queryOptions({
  queryKey: ['app-config'] as const,
  queryFn: fetchAppConfig,
  staleTime: 5 * 60_000,
  refetchInterval: 5 * 60_000,
});
