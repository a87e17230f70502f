/**
 * The reports' state in the URL: `?days=` (Replace soon: due within), `?period=` (7, 30 or 90 days),
 * `?groupid=` and, on Usage, `?lockid=`. Anything odd falls back to the default.
 */
export const PERIODS = [7, 30, 90] as const;
export const DEFAULT_PERIOD = 30;
export const DEFAULT_DUE_DAYS = 30;
const MAX_DUE_DAYS = 3650;

export interface ReportView {
  period: number;
  dueDays: number;
  groupid: number | null;
  lockid: string | null;
}

export function readReportView(search: URLSearchParams): ReportView {
  const period = Number(search.get('period'));
  const days = search.get('days');
  const dueDays = Number(days);
  const groupid = Number(search.get('groupid'));
  const lockid = (search.get('lockid') ?? '').trim();
  return {
    period: (PERIODS as readonly number[]).includes(period) ? period : DEFAULT_PERIOD,
    dueDays: days !== null && days !== '' && Number.isInteger(dueDays) && dueDays >= 0 && dueDays <= MAX_DUE_DAYS ? dueDays : DEFAULT_DUE_DAYS,
    groupid: Number.isSafeInteger(groupid) && groupid >= 1 ? groupid : null,
    lockid: lockid && lockid.length <= 64 ? lockid : null,
  };
}

export function writeReportView(current: URLSearchParams, patch: Partial<ReportView>): URLSearchParams {
  const next = new URLSearchParams(current);
  const set = (key: string, value: string | null) => (value === null ? next.delete(key) : next.set(key, value));
  if ('period' in patch) set('period', patch.period === undefined ? null : String(patch.period));
  if ('dueDays' in patch) set('days', patch.dueDays === undefined ? null : String(patch.dueDays));
  if ('groupid' in patch) set('groupid', patch.groupid == null ? null : String(patch.groupid));
  if ('lockid' in patch) set('lockid', patch.lockid ?? null);
  return next;
}

/** The lock list narrowed by its status chips and group (src/features/locks/lock-list-view.ts: `?status=&group=`). */
export function locksLink(status: 'offline' | 'lowbattery', groupid: number | null = null): string {
  const query = new URLSearchParams({ status });
  if (groupid !== null) query.set('group', String(groupid));
  return `/locks?${query}`;
}

export const lockLink = (lockid: string) => `/locks/${encodeURIComponent(lockid)}`;

/** A local day "YYYY-MM-DD" (Activity's `from`/`to` are days in the viewer's zone). */
function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Activity filtered to a type of event over the last `days` days (src/features/activity: `?type=&from=&to=&q=`). */
export function activityLink(type: 'access_denied' | 'unlocked' | 'offline', days: number, now: number, q?: string): string {
  const query = new URLSearchParams({ type, from: localDay(now - days * 86_400_000), to: localDay(now) });
  if (q) query.set('q', q);
  return `/activity?${query}`;
}
