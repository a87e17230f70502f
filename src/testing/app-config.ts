import type { AppConfig, Features } from '@contract/app-config';

/** Settings as `/app-config.json` gives them, every optional upstream feature found unless `features` says otherwise. */
export function testAppConfig(features: Partial<Features> = {}, settings: Partial<Omit<AppConfig, 'features'>> = {}): AppConfig {
  return {
    mode: 'embedded',
    pollIntervalMs: 10_000,
    offlineAlertAfterS: 300,
    timezone: 'UTC',
    upstreamOrigin: null,
    ...settings,
    features: {
      lockFilters: true,
      lockSorting: true,
      lockSummary: true,
      lockDetail: true,
      lockCommands: true,
      timedUnlock: true,
      eventHistory: true,
      eventFeed: true,
      lockGroups: true,
      access: true,
      ...features,
    },
  };
}
