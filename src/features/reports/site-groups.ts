import type { Forecast } from '@/api/reports';

export interface SiteGroup {
  /** null: the locks in no group. */
  groupid: number | null;
  name: string;
  forecasts: Forecast[];
}

/**
 * The locks due by site (a site is a lock group): a lock in several groups is under each, a lock in
 * none under "No group" (last). Groups by name; the locks keep the platform's order (soonest first).
 */
export function groupBySite(forecasts: readonly Forecast[]): SiteGroup[] {
  const groups = new Map<number, SiteGroup>();
  const ungrouped: Forecast[] = [];
  for (const forecast of forecasts) {
    if (forecast.groups.length === 0) ungrouped.push(forecast);
    for (const { groupid, name } of forecast.groups) {
      const group = groups.get(groupid) ?? { groupid, name, forecasts: [] };
      group.forecasts.push(forecast);
      groups.set(groupid, group);
    }
  }
  const sites = [...groups.values()].sort((a, b) => a.name.localeCompare(b.name) || (a.groupid ?? 0) - (b.groupid ?? 0));
  return ungrouped.length > 0 ? [...sites, { groupid: null, name: 'No group', forecasts: ungrouped }] : sites;
}
